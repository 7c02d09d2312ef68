// The public face of engine/duties, for engine/index.ts.
export { dutyOccurrences, dutyOccurrence, MAX_MOVE_DAYS, MAX_RANGE_DAYS, type DutyOccurrence } from './occurrences.js';
export { judgeOccurrence, type DutyJudgement, type DutyState } from './judge.js';
export { dutyCalendar } from './calendar.js';
