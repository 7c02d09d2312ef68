// The oracle: warning rules exported for json-rules-engine must reach exactly the
// levels the compiled engine reaches, given the same clock outcomes as facts.
// Run over every check of the evaluation corpus, every test block of the shipped
// policies, a generated ticket history under the shipped properties, and
// generated tickets under a policy that uses every form of condition.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { RuleProperties } from 'json-rules-engine';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { generateTickets, sampleWindow } from '../../bench/sample/generate-tickets.js';
import {
  checkSources,
  compile,
  evaluateCore,
  factsFor,
  indexTickets,
  levelsByRulesEngine,
  runPolicyTest,
  testTickets,
  toJsonRules,
  vocabularyErrors,
  withProperties,
  type CompiledPolicy,
  type SourceFile,
  type Ticket,
  type TicketContext,
} from '../../engine/index.js';
import type * as A from '../../grammar/index.js';
import { caseNames, compileCase, loadCase } from './evaluate/cases/load.js';

const POLICIES_DIR = fileURLToPath(new URL('../../policies/', import.meta.url));

function slaFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(dir + f).isDirectory() ? slaFiles(`${dir}${f}/`) : f.endsWith('.sla') ? [dir + f] : []));
}

const shippedSources: SourceFile[] = slaFiles(POLICIES_DIR).map((path) => ({ uri: `policies/${path.slice(POLICIES_DIR.length)}`, text: readFileSync(path, 'utf8') }));
const shipped = checkSources(shippedSources);

function compiledShipped(id: string): CompiledPolicy {
  const policy = shipped.policies.get(id);
  if (!policy) throw new Error(`no shipped policy ${id}`);
  const result = compile(policy, { partial: policy.level !== 'property' });
  if (!result.value) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.value;
}

const rulesCache = new WeakMap<CompiledPolicy, RuleProperties[]>();
function rulesOf(policy: CompiledPolicy): RuleProperties[] {
  let rules = rulesCache.get(policy);
  if (!rules) {
    rules = toJsonRules(policy);
    rulesCache.set(policy, rules);
  }
  return rules;
}

interface Levels {
  engine: string[];
  rules: string[];
}

async function levelsBoth(policy: CompiledPolicy, ticket: Ticket, atMs: number, context: TicketContext): Promise<Levels> {
  const core = evaluateCore(policy, ticket, atMs, context);
  const rules = await levelsByRulesEngine(rulesOf(policy), factsFor(policy, core));
  return { engine: core.reached.map((w) => w.name).sort(), rules: [...rules].sort() };
}

/** Tickets whose levels differ, as readable lines (empty when the two agree on all). */
async function disagreements(policy: CompiledPolicy, tickets: readonly Ticket[], atMs: (t: Ticket) => number, context: TicketContext): Promise<string[]> {
  const out: string[] = [];
  for (const ticket of tickets) {
    const { engine, rules } = await levelsBoth(policy, ticket, atMs(ticket), context);
    if (engine.join() !== rules.join()) out.push(`${ticket.id}: engine [${engine.join(', ')}], json-rules-engine [${rules.join(', ')}]`);
  }
  return out;
}

