// Whose results a section of a policy changes. Ownership follows effect, not text: the
// warnings, penalties and compliance are quality's, each clock's due time and state is
// the manager's, and a section that feeds one of them (a parameter a warning reads, a
// clock `overdue(resolve)` measures, the parameter in that clock's target, the calendar
// it runs on, the zone) changes that owner's result. What reads what is taken from the
// effective policy, the same merged declarations engine/compile builds from.
import { TICKET_FIELDS, type EffectivePolicy, type From } from '../engine/index.js';
import type * as A from '../grammar/index.js';

export type ResultOwner = 'quality' | 'manager';

/** One step of a path from a section to a result: `by` reads `what` at `uri` line `line`. */
export interface ReadStep {
  by: string;
  line: number;
  uri: string;
}

export interface SectionEffect {
  /** The owners of the results the section changes; empty when nothing reads it. */
  owners: ResultOwner[];
  /** For each owner, one path of reads from the section to a result of theirs (empty: the section is that result). */
  paths: Partial<Record<ResultOwner, ReadStep[]>>;
}

interface Edge {
  /** The section read. */
  to: string;
  line: number;
  uri: string;
}

const lineOf = (range: A.Range): number => range.start.line;

/** The sections a condition reads: parameters, and clocks through overdue() and elapsed(). */
function conditionReads(policy: EffectivePolicy, c: A.Condition, uri: string, out: Edge[]): void {
  switch (c.kind) {
    case 'Or':
    case 'And':
      for (const o of c.operands) conditionReads(policy, o, uri, out);
      return;
    case 'Not':
      conditionReads(policy, c.operand, uri, out);
      return;
    case 'Comparison':
      operandReads(policy, c.left, uri, out);
      if (c.right) operandReads(policy, c.right, uri, out);
  }
}

function operandReads(policy: EffectivePolicy, o: A.Argument, uri: string, out: Edge[]): void {
  if (o.kind === 'ConditionArg') {
    // share()'s filter (`kind = complaint and channel = platform`): it may name parameters too.
    conditionReads(policy, o.condition, uri, out);
    return;
  }
  if (o.kind === 'List') {
    for (const item of o.items) operandReads(policy, item, uri, out);
    return;
  }
  if (o.kind === 'Call') {
    const [first] = o.args;
    if (o.callee.text === 'overdue' || o.callee.text === 'elapsed') {
      // overdue() without a clock measures the most overdue of them all.
      const clocks = first?.kind === 'NameRef' ? [first.name.text] : o.callee.text === 'overdue' ? [...policy.clocks.keys()] : [];
      for (const name of clocks) if (policy.clocks.has(name)) out.push({ to: `clock ${name}`, line: lineOf(o.range), uri });
      return;
    }
    for (const arg of o.args) operandReads(policy, arg, uri, out);
    return;
  }
  valueReads(policy, o, uri, out);
}

/** A value naming a parameter reads it (a ticket field of the same name wins, as in compile). */
function valueReads(policy: EffectivePolicy, v: A.Value, uri: string, out: Edge[]): void {
  if (v.kind !== 'NameRef' || v.name.text in TICKET_FIELDS || policy.attributes.has(v.name.text)) return;
  if (policy.params.has(v.name.text)) out.push({ to: `param ${v.name.text}`, line: lineOf(v.range), uri });
}

function targetReads(policy: EffectivePolicy, cell: From<A.TargetRow | A.TargetItem>, out: Edge[]): void {
  let value = cell.node.kind === 'Target' ? cell.node.value : cell.node.value;
  if (!value) return;
  // `deadline plan_completion else resolve_urgent`: the fallback is what reads a parameter.
  while (value.kind === 'Deadline' && value.fallback) value = value.fallback;
  const v = value.kind === 'Fixed' ? value.value : value.kind === 'Relative' ? value.offset : value.kind === 'Every' ? value.interval : undefined;
  if (v) valueReads(policy, v, cell.uri, out);
}

