// The plan deadline after a warning, tracked: `plan within 1d stop plan_reported`
// (004 第十一条: "限期1天内上报解决方案及完成时间"). Each level reached whose plan
// deadline names stop events becomes a clock `<level>_plan` in the result: it starts
// when that level was raised, stops at the first stop event at or after that instant
// (a plan reported before the warning does not answer it), and breaches when the stop
// comes, or `at` passes, after the deadline. It carries no points: the rule books
// charge the warning, not a late plan (004 第十二条); reading it into a warning or a
// penalty would be a policy's explicit choice, which the language does not offer yet.
import type { CompiledPolicy, CompiledWarning } from '../compile/types.js';
import type { ClockResult, ClockState } from '../ticket.js';
import type { CoreResult } from './core.js';
import { isoInZone, lengthText, shortInZone } from './format.js';

/** The name of a warning level's plan clock in results and `expect` lines. */
export function planClockName(level: string): string {
  return `${level}_plan`;
}

function planDue(policy: CompiledPolicy, w: CompiledWarning, raisedMs: number): number | null {
  const plan = w.planWithin;
  if (!plan) return null;
  if ('minutes' in plan) return raisedMs + plan.minutes * 60_000;
  return policy.workingCalendar ? policy.workingCalendar.endOfNthWorkingDayAfter(raisedMs, plan.workdays) : raisedMs + plan.workdays * 86_400_000;
}

/** One ClockResult per reached level with a tracked plan deadline, in level order. */
export function planClocks(policy: CompiledPolicy, core: CoreResult, raised: readonly { level: string; since: number }[]): ClockResult[] {
  const zone = policy.zone;
  const atMs = core.read.atMs;
  const { types, times } = core.read.events;
  const out: ClockResult[] = [];
  core.reached.forEach((w, i) => {
    const since = raised[i]?.since;
    if (!w.planStop || since === undefined || !Number.isFinite(since)) return;
    const due = planDue(policy, w, since);
    if (due === null) return;
    let stop: number | null = null;
    for (let k = 0; k < types.length; k++) {
      if ((times[k] as number) >= since && w.planStop.has(types[k] as string)) {
        stop = times[k] as number;
        break;
      }
    }
    const end = stop ?? atMs;
    const late = end > due;
    const state: ClockState = late ? 'breached' : stop !== null ? 'met' : 'running';
    const name = planClockName(w.name);
    const t = (ms: number) => shortInZone(ms, zone, atMs);
    const levelName = w.label ?? w.name;
    const stops = [...w.planStop].join('/');
    const reason = stop !== null
      ? {
          en: `${name}: plan due ${t(due)} after the ${w.name} warning of ${t(since)}, ${stops} ${t(stop)}: ${lengthText(Math.abs(stop - due) / 60_000).en} ${late ? 'late' : 'early'}`,
          zh: `${levelName}后上报方案：${t(since)} 预警，应于 ${t(due)} 前上报，实际 ${t(stop)} 上报，${late ? '超时' : '提前'} ${lengthText(Math.abs(stop - due) / 60_000).zh}`,
        }
      : late
        ? { en: `${name}: plan due ${t(due)} after the ${w.name} warning of ${t(since)}, not reported: ${lengthText((atMs - due) / 60_000).en} late`, zh: `${levelName}后上报方案：${t(since)} 预警，应于 ${t(due)} 前上报，仍未上报，已超时 ${lengthText((atMs - due) / 60_000).zh}` }
        : { en: `${name}: plan due ${t(due)} after the ${w.name} warning of ${t(since)}`, zh: `${levelName}后上报方案：${t(since)} 预警，应于 ${t(due)} 前上报` };
    const result: ClockResult = {
      name,
      label: `${levelName}：上报解决方案及完成时间`,
      state,
      startedAt: isoInZone(since, zone),
      dueAt: isoInZone(due, zone),
      stoppedAt: isoInZone(stop, zone),
      elapsedMinutes: Math.round(((Math.min(end, atMs) - since) / 60_000) * 10) / 10,
      remainingMinutes: state === 'running' ? Math.round(((due - atMs) / 60_000) * 10) / 10 : null,
      overdueMinutes: late ? Math.round(((end - due) / 60_000) * 10) / 10 : null,
      overdueWorkdays: null,
      target: w.planWithin && 'minutes' in w.planWithin ? `plan within ${lengthText(w.planWithin.minutes).en}` : `plan within ${w.planWithin && 'workdays' in w.planWithin ? w.planWithin.workdays : 0} workdays`,
      reason,
    };
    out.push(result);
  });
  return out;
}
