// compile(effective policy) -> a frozen CompiledPolicy, or errors. Only checked
// policies come here; what remains to refuse is an unfilled [X] (a template can
// be compiled `partial` for its own tests, where [X] stays unknown).
import type * as A from '../../grammar/index.js';
import { TICKET_FIELDS } from '../builtins.js';
import { businessCalendar, calendarSpec, type CalendarSpec, type SpecialDate } from '../calendar/index.js';
import { resolveValue } from '../checks/value-types.js';
import { cellKey, scopedTargetsFor, targetFor, type EffectiveClock, type EffectivePolicy, type From } from '../effective.js';
import { engineError, type EngineError } from '../errors.js';
import { conditionKey } from './condition-key.js';
import { compileCondition, readsHouseholds, shareFilterOf, type ConditionScope } from './conditions.js';
import { chargesHighestOnly, compileVoids, maxPauseMinutes } from './pauses-and-voids.js';
import { eventId, ROLE_PAUSE, ROLE_RESTART, ROLE_RESUME, ROLE_START, ROLE_STOP, ROLE_UPDATE } from './event-ids.js';
import { compileDuties } from './duties.js';
import { compileRepeats } from './repeats.js';
import type { CompiledClock, CompiledCondition, CompiledPolicy, CompiledRoute, CompiledTarget, CompiledWarning, ScopedPoints, ScopedTarget, ServiceCalendar, ShareSpec, SourceRef } from './types.js';

export interface CompileOptions {
  /** Compile a template with unfilled [X] for its own tests: those values stay unknown. */
  partial?: boolean;
}

export interface CompileResult {
  value?: CompiledPolicy;
  errors: EngineError[];
}

function ref<T extends { range: A.Range }>(from: From<T>): SourceRef {
  return { uri: from.uri, range: from.node.range };
}

function compileTarget(policy: EffectivePolicy, cell: From<A.TargetRow | A.TargetItem>): CompiledTarget | undefined {
  const target = cell.node.value;
  if (!target) return undefined;
  const compiled = compileTargetValue(policy, target, { uri: cell.uri, range: target.range });
  // `advisory` on a row: this row's deadline is reported, never breached.
  return compiled && compiled.kind !== 'unfilled' && cell.node.kind === 'TargetRow' && cell.node.advisory ? { ...compiled, advisory: true } : compiled;
}

function compileTargetValue(policy: EffectivePolicy, target: A.TargetValue, source: SourceRef): CompiledTarget | undefined {
  const minutesOf = (v: A.Value): number | undefined => {
    const r = resolveValue(policy, v);
    return r.kind === 'Duration' ? (r.negative ? -r.minutes : r.minutes) : undefined;
  };
  switch (target.kind) {
    case 'Fixed': {
      const v = resolveValue(policy, target.value);
      if (v.kind === 'Placeholder') return { kind: 'unfilled', text: '[X]', source };
      if (v.kind === 'Workdays') return { kind: 'workdays', days: v.days, text: `${v.days} workday${v.days === 1 ? '' : 's'}`, source };
      if (v.kind === 'Duration') return { kind: 'duration', minutes: v.minutes, text: v.text, source };
      return undefined;
    }
    case 'Relative': {
      const minutes = minutesOf(target.offset);
      if (minutes === undefined) return { kind: 'unfilled', text: '[X]', source };
      const text = `${resolveValueText(policy, target.offset)} ${target.direction} ${target.anchor.text}`;
      return { kind: 'relative', minutes, sign: target.direction === 'before' ? -1 : 1, anchor: target.anchor.text, text, source };
    }
    case 'Every': {
      const minutes = minutesOf(target.interval);
      if (minutes === undefined) return { kind: 'unfilled', text: '[X]', source };
      return { kind: 'every', minutes, text: `every ${resolveValueText(policy, target.interval)}`, source };
    }
    case 'Daily':
      return { kind: 'daily', minuteOfDay: target.time.hour * 60 + target.time.minute, text: `daily by ${target.time.text}`, source };
    case 'Deadline': {
      const fallback = target.fallback ? compileTargetValue(policy, target.fallback, { uri: source.uri, range: target.fallback.range }) : undefined;
      const text = `deadline ${target.deadline.text}${fallback ? ` else ${fallback.text}` : ''}`;
      return fallback ? { kind: 'deadline', name: target.deadline.text, fallback, text, source } : { kind: 'deadline', name: target.deadline.text, text, source };
    }
    case 'DayCutoff': {
      const minuteOfDay = target.time ? target.time.hour * 60 + target.time.minute : 24 * 60;
      return { kind: 'cutoff', days: target.day === 'same' ? 0 : 1, minuteOfDay, text: `${target.day} day${target.time ? ` ${target.time.text}` : ''}`, source };
    }
  }
}

