// Event histories that cannot have happened (E209). Evaluating one anyway gives an
// answer that looks exact and is wrong ("breached, 120 min late" for a ticket whose
// clock stopped before it started), so it is refused with the event that breaks it.
//
// Impossible, from how clocks read events (clock.ts):
// - an event before the ticket was created;
// - an event that stops a clock strictly before the first event that starts it, when
//   that start does come later: the clock would start after it had already stopped.
//   (A stop with no start at all is only an incomplete record: the clock never starts.)
// Legitimate and kept: reopen cycles (a restart after a stop), pauses and resumes in
// any number, repeated events, events at the same instant, a stop event that also
// starts the clock, events after the evaluation instant.
import type { CompiledPolicy } from '../compile/types.js';
import { eventId, ROLE_START, ROLE_STOP } from '../compile/event-ids.js';
import { engineError, type EngineError } from '../errors.js';
import type { Ticket } from '../ticket.js';
import { parseInstant } from './instant.js';

/**
 * Events of a ticket whose instants parse and whose types the policy declares (the
 * caller checks both first); `base` prefixes the pointers. At most one error per event.
 */
export function historyErrors(policy: CompiledPolicy, ticket: Ticket, base = ''): EngineError[] {
  const errors: EngineError[] = [];
  const created = parseInstant(ticket.createdAt);
  const times = ticket.events.map((e) => parseInstant(e.at));
  const flagged = new Set<number>();
  times.forEach((t, i) => {
    if (t < created) {
      flagged.add(i);
      const e = ticket.events[i]!;
      errors.push(
        engineError('E209', `${base}/events/${i}/at '${e.type}' at ${e.at} is before the ticket was created (${ticket.createdAt}).`, {
          pointer: `${base}/events/${i}/at`,
          help: 'Correct the event time or the ticket creation time.',
        }),
      );
    }
  });
  const ids = ticket.events.map((e) => eventId(e.type));
  for (const clock of policy.clocks) {
    let firstStart = Number.POSITIVE_INFINITY;
    let startIndex = -1;
    ids.forEach((id, i) => {
      if ((clock.roles[id] ?? 0) & ROLE_START && (times[i] as number) < firstStart) {
        firstStart = times[i] as number;
        startIndex = i;
      }
    });
    if (startIndex < 0) continue;
    ids.forEach((id, i) => {
      const role = clock.roles[id] ?? 0;
      if (!(role & ROLE_STOP) || role & ROLE_START || (times[i] as number) >= firstStart || flagged.has(i)) return;
      flagged.add(i);
      const stop = ticket.events[i]!;
      const start = ticket.events[startIndex]!;
      errors.push(
        engineError('E209', `${base}/events/${i} '${stop.type}' at ${stop.at} stops clock '${clock.name}' before '${start.type}' at ${start.at} starts it.`, {
          pointer: `${base}/events/${i}`,
          help: `Clock '${clock.name}' starts with '${start.type}' and cannot stop before it; correct the order or the times of these events.`,
        }),
      );
    });
  }
  return errors;
}
