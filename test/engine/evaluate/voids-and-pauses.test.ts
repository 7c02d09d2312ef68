// `void … when …`, `charge each|highest level` and `pause at most` (evaluate/charges.ts,
// evaluate/pause-limit.ts, evaluate/bounded.ts) and E330 pause reasons (validate.ts).
// Expected values are worked out by hand in the comments; instants are Asia/Shanghai,
// 2026-03-02 is a Monday.
import { describe, expect, it } from 'vitest';
import { checkText, compile, evaluate, quickShapeError, simulate, type CompiledPolicy, type EvaluationResult, type Ticket } from '../../../engine/index.js';

const HEAD = `group desk "测试集团"
zone "Asia/Shanghai"
calendar office "办公时间" { mon-fri 08:30-17:30 }
categories { engineering "工程维修" }
tiers { general "一般" }
attribute kind "类型" { complaint "投诉", repair "报修" }
events { received "受理", paused "暂停", resumed "恢复", resolved "处理完成", reopened "重开", replied "答复" }
flags { not_responsible "非物业责任", statement_accepted "非责任说明已获准" }
`;

function policy(body: string): CompiledPolicy {
  const checked = checkText(HEAD + body, 'desk.sla');
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.column} ${d.message}`).join('\n'));
  const compiled = compile(checked.policies.get('desk')!);
  if (!compiled.value) throw new Error(compiled.errors.map((e) => e.message).join('\n'));
  return compiled.value;
}

const instant = (s: string) => (s.length > 11 ? s : `2026-${s}:00+08:00`);

function ticket(events: [string, string, string?][], fields: Record<string, unknown> = {}) {
  return {
    id: 'T-1',
    property: 'jinxiu',
    unit: 'jinxiu/engineering',
    category: 'engineering',
    priority: 'general',
    kind: 'complaint',
    createdAt: instant(events[0]![1]),
    events: events.map(([type, t, reason]) => (reason === undefined ? { type, at: instant(t) } : { type, at: instant(t), reason })),
    ...fields,
  };
}

function run(p: CompiledPolicy, t: unknown, at: string, explain = false): EvaluationResult {
  const out = evaluate(p, t, instant(at), { explain });
  if (!out.value) throw new Error(out.errors.map((e) => `${e.code} ${e.pointer} ${e.message}`).join('\n'));
  return out.value;
}

// A 24 h resolve clock and the 3/7/15-day ladder of 004, blue 0.2, yellow 0.5, red 1.
const LADDER = `clock resolve { start received stop resolved pause paused resume resumed calendar 24x7 target 24h }
warning blue { when overdue(resolve) >= 3d }
warning yellow { when overdue(resolve) >= 7d }
warning red { when overdue(resolve) >= 15d }
`;
const REASON = { zh: '无效投诉：非责任说明已获准', en: 'invalid complaint: statement accepted' };
const VOIDING = policy(`${LADDER}pause at most 7d
penalties {
  blue 0.2 points
  yellow 0.5 points
  red 1 point
  void "${REASON.zh}" "${REASON.en}" when kind = complaint and flags has not_responsible and flags has statement_accepted
}
`);

// Received 03-02 10:00, due 03-03 10:00; on 03-18 10:00 it is exactly 15 days late: blue, yellow and red all appeared.
const LATE: [string, string][] = [['received', '03-02T10:00']];

describe('void … when …', () => {
  it('an accepted statement voids every level reached: warnings kept, no points, each level listed with the reason', () => {
    const r = run(VOIDING, ticket(LATE, { flags: ['not_responsible', 'statement_accepted'] }), '03-18T10:00');
    expect(r.warning.level).toBe('red');
    expect(r.penalty.points).toBe(0);
    expect(r.penalty.levels).toEqual([
      { level: 'blue', points: 0 },
      { level: 'yellow', points: 0 },
      { level: 'red', points: 0 },
    ]);
    expect(r.voided).toEqual([
      { level: 'blue', reason: REASON },
      { level: 'yellow', reason: REASON },
      { level: 'red', reason: REASON },
    ]);
  });

  it('a statement filed but not accepted is still charged: 0.2 + 0.5 + 1 = 1.7, nothing voided', () => {
    const r = run(VOIDING, ticket(LATE, { flags: ['not_responsible'] }), '03-18T10:00');
    expect(r.penalty.points).toBe(1.7);
    expect(r.voided).toBeUndefined();
  });

  it('a ticket without a statement is untouched, and one outside the void (a repair) is charged though flagged', () => {
    expect(run(VOIDING, ticket(LATE), '03-18T10:00').penalty.points).toBe(1.7);
    const repair = run(VOIDING, ticket(LATE, { kind: 'repair', flags: ['not_responsible', 'statement_accepted'] }), '03-18T10:00');
    expect([repair.penalty.points, repair.voided]).toEqual([1.7, undefined]);
  });

  it('a void with no level reached lists nothing', () => {
    const r = run(VOIDING, ticket(LATE, { flags: ['not_responsible', 'statement_accepted'] }), '03-03T10:00');
    expect([r.warning.level, r.penalty.points, r.voided]).toEqual(['none', 0, undefined]);
  });

  it('the trace names the void rule that applied', () => {
    const r = run(VOIDING, ticket(LATE, { flags: ['not_responsible', 'statement_accepted'] }), '03-18T10:00', true);
    const entry = r.trace?.find((e) => e.rule === 'void');
    expect(entry?.outcome).toBe('voided');
    expect(entry?.source).toMatch(/^desk\.sla:\d+:\d+$/);
  });
});

describe('charge each level | charge highest level', () => {
  const highest = policy(`${LADDER}pause at most 7d
