// simulate(from, to, tickets, at): what a policy change would have done to a
// ticket history. Streams: tickets are read once, in creation order, and only
// counters and a bounded list of examples are kept, so memory stays flat
// however long the history is.
import type { CompiledPolicy, RepeatRule } from './compile/types.js';
import { streamingContext, withProperties } from './evaluate/context.js';
import { evaluateCore, prepare, type CoreResult } from './evaluate/core.js';
import { parseTicket, type ParsedTicket } from './evaluate/parsed.js';
import { judgedAlike } from './evaluate/same-words.js';
import { instantMs, present } from './evaluate/evaluate.js';
import { vocabularyErrors, vocabularyOk } from './evaluate/validate.js';
import type { EngineError } from './errors.js';
import type { ClockState, Reason, Ticket } from './ticket.js';

export interface SideCounts {
  clocks: Record<string, Partial<Record<ClockState, number>>>;
  warnings: Record<string, number>;
  points: number;
}

export interface ChangedTicket {
  ticketId: string;
  unit: string;
  from: { warning: string; points: number; clocks: Record<string, ClockState> };
  to: { warning: string; points: number; clocks: Record<string, ClockState> };
  /** Why, under each policy: the reasons of the clocks and warnings that differ. */
  explanation: { from: Reason[]; to: Reason[] };
}

export interface SimulationReport {
  at: string;
  from: { policy: string };
  to: { policy: string };
  tickets: number;
  /** Tickets one of the policies cannot read (unknown category, event...), with the first few errors. */
  skipped: { count: number; examples: { ticketId: string; errors: EngineError[] }[] };
  counts: { from: SideCounts; to: SideCounts };
  penaltiesByUnit: { unit: string; from: number; to: number; delta: number }[];
  penaltiesByCell: { category: string; priority: string; from: number; to: number; delta: number }[];
  changed: { count: number; examples: ChangedTicket[] };
}

/** Input positions of a report's changed and skipped examples (`Simulation.positions`). */
export interface ExamplePositions {
  changed: number[];
  skipped: number[];
}

export interface SimulateOptions {
  /** How many changed tickets to keep with explanations (all are counted). */
  examples?: number;
  /** Called every `progressEvery` tickets, for long runs. */
  onProgress?: (ticketsDone: number) => void;
  progressEvery?: number;
  /** The households of each property (its record in the store), for households(); unknown: null (E340). */
  propertyHouseholds?: (property: string) => number | null;
}

function emptySide(): SideCounts {
  return { clocks: {}, warnings: {}, points: 0 };
}

const STATES: readonly ClockState[] = ['not_started', 'running', 'paused', 'met', 'breached', 'late'];
/**
 * STATES' index of a state. Comparisons, not a map: the states are interned strings, so each
 * comparison is one of pointers, where a map hashed the state for every outcome tallied
 * (some fifty a simulated ticket).
 */
function stateIndex(state: ClockState): number {
  switch (state) {
    case 'not_started':
      return 0;
    case 'running':
      return 1;
    case 'paused':
      return 2;
    case 'met':
      return 3;
    case 'breached':
      return 4;
    case 'late':
      return 5;
  }
}

/** Counters in flat arrays while streaming (clock index x state, level index), named at the end. */
class Tally {
  private readonly clocks: Float64Array;
  private readonly levels: Float64Array;
  points = 0;

  constructor(private readonly policy: CompiledPolicy) {
    this.clocks = new Float64Array(policy.clocks.length * STATES.length);
    this.levels = new Float64Array(policy.warnings.length + 1);
  }

  add(core: CoreResult): void {
    const outcomes = core.outcomes;
    for (let i = 0; i < outcomes.length; i++) {
      const o = outcomes[i];
      if (o) this.clocks[i * STATES.length + stateIndex(o.state)]!++;
    }
    this.levels[core.top ? core.top.index + 1 : 0]!++;
    this.points += core.points;
  }

  named(): SideCounts {
    const side = emptySide();
    this.policy.clocks.forEach((clock, i) => {
      const byState: Partial<Record<ClockState, number>> = {};
      STATES.forEach((state, s) => {
        const n = this.clocks[i * STATES.length + s] as number;
        if (n > 0) byState[state] = n;
      });
      if (Object.keys(byState).length > 0) side.clocks[clock.name] = byState;
    });
    this.levels.forEach((n, i) => {
      if (n > 0) side.warnings[i === 0 ? 'none' : (this.policy.warnings[i - 1]?.name ?? '?')] = n;
    });
    side.points = this.points;
    return side;
  }
}

