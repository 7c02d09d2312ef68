// The form over a policy, read from its AST and its extends chain: every
// clock's targets as a category x tier grid, the [X] placeholders with their
// labels and rule-book clauses, warning thresholds and penalty points. Each
// value says where it is set: this file, or the group/branch file and line.
import { targetValueText, valueText, type Range, type TargetValue } from '../../../grammar/index.js';
import type * as A from '../../../grammar/index.js';
import { targetFor, type EffectiveClock, type EffectivePolicy, type From } from '../../../engine/index.js';
import { clauseOf, noteOf } from './comments.js';
import { thresholdsOf } from './fields.js';
import { policyContext, type PolicyContext, type RelatedFile } from './policy-context.js';

export interface Origin {
  uri: string;
  /** The policy id of that file. */
  module: string;
  line: number;
  column: number;
  /** Set in the edited file itself (otherwise inherited). */
  local: boolean;
}

export interface NamedMember {
  name: string;
  label?: string;
}

export interface TargetCell {
  category: string;
  tier: string;
  /** The row that decides the cell: "engineering/urgent", "*\/urgent", "engineering/*" or "*\/*". */
  key: string;
  /** The target as written: "10m", "contact_within", "every 1h". */
  text: string;
  /** When the target names a parameter: its value ("30m", or "[X]" while unfilled). */
  resolved?: string;
  unfilled: boolean;
  /** A plain length (or a parameter holding one) that the grid can edit; `every`, `daily by` and `before` targets are edited in the text. */
  editable: boolean;
  origin: Origin;
}

export interface TargetRowModel {
  key: string;
  text: string;
  origin: Origin;
}

export interface ClockModel {
  name: string;
  label?: string;
  origin: Origin;
  /** The rows of the effective table, keyed like TargetCell.key. */
  rows: Map<string, TargetRowModel>;
  /** Rows are categories, columns tiers (the model's `categories` and `tiers` order); undefined where no target applies. */
  cells: (TargetCell | undefined)[][];
  /** The line of the edited file's own `clock` block for it, when it has one. */
  localLine?: number;
}

export interface ParamModel {
  name: string;
  label?: string;
  type?: string;
  value: string;
  /** Declared [X] somewhere up the chain: a value each property fills. */
  placeholder: boolean;
  unfilled: boolean;
  origin: Origin;
  /** Where the parameter is declared (with its type and label). */
  declared: Origin;
  /** The comment lines above its declaration: the rule-book clause it comes from. */
  clause: string[];
  /** The comment after the value, where it is set. */
  note?: string;
}

export interface ThresholdModel {
  warning: string;
  index: number;
  /** "overdue(resolve) >=". */
  subject: string;
  value: string;
  kind: 'Duration' | 'Percent' | 'Number' | 'Workdays';
  origin: Origin;
}

export interface WarningModel {
  name: string;
  label?: string;
  origin: Origin;
  thresholds: ThresholdModel[];
  plan?: { value: string; origin: Origin };
  notify: string[];
}

export interface PenaltyModel {
  level: string;
  /** The warning level's label. */
  label?: string;
  value: string;
  origin: Origin;
}

export interface FormModel {
  path: string;
  level: A.ModuleLevel;
  id: string;
  /** The edited text has syntax errors: the form shows the last values but does not edit. */
  broken: boolean;
  categories: NamedMember[];
  tiers: NamedMember[];
  clocks: ClockModel[];
  params: ParamModel[];
  warnings: WarningModel[];
  penalties: PenaltyModel[];
  context: PolicyContext;
}

function originOf(context: PolicyContext, from: From<{ range: Range }>, range: Range = from.node.range): Origin {
  return { uri: from.uri, module: from.module, line: range.start.line, column: range.start.column, local: from.uri === context.file.uri };
}

function members(map: ReadonlyMap<string, From<A.Member>>): NamedMember[] {
  return [...map.values()].map((m) => (m.node.label ? { name: m.node.name.text, label: m.node.label.value } : { name: m.node.name.text }));
}

function resolveTarget(policy: EffectivePolicy, value: TargetValue): { resolved?: string; unfilled: boolean; editable: boolean } {
  if (value.kind !== 'Fixed') return { unfilled: false, editable: false };
  const v = value.value;
  if (v.kind === 'Placeholder') return { unfilled: true, editable: true };
  if (v.kind !== 'NameRef') return { unfilled: false, editable: v.kind === 'Duration' || v.kind === 'Workdays' };
  const param = policy.params.get(v.name.text);
  if (!param) return { unfilled: false, editable: true };
  const resolved = valueText(param.value.node);
  return { resolved, unfilled: param.value.node.kind === 'Placeholder', editable: true };
}

