// From "this field should now say V" to the smallest text edit that says it:
// replace just the value when the edited file sets it; otherwise add an
// override (a row, an item or a block) in the canonical layout. Each builder
// returns [] when the effective value already is V.
import { conditionLines, conditionText, displayWidth, targetValueText, valueText, type Condition } from '../../../grammar/index.js';
import type * as A from '../../../grammar/index.js';
import type { ModuleFile } from '../../../engine/index.js';
import { lineBreakOf, replaceRange, type Edit } from './edits.js';
import { crossingPartners, rowKeyText, targetKey, thresholdsOf, type ThresholdValue } from './fields.js';
import type { InputProblem } from './inputs.js';
import { anchorFor, appendToBlock, indentOf, insertTopLevel, INDENT, MAX_WIDTH, padTo } from './placement.js';
import type { PolicyContext } from './policy-context.js';

export type Built = { ok: true; edits: Edit[] } | { ok: false; problem: InputProblem };

const done = (edits: Edit[]): Built => ({ ok: true, edits });
const notFound: Built = { ok: false, problem: 'notFound' };

function lastLocal<K extends A.Declaration['kind']>(file: ModuleFile, kind: K, name?: string): Extract<A.Declaration, { kind: K }> | undefined {
  const found = file.module.declarations.filter(
    (d): d is Extract<A.Declaration, { kind: K }> => d.kind === kind && (name === undefined || (d as { name?: A.Name }).name?.text === name),
  );
  return found[found.length - 1];
}

function topLevelBlock(file: ModuleFile, kind: A.Declaration['kind'], lines: string[]): Edit {
  const anchor = anchorFor(file, kind);
  return insertTopLevel(file, anchor.range, lines, true);
}

// ---- targets ----

function tableRows(rows: ReadonlyArray<{ key: string; value: string }>): string[] {
  const width = Math.max(...rows.map((r) => displayWidth(`${r.key}:`)));
  return rows.map((r) => `${padTo(`${r.key}:`, width)} ${r.value}`);
}

function tableBlock(rows: ReadonlyArray<{ key: string; value: string }>): string[] {
  return ['target {', ...tableRows(rows).map((r) => INDENT + r), '}'];
}

export function targetEdit(context: PolicyContext, clockName: string, category: string | undefined, tier: string | undefined, text: string): Built {
  const { file, effective } = context;
  const clock = effective.clocks.get(clockName);
  if (!clock) return notFound;
  if ((category !== undefined && !effective.enums.categories.has(category)) || (tier !== undefined && !effective.enums.tiers.has(tier))) return notFound;
  const existing = clock.cells.get(targetKey(category, tier));
  const current = existing?.node.value;
  if (current && targetValueText(current) === text) return done([]);
  if (existing && current && existing.uri === file.uri) return done([replaceRange(current.range, text)]);

  const key = rowKeyText(category, tier);
  const local = lastLocal(file, 'Clock', clockName);
  if (!local) return done([topLevelBlock(file, 'Clock', [`clock ${clockName} {`, ...tableBlock([{ key, value: text }]).map((l) => INDENT + l), '}'])]);

  const targets = local.items.filter((i): i is A.TargetItem => i.kind === 'Target');
  const table = [...targets].reverse().find((t) => t.table);
  if (table) {
    const last = table.rows[table.rows.length - 1];
    if (!last) return done([replaceRange(table.range, `target { ${key}: ${text} }`)]);
    const width = Math.max(...table.rows.map((r) => displayWidth(`${rowKeyText(r.category?.text, r.tier?.text)}:`)));
    const row = `${padTo(`${key}:`, width)} ${text}`;
    return done([appendToBlock(file, table.range, last.range, [row], `${key}: ${text}`, ', ')]);
  }
  const single = targets.find((t) => t.value);
  if (single?.value) {
    // `target 2h` becomes a table: a clock takes one target clause (C209).
    const indent = indentOf(file, single.range.start.line);
    const lines = tableBlock([
      { key: '*', value: targetValueText(single.value) },
      { key, value: text },
    ]);
    const multiLine = single.range.start.column - 1 === indent.length;
    return done([replaceRange(single.range, multiLine ? lines.join(lineBreakOf(file.parsed.source.text) + indent) : `target { *: ${targetValueText(single.value)}, ${key}: ${text} }`)]);
  }
  const lastItem = local.items[local.items.length - 1];
  const block = tableBlock([{ key, value: text }]);
  return done([appendToBlock(file, local.range, lastItem?.range, block, `target { ${key}: ${text} }`, ' ')]);
}

// ---- parameters ----

