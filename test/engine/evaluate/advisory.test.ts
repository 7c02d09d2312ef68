// Advisory rules (003 "提前5分钟到达为宜", 002 "力争"): an advisory clock or target row is
// reported, met or late, with `advisory: true` and a reason that says so, but it is
// never breached: no warning reads its lateness, no point is charged, and a simulation
// counts it late, not breached. A child that writes the row again without `advisory`
// makes it binding. Due times are derived by hand from the target and the ticket.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { checkSources, compile, evaluate, evaluationResultSchema, simulate, type CompiledPolicy, type EvaluationResult } from '../../../engine/index.js';

const GROUP = `group desk "测试集团"
zone "Asia/Shanghai"
categories { engineering "工程维修" }
tiers { general "一般" }
events { appointment "预约", arrived "到场", received "受理", resolved "完成" }
param arrive_early: duration = 5m
clock onsite {
  start appointment
  stop arrived
  target { *: arrive_early before appointmentAt advisory }
}
clock resolve {
  start received
  stop resolved
  target 2h
  advisory
}
warning blue { when overdue(onsite) > 0m or overdue(resolve) > 0m }
penalties { blue 0.2 points }
`;

// The property fills 000's [X] ("应", binding): its own row, without advisory.
const PROPERTY = `property tower "写字楼" extends desk
param arrive_early = 10m
clock onsite {
  target { *: arrive_early before appointmentAt }
}
`;

function compiled(id: string): CompiledPolicy {
  const checked = checkSources([
    { uri: 'desk.sla', text: GROUP },
    { uri: 'tower.sla', text: PROPERTY },
  ]);
  expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return compile(checked.policies.get(id)!).value!;
}

/** Appointment 14:00 booked at 09:20; arrived at `arrived`; received 09:00, resolved at `resolved`. */
function ticket(arrived: string, resolved = '2026-03-03T10:00:00+08:00') {
  return {
    id: 'T-1',
    property: 'tower',
    unit: 'tower/engineering',
    category: 'engineering',
    priority: 'general',
    createdAt: '2026-03-03T09:00:00+08:00',
    appointmentAt: '2026-03-03T14:00:00+08:00',
    events: [
      { type: 'received', at: '2026-03-03T09:00:00+08:00' },
      { type: 'appointment', at: '2026-03-03T09:20:00+08:00' },
      { type: 'resolved', at: resolved },
      { type: 'arrived', at: arrived },
    ],
  };
}

function run(p: CompiledPolicy, t: ReturnType<typeof ticket>): EvaluationResult {
  const out = evaluate(p, t, '2026-03-03T18:00:00+08:00');
  if (!out.value) throw new Error(JSON.stringify(out.errors));
  return out.value;
}

const clock = (r: EvaluationResult, name: string) => r.clocks.find((c) => c.name === name);

describe('advisory rules', () => {
  it('an advisory row met at its limit: due 13:55, arrived 13:55, met, marked advisory', () => {
    const r = run(compiled('desk'), ticket('2026-03-03T13:55:00+08:00'));
    expect(clock(r, 'onsite')).toMatchObject({ state: 'met', dueAt: '2026-03-03T13:55:00+08:00', advisory: true });
  });

  it('one minute after: late, not breached; no warning, no points; the reason says advisory', () => {
    const r = run(compiled('desk'), ticket('2026-03-03T13:56:00+08:00'));
    const onsite = clock(r, 'onsite');
    expect(onsite).toMatchObject({ state: 'late', overdueMinutes: 1, advisory: true });
    expect(onsite?.reason.en).toContain('advisory');
    expect(onsite?.reason.zh).toContain('建议性');
    expect(r.warning.level).toBe('none');
    expect(r.penalty.points).toBe(0);
    expect(new Ajv2020({ strict: false }).validate(evaluationResultSchema, r)).toBe(true);
  });

  it('an advisory clock: resolve due 11:00, resolved 11:01 is late, never breached or charged', () => {
    const r = run(compiled('desk'), ticket('2026-03-03T13:50:00+08:00', '2026-03-03T11:01:00+08:00'));
    expect(clock(r, 'resolve')).toMatchObject({ state: 'late', dueAt: '2026-03-03T11:00:00+08:00', overdueMinutes: 1, advisory: true });
    expect(r.warning.level).toBe('none');
    expect(r.penalty.points).toBe(0);
  });

  it('a binding clock on the same ticket is untouched: no advisory mark', () => {
    const r = run(compiled('tower'), ticket('2026-03-03T13:50:00+08:00'));
    expect(clock(r, 'onsite')?.advisory).toBeUndefined();
  });

  it("a child's own row without advisory is binding: 10 minutes early, 13:51 breaches, blue, 0.2 points", () => {
    const tower = compiled('tower');
    expect(clock(run(tower, ticket('2026-03-03T13:50:00+08:00')), 'onsite')).toMatchObject({ state: 'met', dueAt: '2026-03-03T13:50:00+08:00' });
    const late = run(tower, ticket('2026-03-03T13:51:00+08:00'));
    expect(clock(late, 'onsite')?.state).toBe('breached');
    expect(late.warning.level).toBe('blue');
    expect(late.penalty.points).toBe(0.2);
  });

  it('a simulation counts an advisory late as late, never as breached, and charges nothing', async () => {
    const desk = compiled('desk');
    const tower = compiled('tower');
    // Arrived 13:56: one minute after the group's 13:55 (advisory), six after the tower's 13:50 (binding).
    const report = await simulate(desk, tower, [ticket('2026-03-03T13:56:00+08:00')], '2026-03-03T18:00:00+08:00');
    expect(report.counts.from.clocks.onsite).toEqual({ late: 1 });
    expect(report.counts.to.clocks.onsite).toEqual({ breached: 1 });
    expect(report.counts.from.points).toBe(0);
    expect(report.counts.to.points).toBe(0.2);
  });
});
