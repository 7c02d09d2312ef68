// Typed HTTP errors and the one middleware that turns any error into an
// application/problem+json response (RFC 9457). 4xx bodies say what to fix, with a JSON
// pointer per mistake; 5xx bodies hide internals (they are logged with the request id).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { schemaErrors } from '../engine/index.js';
import { ConflictError, NotFoundError, OutOfScopeError, StoreError, ValidationError } from './store/index.js';
import type { ErrorItem, Problem } from './schemas/index.js';

const TYPE_BASE = 'https://beacon.example/problems/';
/** Code of input that breaks a rule the store keeps. */
export const REQUEST_STORE_RULE = 'H102';
/** Code of a body, line or cell that is not JSON. */
export const NOT_JSON = 'H100';
/** Code of a ticket (in a batch, an import, or already stored) of a property that is not the caller's. */
export const NOT_YOUR_PROPERTY = 'H403';
/** Code of a ticket whose unit is not one of its property's units (it would charge another property's unit). */
export const FOREIGN_UNIT = 'H105';
/** Code of a unit no property registers and no stored ticket names. */
export const UNKNOWN_UNIT = 'H106';
/** Code of a string holding the NUL character (checked where the schemas are: schemas/nul.ts). */
export { NUL_IN_TEXT } from './schemas/index.js';
/** Code of a path or query that is not valid percent-encoding (`/v1/tickets/%ff`). */
export const BAD_ESCAPE = 'H108';
/** Code of a body that is not what its Content-Encoding says, or in an encoding the route does not read. */
export const BAD_BODY_ENCODING = 'H109';
/** Code of a state-changing request with a session cookie from another site (auth/origin.ts). */
export const CROSS_SITE = 'H113';
/**
 * A problem without mistakes of its own (a 404 route, a 413 body, a 401) still lists one
 * error, so every problem has `errors[]`: pointer '' (the request as a whole) and this code.
 */
export const statusCode = (status: number): string => `H${status}`;

/** The engine's errors as the API's error items; an error without a pointer points at `base`. */
export function errorItems(errors: readonly { pointer?: string | undefined; message: string; code: string; help?: string | undefined }[], base = ''): ErrorItem[] {
  return errors.map((e) => {
    const item: ErrorItem = { pointer: e.pointer ?? base, message: e.message, code: e.code };
    if (e.help !== undefined) item.help = e.help;
    return item;
  });
}

/** A ticket's mistakes against the ticket schema, pointers under `base` (where it sits in the request). */
export function ticketShapeErrors(ticket: unknown, base = ''): ErrorItem[] {
  return errorItems(schemaErrors(ticket, base), base);
}

export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    /** The last segment of the problem type URI. */
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    errors?: ErrorItem[],
  ) {
    super(detail ?? title);
    this.errors = errors ?? [{ pointer: '', code: statusCode(status), message: detail ?? title }];
  }

  /** Each mistake with its pointer; one for the whole request when nothing more precise is known. */
  readonly errors: ErrorItem[];
}

/** The request or a field of it is wrong: each mistake with its pointer. */
export class InvalidRequestError extends HttpError {
  constructor(detail: string, errors: ErrorItem[]) {
    super(400, 'invalid-request', 'The request is not valid', detail, errors);
  }
}

/** A 400 for `what` ("the request", "the ticket") with each mistake and its pointer. */
export function mistakesIn(what: string, errors: ErrorItem[]): InvalidRequestError {
  const n = errors.length;
  return new InvalidRequestError(`The ${what} has ${n} mistake${n === 1 ? '' : 's'}; each is listed in errors with its JSON pointer.`, errors);
}

export class MalformedJsonError extends HttpError {
  constructor(detail: string) {
    super(400, 'malformed-json', 'The body is not valid JSON', detail, [{ pointer: '', message: detail, code: NOT_JSON }]);
  }
}

export class RouteNotFoundError extends HttpError {
  constructor(method: string, path: string) {
    super(404, 'not-found', 'No such route', `${method} ${path} is not a route of this service; see /v1/docs.`);
  }
}