function states(core: CoreResult): Record<string, ClockState> {
  const out: Record<string, ClockState> = {};
  for (const o of core.outcomes) if (o) out[o.clock.name] = o.state;
  return out;
}

/** For each clock of `from`, the index of the clock of the same name in `to` (-1 if none). */
function clockPairs(from: CompiledPolicy, to: CompiledPolicy): number[] {
  const byName = new Map(to.clocks.map((c) => [c.name, c.index]));
  return from.clocks.map((c) => byName.get(c.name) ?? -1);
}

/** Same level, points and clock states, compared without building anything. */
function sameOutcome(a: CoreResult, b: CoreResult, pairs: readonly number[], unpairedTo: readonly number[]): boolean {
  if ((a.top?.name ?? 'none') !== (b.top?.name ?? 'none') || a.points !== b.points) return false;
  for (let i = 0; i < pairs.length; i++) {
    const oa = a.outcomes[i];
    const j = pairs[i] as number;
    const ob = j >= 0 ? b.outcomes[j] : null;
    if ((oa?.state ?? null) !== (ob?.state ?? null)) return false;
  }
  for (const j of unpairedTo) if (b.outcomes[j]) return false;
  return true;
}

function add(map: Map<string, { from: number; to: number }>, key: string, from: number, to: number): void {
  const entry = map.get(key) ?? { from: 0, to: 0 };
  entry.from += from;
  entry.to += to;
  map.set(key, entry);
}

