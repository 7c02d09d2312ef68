// The one Ajv instance. Each schema is compiled once, on first use, and the compiled
// function is kept; errors come back as { pointer, message, code } items.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { evaluationResultSchema, ticketSchema } from '../../engine/index.js';
import type { ErrorItem } from './common.js';
import { NUL_IN_TEXT, nulMessage, refuseNul } from './nul.js';

const ajv = new Ajv2020({ allErrors: true, strict: false });
// The engine's schemas are referenced by $id from the server's (ticketSchema embeds the event schema).
ajv.addSchema(ticketSchema);
ajv.addSchema(evaluationResultSchema);

const compiled = new WeakMap<object, ValidateFunction>();

function compiledFor(schema: object): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    fn = ajv.compile(refuseNul(schema));
    compiled.set(schema, fn);
  }
  return fn;
}

/** Code of a request that does not match its schema (outside the ticket, whose codes are the engine's). */
export const REQUEST_INVALID = 'H101';

function pointerOf(e: ErrorObject): string {
  const escape = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');
  if (e.keyword === 'required') return `${e.instancePath}/${escape(String(e.params['missingProperty']))}`;
  if (e.keyword === 'additionalProperties') return `${e.instancePath}/${escape(String(e.params['additionalProperty']))}`;
  return e.instancePath;
}

function messageOf(e: ErrorObject, pointer: string): string {
  const where = pointer || '/';
  if (e.keyword === 'required') return `${where} is required.`;
  if (e.keyword === 'additionalProperties') return `${where} is not a known field.`;
  if (e.keyword === 'not') return nulMessage(pointer); // refuseNul's is the only `not` of the server's schemas
  if (e.keyword === 'pattern') return `${where} must be an ISO 8601 instant with a UTC offset, such as 2026-03-02T08:05:00+08:00.`;
  return `${where} ${e.message ?? 'is not valid'}.`;
}

export type Check<T> = { ok: true; value: T } | { ok: false; errors: ErrorItem[] };

/** Validates `value` against `schema` (compiled once); every problem with its pointer, one per pointer. */
export function check<T>(schema: object, value: unknown): Check<T> {
  const validate = compiledFor(schema);
  if (validate(value)) return { ok: true, value: value as T };
  const seen = new Set<string>();
  const errors: ErrorItem[] = [];
  for (const e of validate.errors ?? []) {
    const pointer = pointerOf(e);
    if (seen.has(pointer)) continue;
    seen.add(pointer);
    errors.push({ pointer, message: messageOf(e, pointer), code: e.keyword === 'not' ? NUL_IN_TEXT : REQUEST_INVALID });
  }
  return { ok: false, errors };
}
