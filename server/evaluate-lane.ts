// The hottest request, `POST /v1/evaluate` (one ticket, from a system at thousands an
// hour), served beside Express rather than through it: Express's own work per request
// (its request and response prototypes, the router walk, body-parser, res.json) cost
// more than evaluating the ticket, and at 1,000 requests per second on two cores that
// is the difference between a queue that drains at once and one that does not.
//
// The lane takes only the plain case: the path exactly, a JSON body (UTF-8) of a stated
// length within the limit, and a credential that resolves to a caller. Anything else is
// handed to the app untouched (the body not yet read), and the app answers it as it
// answers any request. What the lane does is made of the app's own parts: the security
// headers, the request log, the metrics, the caller, the evaluation and the error
// answers, so a request gets the same answer either way (test/server/evaluate-lane.test.ts
// sends each case both ways).
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Caller, Credentials } from './auth/index.js';
import { MalformedJsonError } from './errors.js';
import type { EvaluateResponse } from './schemas/index.js';

const EVALUATE_PATH = '/v1/evaluate';

export interface EvaluateLaneOptions {
  /** Who sent the request (the app's authenticate uses the same). */
  resolveCaller: (req: IncomingMessage) => Promise<Credentials>;
  /** The answer to a parsed body, or a thrown HttpError (the route uses the same). */
  evaluate: (body: unknown, caller: Caller) => Promise<EvaluateResponse>;
  /** What the app's middleware does to every request: request id and log, metrics, security headers. */
  begin: (req: IncomingMessage, res: ServerResponse, route: string) => void;
  /** The app's error answer. */
  fail: (err: unknown, req: IncomingMessage, res: ServerResponse) => void;
  /** The answer (the route's sendJson). */
  send: (res: ServerResponse, body: unknown) => void;
  /** The route's body limit, in bytes. */
  limit: number;
  /** Everything the lane does not take. */
  fallback: RequestListener;
  /** Requests the app answers otherwise than the lane would (a cross-site one): handed over too. */
  handOver?: (req: IncomingMessage) => boolean;
}

/**
 * How many requests each lane served itself (not handed to the app): lets the tests
 * prove that the lane, not the app behind it, answered. Kept beside the lane rather than
 * in a header, so clients see nothing of it.
 */
const servedBy = new WeakMap<RequestListener, { count: number }>();

/** Requests `handler` served itself; undefined when `handler` is not an evaluate lane. */
export function laneServed(handler: RequestListener): number | undefined {
  return servedBy.get(handler)?.count;
}

/** `application/json`, with no parameter or only `charset=utf-8`: what body-parser would read as is. */
const PLAIN_JSON = /^application\/json\s*(;\s*charset="?utf-8"?\s*)?$/i;

/** Whether the headers alone make this the lane's request (the caller is checked next). */
export function laneTakes(req: IncomingMessage, limit: number): boolean {
  if (req.method !== 'POST' || req.url !== EVALUATE_PATH) return false;
  const headers = req.headers;
  if (headers['transfer-encoding'] !== undefined || headers['content-encoding'] !== undefined) return false;
  const type = headers['content-type'];
  if (type === undefined || !PLAIN_JSON.test(type)) return false;
  const length = Number(headers['content-length']);
  return Number.isInteger(length) && length > 0 && length <= limit;
}

/** JSON as body-parser reads it in strict mode: an object or an array at the top, nothing else. */
function parseStrict(raw: string): unknown {
  // A leading byte-order mark is dropped, as body-parser's decoding drops it.
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const first = /\S/.exec(text)?.[0];
  if (first !== '{' && first !== '[') throw new MalformedJsonError(`The body must be a JSON object; it starts with ${first === undefined ? 'nothing' : `'${first}'`}.`);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new MalformedJsonError(e instanceof Error ? e.message : String(e));
  }
}

/** The body as text; rejects when the client goes before sending all of it (even while the caller was looked up). */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    if (req.destroyed) return fail(new Error('the client went away'));
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => done(Buffer.concat(chunks).toString('utf8')));
    req.once('error', fail);
    req.once('close', () => fail(new Error('the client went away'))); // after 'end' this changes nothing
  });
}

export function evaluateLane(options: EvaluateLaneOptions): RequestListener {
  const served = { count: 0 };
  const serve = async (req: IncomingMessage, res: ServerResponse, caller: Caller): Promise<void> => {
    served.count += 1;
    options.begin(req, res, EVALUATE_PATH);
    let text: string;
    try {
      text = await readBody(req);
    } catch {
      return; // the client went away mid-body: nobody to answer (the request log says aborted)
    }
    try {
      options.send(res, await options.evaluate(parseStrict(text), caller));
    } catch (e) {
      options.fail(e, req, res);
    }
  };

  const lane: RequestListener = (req, res) => {
    if (!laneTakes(req, options.limit) || options.handOver?.(req)) return options.fallback(req, res);
    options
      .resolveCaller(req)
      .then(
        // No caller: the app's guard answers 401, with its challenge.
        ({ caller }) => (caller ? serve(req, res, caller) : options.fallback(req, res)),
        // The store failing to say who this is: the app tries again and answers what it finds.
        () => options.fallback(req, res),
      )
      // Only a fault in the lane itself gets here: the client sees the connection cut, not half an answer.
      .catch((e: unknown) => res.destroy(e instanceof Error ? e : new Error(String(e))));
  };
  servedBy.set(lane, served);
  return lane;
}
