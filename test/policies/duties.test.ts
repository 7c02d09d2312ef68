// The group's duties as the rule books state them, on the shipped policies. Due instants
// are derived by hand from each clause and the calendar (Asia/Shanghai, UTC+8):
// - 004 第十条(一)3(4) "每周五17:00前": Friday 17:00; no calendar (the clause names none,
//   and the receiving quality department works "每日"), so the National Day Friday
//   2026-10-02 stays due; no warning or points (the clause states none).
// - 004 第十条(一)3(5) "品质管理部每月公布": no day given, so by the end of each month.
// - 002 丽水制度一.6 "受理员每天需对近三天的受理情况进行审查": by the end of each day.
import { describe, expect, it } from 'vitest';
import { dutyCalendar, dutyOccurrences, judgeOccurrence, type CompiledPolicy, type DutySpec } from '../../engine/index.js';
import { clockNames, judge, shipped, ticket } from './shipped.js';

const ms = (iso: string) => Date.parse(iso);

function duty(policy: CompiledPolicy, id: string): DutySpec {
  const spec = policy.duties.find((d) => d.id === id);
  if (!spec) throw new Error(`no duty ${id} in ${policy.id}`);
  return spec;
}

function due(policy: CompiledPolicy, spec: DutySpec, from: string, to: string) {
  return dutyOccurrences(spec, policy.zone, ms(from), ms(to), dutyCalendar(policy, spec)).map((o) => [o.key, new Date(o.dueMs).toISOString()]);
}

describe('group duties (huayu-group, inherited by every property)', () => {
  it('declares exactly the three duties the clauses state, none with a warning, none advisory', () => {
    for (const id of ['huayu-group', 'jinxiu-garden', 'xinghe-tower'] as const) {
      const duties = shipped(id).duties;
      expect(duties.map((d) => [d.id, d.owner, d.warning ?? null, d.calendar ?? null, d.advisory])).toEqual([
        ['weekly_summary', 'liaison', null, null, false],
        ['monthly_publication', 'quality_department', null, null, false],
        ['hotline_review', 'hotline_clerk', null, null, false],
      ]);
    }
  });

  it('004 第十条(一)3(4): the signed summary is due every Friday at 17:00; met at 17:00, late at 17:01', () => {
    const policy = shipped('jinxiu-garden');
    const spec = duty(policy, 'weekly_summary');
    expect(spec.schedule).toEqual({ every: 'weekly', weekday: 5, by: 17 * 60 });
    // March 2026: Fridays 6, 13, 20, 27.
    expect(due(policy, spec, '2026-03-01T00:00:00+08:00', '2026-04-01T00:00:00+08:00')).toEqual([
      ['2026-03-06', '2026-03-06T09:00:00.000Z'],
      ['2026-03-13', '2026-03-13T09:00:00.000Z'],
      ['2026-03-20', '2026-03-20T09:00:00.000Z'],
      ['2026-03-27', '2026-03-27T09:00:00.000Z'],
    ]);
    const [friday] = dutyOccurrences(spec, policy.zone, ms('2026-03-06T00:00:00+08:00'), ms('2026-03-07T00:00:00+08:00'));
    const at = ms('2026-03-09T09:00:00+08:00');
    expect(judgeOccurrence(spec, friday!, ms('2026-03-06T17:00:00+08:00'), at)).toEqual({ state: 'met', lateMinutes: 0, breached: false });
    expect(judgeOccurrence(spec, friday!, ms('2026-03-06T17:01:00+08:00'), at)).toEqual({ state: 'late', lateMinutes: 1, breached: true });
    // Not done by Monday 09:00: missing, 2 days 16 hours late = 3840 minutes.
    expect(judgeOccurrence(spec, friday!, null, at)).toEqual({ state: 'missing', lateMinutes: 3840, breached: true });
  });

  it('004 第十条(一)3(4): in the National Day week the Friday (2026-10-02, a holiday) is still due at 17:00', () => {
    const policy = shipped('jinxiu-garden');
    expect(due(policy, duty(policy, 'weekly_summary'), '2026-09-28T00:00:00+08:00', '2026-10-10T00:00:00+08:00')).toEqual([
      ['2026-10-02', '2026-10-02T09:00:00.000Z'],
      ['2026-10-09', '2026-10-09T09:00:00.000Z'],
    ]);
  });

  it('004 第十条(一)3(5): the monthly publication is due by the end of the month (no day is given)', () => {
    const policy = shipped('jinxiu-garden');
    const spec = duty(policy, 'monthly_publication');
    expect(spec.schedule).toEqual({ every: 'monthly', day: 31, by: 24 * 60 });
    // February 2026 ends on the 28th: due 2026-03-01 00:00 (+08:00); April on the 30th.
    expect(due(policy, spec, '2026-02-01T00:00:01+08:00', '2026-05-01T00:00:01+08:00')).toEqual([
      ['2026-02-28', '2026-02-28T16:00:00.000Z'],
      ['2026-03-31', '2026-03-31T16:00:00.000Z'],
      ['2026-04-30', '2026-04-30T16:00:00.000Z'],
    ]);
  });

  it('002 丽水制度一.6: the 96310 review is due by the end of every day, holidays included', () => {
    const policy = shipped('jinxiu-garden');
    const spec = duty(policy, 'hotline_review');
    expect(spec.schedule).toEqual({ every: 'daily', by: 24 * 60 });
    expect(due(policy, spec, '2026-10-01T00:00:01+08:00', '2026-10-03T00:00:01+08:00')).toEqual([
      ['2026-10-01', '2026-10-01T16:00:00.000Z'],
      ['2026-10-02', '2026-10-02T16:00:00.000Z'],
    ]);
    const [oct1] = dutyOccurrences(spec, policy.zone, ms('2026-10-01T00:00:01+08:00'), ms('2026-10-02T00:00:01+08:00'));
    expect(judgeOccurrence(spec, oct1!, ms('2026-10-01T23:59:00+08:00'), ms('2026-10-03T00:00:00+08:00')).state).toBe('met');
    expect(judgeOccurrence(spec, oct1!, ms('2026-10-02T00:01:00+08:00'), ms('2026-10-03T00:00:00+08:00')).state).toBe('late');
  });

  it('duties are not ticket rules: a ticket evaluated on the property has no duty among its clocks and pays nothing for them', () => {
    const policy = shipped('jinxiu-garden');
    const repair = ticket('jinxiu-garden', {
      category: 'engineering',
      priority: 'general',
      kind: 'repair',
      channel: 'phone',
      events: [['received', '2026-10-02T09:00:00+08:00']],
    });
    const result = judge(policy, repair, '2026-10-05T09:00:00+08:00');
    expect(clockNames(result).filter((n) => policy.duties.some((d) => d.id === n))).toEqual([]);
  });
});