penalties {
  charge highest level
  blue 0.2 points
  yellow 0.5 points
  red 1 point
}
`);
  const each = policy(`${LADDER}pause at most 7d
penalties {
  charge each level
  blue 0.2 points
  yellow 0.5 points
  red 1 point
}
`);

  it('highest: exactly 7 days late (03-10 10:00) pays yellow only, 0.5, blue shown at 0', () => {
    const r = run(highest, ticket(LATE), '03-10T10:00');
    expect(r.warning.level).toBe('yellow');
    expect(r.penalty).toEqual({ points: 0.5, unit: 'jinxiu/engineering', levels: [{ level: 'blue', points: 0 }, { level: 'yellow', points: 0.5 }] });
  });

  it('highest: one minute before 7 days late (03-10 09:59) is blue, 0.2', () => {
    expect(run(highest, ticket(LATE), '03-10T09:59').penalty.points).toBe(0.2);
  });

  it('each (stated, as the default): the same ticket pays 0.2 + 0.5 = 0.7', () => {
    expect(run(each, ticket(LATE), '03-10T10:00').penalty.points).toBe(0.7);
  });
});

describe('pause at most', () => {
  // Ran 1 h (10:00-11:00), then paused and never resumed. 7 days of pause count (to 03-09 11:00),
  // then the clock runs its remaining 23 h: due 03-10 10:00.
  const OPEN: [string, string][] = [
    ['received', '03-02T10:00'],
    ['paused', '03-02T11:00'],
  ];

  it('a pause never resumed is cut at the limit: due 03-10 10:00, running at that instant, breached one minute later', () => {
    const atDue = run(VOIDING, ticket(OPEN), '03-10T10:00').clocks[0]!;
    expect([atDue.state, atDue.dueAt]).toEqual(['running', '2026-03-10T10:00:00+08:00']);
    const after = run(VOIDING, ticket(OPEN), '03-10T10:01').clocks[0]!;
    expect([after.state, after.overdueMinutes]).toEqual(['breached', 1]);
  });

  it('the note E331 says when the pause began, that it was never resumed and from when it counted again', () => {
    const r = run(VOIDING, ticket(OPEN), '03-10T10:00');
    expect(r.notes).toEqual([
      expect.objectContaining({ code: 'E331', pointer: '/clocks/0', pausedAt: '2026-03-02T11:00:00+08:00', resumedAt: null, countedUntil: '2026-03-09T11:00:00+08:00' }),
    ]);
    expect(r.clocks[0]!.reason.en).toContain('E331');
  });

  it('still within the limit (03-09 10:59) the clock is paused, with no due time and no note', () => {
    const r = run(VOIDING, ticket(OPEN), '03-09T10:59');
    expect([r.clocks[0]!.state, r.clocks[0]!.dueAt, r.notes]).toEqual(['paused', null, undefined]);
  });

  it('the limit is per cycle, not per pause: 4 days, a resume of 1 hour, 4 more days count only 3 of them', () => {
    // Ran 10:00-11:00 (1 h); paused 03-02 11:00 to 03-06 11:00 (4 d, all counted); ran 11:00-12:00 (1 h);
    // paused 03-06 12:00 to 03-10 12:00 (4 d, only 3 d left: counted to 03-09 12:00). Ran 2 h by then,
    // 22 h left from 03-09 12:00: due 03-10 10:00.
    const r = run(VOIDING, ticket([
      ['received', '03-02T10:00'],
      ['paused', '03-02T11:00'],
      ['resumed', '03-06T11:00'],
      ['paused', '03-06T12:00'],
      ['resumed', '03-10T12:00'],
    ]), '03-10T12:00');
    expect([r.clocks[0]!.dueAt, r.clocks[0]!.state]).toEqual(['2026-03-10T10:00:00+08:00', 'breached']);
    expect(r.notes?.map((n) => [n.code, 'resumedAt' in n ? n.resumedAt : null])).toEqual([['E331', '2026-03-10T12:00:00+08:00']]);
  });

  it('a clock with no limit keeps an open pause paused for ever (no cap without `pause at most`)', () => {
    const unbounded = policy(`${LADDER}penalties { blue 0.2 points }
