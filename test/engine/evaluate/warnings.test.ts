// When a warning was raised (raisedAt) and by when its plan is due (planDueAt).
// A lateness threshold is crossed at the due time plus the threshold (in working
// days: the end of the Nth working day after the due time); anything else holds
// from the ticket's creation; `or` takes the earliest part that holds, `and` the
// latest. raisedAt is the top level's; the plan is due `plan within` after it.
import { describe, expect, it } from 'vitest';
import { checkText, compile, evaluate, type CompiledPolicy, type EvaluationResult, type SourceFile } from '../../../engine/index.js';

const HEAD = `group desk "测试集团"
zone "Asia/Shanghai"
categories { cleaning "保洁服务" }
tiers { general "一般" }
events { received "受理", contacted "联系", resolved "处理完成" }
roles { supervisor "客服主管", quality_head "品质部负责人" }
flags { media_risk "媒体曝光风险" }
`;

function policy(body: string, extra = '', others: SourceFile[] = []): CompiledPolicy {
  const checked = checkText(`${HEAD}${extra}${body}`, 'desk.sla', others);
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => `${d.code} ${d.message}`).join('\n'));
  const compiled = compile(checked.policies.get('desk')!);
  if (!compiled.value) throw new Error(compiled.errors.map((e) => e.message).join('\n'));
  return compiled.value;
}

/** Received Monday 2026-03-02 10:00; contact (30m) due 10:30, resolve (24h) due Tuesday 10:00. */
const CLOCKS = `clock contact { start received stop contacted target 30m }
clock resolve { start received stop resolved target 24h }
`;

function ticket(fields: Record<string, unknown> = {}, events: [string, string][] = [['received', '2026-03-02T10:00:00+08:00']]) {
  return {
    id: 'T-1',
    property: 'jinxiu',
    unit: 'jinxiu/cleaning',
    category: 'cleaning',
    priority: 'general',
    createdAt: '2026-03-02T10:00:00+08:00',
    events: events.map(([type, at]) => ({ type, at })),
    ...fields,
  };
}

function run(p: CompiledPolicy, at: string, t = ticket()): EvaluationResult {
  const outcome = evaluate(p, t, at);
  if (!outcome.value) throw new Error(outcome.errors.map((e) => e.message).join('\n'));
  return outcome.value;
}

const minuteBefore = (iso: string) => new Date(Date.parse(iso) - 60_000).toISOString();

describe('raisedAt', () => {
  it('is the due time plus the threshold for a lateness in a duration', () => {
    const p = policy(`${CLOCKS}warning blue { when overdue(resolve) >= 3d }`);
    expect(run(p, '2026-03-09T00:00:00+08:00').warning.raisedAt).toBe('2026-03-06T10:00:00+08:00');
  });

  it('is the end of the Nth working day after the due time for a lateness in working days', () => {
    // Due Tuesday 03-03 10:00 on office hours; 2 working days late at the end of Thursday 03-05.
    const p = policy(
      `clock resolve { start received stop resolved calendar office target 2h }
warning blue { when overdue(resolve) >= 2 workdays }`,
      'calendar office { mon-fri 08:30-17:30 }\n',
    );
    const t = ticket({}, [['received', '2026-03-03T08:30:00+08:00']]);
    expect(run(p, '2026-03-09T09:00:00+08:00', t).warning.raisedAt).toBe('2026-03-05T17:30:00+08:00');
  });

  it('is the same for a threshold written first: `3d <= overdue(resolve)` reads as `overdue(resolve) >= 3d`', () => {
    const p = policy(`${CLOCKS}warning blue { when 3d <= overdue(resolve) }`);
    expect(run(p, '2026-03-06T09:59:00+08:00').warning.level).toBe('none');
    const result = run(p, '2026-03-09T00:00:00+08:00');
    expect(result.warning).toMatchObject({ level: 'blue', raisedAt: '2026-03-06T10:00:00+08:00' });
    expect(result.warning.reasons[0]?.reason.en).toContain('3d <= overdue(resolve)');
  });

  it('is the ticket’s creation for a condition that is not a lateness', () => {
    const p = policy(`${CLOCKS}warning blue { when repeatCount >= 1 or flags has media_risk }`);
    expect(run(p, '2026-03-04T12:00:00+08:00', ticket({ flags: ['media_risk'] })).warning.raisedAt).toBe('2026-03-02T10:00:00+08:00');
  });

  it('is the ticket’s creation for `not`', () => {
    const p = policy(`${CLOCKS}warning blue { when not (flags has media_risk) }`);
    expect(run(p, '2026-03-04T12:00:00+08:00').warning.raisedAt).toBe('2026-03-02T10:00:00+08:00');
  });

  it('takes the earliest part that holds in an `or`', () => {
    const p = policy(`${CLOCKS}warning blue { when overdue(resolve) >= 1d or overdue(contact) >= 1h }`);
    // contact: due 10:30, + 1h = 11:30 Monday; resolve: due Tuesday 10:00, + 1d = Wednesday 10:00.
    expect(run(p, '2026-03-05T12:00:00+08:00').warning.raisedAt).toBe('2026-03-02T11:30:00+08:00');
  });

  it('ignores a part of an `or` that does not hold', () => {
    const p = policy(`${CLOCKS}warning blue { when repeatCount >= 1 or overdue(resolve) >= 1d }`);
    expect(run(p, '2026-03-05T12:00:00+08:00').warning.raisedAt).toBe('2026-03-04T10:00:00+08:00');
  });

  it('takes the latest part in an `and`', () => {
    const p = policy(`${CLOCKS}warning blue { when overdue(resolve) >= 1d and overdue(contact) >= 1h }`);
    expect(run(p, '2026-03-05T12:00:00+08:00').warning.raisedAt).toBe('2026-03-04T10:00:00+08:00');
  });

  it('is the top level’s, not the lowest level’s', () => {
    const p = policy(`${CLOCKS}warning blue { when overdue(resolve) >= 1d }
warning red { when overdue(resolve) >= 2d }`);
    const result = run(p, '2026-03-05T12:00:00+08:00');
    expect(result.warning.level).toBe('red');
    expect(result.warning.reasons.map((r) => r.level)).toEqual(['blue', 'red']);
    expect(result.warning.raisedAt).toBe('2026-03-05T10:00:00+08:00');
  });

  it('is null when no level is reached', () => {
    const p = policy(`${CLOCKS}warning blue { when overdue(resolve) >= 3d }`);
    expect(run(p, '2026-03-03T12:00:00+08:00').warning).toMatchObject({ level: 'none', raisedAt: null, reasons: [] });
  });

  describe('is the first instant at which the level holds', () => {
    const p = policy(
      `${CLOCKS}clock revisit { start resolved stop contacted calendar office target 1 workday }
warning blue { when overdue(contact) >= 90m }
warning yellow { when overdue(contact) > 2d }
warning red { when overdue(revisit) >= 2 workdays }`,
      'calendar office { mon-fri 08:30-12:00, 13:30-17:30 }\n',
    );
    const t = ticket({}, [
      ['received', '2026-03-06T16:00:00+08:00'],
      ['resolved', '2026-03-06T16:30:00+08:00'],
    ]);
    const cases: [string, string][] = [
      ['blue', '2026-03-06T18:00:00+08:00'], // contact due 16:30 + 90m
      ['yellow', '2026-03-08T16:31:00+08:00'], // contact due Friday 16:30 + 2d, strictly more: the minute after
      ['red', '2026-03-11T17:30:00+08:00'], // revisit due end of Monday 03-09; 2 working days later: end of Wednesday
    ];
    it.each(cases)('%s: not a minute before %s, and at it', (level, at) => {
      expect(run(p, minuteBefore(at), t).warning.level).not.toBe(level);
      const result = run(p, at, t);
      expect(result.warning.level).toBe(level);
      if (level !== 'yellow') expect(result.warning.raisedAt).toBe(at);
    });
  });
});

