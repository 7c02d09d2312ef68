// compile(effective policy): a frozen CompiledPolicy, or E102 for every [X] a
// policy still leaves open. A template (group, branch) compiles `partial` for its
// own tests: its [X] stay unknown, clocks on them have no due time and conditions
// on them never hold.
import { describe, expect, it } from 'vitest';
import { checkSources, compile, evaluate, runPolicyTests, type CompiledPolicy, type SourceFile } from '../../engine/index.js';

const GROUP = `group huayu "华宇物业集团"
categories { engineering "工程维修", cleaning "保洁服务" }
tiers { urgent "紧急", general "一般" }
events { received "受理", accepted "接单", contacted "联系报事人", resolved "处理完成" }
roles { service_supervisor "客服主管" }
param contact_within "联系时限": duration = [X]
param households "总户数": count = [X]
clock contact "联系报事人" {
  start accepted
  stop contacted
  target { *: contact_within, */urgent: 15m }
}
clock resolve "处理完成" {
  start received
  stop resolved
  target { *: 24h, */urgent: [X] }
}
warning blue "蓝色预警" {
  when overdue(resolve) >= 3d
  notify service_supervisor
  plan within [X]
}
warning red "红色预警" { when share(issueKey, 30d, households) >= 5% }
penalties { blue [X], red 1 point }
test "紧急报修15分钟内联系" {
  ticket {
    category: engineering
    priority: urgent
    event accepted 2026-03-02T08:05+08:00
    event contacted 2026-03-02T08:15+08:00
  }
  at 2026-03-02T09:00+08:00
  expect contact met
}
`;

const PROPERTY = `property jinxiu "锦绣花园" extends huayu
param contact_within = 30m
param households = 1860
clock resolve { target { */urgent: 4h } }
warning blue { plan within 1d }
penalties { blue 0.2 points }
`;

const files = (...extra: SourceFile[]): SourceFile[] => [{ uri: 'huayu.sla', text: GROUP }, ...extra];

function effective(id: string, sources: SourceFile[]) {
  const checked = checkSources(sources);
  const policy = checked.policies.get(id);
  if (!policy) throw new Error(`no policy ${id}`);
  return { policy, diagnostics: checked.diagnostics };
}

/** 1-based line and column of the n-th occurrence of `needle` in `text`. */
function positionOf(text: string, needle: string, n = 1): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i < n; i++) at = text.indexOf(needle, at + 1);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: (before[before.length - 1] as string).length + 1 };
}

const ticket = (category: string, priority: string, events: [string, string][]) => ({
  id: 'T-1',
  property: 'jinxiu',
  unit: 'jinxiu/engineering',
  category,
  priority,
  createdAt: events[0]?.[1] ?? '2026-03-02T08:00:00+08:00',
  events: events.map(([type, at]) => ({ type, at })),
});

