// Edges of clock.ts and recurring.ts that do not read well as corpus cases: odd
// event orders, pauses at awkward moments, missing anchors and cells, exact
// deadlines of the recurring targets. Expected values are worked out by hand in
// the comments; instants are Asia/Shanghai, 2026-03-02 is a Monday.
import { describe, expect, it } from 'vitest';
import { checkText, compile, evaluate, type ClockResult, type CompiledPolicy } from '../../../engine/index.js';

const HEAD = `group desk "测试集团"
zone "Asia/Shanghai"
calendar office "办公时间" { mon-fri 08:30-17:30 }
categories { engineering "工程维修", cleaning "保洁服务" }
tiers { urgent "紧急", general "一般" }
events {
  received "受理", accepted "接单", contacted "联系", appointment "预约", arrived "到场"
  paused "暂停", resumed "恢复", reopened "重开", progress "通报进度", resolved "处理完成"
}
`;

function policy(clocks: string): CompiledPolicy {
  const checked = checkText(HEAD + clocks, 'desk.sla');
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.column} ${d.message}`).join('\n'));
  const compiled = compile(checked.policies.get('desk')!);
  if (!compiled.value) throw new Error(compiled.errors.map((e) => e.message).join('\n'));
  return compiled.value;
}

/** Events as [type, "MM-DDTHH:MM"] in March 2026 (or a full instant). */
function clockAt(p: CompiledPolicy, name: string, at: string, events: [string, string][], fields: Record<string, unknown> = {}): ClockResult {
  const instant = (s: string) => (s.length > 11 ? s : `2026-${s}:00+08:00`);
  const ticket = {
    id: 'T-1',
    property: 'jinxiu',
    unit: 'jinxiu/engineering',
    category: 'engineering',
    priority: 'general',
    // Created with its earliest event: an event before the creation is refused (E209).
    createdAt: instant([...events].map(([, t]) => t).sort()[0] ?? at),
    events: events.map(([type, t]) => ({ type, at: instant(t) })),
    ...fields,
  };
  const outcome = evaluate(p, ticket, instant(at));
  if (!outcome.value) throw new Error(outcome.errors.map((e) => `${e.pointer} ${e.message}`).join('\n'));
  const clock = outcome.value.clocks.find((c) => c.name === name);
  if (!clock) throw new Error(`clock ${name} does not apply`);
  return clock;
}

const at = (s: string) => `2026-${s}:00+08:00`;

describe('cycles of a clock', () => {
  const p = policy(`clock resolve {
  start received, accepted
  stop resolved
  pause paused
  resume resumed
  restart reopened
  target 4h
}`);

  it('starts at the first start event; a later start event does not restart it', () => {
    // received 09:00 starts it; accepted 09:30 is also a start event but it already runs: due 13:00.
    const c = clockAt(p, 'resolve', '03-02T10:00', [['received', '03-02T09:00'], ['accepted', '03-02T09:30']]);
    expect(c).toMatchObject({ state: 'running', startedAt: at('03-02T09:00'), dueAt: at('03-02T13:00') });
  });

  it('ignores a restart event while the clock still runs', () => {
    const c = clockAt(p, 'resolve', '03-02T10:00', [['received', '03-02T09:00'], ['reopened', '03-02T09:30']]);
    expect(c).toMatchObject({ state: 'running', startedAt: at('03-02T09:00'), dueAt: at('03-02T13:00') });
  });

  it('opens a second cycle only on a restart event, not on another start event', () => {
    const events: [string, string][] = [['received', '03-02T09:00'], ['resolved', '03-02T10:00'], ['accepted', '03-02T11:00']];
    expect(clockAt(p, 'resolve', '03-02T12:00', events)).toMatchObject({ state: 'met', stoppedAt: at('03-02T10:00'), dueAt: at('03-02T13:00') });
    const reopened: [string, string][] = [...events, ['reopened', '03-02T11:30']];
    expect(clockAt(p, 'resolve', '03-02T12:00', reopened)).toMatchObject({ state: 'running', startedAt: at('03-02T11:30'), dueAt: at('03-02T15:30') });
  });

  it('reads events in time order whatever their order in the ticket, and not those after `at`', () => {
    const events: [string, string][] = [['resolved', '03-02T15:00'], ['received', '03-02T09:00'], ['paused', '03-02T10:00'], ['resumed', '03-02T11:00']];
    // Paused 10:00-11:00: due 14:00. At 12:00 the resolution at 15:00 is not seen yet.
    expect(clockAt(p, 'resolve', '03-02T12:00', events)).toMatchObject({ state: 'running', dueAt: at('03-02T14:00'), elapsedMinutes: 120 });
    expect(clockAt(p, 'resolve', '03-02T16:00', events)).toMatchObject({ state: 'breached', overdueMinutes: 60, stoppedAt: at('03-02T15:00') });
  });

  it('ignores a pause before the start, a resume without a pause and a second pause while paused', () => {
    const events: [string, string][] = [
      ['paused', '03-02T08:00'],
      ['received', '03-02T09:00'],
      ['resumed', '03-02T09:10'],
      ['paused', '03-02T10:00'],
      ['paused', '03-02T10:30'],
      ['resumed', '03-02T11:00'],
    ];
    // One pause, 10:00-11:00: due 09:00 + 4h + 1h = 14:00.
    expect(clockAt(p, 'resolve', '03-02T12:00', events)).toMatchObject({ state: 'running', dueAt: at('03-02T14:00'), elapsedMinutes: 120 });
  });

  it('adds up several pauses', () => {
    const events: [string, string][] = [
      ['received', '03-02T09:00'],
      ['paused', '03-02T09:30'],
      ['resumed', '03-02T10:00'],
      ['paused', '03-02T11:00'],
      ['resumed', '03-02T12:30'],
    ];
    // 30 + 90 min paused: due 13:00 + 2h = 15:00; run at 14:00: 300 - 120 = 180.
    expect(clockAt(p, 'resolve', '03-02T14:00', events)).toMatchObject({ dueAt: at('03-02T15:00'), elapsedMinutes: 180, remainingMinutes: 60 });
  });

  it('ends an open pause at the stop: the paused time is not counted', () => {
    const events: [string, string][] = [['received', '03-02T09:00'], ['paused', '03-02T10:00'], ['resolved', '03-02T15:00']];
    // Paused 10:00-15:00 (closed by the stop): due 09:00 + 4h + 5h = 18:00; met; run 60.
    expect(clockAt(p, 'resolve', '03-02T16:00', events)).toMatchObject({ state: 'met', dueAt: at('03-02T18:00'), elapsedMinutes: 60 });
  });

  it('stays breached when a pause begins after the due time', () => {
    const events: [string, string][] = [['received', '03-02T09:00'], ['paused', '03-02T14:00']];
    expect(clockAt(p, 'resolve', '03-02T15:00', events)).toMatchObject({ state: 'breached', dueAt: at('03-02T13:00'), overdueMinutes: 120 });
  });

  it('is breached one second after its due time, with the lateness rounded to 0.0 minutes', () => {
    const c = clockAt(p, 'resolve', '03-02T14:00', [['received', '03-02T09:00'], ['resolved', '2026-03-02T13:00:01+08:00']]);
    expect(c).toMatchObject({ state: 'breached', overdueMinutes: 0 });
  });
});

describe('targets that give no due time', () => {
  const p = policy(`clock onsite { start appointment stop arrived target 5m before appointmentAt }