describe('toJsonRules', () => {
  const policies = ['huayu-group', 'jinxiu-garden', 'xinghe-tower'].map(compiledShipped);

  it('gives plain JSON: serialised and read back, the rules are unchanged', () => {
    for (const policy of policies) {
      const rules = toJsonRules(policy);
      expect(JSON.parse(JSON.stringify(rules))).toEqual(rules);
    }
  });

  it('makes one rule per warning level, whose event carries the level, its points and whom to notify', () => {
    const jinxiu = policies[1] as CompiledPolicy;
    const rules = toJsonRules(jinxiu);
    expect(rules.map((r) => r.name)).toEqual(jinxiu.warnings.map((w) => w.name));
    for (const [i, rule] of rules.entries()) {
      const w = jinxiu.warnings[i]!;
      expect(rule.event.params).toMatchObject({ level: w.name, points: w.points, notify: w.notify });
      expect(Array.isArray(rule.event.params?.['notify'])).toBe(true);
      expect(typeof rule.event.params?.['points']).toBe('number');
    }
    expect(rules.map((r) => r.event.params?.['points'])).toEqual([0.2, 0.5, 1]);
  });

  it('exports a threshold written first as the same rule as the threshold written second', () => {
    const rules = toJsonRules(conditionsPolicy());
    const reversed = rules.find((r) => r.name === 'reversed');
    expect(reversed?.conditions).toEqual({ all: [{ fact: 'overdue', path: "$['resolve'].minutes", operator: 'greaterThanInclusive', value: 60 }] });
  });

  it('exports a measure on the right as a fact reference', () => {
    const rules = toJsonRules(conditionsPolicy());
    const against = rules.find((r) => r.name === 'against_elapsed');
    expect(against?.conditions).toMatchObject({ all: [{ fact: 'overdue', path: "$['contact'].minutes", value: { fact: 'elapsed', path: "$['contact']" } }, { fact: 'ticket' }] });
  });

  it('gives higher levels a higher priority, so a consumer that stops at the first event gets the top level', () => {
    const priorities = toJsonRules(policies[1] as CompiledPolicy).map((r) => r.priority as number);
    expect([...priorities].sort((a, b) => a - b)).toEqual(priorities);
    expect(new Set(priorities).size).toBe(priorities.length);
  });
});

describe('json-rules-engine reaches the same levels as the engine', () => {
  describe('on every check of the evaluation corpus', () => {
    const checks = caseNames().flatMap((name) => {
      const c = loadCase(name);
      return c.checks.map((check) => [`${name} at ${check.at}`, c, check.at] as const);
    });
    it.each(checks)('%s', async (_title, c, at) => {
      const policy = compileCase(c);
      const both = await levelsBoth(policy, c.ticket, Date.parse(at), indexTickets([c.ticket, ...c.related]));
      expect(both.rules).toEqual(both.engine);
    });
  });

  describe('on every test block of the shipped policies', () => {
    const tests = shipped.workspace.files.flatMap((file) => {
      const policy = shipped.policies.get(file.id);
      return (policy?.tests ?? []).filter((t) => t.uri === file.uri).map((t) => [`${t.uri}: ${t.node.name.value}`, file.id, t] as const);
    });

    it('finds the tests', () => {
      expect(tests.length).toBeGreaterThanOrEqual(17);
    });

    it.each(tests)('%s', async (_title, id, test) => {
      const policy = compiledShipped(id);
      const { ticket, related, atMs } = ticketsOfTest(test.node, policy);
      // The ticket is built as the test runner builds it: both see the same levels.
      const run = runPolicyTest(policy, test);
      const both = await levelsBoth(policy, ticket, atMs, indexTickets([ticket, ...related]));
      expect(both.engine).toEqual((run.result?.penalty.levels.map((l) => l.level) ?? []).sort());
      expect(both.rules).toEqual(both.engine);
    });
  });

  describe('on a generated history of 2,000 tickets under each shipped property', () => {
    const options = { count: 2_000, seed: 20260302, from: '2026-01-01', months: 2 };
    const generated = [...generateTickets(options)];
    // 004《集团客服信息平台物业服务类信息管理办法》第十一条's warnings reach only platform
    // complaints, 5% of the generated mix: too few to be 7 or 15 days late. A platform copy of
    // each other complaint gives the comparison tickets at every level.
    const platformCopies = generated
      .filter((t) => t.kind === 'complaint' && t.channel !== 'platform')
      .map((t) => ({ ...t, id: `${t.id}-P`, channel: 'platform' }));
    const tickets = [...generated, ...platformCopies];
    const atMs = sampleWindow(options).endMs;
    // The properties' records (policies/organisations.json): households() reads them in both engines.
    const records = new Map(Object.entries((JSON.parse(readFileSync(`${POLICIES_DIR}organisations.json`, 'utf8')) as { properties: Record<string, { households: number }> }).properties).map(([id, r]) => [id, r.households]));
    const context = withProperties(indexTickets(tickets), (id) => records.get(id) ?? null);

    it.each(['jinxiu-garden', 'xinghe-tower'])('%s', async (id) => {
      const policy = compiledShipped(id);
      const readable = tickets.filter((t) => vocabularyErrors(policy, t).length === 0);
      expect(readable.length).toBe(tickets.length);
      expect(await disagreements(policy, readable, () => atMs, context)).toEqual([]);
    });

    it('reaches every level of the group on some ticket, so the comparison is not vacuous', async () => {
      const policy = compiledShipped('jinxiu-garden');
      const seen = new Set<string>();
      for (const t of tickets) for (const w of evaluateCore(policy, t, atMs, context).reached) seen.add(w.name);
      expect([...seen].sort()).toEqual(['blue', 'red', 'yellow']);
    });
  });

  describe('on generated tickets under a policy with every form of condition', () => {
    const policy = conditionsPolicy();
    const tickets = fc.sample(ticketArbitrary(), { seed: 42, numRuns: 1_500 }).map((t, i) => ({ ...t.ticket, id: `G-${i}`, at: t.at }));
    const context = indexTickets(tickets);

    it('agrees on every ticket', async () => {
      const asTickets = tickets.map(({ at: _, ...t }) => t as Ticket);
      const at = new Map(tickets.map((t) => [t.id, t.at]));
      expect(await disagreements(policy, asTickets, (t) => at.get(t.id) as number, context)).toEqual([]);
    });

    it('reaches every level on some ticket and misses it on another', () => {
      const counts = new Map(policy.warnings.map((w) => [w.name, 0]));
      for (const { at, ...t } of tickets) for (const w of evaluateCore(policy, t as Ticket, at, context).reached) counts.set(w.name, (counts.get(w.name) ?? 0) + 1);
      for (const [level, n] of counts) {
        expect(n, level).toBeGreaterThan(0);
        expect(n, level).toBeLessThan(tickets.length);
      }
    });
  });
});