function resolveValueText(policy: EffectivePolicy, v: A.Value): string {
  const r = resolveValue(policy, v);
  return r.kind === 'Duration' ? r.text : r.kind === 'Placeholder' ? '[X]' : v.kind === 'NameRef' ? v.name.text : '';
}

function events(clock: EffectiveClock, role: A.ClockEventRole): ReadonlySet<string> {
  return new Set(clock.events[role]?.node.events.map((e) => e.text) ?? []);
}

export function compile(policy: EffectivePolicy, options: CompileOptions = {}): CompileResult {
  const errors: EngineError[] = [];
  const partial = options.partial ?? false;
  const zone = policy.zone?.node.value ?? 'Asia/Shanghai';
  const categories = [...policy.enums.categories.keys()];
  const tiers = [...policy.enums.tiers.keys()];
  const clockIndex = new Map([...policy.clocks.keys()].map((name, i) => [name, i]));
  const categoryIndex = new Map(categories.map((c, i) => [c, i]));
  const tierIndex = new Map(tiers.map((t, i) => [t, i]));
  const cellOf = (category: string, tier: string): number => {
    const c = categoryIndex.get(category);
    const t = tierIndex.get(tier);
    return c === undefined || t === undefined ? -1 : c * tiers.length + t;
  };
  const scope: ConditionScope = {
    policy,
    clockIndex,
    fields: new Set([...Object.keys(TICKET_FIELDS), ...policy.attributes.keys()]),
    calendar: (name) => calendarFor(name),
    shareFilters: new Map(),
  };
  const unfilled = (what: string, at: SourceRef) => {
    if (!partial) {
      errors.push(
        engineError('E102', `Policy '${policy.id}' leaves ${what} as [X]; fill it before tickets can be evaluated.`, {
          uri: at.uri,
          range: at.range,
          help: 'A property fills the placeholders of its group (`param x = 30m`).',
        }),
      );
    }
  };

  for (const param of policy.params.values()) {
    if (param.value.node.kind === 'Placeholder') unfilled(`parameter '${param.name}'`, ref(param.value));
  }

  const calendars = new Map<string | undefined, ServiceCalendar>();
  const calendarFor = (name: string | undefined): ServiceCalendar => {
    let cal = calendars.get(name);
    if (!cal) {
      cal = businessCalendar(calendarSpec(policy, name));
      calendars.set(name, cal);
    }
    return cal;
  };

  const clocks: CompiledClock[] = [...policy.clocks.values()].map((clock, index) => {
    const table: (CompiledTarget | undefined)[] = [];
    for (const c of categories) {
      for (const t of tiers) {
        const cell = targetFor(clock, c, t);
        table.push(cell ? compileTarget(policy, cell) : undefined);
      }
    }
    // Cells given as [X] directly (not through a parameter) are reported once each.
    for (const cell of clock.cells.values()) {
      const target = compileTarget(policy, cell);
      if (target?.kind === 'unfilled' && cell.node.value && !isParamRef(cell.node.value)) unfilled(`a target of clock '${clock.name}'`, target.source);
    }
    const scoped = clock.scopedCells.size > 0 ? scopedTable(policy, clock, categories, tiers, scope) : undefined;
    const calendarName = clock.calendar?.node.calendar?.text;
    const roles: number[] = [];
    const bits: [A.ClockEventRole, number][] = [['start', ROLE_START], ['stop', ROLE_STOP], ['pause', ROLE_PAUSE], ['resume', ROLE_RESUME], ['restart', ROLE_RESTART], ['update', ROLE_UPDATE]];
    for (const [role, bit] of bits) for (const e of events(clock, role)) roles[eventId(e)] = (roles[eventId(e)] ?? 0) | bit;
    const maxPause = maxPauseMinutes(policy, clock, unfilled);
    const signature = clock.when && readsClocks(clock.when.node.condition)
      ? null
      : JSON.stringify([
          roles,
          calendarKey(policy, calendarName),
          clock.when ? conditionKey(policy, clock.when.node.condition) : null,
          clock.scope ? conditionKey(policy, clock.scope.node.condition) : null,
          table.map((t) => (t ? targetKey(t) : null)),
          [...clock.scopedCells.entries()].map(([key, row]) => [key, row.node.scope ? conditionKey(policy, row.node.scope.condition) : null, compileTargetKey(policy, row)]),
          calendarKey(policy, '\u0000working'),
          clock.advisory !== undefined,
          maxPause ?? null,
        ]);
    const compiled: CompiledClock = {
      index,
      name: clock.name,
      signature,
      start: events(clock, 'start'),
      stop: events(clock, 'stop'),
      pause: events(clock, 'pause'),
      resume: events(clock, 'resume'),
      restart: events(clock, 'restart'),
      update: events(clock, 'update'),
      roles,
      calendarName: calendarName ?? null,
      calendar: calendarFor(calendarName),
      targetFor: (category, tier) => table[cellOf(category, tier)],
      targetAt: (cell) => table[cell],
      source: ref(clock.decl),
    };
    if (clock.label) compiled.label = clock.label.node.value;
    if (clock.advisory) compiled.advisory = true;
    if (clock.when) compiled.when = compileCondition(clock.when.node.condition, scope, ref(clock.when));
    if (clock.scope) compiled.scope = keyed(compileCondition(clock.scope.node.condition, scope, ref(clock.scope)), policy, clock.scope.node.condition);
    if (scoped) compiled.scopedTargets = scoped;
    if (maxPause !== undefined) compiled.maxPauseMinutes = maxPause;
    return Object.freeze(compiled);
  });

  const warnings: CompiledWarning[] = [...policy.warnings.values()].flatMap((w, index) => {
    if (!w.when) return [];
    const plan = w.plan ? resolveValue(policy, w.plan.node.within) : undefined;
    const penalty = policy.penalties.get(w.name);
    const points = penalty ? resolveValue(policy, penalty.node.value) : undefined;
    if (plan?.kind === 'Placeholder' && w.plan) unfilled(`the plan deadline of warning '${w.name}'`, ref(w.plan));
    if (points?.kind === 'Placeholder' && penalty) unfilled(`the penalty for '${w.name}'`, ref(penalty));
    const scopedPoints: ScopedPoints[] = [];
    for (const row of policy.scopedPenalties.values()) {
      if (row.node.level.text !== w.name || !row.node.scope) continue;
      const v = resolveValue(policy, row.node.value);
      if (v.kind === 'Placeholder') unfilled(`a scoped penalty for '${w.name}'`, ref(row));
      scopedPoints.push({ scope: compileCondition(row.node.scope.condition, scope, ref(row)), points: pointsOf(v) });
    }
    const compiled: CompiledWarning = {
      index,
      name: w.name,
      when: compileCondition(w.when.node.condition, scope, ref(w.when)),
      notify: w.notify?.node.roles.map((r) => r.text) ?? [],
      planWithin: plan?.kind === 'Duration' ? { minutes: plan.minutes } : plan?.kind === 'Workdays' ? { workdays: plan.days } : null,
      points: points ? pointsOf(points) : 0,
      source: ref(w.decl),
    };
    if (w.plan?.node.stop) compiled.planStop = new Set(w.plan.node.stop.map((e) => e.text));
    if (w.label) compiled.label = w.label.node.value;
    if (w.scope) compiled.scope = keyed(compileCondition(w.scope.node.condition, scope, ref(w.scope)), policy, w.scope.node.condition);
    if (scopedPoints.length > 0) compiled.scopedPoints = Object.freeze(scopedPoints);
    return [Object.freeze(compiled)];
  });

  const routes: CompiledRoute[] = [...policy.routes.values()].map((r, index) => {
    const compiled: CompiledRoute = { index, name: r.name, to: Object.freeze(r.to?.node.roles.map((role) => role.text) ?? []), source: ref(r.decl) };
    if (r.label) compiled.label = r.label.node.value;
    if (r.scope) compiled.scope = compileCondition(r.scope.node.condition, scope, ref(r.scope));
    if (r.when) compiled.when = compileCondition(r.when.node.condition, scope, ref(r.when));
    return Object.freeze(compiled);
  });

  const compliance = policy.compliance.map((row) => {
    const min = row.node.min ? resolveValue(policy, row.node.min) : undefined;
    return { light: row.node.light.text, minPercent: min?.kind === 'Percent' ? min.value : null };
  });
  if (errors.length > 0) return { errors };

  const shares = Object.freeze(sharesOf(policy, scope));
  const value: CompiledPolicy = {
    id: policy.id,
    level: policy.level,
    zone,
    categories,
    tiers,
    events: new Set(policy.enums.events.keys()),
    deadlines: new Set(policy.enums.deadlines.keys()),
    flags: new Set(policy.enums.flags.keys()),
    attributes: new Map([...policy.attributes].map(([name, a]) => [name, new Set(a.members.keys())])),
    clocks: Object.freeze(clocks),
    warnings: Object.freeze(warnings),
    routes: Object.freeze(routes),
    duties: compileDuties(policy),
    workingCalendar: workingDayCalendar(policy, zone),
    compliance: Object.freeze(compliance),
    shareFields: Object.freeze([...new Set(shares.map((spec) => spec.field))]),
    shares,
    householdRules: Object.freeze(householdRulesOf(policy)),
    localDay: (ms: number) => calendarFor(undefined).localDay(ms),
    shareWindowMinutes: longestShareWindow(policy),
    cellOf,
    partial,
    effective: policy,
  };
  const label = policy.chain[policy.chain.length - 1]?.module.header.label?.value;
  if (label) value.label = label;
  if (chargesHighestOnly(policy)) value.chargeHighest = true;
  const repeats = compileRepeats(policy);
  if (repeats) value.repeats = repeats;
  if (policy.voids.length > 0) value.voids = Object.freeze(compileVoids(policy, scope));
  if (policy.pauseReasons.size > 0) value.pauseReasons = new Set(policy.pauseReasons.keys());
  const pauseEvents = new Set(clocks.flatMap((c) => [...c.pause]));
  if (pauseEvents.size > 0) value.pauseEvents = pauseEvents;
  return { value: Object.freeze(value), errors };
}