/** The ticket names a property the store does not know, or one without an active policy. */
export class UnknownPropertyError extends HttpError {
  constructor(
    property: string,
    pointer: string,
    readonly why: 'unknown' | 'no-policy',
  ) {
    const message = why === 'unknown' ? `'${property}' is not a property known to this service.` : `Property '${property}' has no active policy.`;
    super(404, why === 'unknown' ? 'unknown-property' : 'no-active-policy', why === 'unknown' ? 'Unknown property' : 'No active policy', message, [
      { pointer, message, code: 'E103' },
    ]);
  }
}

/** The property's active policy cannot be compiled (check errors, an unfilled [X]). */
export class PolicyUnusableError extends HttpError {
  constructor(property: string, errors: ErrorItem[]) {
    super(409, 'policy-unusable', 'The active policy cannot be used', `The active policy of '${property}' cannot be compiled; fix it and activate a new version.`, errors);
  }
}

export class PayloadTooLargeError extends HttpError {
  constructor(detail: string) {
    super(413, 'payload-too-large', 'The body is too large', detail);
  }
}

export class UnsupportedMediaTypeError extends HttpError {
  constructor(detail: string, code?: string) {
    super(415, 'unsupported-media-type', 'Unsupported content type', detail, code === undefined ? undefined : [{ pointer: '', code, message: detail }]);
  }
}

/** The body is not what its Content-Encoding says (`gzip` on a plain body). */
export class BadBodyEncodingError extends HttpError {
  constructor(encoding: string, why: string) {
    const detail = `The body is not ${encoding} as its Content-Encoding says (${why}); send it uncompressed, or compressed as it says.`;
    super(400, 'bad-body-encoding', 'The body cannot be decoded', detail, [{ pointer: '', code: BAD_BODY_ENCODING, message: detail }]);
  }
}

/** A streamed route reads its body as it comes, uncompressed only: 415 for any other Content-Encoding. */
export function refuseContentEncoding(encoding: string | undefined, wanted: string): void {
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
    throw new UnsupportedMediaTypeError(`${wanted}, not Content-Encoding ${encoding}.`, BAD_BODY_ENCODING);
  }
}

/** body-parser's errors carry a status and, mostly, a `type`; http-errors marks those safe to show `expose`. */
interface ParserError {
  type?: string;
  status: number;
  expose?: boolean;
  code?: string;
  message: string;
}

function isParserError(e: unknown): e is ParserError {
  return typeof e === 'object' && e !== null && typeof (e as { status?: unknown }).status === 'number';
}

/** Any error as an HttpError; undefined for the unexpected (a 500). */
export function toHttpError(e: unknown): HttpError | undefined {
  if (e instanceof HttpError) return e;
  if (isParserError(e)) {
    if (e.type === 'entity.parse.failed') return new MalformedJsonError(e.message);
    if (e.type === 'entity.too.large') return new PayloadTooLargeError(`The body is larger than this route accepts (${e.message}).`);
    if (e.type === 'encoding.unsupported') return new UnsupportedMediaTypeError(e.message, BAD_BODY_ENCODING);
    if (e.type === 'charset.unsupported') return new UnsupportedMediaTypeError(e.message);
    // zlib's refusal of a body that is not what its Content-Encoding says, passed on by body-parser as a 400.
    if (typeof e.code === 'string' && e.code.startsWith('Z_')) return new BadBodyEncodingError('compressed', e.message);
    if (e.status >= 400 && e.status < 500 && e.expose !== false) return new HttpError(e.status, 'bad-request', 'Bad request', e.message);
  }
  if (e instanceof ValidationError) {
    return new InvalidRequestError(e.message, [{ pointer: `/${e.field}`, message: e.message, code: REQUEST_STORE_RULE }]);
  }
  if (e instanceof OutOfScopeError) {
    const message = `${e.entity === 'ticket' ? 'Ticket' : e.entity} '${e.id}' belongs to property '${e.property}', which is not assigned to you; a manager writes tickets of their own properties only.`;
    return new HttpError(403, 'forbidden', 'Not allowed', message, [{ pointer: '/id', message, code: NOT_YOUR_PROPERTY }]);
  }
  if (e instanceof NotFoundError) return new HttpError(404, 'not-found', 'Not found', e.message);
  if (e instanceof ConflictError) return new HttpError(409, 'conflict', 'Conflict', e.message);
  return undefined;
}

export function problemOf(e: HttpError, requestId?: string): Problem {
  return {
    type: `${TYPE_BASE}${e.slug}`,
    title: e.title,
    status: e.status,
    ...(e.detail === undefined ? {} : { detail: e.detail }),
    ...(requestId === undefined ? {} : { requestId }),
    errors: e.errors,
  };
}

