// 401 and 403 as problems: 401 when no live credential came, 403 naming what the route needs.
import { HttpError } from '../errors.js';

export class UnauthenticatedError extends HttpError {
  constructor(detail = 'Sign in (POST /v1/auth/login) or send Authorization: Bearer <api key>.') {
    super(401, 'unauthenticated', 'Authentication required', detail);
  }
}

export class ForbiddenError extends HttpError {
  constructor(detail: string) {
    super(403, 'forbidden', 'Not allowed', detail);
  }
}

export class BadCredentialsError extends HttpError {
  constructor(detail = 'The name or the password is wrong.') {
    super(401, 'bad-credentials', 'Sign-in failed', detail);
  }
}

export class TooManyAttemptsError extends HttpError {
  constructor(
    readonly retryAfterSeconds: number,
    what = 'for this name from this address',
  ) {
    super(429, 'too-many-attempts', 'Too many failed sign-ins', `Too many failed sign-ins ${what}; try again in ${retryAfterSeconds} s.`);
  }
}

/** Every turn at password hashing is taken and enough wait: try again shortly. */
export class BusyError extends HttpError {
  constructor(readonly retryAfterSeconds: number) {
    super(503, 'busy', 'Busy checking passwords', `Too many sign-ins are being checked at once; try again in ${retryAfterSeconds} s.`);
  }
}
