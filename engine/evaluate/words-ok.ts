// vocabularyOk's judgement for the hot paths (a simulation, a batch, evaluate() on a
// sound ticket): every word of the ticket declared by the policy (pause reasons and
// carried deadline names included), every instant real and in range, no event that stops
// a clock before it starts (history.ts). Everything is a
// table lookup: the compiled policy is frozen, so its tables are built here on first
// use (keyed weakly by the policy) instead of in compile(). The history check finds, in
// one pass over the events, each clock's earliest start and earliest stop-only event,
// where historyOk walked every event once per clock.
import type { CompiledPolicy } from '../compile/types.js';
import { eventId, ROLE_START, ROLE_STOP } from '../compile/event-ids.js';
import type { Ticket } from '../ticket.js';
import { inSupportedRange, parseInstant } from './instant.js';
import type { ParsedTicket } from './parsed.js';

interface WordTables {
  attributes: readonly (readonly [string, ReadonlySet<string>])[];
  /** By eventId: 1 where the policy declares the type. */
  declared: Uint8Array;
  /** By eventId: the clocks it starts, and those it stops without starting them. */
  starts: readonly (readonly number[])[];
  stopsOnly: readonly (readonly number[])[];
  clocks: number;
}

const tablesByPolicy = new WeakMap<CompiledPolicy, WordTables>();
const NONE: readonly number[] = Object.freeze([]);

function tablesOf(policy: CompiledPolicy): WordTables {
  let tables = tablesByPolicy.get(policy);
  if (tables) return tables;
  // Declared types get their ids now, so that a ticket read later finds them known.
  const declaredIds = [...policy.events].map((type) => eventId(type));
  let size = Math.max(0, ...declaredIds) + 1;
  for (const clock of policy.clocks) size = Math.max(size, clock.roles.length);
  const declared = new Uint8Array(size);
  for (const id of declaredIds) declared[id] = 1;
  const starts: number[][] = Array.from({ length: size }, () => []);
  const stopsOnly: number[][] = Array.from({ length: size }, () => []);
  for (const clock of policy.clocks) {
    for (let id = 0; id < clock.roles.length; id++) {
      const role = clock.roles[id] ?? 0;
      if (role & ROLE_START) starts[id]!.push(clock.index);
      else if (role & ROLE_STOP) stopsOnly[id]!.push(clock.index);
    }
  }
  tables = {
    attributes: [...policy.attributes],
    declared,
    starts: starts.map((list) => (list.length > 0 ? list : NONE)),
    stopsOnly: stopsOnly.map((list) => (list.length > 0 ? list : NONE)),
    clocks: policy.clocks.length,
  };
  tablesByPolicy.set(policy, tables);
  return tables;
}

/** Each clock's earliest start and earliest stop-only event of the ticket being judged (reused, never kept). */
let firstStart = new Float64Array(64);
let firstStop = new Float64Array(64);

/**
 * The same answer as `vocabularyErrors(policy, ticket).length === 0` for a ticket of the
 * schema's shape, from its parsed instants. It may set `parsed.ids` of declared types
 * that had no id yet (a ticket read before the policy's first use here).
 */
export function wordsOk(policy: CompiledPolicy, ticket: Ticket, parsed: ParsedTicket): boolean {
  if (policy.cellOf(ticket.category, ticket.priority) < 0) return false;
  const tables = tablesOf(policy);
  const attributes = tables.attributes;
  for (let i = 0; i < attributes.length; i++) {
    const [name, members] = attributes[i]!;
    const value = ticket[name];
    if (typeof value === 'string' && !members.has(value)) return false;
  }
  const flags = ticket.flags;
  if (flags) for (let i = 0; i < flags.length; i++) if (!policy.flags.has(flags[i]!)) return false;
  const created = parsed.createdMs;
  if (!inSupportedRange(created)) return false;
  if (parsed.appointmentMs !== null && !inSupportedRange(parsed.appointmentMs)) return false;
  if (!deadlinesOk(policy, ticket.deadlines)) return false;
  const { times, ids } = parsed;
  const n = times.length;
  const clocks = tables.clocks;
  if (firstStart.length < clocks) {
    firstStart = new Float64Array(clocks);
    firstStop = new Float64Array(clocks);
  }
  firstStart.fill(Number.POSITIVE_INFINITY, 0, clocks);
  firstStop.fill(Number.POSITIVE_INFINITY, 0, clocks);
  const { declared, starts, stopsOnly } = tables;
  for (let i = 0; i < n; i++) {
    let id = ids[i]!;
    if (id < 0) {
      const type = ticket.events[i]!.type;
      if (!policy.events.has(type)) return false;
      id = ids[i] = eventId(type);
    }
    if (declared[id] !== 1) return false;
    const reason = ticket.events[i]!.reason;
    // E330: a reason only on an event some clock pauses on, and only a declared one.
    if (reason !== undefined && !(policy.pauseEvents?.has(ticket.events[i]!.type) && policy.pauseReasons?.has(reason))) return false;
    const t = times[i]!;
    // Before the ticket was created (E209), or not a real instant in range (E207, E208).
    if (!inSupportedRange(t) || t < created) return false;
    const s = starts[id];
    if (s) for (let k = 0; k < s.length; k++) if (t < firstStart[s[k]!]!) firstStart[s[k]!] = t;
    const p = stopsOnly[id];
    if (p) for (let k = 0; k < p.length; k++) if (t < firstStop[p[k]!]!) firstStop[p[k]!] = t;
  }
  // A clock stopped before the first event that starts it, when one does (E209).
  for (let c = 0; c < clocks; c++) if (firstStop[c]! < firstStart[c]! && firstStart[c]! !== Number.POSITIVE_INFINITY) return false;
  return true;
}

/** E320, E207, E208 of `deadlines`: each name declared, each instant real and in range. */
function deadlinesOk(policy: CompiledPolicy, deadlines: Ticket['deadlines']): boolean {
  // Absent or null: none carried (a stream read without the schema may hold null).
  if (deadlines === undefined || deadlines === null) return true;
  // Own names only, as vocabularyErrors reads them (Object.entries).
  for (const name of Object.keys(deadlines)) {
    if (!policy.deadlines.has(name) || !inSupportedRange(parseInstant(deadlines[name]!))) return false;
  }
  return true;
}
