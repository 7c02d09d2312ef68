// What the URL carries, checked before any route reads it: each path segment must be
// valid percent-encoding (`/v1/tickets/%ff` is not: Express's router would throw while
// decoding the parameter, a 500), and no path segment or query value may hold the NUL
// character (the store's query would fail on it, a 500). Refused here with a 400 naming
// the place: `{name}` for a path parameter (named by the documented route it falls on),
// `?name` for a query parameter.
import type { RequestHandler } from 'express';
import { BAD_ESCAPE, InvalidRequestError, NUL_IN_TEXT } from './errors.js';
import type { ErrorItem } from './schemas/index.js';

const NUL = '\u0000';

/** The documented route templates, as segments: `/v1/tickets/{id}` → ['', 'v1', 'tickets', '{id}']. */
function templatesOf(paths: readonly string[]): string[][] {
  return [...new Set(paths)].map((p) => p.split('/'));
}

/** Where segment `index` of `segments` sits: `{name}` on a documented route, else the segment itself. */
function placeOf(templates: readonly string[][], segments: readonly string[], index: number): string {
  for (const t of templates) {
    if (t.length !== segments.length) continue;
    if (t.every((part, i) => part.startsWith('{') || part === segments[i])) {
      const part = t[index]!;
      if (part.startsWith('{')) return part;
    }
  }
  return `path segment ${index}`;
}

/** Refuses a URL whose path does not decode, or whose path or query holds NUL. `routes`: the documented route paths. */
export function requestEdge(routes: readonly string[]): RequestHandler {
  const templates = templatesOf(routes);
  return (req, _res, next) => {
    const url = req.url;
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    // The common case costs one scan: nothing escaped, nothing to decode.
    if (path.includes('%')) {
      const segments = path.split('/');
      const errors: ErrorItem[] = [];
      segments.forEach((segment, i) => {
        let decoded: string;
        try {
          decoded = decodeURIComponent(segment);
        } catch {
          const place = placeOf(templates, segments, i);
          errors.push({ pointer: place, code: BAD_ESCAPE, message: `${place} '${segment}' is not valid percent-encoding (UTF-8 bytes as %XX): encode it with encodeURIComponent.` });
          return;
        }
        if (decoded.includes(NUL)) {
          const place = placeOf(templates, segments, i);
          errors.push({ pointer: place, code: NUL_IN_TEXT, message: `${place} contains the NUL character (%00), which no text here may hold.` });
        }
      });
      if (errors.length > 0) throw new InvalidRequestError(`The path has ${errors.length === 1 ? 'a mistake' : `${errors.length} mistakes`}; each is listed in errors.`, errors);
    }
    if (q >= 0 && url.includes('%00', q)) {
      const errors: ErrorItem[] = [];
      for (const [name, value] of Object.entries(req.query as Record<string, unknown>)) {
        const values = Array.isArray(value) ? value : [value];
        if (name.includes(NUL) || values.some((v) => typeof v === 'string' && v.includes(NUL))) {
          errors.push({ pointer: `?${name.replaceAll(NUL, '\\u0000')}`, code: NUL_IN_TEXT, message: `The query parameter ?${name.replaceAll(NUL, '\\u0000')} contains the NUL character (%00), which no text here may hold.` });
        }
      }
      if (errors.length > 0) throw new InvalidRequestError('The query has mistakes; each is listed in errors.', errors);
    }
    next();
  };
}