function pointsOf(v: A.Value): number {
  return 'value' in v && typeof v.value === 'number' ? v.value : 0;
}

function compileTargetKey(policy: EffectivePolicy, row: From<A.TargetRow>): unknown {
  const t = compileTarget(policy, row);
  return t ? targetKey(t) : null;
}

/**
 * For a table with `applies to` rows: by cell, the rows to try. At each key (cell,
 * tier, category, default) the scoped rows come first, then the unscoped row, which
 * every ticket that gets that far takes, so the list ends there.
 */
function scopedTable(policy: EffectivePolicy, clock: EffectiveClock, categories: string[], tiers: string[], scope: ConditionScope): ScopedTarget[][] {
  const compiledRows = new Map<From<A.TargetRow>, ScopedTarget>();
  const rowFor = (key: string, row: From<A.TargetRow>): ScopedTarget => {
    let compiled = compiledRows.get(row);
    if (!compiled) {
      compiled = { key, target: compileTarget(policy, row) };
      if (row.node.scope) compiled.scope = compileCondition(row.node.scope.condition, scope, ref(row));
      compiledRows.set(row, Object.freeze(compiled));
    }
    return compiled;
  };
  const cells: ScopedTarget[][] = [];
  for (const c of categories) {
    for (const t of tiers) {
      const rows: ScopedTarget[] = [];
      const scopedRows = scopedTargetsFor(clock, c, t);
      for (const key of [cellKey(c, t), cellKey(undefined, t), cellKey(c, undefined), cellKey(undefined, undefined)]) {
        for (const s of scopedRows) if (s.key === key) rows.push(rowFor(key, s.row));
        const plain = clock.cells.get(key);
        if (plain) {
          rows.push(Object.freeze({ key, target: compileTarget(policy, plain) }));
          break;
        }
      }
      cells.push(Object.freeze(rows) as ScopedTarget[]);
    }
  }
  return cells;
}

