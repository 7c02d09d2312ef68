// simulate(from, to, tickets, at): what a policy change would have done to a
// ticket history. Streams: tickets are read once, in creation order, and only
// counters and a bounded list of examples are kept, so memory stays flat
// however long the history is.
import type { CompiledPolicy } from './compile/types.js';
import { streamingContext } from './evaluate/context.js';
import { evaluateCore, prepare, type CoreResult } from './evaluate/core.js';
import { parseInstant } from './evaluate/instant.js';
import { present } from './evaluate/evaluate.js';
import { vocabularyErrors } from './evaluate/validate.js';
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

export interface SimulateOptions {
  /** How many changed tickets to keep with explanations (all are counted). */
  examples?: number;
  /** Called every `progressEvery` tickets, for long runs. */
  onProgress?: (ticketsDone: number) => void;
  progressEvery?: number;
}

function emptySide(): SideCounts {
  return { clocks: {}, warnings: {}, points: 0 };
}

function tally(side: SideCounts, core: CoreResult): void {
  for (const o of core.outcomes) {
    if (!o) continue;
    const byState = (side.clocks[o.clock.name] ??= {});
    byState[o.state] = (byState[o.state] ?? 0) + 1;
  }
  const level = core.top?.name ?? 'none';
  side.warnings[level] = (side.warnings[level] ?? 0) + 1;
  side.points += core.points;
}

function states(core: CoreResult): Record<string, ClockState> {
  const out: Record<string, ClockState> = {};
  for (const o of core.outcomes) if (o) out[o.clock.name] = o.state;
  return out;
}

function sameOutcome(a: CoreResult, b: CoreResult): boolean {
  if ((a.top?.name ?? 'none') !== (b.top?.name ?? 'none') || a.points !== b.points) return false;
  const sa = states(a);
  const sb = states(b);
  const keys = new Set([...Object.keys(sa), ...Object.keys(sb)]);
  for (const k of keys) if (sa[k] !== sb[k]) return false;
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

export async function simulate(
  from: CompiledPolicy,
  to: CompiledPolicy,
  tickets: Iterable<Ticket> | AsyncIterable<Ticket>,
  at: string,
  options: SimulateOptions = {},
): Promise<SimulationReport> {
  const atMs = parseInstant(at);
  const maxExamples = options.examples ?? 50;
  const progressEvery = options.progressEvery ?? 100_000;
  const context = streamingContext();
  const report: SimulationReport = {
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
  const byUnit = new Map<string, { from: number; to: number }>();
  const byCell = new Map<string, { from: number; to: number }>();

  for await (const ticket of tickets) {
    report.tickets++;
    if (options.onProgress && report.tickets % progressEvery === 0) options.onProgress(report.tickets);
    const errors = [...vocabularyErrors(from, ticket), ...vocabularyErrors(to, ticket)];
    if (errors.length > 0) {
      report.skipped.count++;
      if (report.skipped.examples.length < maxExamples) report.skipped.examples.push({ ticketId: ticket.id, errors: errors.slice(0, 5) });
      continue;
    }
    context.observe(ticket, parseInstant(ticket.createdAt));
    // Read once, evaluated under both policies.
    const read = prepare(ticket, atMs, context);
    const a = evaluateCore(from, ticket, atMs, context, read);
    const b = evaluateCore(to, ticket, atMs, context, read);
    tally(report.counts.from, a);
    tally(report.counts.to, b);
    if (a.points !== 0 || b.points !== 0) {
      add(byUnit, ticket.unit, a.points, b.points);
      add(byCell, `${ticket.category}\u0000${ticket.priority}`, a.points, b.points);
    }
    if (sameOutcome(a, b)) continue;
    report.changed.count++;
    if (report.changed.examples.length >= maxExamples) continue;
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
  report.counts.from.points = round(report.counts.from.points);
  report.counts.to.points = round(report.counts.to.points);
  report.penaltiesByUnit = [...byUnit]
    .map(([unit, v]) => ({ unit, from: round(v.from), to: round(v.to), delta: round(v.to - v.from) }))
    .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || x.unit.localeCompare(y.unit));
  report.penaltiesByCell = [...byCell]
    .map(([key, v]) => {
      const [category, priority] = key.split('\u0000') as [string, string];
      return { category, priority, from: round(v.from), to: round(v.to), delta: round(v.to - v.from) };
    })
    .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || x.category.localeCompare(y.category));
  return report;
}
