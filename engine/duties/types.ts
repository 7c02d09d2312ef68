// Duties: obligations that are not tickets but fall due on a schedule, owned by a
// role (004 第十条(一)3(4): every Friday by 17:00 a signed summary to the quality
// department; 002: the hotline desk reviews the last three days daily). The language
// compiles `duty` declarations into these specs; engine/duties computes when each
// occurrence falls due and whether it was met; the server records fulfilment.
import type { SourceRef } from '../compile/types.js';

/** Minutes after local midnight, in the policy's zone, by which an occurrence is due. */
export type MinuteOfDay = number;

export type DutySchedule =
  | { every: 'daily'; by: MinuteOfDay }
  /** ISO weekday: Monday = 1 ... Sunday = 7. */
  | { every: 'weekly'; weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7; by: MinuteOfDay }
  /** Day of month 1..31; a month shorter than `day` falls due on its last day. */
  | { every: 'monthly'; day: number; by: MinuteOfDay };

export interface DutySpec {
  id: string;
  label?: string;
  schedule: DutySchedule;
  /** The declared role that owes the duty. */
  owner: string;
  /**
   * A business calendar: an occurrence whose due day has no service moves to the next
   * working day, same minute. Without one, the schedule runs on plain local days.
   */
  calendar?: string;
  /** The warning level a late or missing occurrence raises (priced by the policy's penalties). */
  warning?: string;
  /** Reported, never breached or charged (the rule books' "为宜", "力争"). */
  advisory: boolean;
  source: SourceRef;
}
