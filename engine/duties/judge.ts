// Whether an occurrence was met at an instant. Fulfilment recorded after `at` is not
// known at `at`: judging is a pure function of what had happened by then, so a
// re-evaluation of the past gives the answer it gave then.
import type { DutySpec } from './types.js';
import type { DutyOccurrence } from './occurrences.js';

/** pending: not done, not yet due; met: done by the due time; late: done after it; missing: not done and past due. */
export type DutyState = 'pending' | 'met' | 'late' | 'missing';

export interface DutyJudgement {
  state: DutyState;
  /** Minutes past the due time: until done when late, until `at` when missing; 0 otherwise. */
  lateMinutes: number;
  /** Late or missing and not advisory: the duty's warning applies. */
  breached: boolean;
}

export function judgeOccurrence(spec: DutySpec, occurrence: DutyOccurrence, doneMs: number | null, atMs: number): DutyJudgement {
  const known = doneMs !== null && doneMs <= atMs ? doneMs : null;
  let state: DutyState;
  let lateMinutes = 0;
  if (known !== null) {
    state = known <= occurrence.dueMs ? 'met' : 'late';
    if (state === 'late') lateMinutes = Math.floor((known - occurrence.dueMs) / 60_000);
  } else if (atMs > occurrence.dueMs) {
    state = 'missing';
    lateMinutes = Math.floor((atMs - occurrence.dueMs) / 60_000);
  } else {
    state = 'pending';
  }
  return { state, lateMinutes, breached: !spec.advisory && (state === 'late' || state === 'missing') };
}
