// Beacon beside its peers on one workload (issue 13): the bench-24x7 policy of
// engine-policies.ts (an 18-cell resolve table, category x tier, and warnings at 3, 7 and
// 15 days late, a repeat or a media risk) over 100,000 sample tickets in Beacon's ticket
// format. Evaluators: a hand-written function (the baseline), Beacon's core
// (`evaluateCore`, numbers only) and its public `evaluate()` (checked input, reasons),
// json-rules-engine running the warning rules Beacon compiles for it, and GoRules
// zen-engine running the same table and rules as a JDM graph. No rules engine reads event
// histories, so each is given what plain code reads from the ticket (the first
// `received` and `resolved` instants), and that reading is timed with it. Every
// evaluator's answers (top level and points) are compared with the baseline's before
// anything is timed.
import { Engine, type RuleProperties } from 'json-rules-engine';
import { ZenEngine, type ZenDecision } from '@gorules/zen-engine';
import { evaluate, evaluateCore, noContext, toJsonRules, type CompiledPolicy, type Ticket } from '../engine/index.js';
import { BENCH_TARGETS, benchPolicy } from './engine-policies.js';
import { compiled, handWritten, vocabulary } from './engine.bench.js';
import { perSecond, withGcShare } from './measure.js';
import { inOwnThread, serveOwnThread } from './own-thread.js';
import { zenGraph } from './peers-zen.js';
import { generateTickets } from './sample/generate-tickets.js';

/** The bars, as multiples of the hand-written function's time per ticket. */
export const CORE_BAR = 1.5;
export const FULL_BAR = 3;
const LEVELS = ['none', 'blue', 'yellow', 'red'];
const TIMED_MS = 1500;

interface Answer {
  level: string;
  points: number;
}

export interface PeerRow {
  name: string;
  ticketsPerSecond: number;
  gcShare: number;
  /** Tickets whose answer differs from the hand-written function's, of `checked`. */
  mismatches: number;
  checked: number;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** The answer from a list of reached levels with their points (each level counted once). */
function answerOf(levels: { level: string; points: number }[]): Answer {
  let top = 0;
  let points = 0;
  const seen = new Set<string>();
  for (const l of levels) {
    if (seen.has(l.level)) continue;
    seen.add(l.level);
    points += l.points;
    top = Math.max(top, LEVELS.indexOf(l.level));
  }
  return { level: LEVELS[top] as string, points: round3(points) };
}

/** What plain code reads from a ticket for a rules engine: the resolve clock's instants, the tier, repeats and flags. */
function readForRules(t: Ticket, atMs: number) {
  let received: number | null = null;
  let resolved: number | null = null;
  for (const e of t.events) {
    if (e.type !== 'received' && e.type !== 'resolved') continue;
    const ms = Date.parse(e.at);
    if (ms > atMs) continue;
    if (e.type === 'received') received ??= ms;
    else resolved ??= ms;
  }
  return {
    category: t.category,
    priority: t.priority,
    receivedMs: received,
    resolvedMs: received !== null && resolved !== null && resolved >= received ? resolved : null,
    atMs,
    repeatCount: t.repeatCount ?? 0,
    mediaRisk: (t.flags ?? []).includes('media_risk'),
  };
}

/** json-rules-engine has no decision tables: the resolve target is looked up in code and the lateness given as the `overdue` fact. */
function jsonRulesFacts(tiers: readonly string[]): (t: Ticket, atMs: number) => Record<string, unknown> {
  const targetMs = new Map(tiers.map((tier, i) => [tier, (BENCH_TARGETS.resolve[Math.min(i, BENCH_TARGETS.resolve.length - 1)] as number) * 60_000]));
  return (t, atMs) => {
    const r = readForRules(t, atMs);
    const lateMs = r.receivedMs === null ? 0 : Math.max(0, (r.resolvedMs ?? atMs) - r.receivedMs - (targetMs.get(r.priority) ?? 0));
    const resolve = { minutes: lateMs / 60_000, workdays: 0 };
    return { ticket: { repeatCount: r.repeatCount, flags: t.flags ?? [] }, overdue: { resolve, '*': resolve }, elapsed: {}, share: {} };
  };
}

async function byJsonRules(engine: Engine, facts: Record<string, unknown>): Promise<Answer> {
  const { events } = await engine.run(facts);
  return answerOf(events.map((e) => ({ level: String(e.params?.['level']), points: Number(e.params?.['points']) })));
}

async function byZen(decision: ZenDecision, input: object): Promise<Answer> {
  const { result } = await decision.evaluate(input);
  return answerOf((result as { warnings?: Answer[] }).warnings ?? []);
}

function coreAnswer(policy: CompiledPolicy, t: Ticket, atMs: number): Answer {
  const r = evaluateCore(policy, t, atMs, noContext);
  return { level: r.top?.name ?? 'none', points: round3(r.points) };
}

function fullAnswer(policy: CompiledPolicy, t: Ticket, atMs: number): Answer {
  const r = evaluate(policy, t, atMs).value;
  return r ? { level: r.warning.level, points: round3(r.penalty.points) } : { level: 'invalid', points: NaN };
}

/** Tickets per second over whole passes of at least TIMED_MS, `batch` evaluations in flight at a time. */
async function perSecondAsync<T>(items: readonly T[], fn: (item: T) => Promise<unknown>, batch: number): Promise<number> {
  let done = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < TIMED_MS) {
    for (let i = 0; i < items.length && performance.now() - t0 < TIMED_MS; i += batch) {
      const slice = items.slice(i, i + batch);
      if (batch === 1) await fn(slice[0] as T);
      else await Promise.all(slice.map(fn));
      done += slice.length;
    }
  }
  return (done / (performance.now() - t0)) * 1000;
}