clock resolve { start received stop resolved target { engineering/urgent: 2h, cleaning: 24h } }`);

  it('runs without a due time when the ticket has no appointmentAt', () => {
    const c = clockAt(p, 'onsite', '03-05T09:00', [['appointment', '03-02T09:00']]);
    expect(c).toMatchObject({ state: 'running', dueAt: null, remainingMinutes: null, overdueMinutes: null });
    expect(c.reason.en).toContain('appointmentAt');
  });

  it('moves with the appointment when it is given', () => {
    const c = clockAt(p, 'onsite', '03-02T10:00', [['appointment', '03-02T09:00']], { appointmentAt: at('03-02T14:00') });
    expect(c).toMatchObject({ dueAt: at('03-02T13:55'), remainingMinutes: 235 });
  });

  it('never falls due for a category and tier its table does not cover', () => {
    // engineering/general: no cell, no engineering row, no */general, no *.
    const c = clockAt(p, 'resolve', '03-20T09:00', [['received', '03-02T09:00']]);
    expect(c).toMatchObject({ state: 'running', target: null, dueAt: null, overdueMinutes: null });
  });
});

describe('working-day targets', () => {
  const p = policy(`clock revisit { start resolved stop contacted restart reopened calendar office target 1 workday }`);

  it('counts from a Saturday to the end of Monday', () => {
    expect(clockAt(p, 'revisit', '03-07T12:00', [['resolved', '03-07T10:00']]).dueAt).toBe(at('03-09T17:30'));
  });

  it('counts a start before opening on a weekday from the next working day, not the same day', () => {
    // Tuesday 07:00: Tuesday itself never counts, the 1st working day is Wednesday.
    expect(clockAt(p, 'revisit', '03-03T12:00', [['resolved', '03-03T07:00']]).dueAt).toBe(at('03-04T17:30'));
  });

  it('gives a reopened cycle the full target from the restart', () => {
    const events: [string, string][] = [['resolved', '03-02T10:00'], ['contacted', '03-03T10:00'], ['reopened', '03-05T16:00']];
    expect(clockAt(p, 'revisit', '03-06T09:00', events)).toMatchObject({ state: 'running', startedAt: at('03-05T16:00'), dueAt: at('03-06T17:30') });
  });
});

describe('every N', () => {
  const p = policy(`clock updates { start received stop resolved update progress target every 1h }`);

  it('takes an update exactly at the due instant as on time', () => {
    const c = clockAt(p, 'updates', '03-02T10:30', [['received', '03-02T09:00'], ['progress', '03-02T10:00']]);
    expect(c).toMatchObject({ state: 'running', dueAt: at('03-02T11:00'), overdueMinutes: null });
  });

  it('is met when stopped with every update on time', () => {
    const events: [string, string][] = [['received', '03-02T09:00'], ['progress', '03-02T09:40'], ['resolved', '03-02T10:20']];
    expect(clockAt(p, 'updates', '03-02T12:00', events)).toMatchObject({ state: 'met', dueAt: null, stoppedAt: at('03-02T10:20') });
  });

  it('counts its lateness from the deadline to the late update, keeping the worst', () => {
    const events: [string, string][] = [
      ['received', '03-02T09:00'],
      ['progress', '03-02T10:10'], // due 10:00: 10 min late
      ['progress', '03-02T11:40'], // due 11:10: 30 min late
      ['progress', '03-02T12:20'], // due 12:40: on time
    ];
    expect(clockAt(p, 'updates', '03-02T13:00', events)).toMatchObject({ state: 'breached', overdueMinutes: 30, dueAt: at('03-02T13:20') });
  });
});

describe('daily by a time', () => {
  const p = policy(`clock every_day { start accepted stop resolved update progress target daily by 17:00 }
