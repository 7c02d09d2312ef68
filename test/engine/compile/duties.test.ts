// `duty` declarations compile to the DutySpec the service consumes (engine/duties):
// each schedule form, the end of the day when no time is written, a child's override,
// and the due instants engine/duties then computes, derived here by hand.
import { describe, expect, it } from 'vitest';
import { checkSources, compile, dutyCalendar, dutyOccurrences, judgeOccurrence, type CompiledPolicy, type SourceFile } from '../../../engine/index.js';

const GROUP = `group g "集团"
zone "Asia/Shanghai"
roles { liaison "对接人员", quality "品质管理部", clerk "受理员" }
events { received "受理", resolved "完成" }
calendar office {
  mon-fri 08:30-17:30
  holiday 2026-10-01..2026-10-07 "国庆节"
  workday 2026-10-10 "调休"
}
clock resolve { start received stop resolved target 24h }
warning blue { when overdue(resolve) > 0m }
penalties { blue 0.2 points }
duty summary "周五汇总" {
  every fri by 17:00
  owner liaison
}
duty summary_office {
  every 周五 by 17:00
  owner liaison
  calendar office
}
duty publication {
  monthly
  owner quality
}
duty report {
  monthly by day 5 12:00
  owner quality
  warning blue
}
duty review {
  daily
  owner clerk
  advisory
}
`;

const PROPERTY = `property p "项目" extends g
duty summary {
  every thu by 16:00
  warning blue
}
`;

function compiled(id: string, extra: SourceFile[] = []): CompiledPolicy {
  const checked = checkSources([{ uri: 'g.sla', text: GROUP }, ...extra]);
  expect(checked.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  const result = compile(checked.policies.get(id)!);
  expect(result.errors).toEqual([]);
  return result.value!;
}

const ms = (iso: string) => Date.parse(iso);

describe('compile: duties', () => {
  it('compiles every schedule form; no time means the end of the day (24:00), `monthly` alone the end of the month', () => {
    const byId = new Map(compiled('g').duties.map((d) => [d.id, d]));
    expect(byId.get('summary')).toMatchObject({ label: '周五汇总', schedule: { every: 'weekly', weekday: 5, by: 17 * 60 }, owner: 'liaison', advisory: false });
    expect(byId.get('summary')?.calendar).toBeUndefined();
    expect(byId.get('summary')?.warning).toBeUndefined();
    expect(byId.get('summary_office')).toMatchObject({ schedule: { every: 'weekly', weekday: 5, by: 1020 }, calendar: 'office' });
    expect(byId.get('publication')?.schedule).toEqual({ every: 'monthly', day: 31, by: 1440 });
    expect(byId.get('report')).toMatchObject({ schedule: { every: 'monthly', day: 5, by: 720 }, warning: 'blue' });
    expect(byId.get('review')).toMatchObject({ schedule: { every: 'daily', by: 1440 }, owner: 'clerk', advisory: true });
    expect(byId.get('review')?.source.uri).toBe('g.sla');
  });

  it("a child's duty changes the pieces it writes and keeps the rest", () => {
    const summary = compiled('p', [{ uri: 'p.sla', text: PROPERTY }]).duties.find((d) => d.id === 'summary');
    expect(summary).toMatchObject({ schedule: { every: 'weekly', weekday: 4, by: 16 * 60 }, owner: 'liaison', warning: 'blue', label: '周五汇总' });
  });

  it('Friday 17:00 in Shanghai: met at 17:00, late at 17:01; without a calendar the National Day Friday stays due', () => {
    const policy = compiled('g');
    const summary = policy.duties.find((d) => d.id === 'summary')!;
    // 2026-10-02 is a Friday inside the 10-01..10-07 holiday.
    const [oct2] = dutyOccurrences(summary, policy.zone, ms('2026-10-01T00:00:00+08:00'), ms('2026-10-03T00:00:00+08:00'), dutyCalendar(policy, summary));
    expect(oct2).toEqual({ dutyId: 'summary', key: '2026-10-02', dueDay: '2026-10-02', dueMs: ms('2026-10-02T17:00:00+08:00') });
    expect(judgeOccurrence(summary, oct2!, ms('2026-10-02T17:00:00+08:00'), ms('2026-10-03T00:00:00+08:00')).state).toBe('met');
    const late = judgeOccurrence(summary, oct2!, ms('2026-10-02T17:01:00+08:00'), ms('2026-10-03T00:00:00+08:00'));
    expect(late).toEqual({ state: 'late', lateMinutes: 1, breached: true });
  });

  it('with calendar office the holiday Friday moves to the next working day, Thursday 2026-10-08, same 17:00', () => {
    const policy = compiled('g');
    const spec = policy.duties.find((d) => d.id === 'summary_office')!;
    const occurrences = dutyOccurrences(spec, policy.zone, ms('2026-10-01T00:00:00+08:00'), ms('2026-10-10T00:00:00+08:00'), dutyCalendar(policy, spec));
    // 10-08 (Thursday) is the first working day after the holiday; the next Friday, 10-09, is its own occurrence.
    expect(occurrences.map((o) => [o.key, o.dueDay, o.dueMs])).toEqual([
      ['2026-10-02', '2026-10-08', ms('2026-10-08T17:00:00+08:00')],
      ['2026-10-09', '2026-10-09', ms('2026-10-09T17:00:00+08:00')],
    ]);
  });

  it('`monthly` is due by the end of each month: 2026-02 at 2026-03-01 00:00; done at 23:59 on the 28th is met', () => {
    const policy = compiled('g');
    const spec = policy.duties.find((d) => d.id === 'publication')!;
    // From one second past January's due instant (2026-02-01 00:00, the end of 01-31).
    const [feb] = dutyOccurrences(spec, policy.zone, ms('2026-02-01T00:00:01+08:00'), ms('2026-03-01T00:00:01+08:00'));
    expect(feb).toMatchObject({ key: '2026-02-28', dueMs: ms('2026-03-01T00:00:00+08:00') });
    expect(judgeOccurrence(spec, feb!, ms('2026-02-28T23:59:00+08:00'), ms('2026-03-02T00:00:00+08:00')).state).toBe('met');
    expect(judgeOccurrence(spec, feb!, null, ms('2026-03-01T00:01:00+08:00'))).toEqual({ state: 'missing', lateMinutes: 1, breached: true });
  });

  it('an advisory duty is reported late but never breached', () => {
    const policy = compiled('g');
    const spec = policy.duties.find((d) => d.id === 'review')!;
    // 03-02's review is due at the end of 03-02: 03-03 00:00 (03-01's falls due at 03-02 00:00, outside).
    const [day] = dutyOccurrences(spec, policy.zone, ms('2026-03-02T00:00:01+08:00'), ms('2026-03-03T00:00:01+08:00'));
    expect(day?.dueMs).toBe(ms('2026-03-03T00:00:00+08:00'));
    expect(judgeOccurrence(spec, day!, ms('2026-03-03T00:30:00+08:00'), ms('2026-03-04T00:00:00+08:00'))).toEqual({ state: 'late', lateMinutes: 30, breached: false });
  });
});