function explanationOf(policy: CompiledPolicy, core: CoreResult, differing: Set<string>): Reason[] {
  const presented = present(policy, core, false);
  return [
    ...presented.clocks.filter((c) => differing.has(c.name)).map((c) => c.reason),
    ...presented.warning.reasons.map((r) => r.reason),
  ];
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** The biggest change first; ties by category, then tier, so that every split of the input lists them alike. */
function biggestCellFirst(x: { category: string; priority: string; delta: number }, y: { category: string; priority: string; delta: number }): number {
  return Math.abs(y.delta) - Math.abs(x.delta) || x.category.localeCompare(y.category) || x.priority.localeCompare(y.priority);
}

/**
 * A simulation fed one ticket at a time (push), for callers that read their
 * own input synchronously; `simulate` below is the same over an iterable.
 */
export class Simulation {
  private readonly atMs: number;
  private readonly maxExamples: number;
  private readonly progressEvery: number;
  private readonly context;
  private readonly report: SimulationReport;
  private readonly byUnit = new Map<string, { from: number; to: number }>();
  private readonly byCell = new Map<string, { from: number; to: number }>();
  private readonly tallyFrom: Tally;
  private readonly tallyTo: Tally;
  private readonly pairs: number[];
  private readonly unpairedTo: number[];
  private readonly sameWords: boolean;
  private readonly reuseMap: number[];
  /** Where each kept example came from in the input (see `add`), for merging shards in input order. */
  private readonly changedAt: number[] = [];
  private readonly skippedAt: number[] = [];

  constructor(
    private readonly from: CompiledPolicy,
    private readonly to: CompiledPolicy,
    at: string,
    private readonly options: SimulateOptions = {},
  ) {
    this.atMs = instantMs(at, from.zone);
    this.maxExamples = options.examples ?? 50;
    this.progressEvery = options.progressEvery ?? 100_000;
    const repeatRules = [from.repeats, to.repeats].filter((r): r is RepeatRule => r !== undefined);
    // Both policies' shares: the context keeps one list per field and filter key, so a draft
    // that keeps the policy's shares asks for the same lists.
    const context = streamingContext([...from.shares, ...to.shares], Math.max(from.shareWindowMinutes, to.shareWindowMinutes), from.localDay, repeatRules);
    this.context = options.propertyHouseholds ? withProperties(context, options.propertyHouseholds) : context;
    this.report = {
      at,
      from: { policy: from.id },
      to: { policy: to.id },
      tickets: 0,
      skipped: { count: 0, examples: [] },
      counts: { from: emptySide(), to: emptySide() },
      penaltiesByUnit: [],
      penaltiesByCell: [],
      changed: { count: 0, examples: [] },
    };
    this.tallyFrom = new Tally(from);
    this.tallyTo = new Tally(to);
    this.pairs = clockPairs(from, to);
    const paired = new Set(this.pairs);
    this.unpairedTo = to.clocks.map((c) => c.index).filter((i) => !paired.has(i));
    // A draft usually keeps the words of the policy it changes; then one check serves both.
    this.sameWords = judgedAlike(from, to);
    const fromByName = new Map(from.clocks.map((c) => [c.name, c]));
    this.reuseMap = to.clocks.map((c) => {
      const twin = fromByName.get(c.name);
      return twin && c.signature !== null && twin.signature === c.signature ? twin.index : -1;
    });
  }

  /**
   * A ticket from before the simulated range, in creation order ahead of the range's: it
   * counts in the share and repeat conditions of later tickets, as it did when they were
   * live, but is neither evaluated nor reported.
   */
  observe(ticket: Ticket): void {
    const parsed = parseTicket(ticket);
    if (vocabularyOk(this.from, ticket, parsed)) this.context.observe(ticket, parsed.createdMs, parsed);
  }

  /**
   * Tickets must come in creation order (per property) for share and repeat counts.
   * `position` orders this ticket in the whole input (default: how many came before it
   * here); shards of one input give their tickets' input positions, so that merging keeps
   * the examples an unsplit run would have kept.
   */
  add(ticket: Ticket, position = this.report.tickets, parsedAlready?: ParsedTicket): void {
    const { from, to, report, atMs, context } = this;
    report.tickets++;
    if (this.options.onProgress && report.tickets % this.progressEvery === 0) this.options.onProgress(report.tickets);
    // Each instant parsed once, for both policies' checks and the reading; `parsedAlready`, when the
    // caller's shape check has already parsed them (readQuickShape), is parseTicket's answer.
    const parsed = parsedAlready ?? parseTicket(ticket);
    if (!vocabularyOk(from, ticket, parsed) || (!this.sameWords && !vocabularyOk(to, ticket, parsed))) {
      report.skipped.count++;
      const errors = [...vocabularyErrors(from, ticket), ...vocabularyErrors(to, ticket)];
      if (report.skipped.examples.length < this.maxExamples) {
        report.skipped.examples.push({ ticketId: ticket.id, errors: errors.slice(0, 5) });
        this.skippedAt.push(position);
      }
      return;
    }
    context.observe(ticket, parsed.createdMs, parsed);
    // Read once, evaluated under both policies.
    const read = prepare(ticket, atMs, parsed);
    const a = evaluateCore(from, ticket, atMs, context, read);
    // Clocks the draft left unchanged are not computed twice.
    const b = evaluateCore(to, ticket, atMs, context, read, { from: a, map: this.reuseMap });
    this.tallyFrom.add(a);
    this.tallyTo.add(b);
    if (a.points !== 0 || b.points !== 0) {
      add(this.byUnit, ticket.unit, a.points, b.points);
      add(this.byCell, `${ticket.category}\u0000${ticket.priority}`, a.points, b.points);
    }
    if (sameOutcome(a, b, this.pairs, this.unpairedTo)) return;
    report.changed.count++;
    if (report.changed.examples.length >= this.maxExamples) return;
    this.changedAt.push(position);
    const sa = states(a);
    const sb = states(b);
    const differing = new Set([...Object.keys(sa), ...Object.keys(sb)].filter((k) => sa[k] !== sb[k]));
    report.changed.examples.push({
      ticketId: ticket.id,
      unit: ticket.unit,
      from: { warning: a.top?.name ?? 'none', points: a.points, clocks: sa },
      to: { warning: b.top?.name ?? 'none', points: b.points, clocks: sb },
      explanation: { from: explanationOf(from, a, differing), to: explanationOf(to, b, differing) },
    });
  }

  /** The input positions of the examples in `result()`, in the same order. */
  positions(): ExamplePositions {
    return { changed: [...this.changedAt], skipped: [...this.skippedAt] };
  }

  result(): SimulationReport {
    const report: SimulationReport = { ...this.report, counts: { from: this.tallyFrom.named(), to: this.tallyTo.named() } };
    report.counts.from.points = round(report.counts.from.points);
    report.counts.to.points = round(report.counts.to.points);
    report.penaltiesByUnit = [...this.byUnit]
      .map(([unit, v]) => ({ unit, from: round(v.from), to: round(v.to), delta: round(v.to - v.from) }))
      .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || x.unit.localeCompare(y.unit));
    report.penaltiesByCell = [...this.byCell]
      .map(([key, v]) => {
        const [category, priority] = key.split('\u0000') as [string, string];
        return { category, priority, from: round(v.from), to: round(v.to), delta: round(v.to - v.from) };
      })
      .sort(biggestCellFirst);
    return report;
  }
}