export function paramEdit(context: PolicyContext, name: string, text: string): Built {
  const { file, effective } = context;
  const param = effective.params.get(name);
  if (!param) return notFound;
  if (valueText(param.value.node) === text) return done([]);
  const local = lastLocal(file, 'Param', name);
  if (local) return done([replaceRange(local.value.range, text)]);
  const anchor = anchorFor(file, 'Param');
  return done([insertTopLevel(file, anchor.range, [`param ${name} = ${text}`], !anchor.sameKind)]);
}

// ---- warnings ----

/** A copy of the condition with the values of some thresholds replaced (for an override that restates it). */
function withThreshold(condition: Condition, targets: readonly A.Comparison[], value: ThresholdValue): Condition {
  const swap = (c: Condition): Condition => {
    if (c.kind === 'Comparison' && targets.includes(c)) return { ...c, right: value };
    if (c.kind === 'Or' || c.kind === 'And') return { ...c, operands: c.operands.map(swap) };
    if (c.kind === 'Not') return { ...c, operand: swap(c.operand) };
    return c;
  };
  return swap(condition);
}

/** The value node a canonical spelling reads as; only its printed text matters to the printer. */
function thresholdNode(kind: ThresholdValue['kind'], text: string, range: A.Range): ThresholdValue {
  switch (kind) {
    case 'Duration':
      return { kind, text, minutes: 0, negative: false, range };
    case 'Percent':
      return { kind, value: Number(text.replace('%', '')), negative: false, range };
    case 'Workdays':
      return { kind, days: Number(text.split(' ')[0]), negative: false, range };
    case 'Number':
      return { kind, value: Number(text), negative: false, range };
  }
}

/** `when …` as the formatter prints it at this indentation: one line, or wrapped before each `or` when too wide. */
function whenLines(condition: Condition, indent: string): string[] {
  const line = `when ${conditionText(condition)}`;
  if (displayWidth(indent + line) <= MAX_WIDTH) return [line];
  return conditionLines(condition).map((l, i) => (i === 0 ? `when ${l}` : INDENT + l));
}

function warningItemEdit(context: PolicyContext, name: string, itemLines: (indent: string) => string[]): Edit {
  const { file } = context;
  const local = lastLocal(file, 'Warning', name);
  if (!local) {
    const lines = itemLines(INDENT);
    return topLevelBlock(file, 'Warning', [`warning ${name} {`, ...lines.map((l) => INDENT + l), '}']);
  }
  const last = local.items[local.items.length - 1];
  const indent = last ? indentOf(file, last.range.start.line) : indentOf(file, local.range.start.line) + INDENT;
  const lines = itemLines(indent);
  return appendToBlock(file, local.range, last?.range, lines, lines.map((l) => l.trim()).join(' '), ' ');
}

export function thresholdEdit(context: PolicyContext, warningName: string, index: number, text: string): Built {
  const warning = context.effective.warnings.get(warningName);
  const when = warning?.when;
  if (!when) return notFound;
  const target = thresholdsOf(when.node.condition)[index];
  if (!target) return notFound;
  if (valueText(target.right) === text) return done([]);
  // A `share` threshold moves its `shareBefore` partner with it: together they are one crossing.
  const targets = [target, ...crossingPartners(when.node.condition, target)];
  if (when.uri === context.file.uri) return done(targets.map((t) => replaceRange(t.right.range, text)));
  const condition = withThreshold(when.node.condition, targets, thresholdNode(target.right.kind, text, target.right.range));
  return done([warningItemEdit(context, warningName, (indent) => whenLines(condition, indent))]);
}

export function planEdit(context: PolicyContext, warningName: string, text: string): Built {
  const warning = context.effective.warnings.get(warningName);
  if (!warning) return notFound;
  const plan = warning.plan;
  if (plan && valueText(plan.node.within) === text) return done([]);
  if (plan && plan.uri === context.file.uri) return done([replaceRange(plan.node.within.range, text)]);
  return done([warningItemEdit(context, warningName, () => [`plan within ${text}`])]);
}

export function penaltyEdit(context: PolicyContext, level: string, text: string): Built {
  const { file, effective } = context;
  const row = effective.penalties.get(level);
  if (!row) return notFound;
  if (valueText(row.node.value) === text) return done([]);
  if (row.uri === file.uri) return done([replaceRange(row.node.value.range, text)]);
  const local = lastLocal(file, 'Penalties');
  if (local) {
    const last = local.rows[local.rows.length - 1];
    return done([appendToBlock(file, local.range, last?.range, [`${level} ${text}`], `${level} ${text}`, ', ')]);
  }
  return done([topLevelBlock(file, 'Penalties', ['penalties {', `${INDENT}${level} ${text}`, '}'])]);
}
