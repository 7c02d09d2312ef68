// Scopes kept by the fields they read (engine/evaluate/scope-memo.ts): which conditions are
// a function of ticket fields alone (CompiledCondition.fields), and that a policy evaluated
// ticket after ticket answers every ticket as a policy meeting it first would.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkText, compile, evaluateCore, type CompiledPolicy, type Ticket } from '../../../engine/index.js';
import type { ConditionEnv, TicketFacts } from '../../../engine/compile/types.js';
import { prepare } from '../../../engine/evaluate/core.js';
import { ScopeMemo } from '../../../engine/evaluate/scope-memo.js';

const POLICY = `group desk "测试集团"
zone "Asia/Shanghai"
calendar online "在线时间" { mon-sun 08:00-20:00 }
categories { engineering "工程维修" }
tiers { general "一般" }
events { received "受理", replied "答复" }
attribute kind "报事类型" { complaint "投诉", suggestion "建议", repair "报修" }
attribute channel "报事渠道" { platform "集团平台", phone "电话" }
flags { media_risk "媒体曝光风险" }
clock both { start received stop replied applies to kind = complaint and channel = platform target 1h }
clock either { start received stop replied applies to kind in (complaint, repair) or channel = phone target 2h }
clock other { start received stop replied applies to not (kind = suggestion) target 3h }
clock flagged { start received stop replied applies to kind = complaint and flags has media_risk target 4h }
clock daytime { start received stop replied applies to createdAt in online target 5h }
clock unit { start received stop replied applies to unit = "p/u7" target 6h }
warning blue { applies to channel = platform when overdue(both) >= 1h or overdue(either) >= 1h }
`;

function compiled(text = POLICY): CompiledPolicy {
  const checked = checkText(text, 'desk.sla');
  expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return compile(checked.policies.get('desk')!).value as CompiledPolicy;
}

const scopeOf = (policy: CompiledPolicy, clock: string) => policy.clocks.find((c) => c.name === clock)?.scope;

describe('the fields a condition reads', () => {
  const policy = compiled();

  it('are the fields compared with literals, through and, or, not and in', () => {
    expect(scopeOf(policy, 'both')?.fields).toEqual(['kind', 'channel']);
    expect(scopeOf(policy, 'either')?.fields).toEqual(['kind', 'channel']);
    expect(scopeOf(policy, 'other')?.fields).toEqual(['kind']);
    expect(scopeOf(policy, 'unit')?.fields).toEqual(['unit']);
    expect(policy.warnings[0]?.scope?.fields).toEqual(['channel']);
  });

  it('are not given for a condition that reads a flag, an instant or a clock', () => {
    expect(scopeOf(policy, 'flagged')?.fields).toBeUndefined();
    expect(scopeOf(policy, 'daytime')?.fields).toBeUndefined();
    expect(policy.warnings[0]?.when.fields).toBeUndefined();
  });
});

const KINDS = ['complaint', 'suggestion', 'repair'];
const CHANNELS = ['platform', 'phone'];

function ticket(i: number, kind: string, channel: string, flagged: boolean, hour: number, unit: string): Ticket {
  const created = `2026-03-02T${String(hour).padStart(2, '0')}:00:00+08:00`;
  return {
    id: `T-${i}`, property: 'p', unit, category: 'engineering', priority: 'general', kind, channel,
    createdAt: created, events: [{ type: 'received', at: created }],
    ...(flagged ? { flags: ['media_risk'] } : {}),
  };
}

/** Which clocks evaluation found to apply. */
function applied(policy: CompiledPolicy, t: Ticket): string {
  const core = evaluateCore(policy, t, Date.parse('2026-03-03T12:00:00+08:00'));
  return core.outcomes.map((o) => (o ? o.clock.name : '-')).join(',');
}

/**
 * The same, from the scopes as POLICY writes them: the reference is worked out here, since
 * every policy compiled from POLICY shares one memo and would repeat a wrong answer.
 */
function expected(r: { kind: string; channel: string; flagged: boolean; hour: number; unit: string }): string {
  const applies = [
    r.kind === 'complaint' && r.channel === 'platform',
    r.kind === 'complaint' || r.kind === 'repair' || r.channel === 'phone',
    r.kind !== 'suggestion',
    r.kind === 'complaint' && r.flagged,
    r.hour >= 8 && r.hour < 20,
    r.unit === 'p/u7',
  ];
  return ['both', 'either', 'other', 'flagged', 'daytime', 'unit'].map((name, i) => (applies[i] ? name : '-')).join(',');
}

