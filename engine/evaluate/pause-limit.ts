// `pause at most 3d`: the most paused service time one cycle of a clock
// discounts. Past it the clock runs again, resumed or not, so a `paused` with no
// `resumed` cannot freeze a clock for ever. The budget is for the whole cycle,
// not each pause: pausing, resuming for a minute and pausing again buys nothing.
import type { ServiceCalendar } from '../compile/types.js';
import type { Cycle } from './clock.js';

/** A pause that counted less than it lasted: from `from`, discounted until `countedUntil`. */
export interface CappedPause {
  from: number;
  /** When the pause ended (resume or stop); null when it had not ended at the evaluation instant. */
  to: number | null;
  countedUntil: number;
}

/**
 * Cuts each cycle's pauses down to `maxMinutes` of service time in all, in order: the
 * pause that spends the budget ends where it runs out, later ones count nothing (they
 * are dropped). Rewrites `cycles` in place; returns the pauses that were cut, for the
 * result's notes. `atMs` ends a pause still open at the evaluation instant.
 */
export function capPauses(cycles: Cycle[], cal: ServiceCalendar, maxMinutes: number, atMs: number): CappedPause[] {
  const capped: CappedPause[] = [];
  for (const cycle of cycles) {
    // Most cycles never pause: nothing to cut, and no list to make.
    if (cycle.pauses.length === 0) continue;
    let budget = maxMinutes;
    const kept: Cycle['pauses'] = [];
    for (const [from, to] of cycle.pauses) {
      if (from > atMs) break;
      const lasted = cal.serviceMinutesBetween(from, Math.min(to ?? atMs, atMs));
      if (lasted <= budget && !(to === null && budget === 0)) {
        budget -= lasted;
        kept.push([from, to]);
        continue;
      }
      // This pause spends what is left: it counts until the budget runs out, then the clock runs.
      const countedUntil = cal.addServiceMinutes(from, budget);
      capped.push({ from, to, countedUntil });
      if (countedUntil > from) kept.push([from, countedUntil]);
      budget = 0;
    }
    cycle.pauses = kept;
  }
  return capped;
}
