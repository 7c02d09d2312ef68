// A ticket's instants and event types read once, before anything else looks at them:
// the checks (validate.ts), the reading for evaluation (facts.ts) and the streaming
// context all need the same numbers, and parsing each instant three or four times was
// a tenth of a simulation's time (issue 13). Nothing here judges the input: an
// instant that does not parse is NaN, an event type no policy declares is -1.
import { knownEventId } from '../compile/event-ids.js';
import type { Ticket } from '../ticket.js';
import { parseInstant } from './instant.js';

export interface ParsedTicket {
  createdMs: number;
  /** null when the ticket has no appointmentAt text. */
  appointmentMs: number | null;
  /** By event, in the ticket's order. */
  times: number[];
  /** eventId of each event's type (compile/event-ids.ts), -1 where no policy has declared it yet. */
  ids: number[];
}

export function parseTicket(ticket: Ticket): ParsedTicket {
  const events = ticket.events;
  const n = events.length;
  const times = new Array<number>(n);
  const ids = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const e = events[i]!;
    times[i] = typeof e.at === 'string' ? parseInstant(e.at) : Number.NaN;
    ids[i] = typeof e.type === 'string' ? knownEventId(e.type) : -1;
  }
  const appointment = ticket.appointmentAt;
  return {
    createdMs: typeof ticket.createdAt === 'string' ? parseInstant(ticket.createdAt) : Number.NaN,
    appointmentMs: typeof appointment === 'string' ? parseInstant(appointment) : null,
    times,
    ids,
  };
}
