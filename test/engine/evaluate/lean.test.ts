// evaluateLean: the numbers of evaluate() without its texts. Expected values worked out
// by hand from the policy below; the last case checks it against evaluate() as well.
import { describe, expect, it } from 'vitest';
import { checkText, compile, evaluate, evaluateLean, type CompiledPolicy } from '../../../engine/index.js';

const POLICY = `group desk "测试集团"
zone "Asia/Shanghai"
categories { engineering "工程维修" }
tiers { urgent "紧急", general "一般" }
events { received "受理", accepted "接单", contacted "联系报事人", resolved "处理完成" }
flags { media_risk "媒体曝光风险" }
clock contact { start accepted stop contacted target 30m }
clock resolve { start received stop resolved target { *: 24h, */urgent: 4h } }
warning blue { when overdue(resolve) >= 1d }
warning red { when flags has media_risk }
penalties { blue 0.2 points, red 1 point }
`;

function policy(): CompiledPolicy {
  const compiled = compile(checkText(POLICY, 'desk.sla').policies.get('desk')!);
  if (!compiled.value) throw new Error(compiled.errors.map((e) => e.message).join('\n'));
  return compiled.value;
}
const desk = policy();

const ticket = (priority: string, events: [string, string][], flags: string[] = []) => ({
  id: 'T-1',
  property: 'p',
  unit: 'p/engineering',
  category: 'engineering',
  priority,
  flags,
  createdAt: '2026-03-02T08:00:00+08:00',
  events: events.map(([type, at]) => ({ type, at: `2026-03-${at}:00+08:00` })),
});

describe('evaluateLean', () => {
  it('reaches blue for an urgent ticket still open 28 h after it came in (4 h target, 24 h late)', () => {
    const r = evaluateLean(desk, ticket('urgent', [['received', '02T08:00']]), '2026-03-03T12:00:00+08:00');
    expect(r.errors).toEqual([]);
    expect(r.value).toEqual({
      ticketId: 'T-1',
      level: 'blue',
      levels: ['blue'],
      points: 0.2,
      // contact never started; resolve due 12:00 on the 2nd (04:00 UTC), 1440 minutes late at 12:00 on the 3rd.
      clocks: [
        { name: 'contact', state: 'not_started', dueMs: null, overdueMinutes: null },
        { name: 'resolve', state: 'breached', dueMs: Date.UTC(2026, 2, 2, 4, 0), overdueMinutes: 1440 },
      ],
    });
  });

  it('reaches nothing for a general ticket resolved within its 24 h, and red alone for a media risk', () => {
    const met = evaluateLean(desk, ticket('general', [['received', '02T08:00'], ['resolved', '02T20:00']]), '2026-03-04T00:00:00+08:00');
    expect(met.value).toMatchObject({ level: 'none', levels: [], points: 0 });
    expect(met.value?.clocks[1]).toEqual({ name: 'resolve', state: 'met', dueMs: Date.UTC(2026, 2, 3, 0, 0), overdueMinutes: null });
    const risk = evaluateLean(desk, ticket('general', [['received', '02T08:00']], ['media_risk']), '2026-03-02T09:00:00+08:00');
    expect(risk.value).toMatchObject({ level: 'red', levels: ['red'], points: 1 });
  });

  it('refuses what evaluate() refuses, with the same errors', () => {
    const bad = { ...ticket('urgent', [['resolved', '02T07:00']]), category: 'plumbing' };
    const at = '2026-03-03T12:00:00+08:00';
    expect(evaluateLean(desk, bad, at).errors.map((e) => [e.code, e.pointer])).toEqual([['E202', '/ticket/category']]);
    expect(evaluateLean(desk, bad, at).errors).toEqual(evaluate(desk, bad, at).errors);
    expect(evaluateLean(desk, ticket('urgent', []), 'yesterday').errors.map((e) => e.code)).toEqual(['E207']);
  });

  it('gives the decisions evaluate() gives', () => {
    const t = ticket('urgent', [['received', '02T08:00'], ['accepted', '02T08:10'], ['contacted', '02T09:00']], ['media_risk']);
    const at = '2026-03-05T00:00:00+08:00';
    const lean = evaluateLean(desk, t, at).value!;
    const full = evaluate(desk, t, at).value!;
    expect(lean.level).toBe(full.warning.level);
    expect(lean.levels).toEqual(full.penalty.levels.map((l) => l.level));
    expect(lean.points).toBe(full.penalty.points);
    expect(lean.clocks.map((c) => [c.name, c.state, c.dueMs])).toEqual(full.clocks.map((c) => [c.name, c.state, c.dueAt === null ? null : Date.parse(c.dueAt)]));
    expect(lean).toMatchObject({ level: 'red', levels: ['blue', 'red'], points: 1.2 });
  });
});
