// Holidays over several years, and E301 where a year has no table. The shipped 2025 and
// 2026 State Council tables are used together; 2027 has none, so a revisit due on
// 2027-01-01 is computed as a working day and the result says so. Expected instants are
// counted by hand from the notices (comments give the count).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkText, compile, evaluate, type CompiledPolicy, type EvaluationResult, type SourceFile } from '../../../engine/index.js';

const read = (year: number): SourceFile => ({
  uri: `cn-holidays-${year}.sla`,
  text: readFileSync(new URL(`../../../policies/calendars/cn-holidays-${year}.sla`, import.meta.url), 'utf8'),
});
const TABLES = [read(2025), read(2026)];

function policy(target: string, extra = ''): CompiledPolicy {
  const text = `group desk "测试集团"
use cn-holidays-2025, cn-holidays-2026
zone "Asia/Shanghai"
calendar office "工作日" {
  include cn-holidays-2025, cn-holidays-2026
  mon-fri 08:30-17:30
}
categories { cleaning "保洁服务" }
tiers { general "一般" }
events { resolved "处理完成", revisited "回访" }
clock revisit "回访" {
  start resolved
  stop revisited
  calendar office
  target ${target}
}
${extra}`;
  const checked = checkText(text, 'desk.sla', TABLES);
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => `${d.code} ${d.message}`).join('\n'));
  const compiled = compile(checked.policies.get('desk')!);
  if (!compiled.value) throw new Error(compiled.errors.map((e) => e.message).join('\n'));
  return compiled.value;
}

function run(p: CompiledPolicy, resolved: string, at: string, explain = false): EvaluationResult {
  const ticket = {
    id: 'T-1',
    property: 'jinxiu',
    unit: 'jinxiu/cleaning',
    category: 'cleaning',
    priority: 'general',
    createdAt: resolved,
    events: [{ type: 'resolved', at: resolved }],
  };
  const outcome = evaluate(p, ticket, at, { explain });
  if (!outcome.value) throw new Error(outcome.errors.map((e) => e.message).join('\n'));
  return outcome.value;
}

describe('a calendar that includes the 2025 and 2026 tables', () => {
  it('counts a span from 2025 into 2026 under both tables', () => {
    // From Tuesday 2025-09-30: October 18 working days (10-01..08 off, Saturday 10-11 on),
    // November 20, December 23 (61), Thursday..Saturday 2026-01-01..03 off, Sunday 01-04
    // on (62), Monday 01-05 the 63rd. Without the 2025 table it would be 2025-12-26,
    // without the 2026 table 2026-01-02.
    const r = run(policy('63 workdays'), '2025-09-30T10:00:00+08:00', '2025-10-01T00:00:00+08:00');
    expect(r.clocks[0]!.dueAt).toBe('2026-01-05T17:30:00+08:00');
    expect(r.notes).toBeUndefined();
  });

  it('skips the 2025 National Day and Mid-Autumn holidays', () => {
    // 10-01..10-08 off; Thursday 10-09 is the first working day.
    const r = run(policy('1 workdays'), '2025-09-30T10:00:00+08:00', '2025-10-01T00:00:00+08:00');
    expect(r.clocks[0]!.dueAt).toBe('2025-10-09T17:30:00+08:00');
  });
});

describe('E301: a year without a holiday table', () => {
  it('notes a revisit due on 2027-01-01, computed as a working day', () => {
    // From Thursday 2026-12-31 the next date, Friday 2027-01-01, has no table: a plain Friday.
    const r = run(policy('1 workdays'), '2026-12-31T10:00:00+08:00', '2026-12-31T12:00:00+08:00');
    expect(r.clocks[0]!.dueAt).toBe('2027-01-01T17:30:00+08:00');
    expect(r.notes).toEqual([expect.objectContaining({ code: 'E301', pointer: '/clocks/0/dueAt', year: 2027, calendar: 'office' })]);
    expect(r.clocks[0]!.reason.en).toContain('E301');
    expect(r.clocks[0]!.reason.zh).toContain('2027 年');
  });

  it('says nothing when the due time falls in a covered year', () => {
    // From Tuesday 2026-12-29, due Wednesday 12-30.
    const r = run(policy('1 workdays'), '2026-12-29T10:00:00+08:00', '2026-12-29T12:00:00+08:00');
    expect(r.clocks[0]!.dueAt).toBe('2026-12-30T17:30:00+08:00');
    expect(r.notes).toBeUndefined();
    expect(r.clocks[0]!.reason.en).not.toContain('E301');
  });

  it('notes working days late counted into a year without a table', () => {
    // Due 2026-12-30 17:30; by Tuesday 2027-01-05 09:00: 12-31, 01-01 (a plain Friday), 01-04.
    const r = run(policy('1 workdays'), '2026-12-29T10:00:00+08:00', '2027-01-05T09:00:00+08:00');
    expect(r.clocks[0]!.overdueWorkdays).toBe(3);
    expect(r.notes).toEqual([expect.objectContaining({ code: 'E301', pointer: '/clocks/0/overdueWorkdays', year: 2027 })]);
  });

  it('notes a plan deadline in working days that falls in a year without a table', () => {
    // Due Wednesday 2026-12-30 17:30, a day late at 12-31 17:30; the plan is due at the end of
    // the 2nd working day after that on the tables' day calendar (whole days): Friday
    // 2027-01-01 (a plain Friday), Monday 01-04, so at midnight starting 01-05.
    const p = policy('1 workdays', 'roles { supervisor "客服主管" }\nwarning blue { when overdue(revisit) >= 1d  notify supervisor  plan within 2 workdays }\n');
    const r = run(p, '2026-12-29T10:00:00+08:00', '2026-12-31T18:00:00+08:00');
    expect(r.warning.level).toBe('blue');
    expect(r.actions.planDueAt).toBe('2027-01-05T00:00:00+08:00');
    expect(r.notes).toEqual([expect.objectContaining({ code: 'E301', pointer: '/actions/planDueAt', year: 2027 })]);
  });

  it('puts the note in the trace when asked to explain', () => {
    const r = run(policy('1 workdays'), '2026-12-31T10:00:00+08:00', '2026-12-31T12:00:00+08:00', true);
    expect(r.trace?.some((t) => t.rule === 'holiday tables (E301)' && t.inputs['year'] === 2027)).toBe(true);
  });

  it('says nothing for a calendar that lists no holidays at all', () => {
    const text = `group desk "测试集团"
zone "Asia/Shanghai"
calendar office "工作日" { mon-fri 08:30-17:30 }
categories { cleaning "保洁服务" }
tiers { general "一般" }
events { resolved "处理完成", revisited "回访" }
clock revisit { start resolved stop revisited calendar office target 1 workdays }
`;
    const checked = checkText(text, 'desk.sla', []);
    const p = compile(checked.policies.get('desk')!).value!;
    const r = run(p, '2026-12-31T10:00:00+08:00', '2026-12-31T12:00:00+08:00');
    expect(r.clocks[0]!.dueAt).toBe('2027-01-01T17:30:00+08:00');
    expect(r.notes).toBeUndefined();
  });
});
