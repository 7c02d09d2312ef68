// The effective policy of a module: its chain (group -> branch -> property) and
// the libraries it uses, merged, with the file that set every value.
// Merge rules (also in docs/language.md): a child's declaration with an inherited
// name overrides it piece by piece; nothing a parent declares can be removed.
import type * as A from '../grammar/index.js';
import { conditionText } from '../grammar/index.js';
import { librariesOf, type ModuleFile, type Workspace } from './workspace.js';

/** A node together with the file that wrote it. */
export interface From<T> {
  node: T;
  uri: string;
  /** The policy id of that file. */
  module: string;
}

export interface EffectiveCalendar {
  name: string;
  decl: From<A.CalendarDecl>;
  label?: From<A.StringLit>;
  always: boolean;
  zone?: From<A.StringLit>;
  includes: From<A.Name>[];
  /** Weekly hours of the last module that gave any. */
  hours: From<A.HoursItem>[];
  days: From<A.SpecialDay>[];
}

export interface EffectiveParam {
  name: string;
  decl: From<A.ParamDecl>;
  label?: From<A.StringLit>;
  type?: From<A.Name>;
  value: From<A.Value>;
  /** Every module that set a value, root first. */
  history: From<A.ParamDecl>[];
}

export interface EffectiveClock {
  name: string;
  decl: From<A.ClockDecl>;
  label?: From<A.StringLit>;
  events: Partial<Record<A.ClockEventRole, From<A.ClockEvents>>>;
  calendar?: From<A.ClockCalendar>;
  when?: From<A.WhenItem>;
  /** `applies to …`: the tickets the clock is for. */
  scope?: From<A.ScopeItem>;
  /** `target 2h`, or the table's unscoped cells keyed "category/tier" with "*" for any. */
  cells: Map<string, From<A.TargetRow | A.TargetItem>>;
  /**
   * Rows with their own `applies to`, keyed "category/tier if <condition>": a child
   * that writes the same key and scope replaces the row, another scope adds one.
   */
  scopedCells: Map<string, From<A.TargetRow>>;
  /** `advisory`: reported, never breached. A child cannot take it back (nothing a parent declares is removed). */
  advisory?: From<A.AdvisoryItem>;
  /** `pause at most 3d` of this clock (the policy's default applies without it). */
  pauseLimit?: From<A.PauseLimit>;
}

/** A duty, merged piece by piece like a clock: a child may change its schedule, owner, calendar or warning. */
export interface EffectiveDuty {
  name: string;
  decl: From<A.DutyDecl>;
  label?: From<A.StringLit>;
  schedule?: From<A.DutyScheduleItem>;
  owner?: From<A.DutyOwner>;
  calendar?: From<A.DutyCalendar>;
  warning?: From<A.DutyWarning>;
  advisory?: From<A.AdvisoryItem>;
}

export interface EffectiveWarning {
  name: string;
  decl: From<A.WarningDecl>;
  label?: From<A.StringLit>;
  when?: From<A.WhenItem>;
  scope?: From<A.ScopeItem>;
  notify?: From<A.NotifyItem>;
  plan?: From<A.PlanItem>;
}

/** A route (`route x { … }`): clause by clause, a child's clause replaces the parent's. */
export interface EffectiveRoute {
  name: string;
  decl: From<A.RouteDecl>;
  label?: From<A.StringLit>;
  when?: From<A.WhenItem>;
  scope?: From<A.ScopeItem>;
  to?: From<A.RouteTo>;
}

export interface EffectivePolicy {
  id: string;
  level: A.ModuleLevel;
  chain: ModuleFile[];
  libraries: ModuleFile[];
  zone?: From<A.StringLit>;
  calendars: Map<string, EffectiveCalendar>;
  enums: Record<A.EnumWhat, Map<string, From<A.Member>>>;
  attributes: Map<string, { decl: From<A.AttributeDecl>; members: Map<string, From<A.Member>> }>;
  params: Map<string, EffectiveParam>;
  clocks: Map<string, EffectiveClock>;
  /** In escalation order: the order the root declared them, children's new levels after. */
  warnings: Map<string, EffectiveWarning>;
  /** Routes, in the order declared. */
  routes: Map<string, EffectiveRoute>;
  /** Unscoped penalty rows by level. */
  penalties: Map<string, From<A.PenaltyRow>>;
  /** Rows with `applies to`, keyed "level if <condition>", in the order written. */
  scopedPenalties: Map<string, From<A.PenaltyRow>>;
  compliance: From<A.ComplianceRow>[];
  duties: Map<string, EffectiveDuty>;
  tests: From<A.TestDecl>[];
  /** `charge each level` | `charge highest level`: the last one written down the chain. */
  charge?: From<A.ChargeItem>;
  /** Every charge choice down the chain, root first (a `final` one locks the rest). */
  chargeHistory: From<A.ChargeItem>[];
  /** `void … when …` of every module: a child adds voids, never removes one. */
  voids: From<A.VoidItem>[];
  /** `pause at most …` at the top of a file: the maximum of every clock that pauses and states none. */
  pauseLimit?: From<A.PauseLimit>;
  /** `pause reasons { … }` of every module, merged like members. */
  pauseReasons: Map<string, From<A.Member>>;
  /** `repeats { … }`: the repeat convention; a child's block replaces its parent's whole. */
  repeats?: From<A.RepeatsDecl>;
  /** Every `repeats` down the chain, root first (a `final` one locks the rest). */
  repeatsHistory: From<A.RepeatsDecl>[];
}