function mismatches(tickets: readonly Ticket[], expected: readonly Answer[], answers: readonly Answer[]): number {
  let n = 0;
  for (let i = 0; i < answers.length && i < tickets.length; i++) if (answers[i]!.level !== expected[i]!.level || Math.abs(answers[i]!.points - expected[i]!.points) > 1e-9) n++;
  return n;
}

/** The workload and every evaluator over it, ready to be checked and timed. */
function workload(count: number) {
  const v = vocabulary();
  const policy = compiled([{ uri: 'bench-24x7.sla', text: benchPolicy(v, false) }], 'bench-24x7');
  const tickets: Ticket[] = [...generateTickets({ count, seed: 7, from: '2026-01-01', months: 6 })].map((t) => ({ ...t, property: 'bench' }));
  const atMs = Date.parse('2026-07-15T00:00:00+08:00');
  const rules: RuleProperties[] = toJsonRules(policy);
  return { v, policy, tickets, atMs, hand: handWritten(v.tiers), jsonRules: new Engine(rules, { allowUndefinedFacts: true }), factsOf: jsonRulesFacts(v.tiers), zen: new ZenEngine().createDecision(zenGraph(v)) };
}

export interface PeerCheck {
  /** Tickets whose answer differs from the hand-written function's, by evaluator. */
  mismatches: { hand: number; core: number; full: number; json: number; zen: number };
  /** How many tickets the baseline puts at each level: the check means little if a level never occurs. */
  levels: Record<string, number>;
}

/** Every evaluator's answers against the hand-written function's: all tickets for Beacon, the first `asyncChecked` for the promise-based peers. */
async function checkAnswers(w: ReturnType<typeof workload>, asyncChecked: number): Promise<PeerCheck> {
  const { tickets, atMs, policy, hand, jsonRules, factsOf, zen } = w;
  const expected = tickets.map((t) => hand(t, atMs));
  const checkedAsync = tickets.slice(0, asyncChecked);
  const jsonAnswers: Answer[] = [];
  for (const t of checkedAsync) jsonAnswers.push(await byJsonRules(jsonRules, factsOf(t, atMs)));
  const zenAnswers = await Promise.all(checkedAsync.map((t) => byZen(zen, readForRules(t, atMs))));
  const levels: Record<string, number> = {};
  for (const e of expected) levels[e.level] = (levels[e.level] ?? 0) + 1;
  return {
    mismatches: {
      hand: 0,
      core: mismatches(tickets, expected, tickets.map((t) => coreAnswer(policy, t, atMs))),
      full: mismatches(tickets, expected, tickets.map((t) => fullAnswer(policy, t, atMs))),
      json: mismatches(tickets, expected, jsonAnswers),
      zen: mismatches(tickets, expected, zenAnswers),
    },
    levels,
  };
}

