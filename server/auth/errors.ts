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
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'too-many-attempts', 'Too many failed sign-ins', `Too many failed sign-ins for this name from this address; try again in ${retryAfterSeconds} s.`);
  }
}