describe('003 三.3.1 "提前5分钟到达为宜" is advisory on the group default, binding where a property fills 000\'s [X]', () => {
  const repair = (arrived: string) =>
    ticket('p', {
      category: 'engineering',
      priority: 'general',
      kind: 'repair',
      channel: 'phone',
      events: [
        ['received', '2026-03-03T09:00:00+08:00'],
        ['accepted', '2026-03-03T09:10:00+08:00'],
        ['contacted', '2026-03-03T09:20:00+08:00'],
        ['appointment', '2026-03-03T09:20:00+08:00'],
        ['arrived', arrived],
      ],
    });
  const withAppointment = (t: ReturnType<typeof repair>, property: string) => ({ ...t, property, unit: `${property}/engineering`, appointmentAt: '2026-03-03T14:00:00+08:00' });

  it('jinxiu-garden (group default 5m, advisory): due 13:55; 13:56 is late, not breached, no warning, 0 points', () => {
    const policy = shipped('jinxiu-garden');
    const r = judge(policy, withAppointment(repair('2026-03-03T13:56:00+08:00'), 'jinxiu-garden'), '2026-03-03T15:00:00+08:00');
    expect(r.clocks.find((c) => c.name === 'onsite')).toMatchObject({ state: 'late', dueAt: '2026-03-03T13:55:00+08:00', advisory: true });
    expect(r.warning.level).toBe('none');
    expect(r.penalty.points).toBe(0);
  });

  it('xinghe-tower (fills 000 [X] = 10m, binding): due 13:50; 13:51 breaches', () => {
    const policy = shipped('xinghe-tower');
    const r = judge(policy, withAppointment(repair('2026-03-03T13:51:00+08:00'), 'xinghe-tower'), '2026-03-03T15:00:00+08:00');
    const onsite = r.clocks.find((c) => c.name === 'onsite');
    expect(onsite).toMatchObject({ state: 'breached', dueAt: '2026-03-03T13:50:00+08:00' });
    expect(onsite?.advisory).toBeUndefined();
  });
});
