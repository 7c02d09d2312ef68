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
    readonly errors?: ErrorItem[],
  ) {
    super(detail ?? title);
  }
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
  constructor(detail: string) {
    super(415, 'unsupported-media-type', 'Unsupported content type', detail);
  }
}

/** body-parser's errors carry a `type` and a status. */
interface ParserError {
  type: string;
  status?: number;
  message: string;
}

function isParserError(e: unknown): e is ParserError {
  return typeof e === 'object' && e !== null && typeof (e as { type?: unknown }).type === 'string' && typeof (e as { status?: unknown }).status === 'number';
}

/** Any error as an HttpError; undefined for the unexpected (a 500). */
export function toHttpError(e: unknown): HttpError | undefined {
  if (e instanceof HttpError) return e;
  if (isParserError(e)) {
    if (e.type === 'entity.parse.failed') return new MalformedJsonError(e.message);
    if (e.type === 'entity.too.large') return new PayloadTooLargeError(`The body is larger than this route accepts (${e.message}).`);
    if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') return new UnsupportedMediaTypeError(e.message);
    if (e.status !== undefined && e.status >= 400 && e.status < 500) return new HttpError(e.status, 'bad-request', 'Bad request', e.message);
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
  const body: Problem = { type: `${TYPE_BASE}${e.slug}`, title: e.title, status: e.status };
  if (e.detail !== undefined) body.detail = e.detail;
  if (requestId !== undefined) body.requestId = requestId;
  if (e.errors !== undefined) body.errors = e.errors;
  return body;
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
    if (known && known.status < 500) {
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
