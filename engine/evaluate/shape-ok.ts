// "Does this ticket match ticketSchema?" without ajv, so that evaluate() does not pay for
// the generated validator's every-error walk on a ticket that is fine (issue 13). The
// answer is meant to be the validator's own on any JSON value, each rule as the generated
// code (ticket-validator.generated.ts) decides it, in one pass over each object's fields.
// Where it cannot match cheaply (an object of another prototype) it says no, never yes: a
// no only sends the ticket to the validator, which decides and explains; a wrong yes
// would evaluate a ticket nobody checked. test/engine/evaluate/fast-path.test.ts holds
// both to the same verdict on generated tickets.
//
// The pass that looks at every instant's text and event type also reads them (parsed.ts's
// ParsedTicket): checking a text's shape and then parsing it again was a tenth of
// evaluate()'s time.
import { knownEventId } from '../compile/event-ids.js';
import { MAX_TICKET_DEADLINES, MAX_TICKET_FIELDS } from '../schemas.js';
import { fastInstant, NOT_FAST, parseInstant } from './instant.js';
import type { ParsedTicket } from './parsed.js';
import { isFieldName, isInstantText, isName, isNote, isShortText } from './shape-text.js';

const MAX_EVENTS = 1000;
const MAX_FLAGS = 50;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * An object whose fields `for … in` lists completely: no prototype but Object's (or none),
 * as anything JSON.parse or structuredClone makes. The generated code reads named fields
 * as `data.x`, which would see a field inherited from another prototype even when no loop
 * lists it; such an object goes to the validator instead.
 */
function plainObject(v: unknown): v is Record<string, unknown> {
  if (!isObject(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** The instant of a text of the schema's instant shape, NOT_FAST for a text of another shape (NaN: the shape, but no real date). */
function instantOf(v: unknown): number {
  if (typeof v !== 'string') return NOT_FAST;
  const ms = fastInstant(v);
  if (ms !== NOT_FAST) return ms;
  return isInstantText(v) ? parseInstant(v) : NOT_FAST;
}

function event(v: unknown, i: number, out: ParsedTicket): boolean {
  if (!plainObject(v)) return false;
  let required = 0;
  for (const key in v) {
    const value = v[key];
    switch (key) {
      case 'type':
        if (value === undefined) break;
        if (!isName(value)) return false;
        out.ids[i] = knownEventId(value as string);
        required++;
        break;
      case 'at': {
        if (value === undefined) break;
        const ms = instantOf(value);
        if (ms === NOT_FAST) return false;
        out.times[i] = ms;
        required++;
        break;
      }
      case 'by':
        if (value !== undefined && !isShortText(value)) return false;
        break;
      case 'note':
        if (value !== undefined && !isNote(value)) return false;
        break;
      case 'reason':
        if (value !== undefined && !isName(value)) return false;
        break;
      default:
        // additionalProperties: false.
        return false;
    }
  }
  return required === 2;
}

function events(v: unknown, out: ParsedTicket): boolean {
  if (!Array.isArray(v) || v.length > MAX_EVENTS) return false;
  out.times = new Array<number>(v.length);
  out.ids = new Array<number>(v.length);
  for (let i = 0; i < v.length; i++) if (!event(v[i], i, out)) return false;
  return true;
}

function flags(v: unknown): boolean {
  if (!Array.isArray(v) || v.length > MAX_FLAGS) return false;
  for (let i = 0; i < v.length; i++) {
    if (!isName(v[i])) return false;
    for (let j = 0; j < i; j++) if (v[j] === v[i]) return false;
  }
  return true;
}

/** Instants by name: at most 20, each name 1-100 code points on one line. */
function deadlines(v: unknown): boolean {
  if (!plainObject(v)) return false;
  let count = 0;
  for (const name in v) if (++count > MAX_TICKET_DEADLINES || !isFieldName(name, 1) || !isInstantText(v[name])) return false;
  return true;
}

/** A field the schema does not name: a policy's attribute or a system's extra, a plain value. */
function extra(key: string, v: unknown): boolean {
  if (!isFieldName(key, 0)) return false;
  if (typeof v === 'string') return isNote(v);
  return v === null || typeof v === 'boolean' || typeof v === 'number';
}

/** One field of the ticket: the schema's `properties` each with its rule (absent passes), any other as an extra. */
function field(key: string, v: unknown, out: ParsedTicket): boolean {
  switch (key) {
    case 'id':
    case 'property':
    case 'unit':
    case 'category':
    case 'priority':
    case 'kind':
    case 'channel':
    case 'severity':
      return v === undefined || isName(v);
    case 'createdAt':
      if (v === undefined) return true;
      out.createdMs = instantOf(v);
      return out.createdMs !== NOT_FAST;
    case 'appointmentAt':
      if (v === undefined || v === null) return true;
      out.appointmentMs = instantOf(v);
      return out.appointmentMs !== NOT_FAST;
    case 'issueKey':
    case 'household':
      return v === undefined || v === null || isShortText(v);
    case 'repeatCount':
      return v === undefined || (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1_000_000);
    case 'flags':
      return v === undefined || flags(v);
    case 'deadlines':
      return v === undefined || deadlines(v);
    case 'events':
      return v === undefined || events(v, out);
    default:
      return extra(key, v);
  }
}

/**
 * The ticket's instants and event types, as parseTicket reads them, for a ticket the
 * ticket schema accepts; undefined means "ask the full validator".
 */
export function soundTicket(value: unknown): ParsedTicket | undefined {
  if (!plainObject(value)) return undefined;
  const t = value;
  if (t['id'] === undefined || t['property'] === undefined || t['unit'] === undefined || t['category'] === undefined || t['priority'] === undefined || t['createdAt'] === undefined || t['events'] === undefined) return undefined;
  const out: ParsedTicket = { createdMs: Number.NaN, appointmentMs: null, times: NO_NUMBERS, ids: NO_NUMBERS };
  let count = 0;
  for (const key in t) if (++count > MAX_TICKET_FIELDS || !field(key, t[key], out)) return undefined;
  return out;
}

const NO_NUMBERS: number[] = [];

/** True only for a ticket the ticket schema accepts; false means "ask the full validator". */
export function shapeOk(value: unknown): boolean {
  return soundTicket(value) !== undefined;
}
