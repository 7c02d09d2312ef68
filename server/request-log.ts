// Request ids and one log line per request. Each request gets an id (the caller's
// X-Request-Id when it is a sane token, otherwise a new one; echoed back) and `req.log`,
// a logger that carries the id, made only when something is logged through it: most
// requests never log more than their closing line, and a child logger per request
// would be a tenth of the work of a single evaluation.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

declare module 'node:http' {
  interface IncomingMessage {
    /** Set by requestLog. */
    id: string;
    /** The app's logger with this request's id; made on first use. */
    log: Logger;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Query parameters whose values are secrets (the setup link's one-time token): never logged. */
const SECRET_PARAM = /token|key|secret|password/i;

/** The URL as logged: the value of every secret query parameter replaced, the rest as sent. */
export function loggedUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // a name that does not decode is judged as sent
      }
      return eq >= 0 && SECRET_PARAM.test(decoded) ? `${name}=[redacted]` : pair;
    })
    .join('&');
  return `${url.slice(0, q)}?${query}`;
}

/** The closing line's level: errors for 5xx, warnings for 4xx. */
function levelOf(status: number): 'error' | 'warn' | 'info' {
  return status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
}

/**
 * Starts one request's log: its id (header and `req.id`), `req.log`, and the closing line.
 * Plain node types, so the evaluate lane (evaluate-lane.ts) logs exactly as the app does.
 */
export function requestLogger(logger: Logger): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', id);
    req.id = id;
    let child: Logger | undefined;
    Object.defineProperty(req, 'log', { configurable: true, get: () => (child ??= logger.child({ reqId: id })) });
    // Taken now: routers may rewrite req.url on the way. Secrets in the query are not kept.
    const method = req.method;
    const url = loggedUrl(req.url ?? '');
    const started = performance.now();
    res.once('close', () => {
      const finished = res.writableFinished;
      const level = finished ? levelOf(res.statusCode) : 'warn';
      if (!logger.isLevelEnabled(level)) return;
      // The id, method and path (query secrets redacted); no headers (they carry credentials: cookies, API keys).
      logger[level](
        { reqId: id, req: { method, url }, res: { statusCode: res.statusCode }, responseTime: Math.round(performance.now() - started) },
        finished ? 'request completed' : 'request aborted',
      );
    });
  };
}

export function requestLog(logger: Logger): RequestHandler {
  const begin = requestLogger(logger);
  return (req, res, next) => {
    begin(req, res);
    next();
  };
}