export function cellKey(category: string | undefined, tier: string | undefined): string {
  return `${category ?? '*'}/${tier ?? '*'}`;
}

function emptyPolicy(file: ModuleFile, chain: ModuleFile[], libraries: ModuleFile[]): EffectivePolicy {
  return {
    id: file.id,
    level: file.module.header.level,
    chain,
    libraries,
    calendars: new Map(),
    enums: { categories: new Map(), tiers: new Map(), events: new Map(), roles: new Map(), flags: new Map(), deadlines: new Map() },
    attributes: new Map(),
    params: new Map(),
    clocks: new Map(),
    warnings: new Map(),
    routes: new Map(),
    penalties: new Map(),
    scopedPenalties: new Map(),
    compliance: [],
    duties: new Map(),
    tests: [],
    chargeHistory: [],
    voids: [],
    pauseReasons: new Map(),
    repeatsHistory: [],
  };
}

export function effectivePolicy(ws: Workspace, chain: ModuleFile[]): EffectivePolicy {
  const leaf = chain[chain.length - 1] as ModuleFile;
  const libraries = librariesOf(ws, chain);
  const policy = emptyPolicy(leaf, chain, libraries);
  for (const lib of libraries) mergeModule(policy, lib);
  for (const file of chain) mergeModule(policy, file);
  return policy;
}

function mergeModule(p: EffectivePolicy, file: ModuleFile): void {
  const from = <T>(node: T): From<T> => ({ node, uri: file.uri, module: file.id });
  for (const decl of file.module.declarations) {
    switch (decl.kind) {
      case 'Zone':
        p.zone = from(decl.zone);
        break;
      case 'Calendar':
        mergeCalendar(p, decl, from);
        break;
      case 'Enum':
        for (const m of decl.members) if (m.name.text) p.enums[decl.what].set(m.name.text, from(m));
        break;
      case 'Attribute': {
        const existing = p.attributes.get(decl.name.text);
        const entry = existing ?? { decl: from(decl), members: new Map<string, From<A.Member>>() };
        for (const m of decl.members) if (m.name.text) entry.members.set(m.name.text, from(m));
        p.attributes.set(decl.name.text, entry);
        break;
      }
      case 'Param':
        mergeParam(p, decl, from);
        break;
      case 'Clock':
        mergeClock(p, decl, from);
        break;
      case 'Warning':
        mergeWarning(p, decl, from);
        break;
      case 'Route':
        mergeRoute(p, decl, from);
        break;
      case 'Penalties':
        for (const row of decl.rows) {
          if (row.scope) p.scopedPenalties.set(scopedKey(row.level.text, row.scope), from(row));
          else p.penalties.set(row.level.text, from(row));
        }
        for (const charge of decl.charges ?? []) {
          p.charge = from(charge);
          p.chargeHistory.push(from(charge));
        }
        for (const v of decl.voids ?? []) p.voids.push(from(v));
        break;
      case 'PauseLimit':
        p.pauseLimit = from(decl);
        break;
      case 'PauseReasons':
        for (const m of decl.members) if (m.name.text) p.pauseReasons.set(m.name.text, from(m));
        break;
      case 'Compliance':
        // Compliance lights are one scale: a child that gives them replaces the whole scale.
        p.compliance = decl.rows.map(from);
        break;
      case 'Duty':
        mergeDuty(p, decl, from);
        break;
      case 'Test':
        p.tests.push(from(decl));
        break;
      case 'Repeats':
        // One convention: a child that states one replaces the whole of its parent's (unless it is final, C103).
        p.repeats = from(decl);
        p.repeatsHistory.push(from(decl));
        break;
      case 'Use':
        break;
    }
  }
}

type FromFn = <T>(node: T) => From<T>;

function mergeCalendar(p: EffectivePolicy, decl: A.CalendarDecl, from: FromFn): void {
  const name = decl.name.text;
  const cal: EffectiveCalendar = p.calendars.get(name) ?? { name, decl: from(decl), always: false, includes: [], hours: [], days: [] };
  cal.decl = from(decl);
  if (decl.label) cal.label = from(decl.label);
  const hours = decl.items.filter((i): i is A.HoursItem => i.kind === 'Hours');
  // Weekly hours replace 24x7; a zone, an include or a holiday alone does not.
  cal.always = decl.always || (cal.always && hours.length === 0);
  if (hours.length > 0) cal.hours = hours.map(from);
  for (const item of decl.items) {
    if (item.kind === 'Zone') cal.zone = from(item.zone);
    else if (item.kind === 'Include') cal.includes.push(...item.names.map(from));
    else if (item.kind === 'Holiday' || item.kind === 'Workday') cal.days.push(from(item));
  }
  p.calendars.set(name, cal);
}

