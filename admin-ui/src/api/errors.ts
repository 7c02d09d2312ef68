// The server's problem answers as typed errors: a status, a code (the problem type's last
// segment, e.g. `stale-base`), the server's message, and each mistake with its pointer.
// Callers branch on the class or the code, never on the message's wording.
import type { Problem, ProblemItem } from './types.js';

export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  /** The problem type's last segment: `stale-base`, `policy-invalid`, `forbidden`… */
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: readonly ProblemItem[];
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.problem = problem;
    this.status = problem.status;
    this.code = problem.type.slice(problem.type.lastIndexOf('/') + 1);
    this.title = problem.title;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
  }

  /** The first mistake's pointer, when the server named one. */
  get pointer(): string | undefined {
    return this.errors[0]?.pointer;
  }
}

/** No credentials, or they ended: the app returns to the sign-in page. */
export class UnauthorisedError extends ApiError {
  override name = 'UnauthorisedError';
}

/** The server could not be reached, or answered something that is not JSON. */
export class NetworkError extends Error {
  override name = 'NetworkError';
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as Problem).type === 'string' && typeof (value as Problem).status === 'number';
}

/** The typed error for a failed answer's status and body (parsed JSON or undefined). */
export function errorOf(status: number, body: unknown): ApiError {
  const problem: Problem = isProblem(body) ? body : { type: `about:blank/http-${status}`, title: `HTTP ${status}`, status };
  return status === 401 ? new UnauthorisedError(problem) : new ApiError(problem);
}