// ── Tickets of a `test` block, as the policy-test runner builds them ──

function ticketsOfTest(test: A.TestDecl, policy: CompiledPolicy): { ticket: Ticket; related: Ticket[]; atMs: number } {
  const built = testTickets(policy, test);
  if (!built) throw new Error(`test ${test.name.value} has no ticket or no at`);
  return { ticket: built.ticket, related: built.related, atMs: Date.parse(built.at) };
}

// ── A policy with every form of condition, and tickets for it ──

const HOLIDAYS = readFileSync(`${POLICIES_DIR}calendars/cn-holidays-2026.sla`, 'utf8');

function conditionsPolicy(): CompiledPolicy {
  const text = `group oracle "每种条件"
use cn-holidays-2026
zone "Asia/Shanghai"
calendar office { include cn-holidays-2026  mon-fri 08:30-12:00, 13:30-17:30 }
categories { engineering "工程", cleaning "保洁" }
tiers { urgent "紧急", general "一般" }
events { received "受理", contacted "联系", paused "暂停", resumed "恢复", progress "通报", resolved "完成" }
flags { media_risk "媒体", multi_day "多日" }
roles { supervisor "主管" }
attribute kind { repair "报修", complaint "投诉" }
attribute channel { phone "电话", app "APP", wechat "微信" }
param households: count = 20
param quick: duration = 2h
clock contact { start received stop contacted target 30m }
clock resolve { start received stop resolved pause paused resume resumed calendar office target { *: 1 workday, */urgent: 4h } }
clock updates { start received stop resolved update progress when flags has multi_day target every 2h }
warning late_repair { when overdue(contact) >= 15m and kind = repair }
warning workdays_or_repeat { when overdue() >= 1 workday or repeatCount >= 2 }
warning not_online { when not (channel in (app, wechat)) and priority != general }
warning crowd { when share(issueKey, 7d, households) >= 10% }
warning slow_or_media { when elapsed(resolve) > quick or category = cleaning and flags has media_risk }
warning reversed { when 1h <= overdue(resolve) }
warning against_elapsed { when overdue(contact) >= elapsed(contact) and repeatCount < 3 }
warning quiet { when overdue(updates) > 0m or repeatCount = 1 and kind != complaint }
warning crowd_small { when share(issueKey, 3d, 40) >= 5% and not (20% <= share(issueKey, 7d, households)) }
warning crowd_of_40 { when share(issueKey, 7d, 40) >= 7.5% }
warning crowd_complaints { when share(issueKey, 7d, 40, kind = complaint and channel in (app, wechat)) >= 5% and shareBefore(issueKey, 7d, 40, kind = complaint and channel in (app, wechat)) < 5% }
warning crowd_not_repairs { when share(issueKey, 3d, households, not (kind = repair) or flags has media_risk) >= 10% }
penalties { late_repair 0.1 points, workdays_or_repeat 0.2 points, not_online 0.3 points, crowd 1 point }
`;
  const checked = checkSources([
    { uri: 'oracle.sla', text },
    { uri: 'cn-holidays-2026.sla', text: HOLIDAYS },
  ]);
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.column} ${d.message}`).join('\n'));
  const result = compile(checked.policies.get('oracle')!);
  if (!result.value) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.value;
}

const MINUTE = 60_000;
const BASE = Date.parse('2026-09-21T00:00:00+08:00'); // three weeks around National Day

function ticketArbitrary(): fc.Arbitrary<{ ticket: Ticket; at: number }> {
  const iso = (ms: number) => DateTime.fromMillis(ms, { zone: 'Asia/Shanghai' }).toISO({ suppressMilliseconds: true }) as string;
  const offset = (max: number) => fc.option(fc.integer({ min: 1, max }), { nil: undefined });
  return fc
    .record({
      created: fc.integer({ min: 0, max: 21 * 24 * 60 }),
      category: fc.constantFrom('engineering', 'cleaning'),
      priority: fc.constantFrom('urgent', 'general'),
      kind: fc.option(fc.constantFrom('repair', 'complaint'), { nil: undefined }),
      channel: fc.option(fc.constantFrom('phone', 'app', 'wechat'), { nil: undefined }),
      flags: fc.subarray(['media_risk', 'multi_day']),
      repeatCount: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      issueKey: fc.option(fc.constantFrom('lift-1', 'lift-2', 'gate'), { nil: undefined }),
      household: fc.option(fc.constantFrom('h1', 'h2', 'h3', 'h4', 'h5'), { nil: undefined }),
      contacted: offset(120),
      paused: offset(600),
      pausedFor: fc.integer({ min: 1, max: 3_000 }),
      resumed: fc.boolean(),
      updates: fc.array(fc.integer({ min: 1, max: 3_000 }), { maxLength: 4 }),
      resolved: offset(8_000),
      at: fc.integer({ min: 0, max: 12_000 }),
    })
    .map((r) => {
      const t0 = BASE + r.created * MINUTE;
      const events: { type: string; at: string }[] = [{ type: 'received', at: iso(t0) }];
      if (r.contacted) events.push({ type: 'contacted', at: iso(t0 + r.contacted * MINUTE) });
      if (r.paused) {
        events.push({ type: 'paused', at: iso(t0 + r.paused * MINUTE) });
        if (r.resumed) events.push({ type: 'resumed', at: iso(t0 + (r.paused + r.pausedFor) * MINUTE) });
      }
      for (const u of r.updates) events.push({ type: 'progress', at: iso(t0 + u * MINUTE) });
      if (r.resolved) events.push({ type: 'resolved', at: iso(t0 + r.resolved * MINUTE) });
      const ticket: Record<string, unknown> = {
        id: '',
        property: 'oracle-estate',
        unit: `oracle-estate/${r.category}`,
        category: r.category,
        priority: r.priority,
        createdAt: iso(t0),
        flags: r.flags,
        events,
      };
      for (const key of ['kind', 'channel', 'repeatCount', 'issueKey', 'household'] as const) if (r[key] !== undefined) ticket[key] = r[key];
      return { ticket: ticket as Ticket, at: t0 + r.at * MINUTE };
    });
}