clock office_daily { start accepted stop resolved update progress calendar office target daily by 17:00 }`);

  it('takes an update at 17:00 sharp, and one just after midnight, for that day', () => {
    const events: [string, string][] = [['accepted', '03-02T09:00'], ['progress', '03-02T17:00'], ['progress', '03-03T00:00']];
    expect(clockAt(p, 'every_day', '03-03T18:00', events)).toMatchObject({ state: 'running', dueAt: at('03-04T17:00') });
  });

  it('is met when resolved before the day’s deadline, with every earlier day reported', () => {
    const events: [string, string][] = [['accepted', '03-02T09:00'], ['progress', '03-02T16:00'], ['resolved', '03-03T12:00']];
    expect(clockAt(p, 'every_day', '03-03T18:00', events)).toMatchObject({ state: 'met', dueAt: null });
  });

  it('is late from 17:00 until the end when no update comes', () => {
    expect(clockAt(p, 'every_day', '03-02T18:30', [['accepted', '03-02T09:00']])).toMatchObject({ state: 'breached', overdueMinutes: 90 });
  });

  it('asks nothing on days without service time: Friday’s update covers Friday, the next is due Monday', () => {
    const events: [string, string][] = [['accepted', '03-06T10:00'], ['progress', '03-06T16:00']];
    expect(clockAt(p, 'office_daily', '03-08T12:00', events)).toMatchObject({ state: 'running', dueAt: at('03-09T17:00') });
    // The 24x7 clock wants Saturday and Sunday too: Saturday's deadline is missed and still unreported.
    expect(clockAt(p, 'every_day', '03-08T12:00', events)).toMatchObject({ state: 'breached', dueAt: at('03-07T17:00') });
  });

  it('is due at the missed deadline, not the next one, while that day has no update', () => {
    // Monday reported; Tuesday missed. At Tuesday 17:30: due Tuesday 17:00, 30 min late (not due Wednesday).
    const events: [string, string][] = [['accepted', '03-02T09:00'], ['progress', '03-02T16:00']];
    expect(clockAt(p, 'every_day', '03-03T17:30', events)).toMatchObject({ state: 'breached', dueAt: at('03-03T17:00'), overdueMinutes: 30 });
    // Still unreported on Wednesday morning: Tuesday's deadline is the one outstanding.
    expect(clockAt(p, 'every_day', '03-04T10:00', events)).toMatchObject({ state: 'breached', dueAt: at('03-03T17:00') });
  });

  it('moves on to the next deadline once the missed day is reported late, keeping the breach', () => {
    const events: [string, string][] = [['accepted', '03-02T09:00'], ['progress', '03-02T16:00'], ['progress', '03-03T17:20']];
    expect(clockAt(p, 'every_day', '03-03T17:30', events)).toMatchObject({ state: 'breached', dueAt: at('03-04T17:00'), overdueMinutes: 20 });
  });
});

describe('recurring targets and pauses', () => {
  const p = policy(`clock updates { start received stop resolved pause paused resume resumed update progress target every 1h }`);

  it('is paused, without a due time, while a pause is open', () => {
    const c = clockAt(p, 'updates', '03-02T14:00', [['received', '03-02T09:00'], ['paused', '03-02T09:30']]);
    expect(c).toMatchObject({ state: 'paused', dueAt: null, overdueMinutes: null, elapsedMinutes: 30 });
  });

  it('moves the next update later by the paused time', () => {
    // Due 10:00; paused 09:30-11:30 holds 30 of the 60 min: due 12:00. Run at 11:45: 165 - 120 = 45.
    const events: [string, string][] = [['received', '03-02T09:00'], ['paused', '03-02T09:30'], ['resumed', '03-02T11:30']];
    expect(clockAt(p, 'updates', '03-02T11:45', events)).toMatchObject({ state: 'running', dueAt: at('03-02T12:00'), elapsedMinutes: 45, remainingMinutes: 15 });
  });

  it('does not forgive an update already missed before the pause, and stays late through it', () => {
    // Due 10:00, nothing by the pause at 10:30: breached, late 10:00 -> 12:00 in wall time, like a duration clock.
    const events: [string, string][] = [['received', '03-02T09:00'], ['paused', '03-02T10:30']];
    expect(clockAt(p, 'updates', '03-02T12:00', events)).toMatchObject({ state: 'breached', overdueMinutes: 120 });
  });

  it('asks for no daily update on a day whose deadline falls inside a pause', () => {
    const daily = policy(`clock every_day { start accepted stop resolved pause paused resume resumed update progress target daily by 17:00 }`);
    // Paused Monday 16:00 to Tuesday 09:00: Monday 17:00 is not required; Tuesday's is (update 16:00).
    const events: [string, string][] = [['accepted', '03-02T09:00'], ['paused', '03-02T16:00'], ['resumed', '03-03T09:00'], ['progress', '03-03T16:00']];
    expect(clockAt(daily, 'every_day', '03-03T18:00', events)).toMatchObject({ state: 'running', dueAt: at('03-04T17:00') });
    expect(clockAt(daily, 'every_day', '03-02T18:00', events.slice(0, 2))).toMatchObject({ state: 'paused', dueAt: null });
  });
});
