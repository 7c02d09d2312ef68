// Security headers. JSON answers get the set the OWASP REST cheat sheet lists for APIs,
// from a list made once; the HTML pages (the API page, the setup form) get helmet's full
// set for documents. helmet on every answer cost about a tenth of a millisecond each.
import type { ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

const API_HEADERS: readonly (readonly [string, string])[] = [
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
];

/** The API set on one answer: for the evaluate lane (evaluate-lane.ts), which has no middleware. */
export function setApiSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of API_HEADERS) res.setHeader(name, value);
}

export const apiSecurityHeaders: RequestHandler = (_req, res, next) => {
  setApiSecurityHeaders(res);
  next();
};

/** For routes that answer HTML: helmet's headers for documents, replacing the API set. */
export const documentSecurityHeaders: RequestHandler = helmet();