function mergeParam(p: EffectivePolicy, decl: A.ParamDecl, from: FromFn): void {
  const name = decl.name.text;
  const existing = p.params.get(name);
  if (existing) {
    existing.value = from(decl.value);
    existing.history.push(from(decl));
    if (decl.label) existing.label = from(decl.label);
    return;
  }
  const param: EffectiveParam = { name, decl: from(decl), value: from(decl.value), history: [from(decl)] };
  if (decl.label) param.label = from(decl.label);
  if (decl.type) param.type = from(decl.type);
  p.params.set(name, param);
}

function mergeClock(p: EffectivePolicy, decl: A.ClockDecl, from: FromFn): void {
  const name = decl.name.text;
  const clock: EffectiveClock = p.clocks.get(name) ?? { name, decl: from(decl), events: {}, cells: new Map(), scopedCells: new Map() };
  if (decl.label) clock.label = from(decl.label);
  for (const item of decl.items) {
    switch (item.kind) {
      case 'ClockEvents':
        clock.events[item.role] = from(item);
        break;
      case 'ClockCalendar':
        clock.calendar = from(item);
        break;
      case 'When':
        clock.when = from(item);
        break;
      case 'Scope':
        clock.scope = from(item);
        break;
      case 'Advisory':
        clock.advisory = from(item);
        break;
      case 'PauseLimit':
        clock.pauseLimit = from(item);
        break;
      case 'Target':
        if (item.value) clock.cells.set(cellKey(undefined, undefined), from(item));
        for (const row of item.rows) {
          const key = cellKey(row.category?.text, row.tier?.text);
          if (row.scope) clock.scopedCells.set(scopedKey(key, row.scope), from(row));
          else clock.cells.set(key, from(row));
        }
        break;
    }
  }
  p.clocks.set(name, clock);
}

function mergeDuty(p: EffectivePolicy, decl: A.DutyDecl, from: FromFn): void {
  const name = decl.name.text;
  const duty: EffectiveDuty = p.duties.get(name) ?? { name, decl: from(decl) };
  if (decl.label) duty.label = from(decl.label);
  for (const item of decl.items) {
    if (item.kind === 'DutySchedule') duty.schedule = from(item);
    else if (item.kind === 'DutyOwner') duty.owner = from(item);
    else if (item.kind === 'DutyCalendar') duty.calendar = from(item);
    else if (item.kind === 'DutyWarning') duty.warning = from(item);
    else duty.advisory = from(item);
  }
  p.duties.set(name, duty);
}

function mergeWarning(p: EffectivePolicy, decl: A.WarningDecl, from: FromFn): void {
  const name = decl.name.text;
  const w: EffectiveWarning = p.warnings.get(name) ?? { name, decl: from(decl) };
  if (decl.label) w.label = from(decl.label);
  for (const item of decl.items) {
    if (item.kind === 'When') w.when = from(item);
    else if (item.kind === 'Scope') w.scope = from(item);
    else if (item.kind === 'Notify') w.notify = from(item);
    else w.plan = from(item);
  }
  p.warnings.set(name, w);
}

function mergeRoute(p: EffectivePolicy, decl: A.RouteDecl, from: FromFn): void {
  const name = decl.name.text;
  const r: EffectiveRoute = p.routes.get(name) ?? { name, decl: from(decl) };
  if (decl.label) r.label = from(decl.label);
  for (const item of decl.items) {
    if (item.kind === 'When') r.when = from(item);
    else if (item.kind === 'Scope') r.scope = from(item);
    else r.to = from(item);
  }
  p.routes.set(name, r);
}

/** The key of a scoped row: its cell or level and its condition as the formatter prints it. */
export function scopedKey(key: string, scope: A.ScopeItem): string {
  return `${key} if ${conditionText(scope.condition)}`;
}

/**
 * The scoped rows that may give a category and tier its target, most specific key
 * first (cell, tier, category, default), rows of one key in the order written.
 * At each key they are tried before the unscoped row of that key.
 */
export function scopedTargetsFor(clock: EffectiveClock, category: string, tier: string): { key: string; row: From<A.TargetRow> }[] {
  if (clock.scopedCells.size === 0) return [];
  const keys = [cellKey(category, tier), cellKey(undefined, tier), cellKey(category, undefined), cellKey(undefined, undefined)];
  const out: { key: string; row: From<A.TargetRow> }[] = [];
  for (const key of keys) {
    for (const row of clock.scopedCells.values()) if (cellKey(row.node.category?.text, row.node.tier?.text) === key) out.push({ key, row });
  }
  return out;
}

/** The target cell that applies to a category and tier: cell, then tier, then category, then default. */
export function targetFor(clock: EffectiveClock, category: string, tier: string): From<A.TargetRow | A.TargetItem> | undefined {
  return (
    clock.cells.get(cellKey(category, tier)) ??
    clock.cells.get(cellKey(undefined, tier)) ??
    clock.cells.get(cellKey(category, undefined)) ??
    clock.cells.get(cellKey(undefined, undefined))
  );
}