function isParamRef(target: A.TargetValue): boolean {
  const v = target.kind === 'Fixed' ? target.value : target.kind === 'Relative' ? target.offset : target.kind === 'Every' ? target.interval : undefined;
  return v?.kind === 'NameRef';
}

/**
 * Working days for 24x7 clocks ("3 workdays late") and plan deadlines: Monday
 * to Friday in the policy's zone, with the holidays and make-up days of the
 * holiday tables the policy uses (its libraries), or of all its calendars if
 * it uses none; plain Monday to Friday when it knows no holidays at all (a
 * weekend is never a working day, whatever the policy forgot to say).
 */
function workingDayCalendar(policy: EffectivePolicy, zone: string): ServiceCalendar {
  const libraries = new Set(policy.libraries.map((l) => l.id));
  const all = [...policy.calendars.values()].filter((c) => !c.always);
  const tables = all.filter((c) => libraries.has(c.decl.module));
  const sources = tables.length > 0 ? tables : all;
  const holidays: SpecialDate[] = [];
  const workdays: SpecialDate[] = [];
  for (const c of sources) {
    const spec = calendarSpec(policy, c.name);
    holidays.push(...spec.holidays);
    workdays.push(...spec.workdays);
  }
  const spec: CalendarSpec = { name: 'working days', zone, always: false, weekly: [[], [], [], [], [], [], []], holidays, workdays };
  return businessCalendar(spec);
}