describe('a policy evaluating ticket after ticket', () => {
  it('admits each ticket as its scopes say', () => {
    const arb = fc.array(
      fc.record({ kind: fc.constantFrom(...KINDS), channel: fc.constantFrom(...CHANNELS), flagged: fc.boolean(), hour: fc.integer({ min: 0, max: 23 }), unit: fc.constantFrom('p/u7', 'p/u8') }),
      { minLength: 1, maxLength: 40 },
    );
    fc.assert(
      fc.property(arb, (rows) => {
        const policy = compiled();
        rows.forEach((r, i) => expect(applied(policy, ticket(i, r.kind, r.channel, r.flagged, r.hour, r.unit))).toBe(expected(r)));
      }),
      { numRuns: 30 },
    );
  });

  it('still answers right past the rows it keeps, with a field of many values', () => {
    const policy = compiled();
    // More distinct units than the memo keeps rows (it starts over), the one the scope names among them.
    for (let i = 0; i < 5000; i++) {
      const r = { kind: KINDS[i % 3]!, channel: CHANNELS[i % 2]!, flagged: false, hour: 9, unit: i % 997 === 0 ? 'p/u7' : `p/u${1000 + i}` };
      expect(applied(policy, ticket(i, r.kind, r.channel, r.flagged, r.hour, r.unit))).toBe(expected(r));
    }
  });
});

describe('policies sharing what their scopes admit', () => {
  const AT = Date.parse('2026-03-03T12:00:00+08:00');

  it('share only when every scope is the same, one reading evaluated under each in turn', () => {
    // A draft of the same text shares the memo (equal keys); one whose clock admits other
    // tickets must not. The answers are checked against the scopes themselves, not against
    // other compiled policies, which would share the same memo.
    const changed = POLICY.replace('applies to kind = complaint and channel = platform', 'applies to kind = suggestion and channel = platform');
    const policies = [compiled(), compiled(), compiled(changed)];
    const bothApplies = (p: number, kind: string, channel: string) => channel === 'platform' && kind === (p === 2 ? 'suggestion' : 'complaint');
    let i = 0;
    for (let round = 0; round < 2; round++) {
      for (const kind of KINDS) {
        for (const channel of CHANNELS) {
          const t = ticket(i++, kind, channel, round === 1, 9, 'p/u8');
          const read = prepare(t, AT);
          for (const p of [0, 1, 2, 2, 1, 0]) {
            const core = evaluateCore(policies[p]!, t, AT, undefined, read);
            expect(core.outcomes[0] !== null).toBe(bothApplies(p, kind, channel));
            // `other` (not suggestion) reads the same field under every policy: shared, and right.
            expect(core.outcomes[2] !== null).toBe(kind !== 'suggestion');
          }
        }
      }
    }
  });
});

describe('ScopeMemo', () => {
  const policy = compiled();
  const both = scopeOf(policy, 'both')!;
  const flagged = scopeOf(policy, 'flagged')!;
  const env = (fields: Record<string, unknown>): ConditionEnv => {
    const facts = { field: (name: string) => fields[name], flags: new Set(['media_risk']), createdMs: 0, instant: () => null, deadline: () => null } as TicketFacts;
    return { facts } as unknown as ConditionEnv;
  };

  it('keeps the answer of a scope that reads fields, and tests a scope that reads more every time', () => {
    const memo = new ScopeMemo([both, flagged]);
    const e = env({ kind: 'complaint', channel: 'platform' });
    const row = memo.rowFor(e.facts);
    expect(row).toBeDefined();
    expect(memo.admits(row, 0, both, e)).toBe(true);
    expect(memo.admits(row, 1, flagged, e)).toBe(true);
    expect(row![0]).not.toBe(0);
    expect(row![1]).toBe(0);
    // The same values find the same row; other values another.
    expect(memo.rowFor(env({ kind: 'complaint', channel: 'platform' }).facts)).toBe(row);
    expect(memo.rowFor(env({ kind: 'complaint', channel: 'phone' }).facts)).not.toBe(row);
  });

  it('gives no row for a value that only equals itself (an object), and then tests', () => {
    const memo = new ScopeMemo([both]);
    const e = env({ kind: ['complaint'], channel: 'platform' });
    expect(memo.rowFor(e.facts)).toBeUndefined();
    expect(memo.admits(undefined, 0, both, e)).toBe(false);
  });

  it('is of no use when no scope reads fields alone', () => {
    expect(new ScopeMemo([flagged, undefined]).useful).toBe(false);
    expect(new ScopeMemo([undefined, both]).useful).toBe(true);
  });
});
