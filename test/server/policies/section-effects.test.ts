// Whose results a section feeds (server/section-effects.ts), checked against the engine
// itself: a parameter the analysis gives no quality result never changes a warning or a
// penalty, whatever its value, for any of the policies' test tickets at any time after.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSources, compile, evaluate, indexTickets, testTickets, type CompiledPolicy, type EffectivePolicy } from '../../../engine/index.js';
import { sectionEffects } from '../../../server/section-effects.js';
import { POLICIES } from '../app/helper.js';

const read = (path: string) => readFileSync(join(POLICIES, path), 'utf8');
const LIBRARY = { uri: 'library:cn-holidays-2026.sla', text: read('calendars/cn-holidays-2026.sla') };
const GROUP = { uri: 'huayu-group@1.sla', text: read('group.sla') };
const PROPERTY = read('properties/jinxiu-garden.sla');
const ID = 'jinxiu-garden';

function effective(source: string): EffectivePolicy {
  const policy = checkSources([LIBRARY, GROUP, { uri: `${ID}@draft.sla`, text: source }]).policies.get(ID);
  if (!policy) throw new Error('no policy');
  return policy;
}

function compiled(source: string): CompiledPolicy {
  const c = compile(effective(source));
  if (!c.value) throw new Error(c.errors.map((e) => e.message).join('; '));
  return c.value;
}

const setParam = (source: string, name: string, value: string) => {
  const line = new RegExp(`^param ${name} = [^/\\n]*`, 'm');
  return line.test(source) ? source.replace(line, `param ${name} = ${value} `) : `${source}\nparam ${name} = ${value}\n`;
};

const base = compiled(PROPERTY);
const policy = effective(PROPERTY);
const effects = sectionEffects(policy);
const ownersOf = (param: string) => effects.get(`param ${param}`)?.owners ?? [];
// Platform complaints: 004《集团客服信息平台物业服务类信息管理办法》第十一条's warnings (and so the
// 5% share and the resolve tiers they read) reach no other ticket.
const reported = (id: string, household: string, at: string, priority = 'general') => ({
  id,
  property: ID,
  unit: `${ID}/engineering`,
  category: 'engineering',
  priority,
  kind: 'complaint',
  channel: 'platform',
  issueKey: 'leak-b3',
  household,
  createdAt: at,
  events: [{ type: 'received', at }],
});
/**
 * Every test of the group and the property (its tickets and instant), two households reporting
 * one issue (for share()), and an urgent complaint left open (for resolve_urgent: the shipped
 * tests hold no urgent platform complaint).
 */
const cases = [
  ...policy.tests.flatMap((t) => {
    const built = testTickets(base, t.node);
    return built ? [built] : [];
  }),
  { ticket: reported('JX-2', 'h2', '2026-03-02T10:00:00+08:00'), related: [reported('JX-1', 'h1', '2026-03-01T10:00:00+08:00')], at: '2026-03-02T11:00:00+08:00' },
  { ticket: { ...reported('JX-3', 'h3', '2026-03-02T10:00:00+08:00', 'urgent'), issueKey: 'lift-a1' }, related: [], at: '2026-03-02T11:00:00+08:00' },
];

function quality(p: CompiledPolicy, offsetDays: number): string[] {
  return cases.map(({ ticket, related, at }) => {
    const when = Date.parse(at) + offsetDays * 86_400_000;
    const r = evaluate(p, ticket, when, { context: indexTickets([ticket, ...related], p.localDay) }).value!;
    return `${r.warning.level} ${r.penalty.points}`;
  });
}

const valueOf: Record<string, fc.Arbitrary<string>> = {
  duration: fc.integer({ min: 1, max: 200_000 }).map((n) => `${n}m`),
  workdays: fc.integer({ min: 1, max: 30 }).map((n) => `${n} workdays`),
  count: fc.integer({ min: 1, max: 100_000 }).map(String),
  percent: fc.integer({ min: 1, max: 100 }).map((n) => `${n}%`),
};

describe('sectionEffects on the shipped jinxiu-garden policy', () => {
  it('gives the parameters warnings read to quality, and those only clocks read to managers', () => {
    // households is the property's record (households()), no parameter: nothing to own.
    expect(ownersOf('households')).toEqual([]);
    expect(ownersOf('share_window')).toEqual(['quality']);
    // 001's tier targets feed only clock resolve: 004's ladder counts from the plan's completion time (platform_resolve).
    expect(ownersOf('resolve_important')).toEqual(['manager']);
    expect(ownersOf('contact_within')).toEqual(['manager']);
    // The pause limit moves resolve's due time, which the warnings count from.
    expect(ownersOf('pause_limit').sort()).toEqual(['manager', 'quality']);
    expect(effects.get('calendar always')?.owners.sort()).toEqual(['manager', 'quality']);
    expect(cases.length).toBeGreaterThan(20);
  });

  const managers = [...policy.params.values()].filter((p) => !ownersOf(p.name).includes('quality') && p.type?.node.text! in valueOf);
  // share_window alone changes nothing here: 2 households of 1,860 stay under 5% in any window;
  // the pause limit moves the ladder's due time for a ticket paused without a resume.
  it.each(['pause_limit'])('has a value of %s that changes a warning or penalty (the analysis is not vacuous)', (name) => {
    const type = policy.params.get(name)!.type!.node.text;
    const extreme = { duration: '99999h', workdays: '999 workdays', count: '99999999', percent: '1%' }[type] ?? '1';
    const small = { duration: '1m', workdays: '1 workdays', count: '1', percent: '100%' }[type] ?? '1';
    const changed = [extreme, small].some((v) => [0, 40].some((days) => quality(compiled(setParam(PROPERTY, name, v)), days).join() !== quality(base, days).join()));
    expect(changed).toBe(true);
  });

  it('never changes a warning level or a penalty through a parameter it gives no quality result', () => {
    expect(managers.map((p) => p.name)).toContain('contact_within');
    const param = fc.constantFrom(...managers).chain((p) => fc.tuple(fc.constant(p.name), valueOf[p.type!.node.text]!));
    fc.assert(
      fc.property(param, fc.integer({ min: 0, max: 60 }), ([name, value], offsetDays) => {
        const changed = compiled(setParam(PROPERTY, name, value));
        expect(quality(changed, offsetDays)).toEqual(quality(base, offsetDays));
      }),
      { numRuns: 40 },
    );
  });
});

describe('sectionEffects on a deadline target with a parameter as its fallback', () => {
  it('follows the fallback: the parameter feeds the clock and the warning that reads it', () => {
    const source = `group g "测试"
events { received "受理", resolved "处理完成" }
deadlines { plan_completion "方案上报的完成时间" }
roles { supervisor "主管" }
param resolve_limit "处理时限": duration = 24h
clock resolve { start received stop resolved target deadline plan_completion else resolve_limit }
warning blue { when overdue(resolve) >= 3d notify supervisor }
`;
    const policy = checkSources([{ uri: 'g.sla', text: source }]).policies.get('g')!;
    expect(sectionEffects(policy).get('param resolve_limit')?.owners.sort()).toEqual(['manager', 'quality']);
  });
});
