// A ticket is checked before it is evaluated: first its shape against the
// JSON Schema (ajv), then its words against the policy (categories, tiers,
// attribute values, event types, flags). Every problem names its JSON pointer.
import type { ErrorObject } from 'ajv';
import type { CompiledPolicy } from '../compile/types.js';
import { engineError, pointerToken, type EngineError } from '../errors.js';
import { NO_CONTROL_CHARACTERS, TEXT_CHARACTERS } from '../schemas.js';
import { didYouMean } from '../suggest.js';
import type { Ticket } from '../ticket.js';
import { historyErrors } from './history.js';
import { inSupportedRange, INSTANT_RANGE_TEXT, parseInstant } from './instant.js';
import { parseTicket, type ParsedTicket } from './parsed.js';
import { knownEventId } from '../compile/event-ids.js';
import { wordsOk } from './words-ok.js';

import { validate as generatedValidator } from './ticket-validator.generated.js';

/**
 * The ticket schema's validator, generated ahead of time from ticketSchema (ajv's
 * standalone code, scripts/generate-ticket-validator.ts): compiling it here would need
 * `eval`, which a browser with a strict Content Security Policy refuses.
 */
const validateTicket = generatedValidator as unknown as { (data: unknown): boolean; errors?: ErrorObject[] | null };

function schemaValidator(): typeof validateTicket {
  return validateTicket;
}

function schemaMessage(e: ErrorObject): string {
  if (e.keyword === 'required') return `is missing the required field '${String(e.params['missingProperty'])}'`;
  if (e.keyword === 'pattern' && e.params['pattern'] === NO_CONTROL_CHARACTERS) return 'must not contain control characters (such as NUL or a line break)';
  if (e.keyword === 'pattern' && e.params['pattern'] === TEXT_CHARACTERS) return 'must not contain control characters other than tab and line breaks (such as NUL)';
  if (e.keyword === 'pattern') return 'must be an ISO 8601 instant with a UTC offset, such as 2026-03-02T08:05:00+08:00';
  if (e.keyword === 'maxProperties') return `has more than ${String(e.params['limit'])} fields`;
  if (e.keyword === 'propertyNames') return `has a field name that is too long or contains control characters`;
  if (e.keyword === 'additionalProperties') return `has an unknown field '${String(e.params['additionalProperty'])}'`;
  return e.message ?? 'is not valid';
}

export function schemaErrors(ticket: unknown, base = ''): EngineError[] {
  const validate = schemaValidator();
  if (validate(ticket)) return [];
  const seen = new Set<string>();
  return (validate.errors ?? []).flatMap((e) => {
    const pointer = e.keyword === 'required' ? `${base}${e.instancePath}/${pointerToken(String(e.params['missingProperty']))}` : `${base}${e.instancePath}`;
    const message = `${pointer || '/'} ${schemaMessage(e)}.`;
    if (seen.has(pointer)) return [];
    seen.add(pointer);
    return [engineError('E201', message, { pointer })];
  });
}

function unknownWord(code: 'E202' | 'E203' | 'E204' | 'E205' | 'E206' | 'E320', pointer: string, what: string, value: string, known: Iterable<string>): EngineError {
  const list = [...known];
  const suggestion = didYouMean(value, list);
  return engineError(code, `${pointer} '${value}' is not ${/^[aeiou]/i.test(what) ? 'an' : 'a'} ${what} of this policy.`, {
    pointer,
    help: suggestion ? `Did you mean '${suggestion}'?` : `Known: ${list.slice(0, 12).join(', ')}${list.length > 12 ? ', …' : ''}.`,
  });
}

