// "Does this ticket match ticketSchema?" without ajv, so that evaluate() does not pay for
// the generated validator's every-error walk on a ticket that is fine (issue 13). The
// answer is meant to be the validator's own on any JSON value, field by field as the
// generated code (ticket-validator.generated.ts) decides it: required fields and
// `properties` are read as `data.x` (inherited ones too), names and extras over `for
// … in`, counts over Object.keys. Where it cannot match cheaply it says no, never yes: a
// no only sends the ticket to the validator, which decides and explains; a wrong yes
// would evaluate a ticket nobody checked. test/engine/evaluate/fast-path.test.ts holds
// both to the same verdict on generated tickets.
import { MAX_TICKET_DEADLINES, MAX_TICKET_FIELDS } from '../schemas.js';
import { isFieldName, isInstantText, isName, isNote, isShortText } from './shape-text.js';

const MAX_EVENTS = 1000;
const MAX_FLAGS = 50;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function event(v: unknown): boolean {
  if (!isObject(v)) return false;
  // additionalProperties: false, judged over `for … in` as the generated code does.
  for (const key in v) if (key !== 'type' && key !== 'at' && key !== 'by' && key !== 'note' && key !== 'reason') return false;
  const { type, at, by, note, reason } = v;
  return (
    isName(type) &&
    isInstantText(at) &&
    (by === undefined || isShortText(by)) &&
    (note === undefined || isNote(note)) &&
    (reason === undefined || isName(reason))
  );
}

function events(v: unknown): boolean {
  if (!Array.isArray(v) || v.length > MAX_EVENTS) return false;
  for (let i = 0; i < v.length; i++) if (!event(v[i])) return false;
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
  if (!isObject(v) || Object.keys(v).length > MAX_TICKET_DEADLINES) return false;
  for (const name in v) if (!isFieldName(name, 1) || !isInstantText(v[name])) return false;
  return true;
}

/** A field the schema does not name: a policy's attribute or a system's extra, a plain value. */
function extra(v: unknown): boolean {
  if (typeof v === 'string') return isNote(v);
  return v === null || typeof v === 'boolean' || typeof v === 'number';
}

const orNull = (test: (v: unknown) => boolean) => (v: unknown) => v === null || test(v);

/** The schema's `properties`, each with its rule; absent (undefined) passes, as in the generated code. */
const FIELDS: readonly (readonly [string, (v: unknown) => boolean])[] = [
  ['id', isName],
  ['property', isName],
  ['unit', isName],
  ['category', isName],
  ['priority', isName],
  ['kind', isName],
  ['channel', isName],
  ['severity', isName],
  ['createdAt', isInstantText],
  ['appointmentAt', orNull(isInstantText)],
  ['issueKey', orNull(isShortText)],
  ['household', orNull(isShortText)],
  ['repeatCount', (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1_000_000],
  ['flags', flags],
  ['deadlines', deadlines],
  ['events', events],
];
const NAMED: ReadonlySet<string> = new Set(FIELDS.map(([name]) => name));

const REQUIRED = ['id', 'property', 'unit', 'category', 'priority', 'createdAt', 'events'] as const;

/** True only for a ticket the ticket schema accepts; false means "ask the full validator". */
export function shapeOk(value: unknown): boolean {
  if (!isObject(value)) return false;
  const t = value;
  if (Object.keys(t).length > MAX_TICKET_FIELDS) return false;
  for (let i = 0; i < REQUIRED.length; i++) if (t[REQUIRED[i]!] === undefined) return false;
  // Named fields are read as the generated code reads them (t.kind), inherited ones included.
  for (let i = 0; i < FIELDS.length; i++) {
    const [name, rule] = FIELDS[i]!;
    const v = t[name];
    if (v !== undefined && !rule(v)) return false;
  }
  for (const key in t) if (!isFieldName(key, 0) || (!NAMED.has(key) && !extra(t[key]))) return false;
  return true;
}