/** Every share(...) call in the policy's conditions. */
function shareCallsOf(policy: EffectivePolicy): A.Call[] {
  const calls: A.Call[] = [];
  const walk = (c: A.Condition): void => {
    if (c.kind === 'Or' || c.kind === 'And') c.operands.forEach(walk);
    else if (c.kind === 'Not') walk(c.operand);
    else
      for (const o of [c.left, c.right]) {
        if (o?.kind === 'Call' && (o.callee.text === 'share' || o.callee.text === 'shareBefore')) calls.push(o);
      }
  };
  for (const w of policy.warnings.values()) if (w.when) walk(w.when.node.condition);
  for (const c of policy.clocks.values()) if (c.when) walk(c.when.node.condition);
  for (const r of policy.routes.values()) if (r.when) walk(r.when.node.condition);
  return calls;
}

/** The rules whose conditions read households(): they cannot fire without the property's count (E340). */
function householdRulesOf(policy: EffectivePolicy): string[] {
  const rules: string[] = [];
  for (const w of policy.warnings.values()) {
    const conditions = [w.when?.node.condition, w.scope?.node.condition];
    if (conditions.some((c) => c && readsHouseholds(c))) rules.push(`warning ${w.name}`);
  }
  for (const c of policy.clocks.values()) if (c.when && readsHouseholds(c.when.node.condition)) rules.push(`clock ${c.name}`);
  for (const r of policy.routes.values()) if (r.when && readsHouseholds(r.when.node.condition)) rules.push(`route ${r.name}`);
  return rules;
}

/**
 * Each field share() counts by with each filter it is given (share(issueKey, 30d, households(),
 * kind = complaint)), once per field and filter key: the report lists a streaming context keeps.
 * The filters are the ones the conditions were compiled with (the scope keeps them by key).
 */
function sharesOf(policy: EffectivePolicy, scope: ConditionScope): ShareSpec[] {
  const specs = new Map<string, ShareSpec>();
  for (const call of shareCallsOf(policy)) {
    const [field, , , which] = call.args;
    if (field?.kind !== 'NameRef') continue;
    if (which && which.kind !== 'ConditionArg') continue;
    const filter = which ? shareFilterOf(which.condition, scope) : undefined;
    const key = JSON.stringify([field.name.text, filter?.key ?? null]);
    if (!specs.has(key)) specs.set(key, filter ? { field: field.name.text, filter } : { field: field.name.text });
  }
  return [...specs.values()];
}

function longestShareWindow(policy: EffectivePolicy): number {
  let longest = 0;
  for (const call of shareCallsOf(policy)) {
    const window = call.args[1];
    const v = window && window.kind !== 'Call' && window.kind !== 'List' && window.kind !== 'ConditionArg' ? resolveValue(policy, window) : undefined;
    if (v?.kind === 'Duration') longest = Math.max(longest, v.minutes);
  }
  return longest;
}

function readsClocks(c: A.Condition): boolean {
  if (c.kind === 'Or' || c.kind === 'And') return c.operands.some(readsClocks);
  if (c.kind === 'Not') return readsClocks(c.operand);
  return [c.left, c.right].some((o) => o?.kind === 'Call' && (o.callee.text === 'overdue' || o.callee.text === 'elapsed'));
}

/** A scope with its key (CompiledCondition.key). */
function keyed(c: CompiledCondition, policy: EffectivePolicy, node: A.Condition): CompiledCondition {
  c.key = JSON.stringify(conditionKey(policy, node));
  return c;
}

function targetKey(t: CompiledTarget): unknown {
  const { source: _source, text: _text, ...rest } = t;
  return rest;
}

function calendarKey(policy: EffectivePolicy, name: string | undefined): string {
  if (name === '\u0000working') {
    const libraries = new Set(policy.libraries.map((l) => l.id));
    return JSON.stringify([...policy.calendars.values()].filter((c) => !c.always && (libraries.size === 0 || libraries.has(c.decl.module))).map((c) => calendarSpec(policy, c.name)));
  }
  return JSON.stringify(calendarSpec(policy, name));
}
