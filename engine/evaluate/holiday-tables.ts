// E301: a result that rests on a year the calendar has no holiday table for. A due time,
// a count of working days late, or a plan deadline in such a year is computed as if every
// Monday..Friday were a working day (a 2027-01-01 revisit falls due on New Year's Day),
// so the result says so: a note with the code, in the clock's reason, and in the trace.
// Called from `present` only, after the numbers are final; the check per instant is a few
// comparisons (calendar/coverage.ts) and allocates nothing while every year is covered.
import type { CompiledPolicy, ServiceCalendar } from '../compile/types.js';
import type { HolidayTableNote as EvaluationNote, EvaluationResult, Reason } from '../ticket.js';
import type { CoreResult } from './core.js';

function years(list: readonly number[] | undefined): string {
  return list && list.length > 0 ? list.join(', ') : '-';
}

function note(pointer: string, what: Reason, year: number, calendar: string, cal: ServiceCalendar): EvaluationNote {
  const tables = years(cal.coveredYears);
  return {
    code: 'E301',
    pointer,
    year,
    calendar,
    message: {
      en: `${what.en} falls in ${year}, a year calendar '${calendar}' has no holiday table for (it has ${tables}): every Monday to Friday of ${year} counts as a working day. Add the ${year} table to the calendar's use and include lists.`,
      zh: `${what.zh}落在 ${year} 年，日历「${calendar}」没有该年的节假日表（已有：${tables}），${year} 年的周一至周五都按工作日计算。请把 ${year} 年的节假日表加入 use 与 include。`,
    },
  };
}

/** Adds E301 notes to a presented result; leaves it untouched (and allocates nothing) when every year it used is covered. */
export function addHolidayTableNotes(policy: CompiledPolicy, core: CoreResult, result: EvaluationResult): void {
  let notes: EvaluationNote[] | undefined;
  const atMs = core.read.atMs;
  let at = -1;
  for (const o of core.outcomes) {
    if (!o) continue;
    const clock = result.clocks[++at];
    if (!clock) continue;
    const cal = o.clock.calendar;
    const name = clock.label ?? o.clock.name;
    let found: EvaluationNote | undefined;
    let late: EvaluationNote | undefined;
    const dueYear = !cal.always && o.dueMs !== null && Number.isFinite(o.dueMs) ? (cal.yearWithoutTable?.(o.dueMs) ?? null) : null;
    if (dueYear !== null) {
      found = note(`/clocks/${at}/dueAt`, { en: `${o.clock.name}'s due time`, zh: `「${name}」的到期时间` }, dueYear, o.clock.calendarName ?? '', cal);
    }
    // Working days late are counted up to when the clock stopped, or now.
    const counting = o.overdueWorkdays === null || o.overdueWorkdays === undefined ? null : cal.always ? policy.workingCalendar : cal;
    const lateYear = counting ? (counting.yearWithoutTable?.(o.stopMs ?? atMs) ?? null) : null;
    if (counting && lateYear !== null) {
      late = note(`/clocks/${at}/overdueWorkdays`, { en: `${o.clock.name}'s count of working days late`, zh: `「${name}」超时的工作日数` }, lateYear, cal.always ? 'working days' : (o.clock.calendarName ?? ''), counting);
    }
    if (!found && !late) continue;
    for (const n of [found, late]) {
      if (!n) continue;
      (notes ??= []).push(n);
      clock.reason = { en: `${clock.reason.en}; note ${n.code}: ${n.message.en}`, zh: `${clock.reason.zh}；提示 ${n.code}：${n.message.zh}` };
    }
  }
  const planDue = result.actions.planDueAt;
  const plan = core.top?.planWithin;
  if (planDue !== null && plan && 'workdays' in plan && policy.workingCalendar) {
    const year = policy.workingCalendar.yearWithoutTable?.(Date.parse(planDue)) ?? null;
    if (year !== null) (notes ??= []).push(note('/actions/planDueAt', { en: 'The plan deadline', zh: '整改计划的截止时间' }, year, 'working days', policy.workingCalendar));
  }
  if (!notes) return;
  result.notes = [...(result.notes ?? []), ...notes];
  if (result.trace) {
    for (const n of notes) result.trace.push({ rule: `holiday tables (${n.code})`, source: null, inputs: { pointer: n.pointer, year: n.year, calendar: n.calendar }, outcome: 'note', reason: n.message });
  }
}