/** Words of the ticket the policy does not declare. */
export function vocabularyErrors(policy: CompiledPolicy, ticket: Ticket, base = ''): EngineError[] {
  const errors: EngineError[] = [];
  if (!policy.categories.includes(ticket.category)) errors.push(unknownWord('E202', `${base}/category`, 'category', ticket.category, policy.categories));
  if (!policy.tiers.includes(ticket.priority)) errors.push(unknownWord('E203', `${base}/priority`, 'priority tier', ticket.priority, policy.tiers));
  for (const [name, members] of policy.attributes) {
    const value = ticket[name];
    if (typeof value === 'string' && !members.has(value)) errors.push(unknownWord('E204', `${base}/${pointerToken(name)}`, `${name} value`, value, members));
  }
  ticket.events.forEach((e, i) => {
    if (!policy.events.has(e.type)) errors.push(unknownWord('E205', `${base}/events/${i}/type`, 'event type', e.type, policy.events));
    else pushInstantError(errors, `${base}/events/${i}/at`, e.at);
    if (e.reason !== undefined) {
      const problem = pauseReasonError(policy, e.type, e.reason, `${base}/events/${i}/reason`);
      if (problem) errors.push(problem);
    }
  });
  (ticket.flags ?? []).forEach((f, i) => {
    if (!policy.flags.has(f)) errors.push(unknownWord('E206', `${base}/flags/${i}`, 'flag', f, policy.flags));
  });
  for (const field of ['createdAt', 'appointmentAt'] as const) {
    const v = ticket[field];
    if (typeof v === 'string') pushInstantError(errors, `${base}/${field}`, v);
  }
  for (const [name, at] of Object.entries(ticket.deadlines ?? {})) {
    const pointer = `${base}/deadlines/${pointerToken(name)}`;
    if (!policy.deadlines.has(name)) errors.push(unknownWord('E320', pointer, 'deadline', name, policy.deadlines));
    else pushInstantError(errors, pointer, at);
  }
  // The order of events is judged only on a ticket whose words and instants are sound.
  return errors.length > 0 ? errors : historyErrors(policy, ticket, base);
}

/**
 * E330: a reason is given only on an event some clock pauses on, and only one the
 * policy declares in `pause reasons { … }`; a pause may also give none.
 */
function pauseReasonError(policy: CompiledPolicy, type: string, reason: string, pointer: string): EngineError | null {
  if (!policy.pauseEvents?.has(type)) {
    return engineError('E330', `${pointer} '${type}' pauses no clock of this policy, so it cannot give a pause reason.`, { pointer, help: 'Remove the reason, or give it on the pause event.' });
  }
  const declared = policy.pauseReasons;
  if (declared?.has(reason)) return null;
  if (!declared) return engineError('E330', `${pointer} '${reason}' is not a pause reason: this policy declares none.`, { pointer, help: 'Declare the reasons the group accepts: `pause reasons { waiting_parts "等待配件" }`.' });
  const suggestion = didYouMean(reason, [...declared]);
  return engineError('E330', `${pointer} '${reason}' is not a pause reason of this policy.`, { pointer, help: suggestion ? `Did you mean '${suggestion}'?` : `Known: ${[...declared].join(', ')}.` });
}

/** The problem with an instant's text, if any: not a real instant (E207) or outside the supported range (E208). */
export function instantError(pointer: string, text: string): EngineError | null {
  const ms = parseInstant(text);
  if (Number.isNaN(ms)) return engineError('E207', `${pointer} '${text}' is not a real instant.`, { pointer });
  if (!inSupportedRange(ms)) {
    return engineError('E208', `${pointer} '${text}' is outside the instants Beacon supports.`, { pointer, help: `Use an instant from ${INSTANT_RANGE_TEXT}.` });
  }
  return null;
}

function pushInstantError(errors: EngineError[], pointer: string, text: string): void {
  const e = instantError(pointer, text);
  if (e) errors.push(e);
}

/** Shape, then words: a ticket that fails the schema is not read further. */
export function ticketErrors(policy: CompiledPolicy, ticket: unknown, base = ''): EngineError[] {
  const shape = schemaErrors(ticket, base);
  return shape.length > 0 ? shape : vocabularyErrors(policy, ticket as Ticket, base);
}

/**
 * The same judgement as vocabularyErrors, without building messages: the hot path of a
 * simulation. `parsed` (parseTicket) lets the caller parse the ticket's instants once for
 * every policy and for the reading that follows.
 */
export function vocabularyOk(policy: CompiledPolicy, ticket: Ticket, parsed: ParsedTicket = parseTicket(ticket)): boolean {
  return wordsOk(policy, ticket, parsed);
}