/** Every section's direct reads. */
export function readsOf(policy: EffectivePolicy): Map<string, Edge[]> {
  const reads = new Map<string, Edge[]>();
  const add = (section: string): Edge[] => {
    const list = reads.get(section) ?? [];
    reads.set(section, list);
    return list;
  };
  for (const p of policy.params.values()) valueReads(policy, p.value.node, p.value.uri, add(`param ${p.name}`));
  for (const c of policy.calendars.values()) {
    const out = add(`calendar ${c.name}`);
    for (const inc of c.includes) if (policy.calendars.has(inc.node.text)) out.push({ to: `calendar ${inc.node.text}`, line: lineOf(inc.node.range), uri: inc.uri });
    if (policy.zone && !c.zone) out.push({ to: 'zone', line: lineOf(c.decl.node.range), uri: c.decl.uri });
  }
  for (const clock of policy.clocks.values()) {
    const out = add(`clock ${clock.name}`);
    for (const cell of clock.cells.values()) targetReads(policy, cell, out);
    if (clock.when) conditionReads(policy, clock.when.node.condition, clock.when.uri, out);
    const calendar = clock.calendar?.node.calendar;
    if (calendar && policy.calendars.has(calendar.text)) out.push({ to: `calendar ${calendar.text}`, line: lineOf(calendar.range), uri: clock.calendar!.uri });
    // `pause at most` moves due times: the clock's own limit, else the file's default.
    if (clock.pauseLimit) valueReads(policy, clock.pauseLimit.node.value, clock.pauseLimit.uri, out);
    else if (clock.events.pause && policy.pauseLimit) out.push({ to: 'pauselimit', line: lineOf(policy.pauseLimit.node.range), uri: policy.pauseLimit.uri });
    // Due times are instants in the policy's zone, whatever the calendar.
    if (policy.zone) out.push({ to: 'zone', line: lineOf(clock.decl.node.range), uri: clock.decl.uri });
  }
  for (const w of policy.warnings.values()) {
    const out = add(`warning ${w.name}`);
    if (w.when) conditionReads(policy, w.when.node.condition, w.when.uri, out);
    if (w.plan) valueReads(policy, w.plan.node.within, w.plan.uri, out);
  }
  const penalties = add('penalties');
  for (const row of policy.penalties.values()) valueReads(policy, row.node.value, row.uri, penalties);
  for (const v of policy.voids) conditionReads(policy, v.node.when.condition, v.uri, penalties);
  if (policy.pauseLimit) valueReads(policy, policy.pauseLimit.node.value, policy.pauseLimit.uri, add('pauselimit'));
  const compliance = add('compliance');
  for (const row of policy.compliance) if (row.node.min) valueReads(policy, row.node.min, row.uri, compliance);
  return reads;
}

/** The result a section is, if it is one. */
function resultOwner(section: string): ResultOwner | undefined {
  if (section === 'penalties' || section === 'compliance' || section.startsWith('warning ')) return 'quality';
  if (section.startsWith('clock ')) return 'manager';
  return undefined;
}

/**
 * For each section of the policy, whose results it changes and one path of reads to
 * each: a breadth-first walk from every result along what it reads, so each path found
 * is a shortest one.
 */
export function sectionEffects(policy: EffectivePolicy): Map<string, SectionEffect> {
  const reads = readsOf(policy);
  const effects = new Map<string, SectionEffect>();
  const effectOf = (section: string): SectionEffect => {
    let e = effects.get(section);
    if (!e) effects.set(section, (e = { owners: [], paths: {} }));
    return e;
  };
  for (const owner of ['quality', 'manager'] as const) {
    const results = [...reads.keys()].filter((s) => resultOwner(s) === owner);
    const path = new Map<string, ReadStep[]>(results.map((s) => [s, []]));
    const queue = [...results];
    while (queue.length > 0) {
      const section = queue.shift()!;
      for (const edge of reads.get(section) ?? []) {
        if (path.has(edge.to)) continue;
        path.set(edge.to, [{ by: section, line: edge.line, uri: edge.uri }, ...path.get(section)!]);
        queue.push(edge.to);
      }
    }
    for (const [section, steps] of path) {
      const e = effectOf(section);
      e.owners.push(owner);
      e.paths[owner] = steps;
    }
  }
  return effects;
}

/** "is read by the clock `resolve` (line 267 of huayu-group@1.sla), which the warning `blue` reads (line 412 of huayu-group@1.sla)". */
export function describePath(steps: readonly ReadStep[]): string {
  const named = (section: string) => {
    const space = section.indexOf(' ');
    return space < 0 ? `the ${section}` : `the ${section.slice(0, space)} \`${section.slice(space + 1)}\``;
  };
  return steps.map((s, i) => `${i === 0 ? 'is read by' : `, which is read by`} ${named(s.by)} at line ${s.line} of ${s.uri}`).join('');
}