export async function checkPeers(count: number, asyncChecked = count): Promise<PeerCheck> {
  return checkAnswers(workload(count), asyncChecked);
}

export async function benchPeers(count = 100_000, asyncChecked = 20_000): Promise<PeerRow[]> {
  const w = workload(count);
  const { tickets, atMs, policy, hand, jsonRules, factsOf, zen } = w;
  // Identical answers first: a peer that answers differently is not measuring the same work.
  const check = (await checkAnswers(w, asyncChecked)).mismatches;

  const row = async (name: string, key: keyof typeof check, checked: number, run: () => Promise<number> | number): Promise<PeerRow> => {
    const { value, gcShare } = await withGcShare(run);
    return { name, ticketsPerSecond: value, gcShare, mismatches: check[key], checked };
  };
  return [
    await row('hand-written function (baseline)', 'hand', count, () => perSecond(tickets, (t) => hand(t, atMs), TIMED_MS)),
    await row('Beacon core (evaluateCore)', 'core', count, () => perSecond(tickets, (t) => evaluateCore(policy, t, atMs, noContext), TIMED_MS)),
    await row('Beacon full (evaluate(), checked input and reasons)', 'full', count, () => perSecond(tickets, (t) => evaluate(policy, t, atMs), TIMED_MS)),
    await row('json-rules-engine 7 (Beacon-compiled rules; one run at a time)', 'json', asyncChecked, () => perSecondAsync(tickets, (t) => jsonRules.run(factsOf(t, atMs)), 1)),
    await row('GoRules zen-engine (JDM graph; batches of 500 in flight)', 'zen', asyncChecked, () => perSecondAsync(tickets, (t) => zen.evaluate(readForRules(t, atMs)), 500)),
  ];
}

/**
 * benchPeers in a thread of its own, as `npm run bench` runs it: after the other sections
 * have run other policies through the engine in the same thread, its call sites have seen
 * many shapes and run slower (in one run of the whole bench, evaluate() measured 4.0x the
 * hand-written function where the section alone measured 2.9x). A service evaluates its
 * property's policy; a fresh thread measures that, for every evaluator alike.
 */
export function benchPeersAlone(count = 100_000, asyncChecked = 20_000): Promise<PeerRow[]> {
  return inOwnThread(import.meta.url, 'peers', { count, asyncChecked }, (o) => benchPeers(o.count, o.asyncChecked));
}

serveOwnThread('peers', (o: { count: number; asyncChecked: number }) => benchPeers(o.count, o.asyncChecked));

export function reportPeers(rows: PeerRow[]): string {
  const [base, core, full] = rows as [PeerRow, PeerRow, PeerRow, ...PeerRow[]];
  const times = (r: PeerRow) => base.ticketsPerSecond / r.ticketsPerSecond;
  const bar = (r: PeerRow) => (r === core ? CORE_BAR : r === full ? FULL_BAR : undefined);
  const lines = ['| evaluator | tickets/s | time per ticket vs hand-written | bar | GC share of its time | answers differing from the baseline |', '|---|---|---|---|---|---|'];
  for (const r of rows) {
    const limit = bar(r);
    const verdict = limit === undefined ? '—' : `≤ ${limit}x: ${times(r) <= limit ? 'met' : 'MISSED'}`;
    lines.push(`| ${r.name} | ${Math.round(r.ticketsPerSecond).toLocaleString('en')} | ${times(r).toFixed(2)}x | ${verdict} | ${(100 * r.gcShare).toFixed(0)}% | ${r.mismatches} of ${r.checked.toLocaleString('en')} |`);
  }
  lines.push('');
  for (const peer of rows.slice(3)) {
    lines.push(`${peer.name.split(' (')[0]}: Beacon core is ${(core.ticketsPerSecond / peer.ticketsPerSecond).toFixed(1)}x and Beacon full ${(full.ticketsPerSecond / peer.ticketsPerSecond).toFixed(1)}x its speed`);
  }
  const wrong = rows.filter((r) => r.mismatches > 0);
  if (wrong.length > 0) lines.push('', `ANSWERS DIFFER (${wrong.map((r) => r.name).join(', ')}): these figures compare different work.`);
  return lines.join('\n');
}