function clockModel(context: PolicyContext, clock: EffectiveClock, categories: NamedMember[], tiers: NamedMember[]): ClockModel {
  const policy = context.effective;
  const rows = new Map<string, TargetRowModel>();
  for (const [key, from] of clock.cells) {
    if (from.node.value) rows.set(key, { key, text: targetValueText(from.node.value), origin: originOf(context, from, from.node.value.range) });
  }
  const cells = categories.map((c) =>
    tiers.map((t): TargetCell | undefined => {
      const from = targetFor(clock, c.name, t.name);
      const value = from?.node.value;
      if (!from || !value) return undefined;
      const key = [...clock.cells].find(([, f]) => f === from)?.[0] ?? '*/*';
      return { category: c.name, tier: t.name, key, text: targetValueText(value), ...resolveTarget(policy, value), origin: originOf(context, from, value.range) };
    }),
  );
  const model: ClockModel = { name: clock.name, origin: originOf(context, clock.decl), rows, cells };
  if (clock.label) model.label = clock.label.node.value;
  const own = context.file.module.declarations.filter((d) => d.kind === 'Clock' && d.name.text === clock.name);
  const last = own[own.length - 1];
  if (last) model.localLine = last.range.start.line;
  return model;
}

function paramModel(context: PolicyContext, name: string): ParamModel | undefined {
  const param = context.effective.params.get(name);
  if (!param) return undefined;
  const root = param.history[0] as From<A.ParamDecl>;
  const rootFile = context.chain.find((f) => f.uri === root.uri) ?? context.effective.libraries.find((f) => f.uri === root.uri);
  const setter = param.history[param.history.length - 1] as From<A.ParamDecl>;
  const setterFile = context.chain.find((f) => f.uri === setter.uri);
  const model: ParamModel = {
    name,
    value: valueText(param.value.node),
    placeholder: param.history.some((h) => h.node.value.kind === 'Placeholder'),
    unfilled: param.value.node.kind === 'Placeholder',
    origin: originOf(context, param.value),
    declared: originOf(context, root),
    clause: rootFile ? clauseOf(rootFile, root.node) : [],
  };
  if (param.label) model.label = param.label.node.value;
  if (param.type) model.type = param.type.node.text;
  const note = setterFile ? noteOf(setterFile, setter.node.range.end.line) : undefined;
  if (note !== undefined) model.note = note;
  return model;
}

function warningModels(context: PolicyContext): WarningModel[] {
  return [...context.effective.warnings.values()].map((w) => {
    const model: WarningModel = { name: w.name, origin: originOf(context, w.decl), thresholds: [], notify: w.notify?.node.roles.map((r) => r.text) ?? [] };
    if (w.label) model.label = w.label.node.value;
    if (w.when) {
      const when = w.when;
      model.thresholds = thresholdsOf(when.node.condition).map((c, index) => ({
        warning: w.name,
        index,
        subject: `${sourceSlice(context, when.uri, c.left.range)} ${c.op ?? ''}`.trim(),
        value: valueText(c.right),
        kind: c.right.kind,
        origin: originOf(context, when, c.right.range),
      }));
    }
    if (w.plan) model.plan = { value: valueText(w.plan.node.within), origin: originOf(context, w.plan, w.plan.node.within.range) };
    return model;
  });
}

function sourceSlice(context: PolicyContext, uri: string, range: Range): string {
  const file = [...context.chain, ...context.effective.libraries].find((f) => f.uri === uri);
  return file ? file.parsed.source.text.slice(range.start.offset, range.end.offset) : '';
}

export function buildFormModel(path: string, text: string, related: readonly RelatedFile[] = []): FormModel {
  return formModelOf(policyContext(path, text, related));
}

export function formModelOf(context: PolicyContext): FormModel {
  const policy = context.effective;
  const categories = members(policy.enums.categories);
  const tiers = members(policy.enums.tiers);
  const warnings = warningModels(context);
  return {
    path: context.file.uri,
    level: context.file.module.header.level,
    id: context.file.id,
    broken: context.broken,
    categories,
    tiers,
    clocks: [...policy.clocks.values()].map((c) => clockModel(context, c, categories, tiers)),
    params: [...policy.params.keys()].map((n) => paramModel(context, n)).filter((p): p is ParamModel => p !== undefined),
    warnings,
    penalties: [...policy.penalties].map(([level, from]) => {
      const label = warnings.find((w) => w.name === level)?.label;
      const row: PenaltyModel = { level, value: valueText(from.node.value), origin: originOf(context, from, from.node.value.range) };
      if (label !== undefined) row.label = label;
      return row;
    }),
    context,
  };
}

/** The placeholders a property still has to fill, in declaration order: what the wizard walks through. */
export function unfilledParams(model: FormModel): ParamModel[] {
  return model.params.filter((p) => p.unfilled);
}