`);
    const r = run(unbounded, ticket(OPEN), '04-28T10:00');
    expect([r.clocks[0]!.state, r.warning.level, r.notes]).toEqual(['paused', 'none', undefined]);
  });

  it("the top-level default applies to a clock without its own limit; the clock's own limit wins", () => {
    const own = policy(`clock resolve { start received stop resolved pause paused resume resumed pause at most 1d calendar 24x7 target 24h }
pause at most 7d
`);
    // 1 h run, 1 d of pause to 03-03 11:00, 23 h more: due 03-04 10:00.
    expect(run(own, ticket(OPEN), '03-04T09:00').clocks[0]!.dueAt).toBe('2026-03-04T10:00:00+08:00');
  });

  it('on a business calendar the limit is service time: 1 h of pause on Friday 17:00 counts to Monday 08:30 + 30 min', () => {
    const office = policy(`clock reply { start received stop replied pause paused resume resumed pause at most 1h calendar office target 2h }
`);
    // Received Fri 03-06 16:00, ran 1 h to 17:00, paused. The pause counts 1 h of service time: 17:00-17:30 Fri and
    // 08:30-09:00 Mon 03-09 (the weekend has none), so the clock runs again at 09:00 with 1 h left: due 10:00.
    const r = run(office, ticket([
      ['received', '03-06T16:00'],
      ['paused', '03-06T17:00'],
    ]), '03-09T09:30');
    expect(r.clocks[0]!.dueAt).toBe('2026-03-09T10:00:00+08:00');
  });
});

describe('pause reasons (E330)', () => {
  const withReasons = policy(`${LADDER}pause at most 7d
pause reasons { waiting_parts "等待配件", owner_away "业主不在" }
`);

  it('a declared reason on a pause event is accepted', () => {
    const out = evaluate(withReasons, ticket([['received', '03-02T10:00'], ['paused', '03-02T11:00', 'waiting_parts']]), instant('03-02T12:00'));
    expect(out.errors).toEqual([]);
  });

  it("an undeclared reason is refused at the event's reason, with a did-you-mean", () => {
    const out = evaluate(withReasons, ticket([['received', '03-02T10:00'], ['paused', '03-02T11:00', 'waiting_part']]), instant('03-02T12:00'));
    expect(out.errors.map((e) => [e.code, e.pointer])).toEqual([['E330', '/ticket/events/1/reason']]);
    expect(out.errors[0]!.help).toContain('waiting_parts');
  });

  it('a reason on an event that pauses no clock is refused', () => {
    const out = evaluate(withReasons, ticket([['received', '03-02T10:00'], ['resumed', '03-02T11:00', 'waiting_parts']]), instant('03-02T12:00'));
    expect(out.errors.map((e) => [e.code, e.pointer])).toEqual([['E330', '/ticket/events/1/reason']]);
  });

  it('a reason that is not text is refused by the stream check, before the words are read', async () => {
    const t = ticket([['received', '03-02T10:00'], ['paused', '03-02T11:00']]);
    (t.events[1] as Record<string, unknown>)['reason'] = 7;
    expect(quickShapeError(t)).toMatchObject({ code: 'E201', pointer: '/events/1/reason' });
    expect(evaluate(withReasons, t, instant('03-02T12:00')).errors.map((e) => [e.code, e.pointer])).toEqual([['E201', '/ticket/events/1/reason']]);
    // A sound reason passes it; the words' check judges it (E330) without throwing.
    (t.events[1] as Record<string, unknown>)['reason'] = 'waiting_part';
    expect(quickShapeError(t)).toBeNull();
    const skipped = (await simulate(withReasons, withReasons, [t as Ticket], instant('03-02T12:00'))).skipped;
    // Both sides' errors are listed; here both sides are the same policy.
    expect(skipped.examples[0]!.errors.map((e) => e.code)).toEqual(['E330', 'E330']);
  });

  it('a policy that declares no reasons refuses any reason', () => {
    const out = evaluate(VOIDING, ticket([['received', '03-02T10:00'], ['paused', '03-02T11:00', 'waiting_parts']]), instant('03-02T12:00'));
    expect(out.errors.map((e) => e.code)).toEqual(['E330']);
  });
});