export async function simulate(
  from: CompiledPolicy,
  to: CompiledPolicy,
  tickets: Iterable<Ticket> | AsyncIterable<Ticket>,
  at: string,
  options: SimulateOptions = {},
): Promise<SimulationReport> {
  const simulation = new Simulation(from, to, at, options);
  if (Symbol.iterator in tickets) for (const ticket of tickets) simulation.add(ticket);
  else for await (const ticket of tickets) simulation.add(ticket);
  return simulation.result();
}

/** The first `limit` examples of all shards by input position; in shard order without positions. */
function firstExamples<T>(lists: readonly T[][], positions: readonly number[][] | undefined, limit: number): T[] {
  if (!positions) return lists.flat().slice(0, limit);
  return lists
    .flatMap((list, shard) => list.map((example, i) => ({ example, at: positions[shard]?.[i] ?? Infinity })))
    .sort((x, y) => x.at - y.at)
    .slice(0, limit)
    .map((e) => e.example);
}

/**
 * Reports of disjoint ticket sets (shards by property) as one report. With each report's
 * example positions, the examples are the first of the whole input, whatever the split.
 */
export function mergeReports(reports: readonly SimulationReport[], examples = 50, positions?: readonly ExamplePositions[]): SimulationReport {
  const first = reports[0];
  if (!first) throw new Error('mergeReports needs at least one report');
  const side = (pick: (r: SimulationReport) => SideCounts): SideCounts => {
    const out = emptySide();
    for (const r of reports) {
      const s = pick(r);
      for (const [clock, byState] of Object.entries(s.clocks)) {
        const target = (out.clocks[clock] ??= {});
        for (const [state, n] of Object.entries(byState)) target[state as ClockState] = (target[state as ClockState] ?? 0) + (n ?? 0);
      }
      for (const [level, n] of Object.entries(s.warnings)) out.warnings[level] = (out.warnings[level] ?? 0) + n;
      out.points += s.points;
    }
    out.points = round(out.points);
    return out;
  };
  const sum = <K extends string>(rows: { key: K; from: number; to: number }[]) => {
    const m = new Map<K, { from: number; to: number }>();
    for (const r of rows) add(m as Map<string, { from: number; to: number }>, r.key, r.from, r.to);
    return [...m].map(([key, v]) => ({ key, from: round(v.from), to: round(v.to), delta: round(v.to - v.from) }));
  };
  return {
    at: first.at,
    from: first.from,
    to: first.to,
    tickets: reports.reduce((n, r) => n + r.tickets, 0),
    skipped: {
      count: reports.reduce((n, r) => n + r.skipped.count, 0),
      examples: firstExamples(reports.map((r) => r.skipped.examples), positions?.map((p) => p.skipped), examples),
    },
    counts: { from: side((r) => r.counts.from), to: side((r) => r.counts.to) },
    penaltiesByUnit: sum(reports.flatMap((r) => r.penaltiesByUnit.map((u) => ({ key: u.unit, from: u.from, to: u.to }))))
      .map(({ key, ...v }) => ({ unit: key, ...v }))
      .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || x.unit.localeCompare(y.unit)),
    penaltiesByCell: sum(reports.flatMap((r) => r.penaltiesByCell.map((c) => ({ key: `${c.category}\u0000${c.priority}`, from: c.from, to: c.to })))).map(({ key, ...v }) => {
      const [category, priority] = key.split('\u0000') as [string, string];
      return { category, priority, ...v };
    }).sort(biggestCellFirst),
    changed: {
      count: reports.reduce((n, r) => n + r.changed.count, 0),
      examples: firstExamples(reports.map((r) => r.changed.examples), positions?.map((p) => p.changed), examples),
    },
  };
}