describe('planDueAt', () => {
  it('is raisedAt plus a duration', () => {
    const p = policy(`${CLOCKS}warning blue { when overdue(resolve) >= 3d  notify supervisor  plan within 4h }`);
    expect(run(p, '2026-03-09T00:00:00+08:00').actions).toEqual({ notify: ['supervisor'], planDueAt: '2026-03-06T14:00:00+08:00' });
  });

  it('is the end of the Nth working day after raisedAt, counted on the policy’s holiday table', () => {
    // Raised Friday 2026-09-25 10:00 (中秋节 holiday 09-25..09-27 does not matter to a 24x7 clock);
    // plan within 2 workdays: the date 09-25 does not count, 09-26/27 are holidays, Monday 09-28 is
    // the 1st, Tuesday 09-29 the 2nd, ending at midnight (the table has no hours).
    const p = policy(`${CLOCKS}warning blue { when overdue(resolve) >= 3d  plan within 2 workdays }`, 'use cn-holidays-2026\n', [
      { uri: 'cn-holidays-2026.sla', text: HOLIDAYS },
    ]);
    const t = ticket({ createdAt: '2026-09-21T10:00:00+08:00' }, [['received', '2026-09-21T10:00:00+08:00']]);
    const result = run(p, '2026-09-26T12:00:00+08:00', t);
    expect(result.warning.raisedAt).toBe('2026-09-25T10:00:00+08:00');
    expect(result.actions.planDueAt).toBe('2026-09-30T00:00:00+08:00');
  });

  it('is the top level’s plan: null when the top level has no `plan within`, even if a lower one has', () => {
    const p = policy(`${CLOCKS}warning blue { when overdue(resolve) >= 1d  notify supervisor  plan within 1d }
warning red { when flags has media_risk  notify quality_head }`);
    const result = run(p, '2026-03-05T12:00:00+08:00', ticket({ flags: ['media_risk'] }));
    expect(result.warning.level).toBe('red');
    expect(result.actions).toEqual({ notify: ['quality_head'], planDueAt: null });
  });

  it('is null, with nobody to notify, when no warning is raised', () => {
    const p = policy(`${CLOCKS}warning blue { when overdue(resolve) >= 1d  notify supervisor  plan within 1d }`);
    expect(run(p, '2026-03-02T12:00:00+08:00').actions).toEqual({ notify: [], planDueAt: null });
  });
});

const HOLIDAYS = `library cn-holidays-2026 "2026年全国法定节假日安排"
calendar cn-holidays-2026 "节假日" {
  zone "Asia/Shanghai"
  holiday 2026-09-25..2026-09-27 "中秋节"
  holiday 2026-10-01..2026-10-07 "国庆节"
  workday 2026-09-20 "国庆节调休上班"
  workday 2026-10-10 "国庆节调休上班"
}
`;
