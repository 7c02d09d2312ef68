// Due times that are not a length of service time: an instant the ticket
// carries (`deadline plan_completion else 24h`) and day cut-offs (`same day`,
// `next day 17:00`). Neither moves with pauses: a reported completion time and
// "the end of that day" are dates on the wall, not amounts of work.
import type { CompiledTarget, ServiceCalendar, TicketFacts } from '../compile/types.js';

const MINUTES_PER_DAY = 24 * 60;
/** A calendar with no service for a year of days is not a calendar a cut-off can wait on. */
const MAX_DAYS_AHEAD = 366;

export type DeadlineTarget = Extract<CompiledTarget, { kind: 'deadline' }>;
export type CutoffTarget = Extract<CompiledTarget, { kind: 'cutoff' }>;

/**
 * The instant of a cut-off for a clock started at startMs: that local day (`same day`), or
 * the next one (`next day`): the next calendar day on a 24x7 calendar, the next working day
 * on a business calendar. Minute 1440 is the end of the day (24:00).
 */
export function cutoffDue(target: CutoffTarget, cal: ServiceCalendar, startMs: number): number {
  let day = cal.localDay(startMs);
  if (target.days === 1) {
    day += 1;
    if (!cal.always) {
      let guard = 0;
      while (!cal.isWorkingDay(day) && guard++ < MAX_DAYS_AHEAD) day += 1;
    }
  }
  return target.minuteOfDay >= MINUTES_PER_DAY ? cal.instantOf(day + 1, 0) : cal.instantOf(day, target.minuteOfDay);
}

/**
 * The target a deadline stands for on this ticket: itself when the ticket carries the
 * instant, else its fallback (undefined without one: the clock then has no due time).
 */
export function deadlineInstant(target: DeadlineTarget, facts: TicketFacts): number | null {
  return facts.deadline(target.name);
}