describe('compile', () => {
  describe('a template that leaves [X] (a group compiled without `partial`)', () => {
    const { policy } = effective('huayu', files());
    const result = compile(policy);

    it('gives no compiled policy', () => {
      expect(result.value).toBeUndefined();
    });

    it('reports E102 once for each [X]: two parameters, a target cell, a plan deadline and a penalty', () => {
      expect(result.errors.map((e) => e.code)).toEqual(['E102', 'E102', 'E102', 'E102', 'E102']);
    });

    it('points each E102 at the [X] in the file', () => {
      const starts = result.errors.map((e) => ({ uri: e.uri, line: e.range?.start.line, column: e.range?.start.column }));
      const x = (n: number) => ({ uri: 'huayu.sla', ...positionOf(GROUP, '[X]', n) });
      // Parameters first, then the clock cell, then the warning's plan and the penalty row.
      expect(starts[0]).toEqual(x(1));
      expect(starts[1]).toEqual(x(2));
      expect(starts[2]).toEqual(x(3));
      expect(starts.slice(3).map((s) => s.line)).toEqual([positionOf(GROUP, 'plan within').line, positionOf(GROUP, 'penalties').line]);
    });
  });

  describe('a property that leaves one of its group’s [X] open', () => {
    const open = PROPERTY.replace('param households = 1860\n', '');
    const { policy, diagnostics } = effective('jinxiu', files({ uri: 'jinxiu.sla', text: open }));

    it('is reported by the checker as C602', () => {
      expect(diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['C602']);
    });

    it('does not compile: E102 names the parameter still open', () => {
      const result = compile(policy);
      expect(result.value).toBeUndefined();
      expect(result.errors.map((e) => e.code)).toEqual(['E102']);
      expect(result.errors[0]?.message).toContain("'households'");
    });
  });

  describe('a property that fills every [X]', () => {
    const { policy, diagnostics } = effective('jinxiu', files({ uri: 'jinxiu.sla', text: PROPERTY }));
    const compiled = compile(policy).value as CompiledPolicy;

    it('checks clean and compiles, not partial', () => {
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(compiled.partial).toBe(false);
      expect(compiled.id).toBe('jinxiu');
    });

    it('is frozen, with its clocks and warnings', () => {
      expect(Object.isFrozen(compiled)).toBe(true);
      expect(Object.isFrozen(compiled.clocks)).toBe(true);
      expect(Object.isFrozen(compiled.clocks[0])).toBe(true);
      expect(Object.isFrozen(compiled.warnings[0])).toBe(true);
    });

    it('resolves each target cell by the precedence cell, */tier, category, *', () => {
      const [contact, resolve] = compiled.clocks as [CompiledPolicy['clocks'][0], CompiledPolicy['clocks'][0]];
      expect(contact.targetFor('cleaning', 'general')).toMatchObject({ kind: 'duration', minutes: 30, text: '30m' });
      expect(contact.targetFor('engineering', 'urgent')).toMatchObject({ kind: 'duration', minutes: 15 });
      expect(resolve.targetFor('cleaning', 'urgent')).toMatchObject({ kind: 'duration', minutes: 240 });
      expect(resolve.targetFor('cleaning', 'general')).toMatchObject({ kind: 'duration', minutes: 1440 });
      expect(contact.targetFor('plumbing', 'general')).toBeUndefined();
    });

    it('takes the filled plan deadline and penalty into its warnings', () => {
      expect(compiled.warnings.map((w) => [w.name, w.points, w.planWithin, w.notify])).toEqual([
        ['blue', 0.2, { minutes: 1440 }, ['service_supervisor']],
        ['red', 1, null, []],
      ]);
    });

    it('keeps the declared order of categories and tiers', () => {
      expect(compiled.categories).toEqual(['engineering', 'cleaning']);
      expect(compiled.tiers).toEqual(['urgent', 'general']);
    });
  });

  describe('a template compiled `partial` for its own tests', () => {
    const { policy } = effective('huayu', files());
    const result = compile(policy, { partial: true });
    const compiled = result.value as CompiledPolicy;

    it('compiles without errors and says it is partial', () => {
      expect(result.errors).toEqual([]);
      expect(compiled.partial).toBe(true);
    });

    it('times a clock whose target it knows', () => {
      const outcome = evaluate(compiled, ticket('engineering', 'urgent', [['accepted', '2026-03-02T08:05:00+08:00']]), '2026-03-02T08:10:00+08:00');
      expect(outcome.value?.clocks.find((c) => c.name === 'contact')).toMatchObject({ state: 'running', target: '15m', dueAt: '2026-03-02T08:20:00+08:00' });
    });

    it('gives a clock whose target is still [X] no due time, and never a breach', () => {
      const outcome = evaluate(compiled, ticket('cleaning', 'general', [['accepted', '2026-03-02T08:05:00+08:00']]), '2026-03-09T08:00:00+08:00');
      const contact = outcome.value?.clocks.find((c) => c.name === 'contact');
      expect(contact).toMatchObject({ state: 'running', target: '[X]', dueAt: null, overdueMinutes: null });
      expect(contact?.reason.en).toContain('[X]');
    });

    it('never holds a condition that needs an [X]: share() over an unknown household count', () => {
      const t = { ...ticket('cleaning', 'general', [['received', '2026-03-02T08:00:00+08:00']]), issueKey: 'k', household: 'h1' };
      expect(evaluate(compiled, t, '2026-03-02T09:00:00+08:00').value?.warning.level).toBe('none');
    });

    it('counts no points for a level whose penalty is still [X]', () => {
      const late = ticket('cleaning', 'general', [['received', '2026-03-02T08:00:00+08:00']]);
      const result = evaluate(compiled, late, '2026-03-07T08:00:00+08:00').value;
      expect(result?.warning.level).toBe('blue');
      expect(result?.penalty.points).toBe(0);
      expect(result?.actions.planDueAt).toBeNull();
    });

    it('runs the template’s own tests', () => {
      const run = runPolicyTests(files());
      expect(run.errors).toEqual([]);
      expect(run.outcomes.map((o) => [o.name, o.passed])).toEqual([['紧急报修15分钟内联系', true]]);
    });
  });
});
