// The evaluation itself, in numbers: which clocks apply, their outcomes, which
// warning levels are reached and what they cost. No strings are built here, so
// simulation over a million tickets pays only for the decisions.
import type { CompiledClock, CompiledCondition, CompiledPolicy, CompiledTarget, CompiledVoid, CompiledWarning, ConditionEnv, Lateness, ScopedTarget, ShareFilter, TicketFacts } from '../compile/types.js';
import type { Ticket } from '../ticket.js';
import { pointsFor, totalPoints, voidingRule } from './charges.js';
import { clockOutcome, type ClockOutcome } from './clock.js';
import { noContext, type TicketContext } from './context.js';
import { readTicket, type ReadTicket } from './facts.js';
import type { ParsedTicket } from './parsed.js';
import { ScopeMemo } from './scope-memo.js';

export interface CoreResult {
  read: ReadTicket;
  /** By clock index; null where the clock's `when` does not hold for this ticket. */
  outcomes: (ClockOutcome | null)[];
  /** Every level whose condition holds, lowest first. */
  reached: CompiledWarning[];
  top: CompiledWarning | null;
  /** Each level reached is one warning issued, so its points (pointsFor) add up; see charges.ts for `charge highest level` and voids. */
  points: number;
  /** The `void` rule that holds: every level reached costs nothing. */
  voidedBy?: CompiledVoid;
  env: ConditionEnv;
}

/** The first row of a cell whose scope admits the ticket. */
export function scopedRow(rows: readonly ScopedTarget[] | undefined, env: ConditionEnv): ScopedTarget | undefined {
  if (!rows) return undefined;
  // Indexed: a cell's rows are frozen, which for-of walks several times slower (see listsOf).
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as ScopedTarget;
    if (!row.scope || row.scope.test(env)) return row;
  }
  return undefined;
}

function scopedTarget(rows: readonly ScopedTarget[] | undefined, env: ConditionEnv): CompiledTarget | undefined {
  return scopedRow(rows, env)?.target;
}

export { pointsFor };

/**
 * Reads a ticket for evaluation; pass the result to evaluateCore to evaluate one ticket
 * under several policies. `parsed`: its instants, already read and checked (vocabularyOk).
 * The repeat count is not read here: it follows each policy's `repeats` rule (ConditionEnv.repeats).
 */
export function prepare(ticket: Ticket, atMs: number, parsed?: ParsedTicket): ReadTicket {
  return readTicket(ticket, atMs, parsed);
}

/** Outcomes another policy already computed for this ticket, and which of its clocks match ours (-1: none). */
export interface Reuse {
  from: CoreResult;
  map: readonly number[];
}

/**
 * A policy's clocks and warnings as plain arrays. The compiled policy's are frozen, and
 * V8 (Node 20) walks a frozen array several times slower than a plain one: the walk over
 * the clocks was a quarter of evaluateCore's own time in a simulation (issue 13).
 */
interface PlainLists {
  clocks: CompiledClock[];
  warnings: CompiledWarning[];
  /** By clock index: nothing late, nothing elapsed; an evaluation reads these until a clock writes, then a copy (evaluateCore). */
  noLateness: (Lateness | undefined)[];
  noElapsed: number[];
  /** By clock index: no outcome yet (each evaluation fills a copy in place, not a list grown by push). */
  noOutcomes: (ClockOutcome | null)[];
  /** The clocks' scopes, then the warnings', kept by the fields they read; null when none can be. */
  scopes: ScopeMemo | null;
}

const plainLists = new WeakMap<CompiledPolicy, PlainLists>();

/**
 * n zeros in a list that holds doubles from the start: elapsed minutes are fractions, and the
 * first one stored in a list of small integers made V8 copy the whole list to a wider one.
 */
function doubles(n: number): number[] {
  const list: number[] = [];
  for (let i = 0; i < n; i++) list.push(0.5);
  return list.fill(0);
}

/** Scope memos by their scopes' keys, the latest last: a draft shares its policy's, so a ticket's row is looked up once. */
const memosByKey = new Map<string, ScopeMemo>();
const MAX_SHARED_MEMOS = 16;

