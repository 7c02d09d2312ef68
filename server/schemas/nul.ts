// The NUL character (U+0000) in request text. PostgreSQL and PGlite refuse it in text and
// JSONB (pg-mem takes it), so a NUL that reaches the store fails the query: a 500 where the
// caller sent a wrong string. It is refused at the edge instead, where the pointer is known:
// every string a server schema describes (refuseNul, applied by check() to each schema it
// compiles), every string of a ticket (nulMistakes, by the routes that take tickets, so a
// batch answers it as that ticket's mistake), and the URL's path and query (request-edge.ts).
import type { ErrorItem } from './common.js';

/** Code of a string holding the NUL character. */
export const NUL_IN_TEXT = 'H107';

const NUL = '\u0000';

/** `schema` with every string it describes also refusing NUL (a copy; the original, which the OpenAPI document is made from, is left alone). */
export function refuseNul<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map((s: unknown) => refuseNul(s)) as T;
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) out[key] = refuseNul(value);
  const type = out['type'];
  if (type === 'string' || (Array.isArray(type) && type.includes('string'))) {
    // `type: 'string'` inside the `not`: a null or number beside the string stays valid.
    out['allOf'] = [...((out['allOf'] as unknown[] | undefined) ?? []), { not: { type: 'string', pattern: NUL } }];
  }
  return out as T;
}

/** The message of the error refuseNul's addition makes. */
export function nulMessage(pointer: string): string {
  return `${pointer || '/'} contains the NUL character (\\u0000), which no text here may hold.`;
}

const escape = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Each string (value or key) under `value` that holds NUL, at its pointer under `base`. */
export function nulMistakes(value: unknown, base = ''): ErrorItem[] {
  const found: ErrorItem[] = [];
  const walk = (v: unknown, pointer: string, depth: number): void => {
    if (typeof v === 'string') {
      if (v.includes(NUL)) found.push({ pointer, code: NUL_IN_TEXT, message: nulMessage(pointer) });
    } else if (typeof v === 'object' && v !== null && depth < 64) {
      if (Array.isArray(v)) {
        v.forEach((item, i) => walk(item, `${pointer}/${i}`, depth + 1));
      } else {
        for (const [key, item] of Object.entries(v)) {
          const at = `${pointer}/${escape(key)}`;
          if (key.includes(NUL)) found.push({ pointer: at, code: NUL_IN_TEXT, message: `The field name at ${nulMessage(at)}` });
          walk(item, at, depth + 1);
        }
      }
    }
  };
  walk(value, base, 0);
  return found;
}
