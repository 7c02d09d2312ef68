// A ticket read once per evaluation: instants parsed to epoch ms, events
// sorted, fields looked up by name. Input is already validated (validate.ts).
import type { TicketFacts } from '../compile/types.js';
import type { Ticket } from '../ticket.js';
import { eventId } from '../compile/event-ids.js';
import { parseInstant } from './instant.js';
import type { ParsedTicket } from './parsed.js';
import type { ScopeMemo } from './scope-memo.js';

export interface TicketTimeline {
  types: string[];
  /** eventId of each type (compile/event-ids.ts). */
  ids: number[];
  times: number[];
}

export interface ReadTicket {
  ticket: Ticket;
  facts: TicketFacts;
  /** Events up to and including `at`, in time order (ties keep their order). */
  events: TicketTimeline;
  atMs: number;
  /**
   * Answers of cross-ticket counts kept for every policy that evaluates this read, flat:
   * field, window minutes, before (shareBefore), the filter's key ('' for none) and the
   * count, five slots an answer. A ticket
   * asks for one or two, so a list searched in order beats a map and its key strings.
   */
  households?: (string | number | boolean)[];
  /** The last repeatCount asked for and its repeat rule (RepeatRule.key): two policies with the same rule count once. */
  repeatRule?: string;
  repeatCount?: number;
  /** The scope memo last asked for this ticket's row, and the row (scope-memo.ts): policies sharing the memo look it up once. */
  scopeMemo?: ScopeMemo;
  scopeRow?: Int8Array | undefined;
}

function ms(text: string | null | undefined): number | null {
  if (!text) return null;
  const v = parseInstant(text);
  return Number.isNaN(v) ? null : v;
}

const NO_FLAGS: ReadonlySet<string> = new Set();

/** `parsed`: the ticket's instants already read (parseTicket), by a caller that checked them (vocabularyOk). */
export function readTicket(ticket: Ticket, atMs: number, parsed?: ParsedTicket): ReadTicket {
  const createdMs = parsed ? (Number.isNaN(parsed.createdMs) ? atMs : parsed.createdMs) : (ms(ticket.createdAt) ?? atMs);
  const events = ticket.events;
  if (parsed && inOrderUntil(parsed, atMs)) {
    // The usual ticket: every event read, known and in order by `at`. Its parsed lists are
    // the timeline as they are (nothing reads a timeline to change it), and only the types
    // are copied: three lists grown a push at a time were most of what a reading allocated.
    const types = new Array<string>(events.length);
    for (let k = 0; k < events.length; k++) types[k] = events[k]!.type;
    return finish(ticket, atMs, parsed, createdMs, { types, ids: parsed.ids, times: parsed.times });
  }
  // Events usually arrive in order: an insertion sort is linear then, and stable.
  const types: string[] = [];
  const ids: number[] = [];
  const times: number[] = [];
  for (let k = 0; k < events.length; k++) {
    const e = events[k]!;
    const t = parsed ? parsed.times[k]! : ms(e.at);
    if (t === null || Number.isNaN(t) || t > atMs) continue;
    const id = parsed && parsed.ids[k]! >= 0 ? parsed.ids[k]! : eventId(e.type);
    let i = times.length;
    while (i > 0 && (times[i - 1] as number) > t) i--;
    if (i === times.length) {
      types.push(e.type);
      ids.push(id);
      times.push(t);
    } else {
      types.splice(i, 0, e.type);
      ids.splice(i, 0, id);
      times.splice(i, 0, t);
    }
  }
  return finish(ticket, atMs, parsed, createdMs, { types, ids, times });
}

/** Whether every parsed event is known, at or before `atMs`, and no earlier than the one before it. */
function inOrderUntil(parsed: ParsedTicket, atMs: number): boolean {
  const { times, ids } = parsed;
  let last = -Infinity;
  for (let k = 0; k < times.length; k++) {
    const t = times[k]!;
    // NaN fails both comparisons.
    if (!(t <= atMs && t >= last) || ids[k]! < 0) return false;
    last = t;
  }
  return true;
}

function finish(ticket: Ticket, atMs: number, parsed: ParsedTicket | undefined, createdMs: number, events: TicketTimeline): ReadTicket {
  const flags = ticket.flags && ticket.flags.length > 0 ? new Set(ticket.flags) : NO_FLAGS;
  const appointmentMs = parsed ? (parsed.appointmentMs === null || Number.isNaN(parsed.appointmentMs) ? null : parsed.appointmentMs) : ms(ticket.appointmentAt ?? null);
  return { ticket, facts: new Facts(ticket, createdMs, appointmentMs, flags), events, atMs };
}

/**
 * A ticket's facts as conditions read them. A class, not an object literal of closures:
 * its methods are shared, so each reading makes one object where the literal made four.
 */
class Facts implements TicketFacts {
  constructor(
    private readonly ticket: Ticket,
    readonly createdMs: number,
    private readonly appointmentMs: number | null,
    readonly flags: ReadonlySet<string>,
  ) {}

  field(name: string): unknown {
    // The ticket's own repeatCount; conditions read the policy's count (ConditionEnv.repeats).
    return name === 'repeatCount' ? (this.ticket.repeatCount ?? 0) : (this.ticket as Record<string, unknown>)[name];
  }

  instant(name: string): number | null {
    return name === 'createdAt' ? this.createdMs : name === 'appointmentAt' ? this.appointmentMs : ms((this.ticket as Record<string, unknown>)[name] as string);
  }

  deadline(name: string): number | null {
    return ms(this.ticket.deadlines?.[name] ?? null);
  }
}
