// A quick yes to "does this ticket match ticketSchema?" for the common case, so that
// evaluate() does not pay for ajv's every-error walk (its unicode regular expressions
// over every text) on a ticket that is fine: on the peers workload that walk alone cost
// as much as a hand-written evaluation (issue 13). It is conservative: `true` only when
// every rule of the schema (engine/schemas.ts) certainly holds; anything unusual (a text
// near a length limit, a surrogate, an instant in another layout, a number field of
// another type) answers `false`, and the caller then asks the generated validator, which
// decides and explains. test/engine/evaluate/shape-ok.test.ts checks that every `true`
// is a ticket the schema accepts.
import { MAX_TICKET_FIELDS } from '../schemas.js';

const NAME_MAX = 200;
const NOTE_MAX = 2000;
const FIELD_NAME_MAX = 100;

/** Within `max` UTF-16 units and free of control characters (U+0000-U+001F, U+007F) and surrogates. */
function plain(s: string, max: number): boolean {
  if (s.length > max) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || (c >= 0xd800 && c <= 0xdfff)) return false;
  }
  return true;
}

/** Free text: tab, line feed and carriage return allowed besides what `plain` allows. */
function text(s: string, max: number): boolean {
  if (s.length > max) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f || (c >= 0xd800 && c <= 0xdfff)) return false;
  }
  return true;
}

const name = (v: unknown): boolean => typeof v === 'string' && v.length > 0 && plain(v, NAME_MAX);

/** Whether the two characters at i are digits. */
function digits2(s: string, i: number): boolean {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9;
}

/** yyyy-mm-ddThh:mm:ss+hh:mm or yyyy-mm-ddThh:mm:ssZ, digits where digits go (the schema's pattern asks no more). */
function instant(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const n = v.length;
  if (n !== 25 && n !== 20) return false;
  if (!(digits2(v, 0) && digits2(v, 2) && digits2(v, 5) && digits2(v, 8) && digits2(v, 11) && digits2(v, 14) && digits2(v, 17))) return false;
  // - - T : :
  if (v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45 || v.charCodeAt(10) !== 84 || v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58) return false;
  const sign = v.charCodeAt(19);
  if (n === 20) return sign === 90; // Z
  return (sign === 43 || sign === 45) && digits2(v, 20) && v.charCodeAt(22) === 58 && digits2(v, 23);
}

function event(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const e = v as Record<string, unknown>;
  let required = 0;
  for (const key in e) {
    const value = e[key];
    switch (key) {
      case 'type':
        if (!name(value)) return false;
        required++;
        break;
      case 'at':
        if (!instant(value)) return false;
        required++;
        break;
      case 'by':
        if (value !== undefined && !(typeof value === 'string' && plain(value, NAME_MAX))) return false;
        break;
      case 'note':
        if (value !== undefined && !(typeof value === 'string' && text(value, NOTE_MAX))) return false;
        break;
      default:
        return false;
    }
  }
  return required === 2;
}

function flags(v: unknown): boolean {
  if (v === undefined) return true;
  if (!Array.isArray(v) || v.length > 50) return false;
  for (let i = 0; i < v.length; i++) {
    if (!name(v[i])) return false;
    for (let j = 0; j < i; j++) if (v[j] === v[i]) return false;
  }
  return true;
}

function events(v: unknown): boolean {
  if (!Array.isArray(v) || v.length > 1000) return false;
  for (let i = 0; i < v.length; i++) if (!event(v[i])) return false;
  return true;
}

/** Any other field: a policy's attribute or a system's extra, a one-line name and a plain value. */
function extra(key: string, v: unknown): boolean {
  if (!plain(key, FIELD_NAME_MAX)) return false;
  if (typeof v === 'string') return text(v, NOTE_MAX);
  return v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

/** The rule of one field: the schema's own fields each with theirs, any other as an extra. */
function field(key: string, v: unknown): boolean {
  switch (key) {
    case 'id':
    case 'property':
    case 'unit':
    case 'category':
    case 'priority':
      return name(v);
    case 'kind':
    case 'channel':
    case 'severity':
      return v === undefined || name(v);
    case 'createdAt':
      return instant(v);
    case 'appointmentAt':
      return v === undefined || v === null || instant(v);
    case 'issueKey':
    case 'household':
      return v === undefined || v === null || (typeof v === 'string' && plain(v, NAME_MAX));
    case 'repeatCount':
      return v === undefined || (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1_000_000);
    case 'flags':
      return flags(v);
    case 'events':
      return events(v);
    default:
      return extra(key, v);
  }
}

/** True only for a ticket the ticket schema accepts; false means "ask the full validator". */
export function shapeOk(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const t = value as Record<string, unknown>;
  if (t['id'] === undefined || t['property'] === undefined || t['unit'] === undefined || t['category'] === undefined || t['priority'] === undefined || t['createdAt'] === undefined || t['events'] === undefined) return false;
  let count = 0;
  for (const key in t) {
    // Inherited fields are counted and checked too: stricter than the schema, never looser.
    if (++count > MAX_TICKET_FIELDS || !field(key, t[key])) return false;
  }
  return true;
}