/** The memo of these scopes, shared by every policy whose scopes have the same keys (a memo of its own when one has no key). */
function sharedScopeMemo(scopes: (CompiledCondition | undefined)[]): ScopeMemo {
  const keys: string[] = [];
  for (const s of scopes) {
    if (s && s.key === undefined) return new ScopeMemo(scopes);
    keys.push(s ? (s.key as string) : '');
  }
  const key = JSON.stringify(keys);
  let memo = memosByKey.get(key);
  if (!memo) {
    memo = new ScopeMemo(scopes);
    if (memosByKey.size >= MAX_SHARED_MEMOS) memosByKey.delete(memosByKey.keys().next().value as string);
  } else memosByKey.delete(key);
  memosByKey.set(key, memo);
  return memo;
}

function listsOf(policy: CompiledPolicy): PlainLists {
  let lists = plainLists.get(policy);
  if (!lists) {
    const n = policy.clocks.length;
    const scopes = sharedScopeMemo([...policy.clocks.map((c) => c.scope), ...policy.warnings.map((w) => w.scope)]);
    lists = {
      clocks: [...policy.clocks],
      warnings: [...policy.warnings],
      noLateness: new Array(n).fill(undefined),
      noElapsed: doubles(n),
      noOutcomes: new Array(n).fill(null),
      scopes: scopes.useful ? scopes : null,
    };
    plainLists.set(policy, lists);
  }
  return lists;
}

/**
 * What a policy's conditions read of one ticket. A class, not an object literal of
 * closures: its methods are shared, so an evaluation makes one object where the
 * literal made five (issue 13's simulation evaluates every ticket twice).
 */
class CoreEnv implements ConditionEnv {
  readonly facts: TicketFacts;

  constructor(
    private readonly read: ReadTicket,
    /** evaluateCore's lists: the policy's blank ones until a clock writes to them (it swaps in a copy). */
    public lateness: (Lateness | undefined)[],
    public elapsed: number[],
    private readonly policy: CompiledPolicy,
    private readonly ticket: Ticket,
    private readonly atMs: number,
    private readonly context: TicketContext,
  ) {
    this.facts = read.facts;
  }

  households(field: string, windowMinutes: number, filter?: ShareFilter): number {
    return this.countOnce(field, windowMinutes, false, filter);
  }

  householdsBefore(field: string, windowMinutes: number, filter?: ShareFilter): number {
    return this.countOnce(field, windowMinutes, true, filter);
  }

  /**
   * The same ticket asked twice (two policies in a simulation, or two levels) counts once.
   * Filters are told apart by key ('' for none): two policies' equal filters are two objects.
   */
  private countOnce(field: string, windowMinutes: number, before: boolean, filter: ShareFilter | undefined): number {
    const read = this.read;
    const memo = (read.households ??= []);
    const filterKey = filter === undefined ? '' : filter.key;
    for (let i = 0; i < memo.length; i += 5) {
      if (memo[i] === field && memo[i + 1] === windowMinutes && memo[i + 2] === before && memo[i + 3] === filterKey) return memo[i + 4] as number;
    }
    const createdMs = read.facts.createdMs;
    const n = before
      ? this.context.householdsBefore(this.ticket, createdMs, field, windowMinutes, this.atMs, filter)
      : this.context.households(this.ticket, createdMs, field, windowMinutes, this.atMs, filter);
    memo.push(field, windowMinutes, before, filterKey, n);
    return n;
  }

  repeats(): number {
    // The ticket's own field when higher (the external system may know of reports we do not).
    const own = this.ticket.repeatCount ?? 0;
    const rule = this.policy.repeats;
    if (!rule) return own;
    const read = this.read;
    // One answer kept: policies of one simulation share their group's rule, and an answer asked
    // again under another rule is counted again, not wrong.
    if (read.repeatRule === rule.key) return read.repeatCount as number;
    const n = Math.max(own, this.context.repeats(this.ticket, read.facts.createdMs, rule));
    read.repeatRule = rule.key;
    read.repeatCount = n;
    return n;
  }

  propertyHouseholds(): number | null {
    const n = this.context.propertyHouseholds?.(this.ticket.property);
    return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : null;
  }
}

/**
 * An advisory copy of an outcome: every field written out, where a spread went through V8's
 * slow object-cloning path (half of the shipped policy's tickets reach an advisory clock).
 */
function advisoryOf(o: ClockOutcome): ClockOutcome {
  return {
    clock: o.clock,
    state: o.state === 'breached' ? 'late' : o.state,
    target: o.target,
    startMs: o.startMs,
    dueMs: o.dueMs,
    stopMs: o.stopMs,
    pausedSinceMs: o.pausedSinceMs,
    elapsed: o.elapsed,
    remaining: o.remaining,
    overdueMinutes: o.overdueMinutes,
    overdueWorkdays: o.overdueWorkdays,
    lateDueMs: o.lateDueMs,
    cycles: o.cycles,
    missedUpdates: o.missedUpdates,
    advisory: true,
    cappedPauses: o.cappedPauses,
  };
}