const REQUIRED_TEXT = ['id', 'property', 'unit', 'category', 'priority', 'createdAt'] as const;

/**
 * The shape checks evaluation depends on, without the JSON Schema machinery:
 * for streams of stored or exported history, where ajv's full check per line
 * would cost more than the evaluation. Returns the first problem, or null.
 */
export function quickShapeError(value: unknown): EngineError | null {
  return readQuickShape(value).error ?? null;
}

/**
 * quickShapeError's checks and parseTicket's reading in one pass, for a stream's hot path:
 * each instant parsed once as it is checked, each event type's id looked up as it is read.
 * The first problem, or the reading.
 */
export function readQuickShape(value: unknown): { parsed: ParsedTicket; error?: undefined } | { parsed?: undefined; error: EngineError } {
  const fail = (error: EngineError) => ({ error });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(engineError('E201', 'A ticket must be a JSON object.', { pointer: '' }));
  const t = value as Record<string, unknown>;
  for (const field of REQUIRED_TEXT) {
    if (typeof t[field] !== 'string' || t[field] === '') return fail(engineError('E201', `/${field} is missing or not a text.`, { pointer: `/${field}` }));
  }
  // inSupportedRange(NaN) is false: an unreal instant and one out of range both go to instantError, which tells them apart.
  const createdMs = parseInstant(t['createdAt'] as string);
  if (!inSupportedRange(createdMs)) return fail(instantError('/createdAt', t['createdAt'] as string) as EngineError);
  if (!Array.isArray(t['events'])) return fail(engineError('E201', '/events must be a list.', { pointer: '/events' }));
  const events = t['events'] as unknown[];
  const n = events.length;
  const times = new Array<number>(n);
  const ids = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const e = events[i] as Record<string, unknown> | null;
    if (typeof e !== 'object' || e === null || typeof e['type'] !== 'string' || typeof e['at'] !== 'string') return fail(engineError('E201', `/events/${i} needs a type and an at.`, { pointer: `/events/${i}` }));
    const ms = parseInstant(e['at']);
    if (!inSupportedRange(ms)) return fail(instantError(`/events/${i}/at`, e['at']) as EngineError);
    // The words' check (vocabularyErrors) reads a reason as text: any other value would throw there.
    if (e['reason'] !== undefined && typeof e['reason'] !== 'string') return fail(engineError('E201', `/events/${i}/reason must be a text.`, { pointer: `/events/${i}/reason` }));
    times[i] = ms;
    ids[i] = knownEventId(e['type']);
  }
  if (t['flags'] !== undefined && (!Array.isArray(t['flags']) || (t['flags'] as unknown[]).some((f) => typeof f !== 'string'))) return fail(engineError('E201', '/flags must be a list of texts.', { pointer: '/flags' }));
  let appointmentMs: number | null = null;
  const appointment = t['appointmentAt'];
  if (appointment !== undefined && appointment !== null) {
    if (typeof appointment !== 'string') return fail(engineError('E207', '/appointmentAt is not an instant.', { pointer: '/appointmentAt' }));
    appointmentMs = parseInstant(appointment);
    if (!inSupportedRange(appointmentMs)) return fail(instantError('/appointmentAt', appointment) as EngineError);
  }
  const deadlines = t['deadlines'];
  if (deadlines !== undefined) {
    if (typeof deadlines !== 'object' || deadlines === null || Array.isArray(deadlines)) return fail(engineError('E201', '/deadlines must be an object of instants by name.', { pointer: '/deadlines' }));
    for (const [name, at] of Object.entries(deadlines as Record<string, unknown>)) {
      const pointer = `/deadlines/${pointerToken(name)}`;
      if (typeof at !== 'string') return fail(engineError('E207', `${pointer} is not an instant.`, { pointer }));
      const e = instantError(pointer, at);
      if (e) return fail(e);
    }
  }
  if (t['repeatCount'] !== undefined && (typeof t['repeatCount'] !== 'number' || !Number.isInteger(t['repeatCount']) || (t['repeatCount'] as number) < 0)) return fail(engineError('E201', '/repeatCount must be a whole number >= 0.', { pointer: '/repeatCount' }));
  return { parsed: { createdMs, appointmentMs, times, ids } };
}