export function sendProblem(res: ServerResponse, problem: Problem): void {
  // Every 401 names how to authenticate (RFC 9110), a failed sign-in included.
  if (problem.status === 401 && !res.hasHeader('WWW-Authenticate')) res.setHeader('WWW-Authenticate', 'Bearer realm="beacon"');
  res.statusCode = problem.status;
  res.setHeader('Content-Type', 'application/problem+json; charset=utf-8');
  res.end(JSON.stringify(problem));
}

export function internalProblem(requestId?: string): Problem {
  const body: Problem = {
    type: `${TYPE_BASE}internal`,
    title: 'Internal server error',
    status: 500,
    detail: 'Something went wrong on our side; the request id identifies it in the logs.',
    errors: [{ pointer: '', code: statusCode(500), message: 'Something went wrong on our side; the request id identifies it in the logs.' }],
  };
  if (requestId !== undefined) body.requestId = requestId;
  return body;
}

/** Unmatched routes. */
export const notFoundHandler: RequestHandler = (req, _res, next) => next(new RouteNotFoundError(req.method, req.path));

/**
 * Answers `err` as a problem: what the caller must fix for a 4xx, a bare 500 (the error
 * logged with the request id) for anything else. Plain node types, so the evaluate lane
 * (evaluate-lane.ts) answers its errors as the app does.
 */
export function errorResponder(logger: Logger): (err: unknown, req: IncomingMessage, res: ServerResponse) => void {
  return (err, req, res) => {
    const requestId = typeof req.id === 'string' ? req.id : undefined;
    const known = toHttpError(err);
    const retryAfter = (known as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
    if (known && (known.status < 500 || known.status === 503)) {
      sendProblem(res, problemOf(known, requestId));
      return;
    }
    (req.log ?? logger).error({ err, kind: err instanceof StoreError ? err.name : undefined }, 'request failed');
    sendProblem(res, internalProblem(requestId));
  };
}

/** The one error middleware. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  const respond = errorResponder(logger);
  return (err, req, res, next) => {
    if (res.headersSent) {
      // A stream already started: the route reports errors inline; here we can only end it.
      logger.error({ err, reqId: req.id }, 'error after the response started');
      next(err);
      return;
    }
    respond(err, req, res);
  };
}

/** Code of a policy test that fails with the version being activated (policy versions). */
export const POLICY_TEST_FAILED = 'H430';
/** Code of a draft whose check took longer than the service allows. */
export const DRAFT_CHECK_TIMEOUT = 'H431';
/** Code of a draft section the caller's role may not change, because of whose results it feeds. */
export const SECTION_NOT_YOURS = 'H432';

/** Code of a duty the property's active policy does not declare (duties). */
export const UNKNOWN_DUTY = 'H510';
/** Code of a date that is not an occurrence of the duty's schedule. */
export const NOT_AN_OCCURRENCE = 'H511';
/** Code of an occurrence due too far ahead to be recorded as done. */
export const OCCURRENCE_TOO_EARLY = 'H512';
/** Code of a fulfilment recorded before with another time (the first record stands). */
export const FULFILMENT_RECORDED = 'H513';
/** Code of a fulfilment time given by a caller who may not give one, or one in the future. */
export const FULFILMENT_TIME = 'H514';
// Issue 12 (tickets now, scores, audit, administration): H520-H559.
/** Code of a query parameter that is not valid (its pointer `?name`). */
export const QUERY_INVALID = 'H520';
/** Code of an instant (a query's or a body's) outside 1970..2200, the engine's range (as E208). */
export const INSTANT_OUT_OF_RANGE = 'H521';
/** Code of a page cursor this service did not give, or gave for another list. */
export const BAD_CURSOR = 'H522';
/** Code of a change that would leave no active admin (disabling or demoting the last). */
export const LAST_ADMIN = 'H523';
// Issue 12, scores drill-down (GET /v1/units/{unit}/ledger): H560-H569.
/** Code of a ledger range that is missing, reversed, longer than allowed, or given both as period and from/to. */
export const LEDGER_RANGE = 'H560';
/** Code of a ledger CSV that would hold more entries than one answer builds. */
export const LEDGER_CSV_TOO_LARGE = 'H561';