export function evaluateCore(policy: CompiledPolicy, ticket: Ticket, atMs: number, context: TicketContext = noContext, prepared?: ReadTicket, reuse?: Reuse): CoreResult {
  const read = prepared ?? prepare(ticket, atMs);
  const lists = listsOf(policy);
  const { clocks, warnings } = lists;
  // The blank lists, shared, until a clock has something to write: most evaluations write no
  // lateness, and a list copied for nothing was a tenth of what an evaluation allocated. The
  // copy (slice(): a packed list in one go) then replaces the blank one in `env` as well.
  let lateness = lists.noLateness;
  let elapsed = lists.noElapsed;
  const env = new CoreEnv(read, lateness, elapsed, policy, ticket, atMs, context);
  const outcomes = lists.noOutcomes.slice();
  const cell = policy.cellOf(ticket.category, ticket.priority);
  const memo = lists.scopes;
  let row: Int8Array | undefined;
  if (memo) {
    // Policies sharing a memo (a draft and its policy) look the ticket's row up once.
    if (read.scopeMemo === memo) row = read.scopeRow;
    else {
      row = memo.rowFor(read.facts);
      read.scopeMemo = memo;
      read.scopeRow = row;
    }
  }
  for (let c = 0; c < clocks.length; c++) {
    const clock = clocks[c] as CompiledClock;
    const same = reuse ? (reuse.map[clock.index] as number) : -1;
    let outcome: ClockOutcome;
    if (same >= 0) {
      const prev = reuse!.from.outcomes[same] as ClockOutcome | null;
      if (prev === null) continue;
      // The twin clock's outcome as it is: same name, same signature, same answer. (Its
      // `clock` is the twin, so readers go by position, not by outcome.clock.index.)
      outcome = prev;
    } else {
      if (clock.scope && !(memo ? memo.admits(row, c, clock.scope, env) : clock.scope.test(env))) continue;
      if (clock.when && !clock.when.test(env)) continue;
      const target = clock.scopedTargets ? scopedTarget(clock.scopedTargets[cell], env) : clock.targetAt(cell);
      outcome = clockOutcome(clock, target, read.events, read.facts, atMs, policy.workingCalendar);
      // An advisory rule ("为宜", "力争") is reported as late, never breached: no
      // warning reads its lateness, no score counts it, no ledger charges it.
      // (A copy: some outcomes, such as not started, are shared and frozen.)
      if (clock.advisory || target?.advisory) outcome = advisoryOf(outcome);
    }
    outcomes[c] = outcome;
    if (outcome.elapsed !== 0) {
      if (elapsed === lists.noElapsed) env.elapsed = elapsed = elapsed.slice();
      elapsed[clock.index] = outcome.elapsed;
    }
    if (!outcome.advisory && outcome.overdueMinutes !== null && outcome.overdueMinutes > 0 && outcome.lateDueMs !== null) {
      if (lateness === lists.noLateness) env.lateness = lateness = lateness.slice();
      lateness[clock.index] = {
        minutes: outcome.overdueMinutes,
        workdays: outcome.overdueWorkdays ?? 0,
        dueMs: outcome.lateDueMs,
        calendar: clock.calendar.always && policy.workingCalendar ? policy.workingCalendar : clock.calendar,
      };
    }
  }
  const reached: CompiledWarning[] = [];
  let points = 0;
  for (let k = 0; k < warnings.length; k++) {
    const w = warnings[k] as CompiledWarning;
    if ((!w.scope || (memo ? memo.admits(row, clocks.length + k, w.scope, env) : w.scope.test(env))) && w.when.test(env)) {
      reached.push(w);
      points += pointsFor(w, env);
    }
  }
  const top = reached[reached.length - 1] ?? null;
  if (!policy.voids && !policy.chargeHighest) return { read, outcomes, reached, top, points: Math.round(points * 1000) / 1000, env };
  const voidedBy = reached.length > 0 ? voidingRule(policy, env) : undefined;
  const result: CoreResult = { read, outcomes, reached, top, points: totalPoints(policy, reached, env, voidedBy), env };
  if (voidedBy) result.voidedBy = voidedBy;
  return result;
}
