// evaluate(compiled, ticket, at): each clock's due time and state, the warning
// level and why, the actions and the penalty. Pure: `at` is an argument and
// nothing here reads the system clock.
import { DateTime } from 'luxon';
import type { CompiledPolicy } from '../compile/types.js';
import { engineError, type EngineError } from '../errors.js';
import type { ClockResult, EvaluationResult, Ticket } from '../ticket.js';
import { noContext, withProperties, type PropertyInput, type TicketContext } from './context.js';
import { addPauseNotes, addVoided } from './bounded.js';
import { chargedPoints } from './charges.js';
import { evaluateCore, prepare, type CoreResult } from './core.js';
import { clockReason, trace, warningReasons } from './explain.js';
import { isoInZone } from './format.js';
import { addHolidayTableNotes } from './holiday-tables.js';
import { addHouseholdNote } from './household-notes.js';
import { addRoutes } from './routes.js';
import { inSupportedRange, INSTANT_RANGE_TEXT, parseInstant } from './instant.js';
import { planClocks } from './plan-clocks.js';
import { soundTicket } from './shape-ok.js';
import { ticketErrors, vocabularyOk } from './validate.js';

export interface EvaluateOptions {
  /** Add the trace: every decision with its rule's source and inputs. */
  explain?: boolean;
  /** Other tickets, for household-share and repeat conditions (indexTickets). */
  context?: TicketContext;
  /**
   * The ticket's property as its record says (the store's organisations): its households
   * are what `households()` reads, never a value the property's own policy sets.
   */
  property?: PropertyInput;
}

export type EvaluateOutcome = { value: EvaluationResult; errors: [] } | { value?: undefined; errors: EngineError[] };

const WALL_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?))?$/;
const WITH_OFFSET = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))$/;

/**
 * An instant as people type it, one rule for every form: with a UTC offset (or Z) as
 * given; a wall time without one (`2026-10-08T12:00`, `2026-10-08 12:00`) in `zone`,
 * the policy's, never the machine's; a date alone (`2026-10-08`) as midnight starting
 * that date in `zone`. `T` or a space between date and time. Anything else is NaN.
 */
export function instantMs(at: string | number | Date, zone = 'UTC'): number {
  if (typeof at === 'number') return at;
  if (at instanceof Date) return at.getTime();
  const text = at.trim();
  const wall = WALL_TIME.exec(text);
  if (wall) {
    const local = DateTime.fromISO(`${wall[1]}T${wall[2] ?? '00:00'}`, { zone });
    return local.isValid ? local.toMillis() : Number.NaN;
  }
  const offset = WITH_OFFSET.exec(text);
  return offset ? parseInstant(`${offset[1]}T${offset[2]}`) : Number.NaN;
}

/** Validates the ticket, then evaluates it. Input mistakes come back as errors with JSON pointers. */
export function evaluate(policy: CompiledPolicy, ticket: unknown, at: string | number | Date, options: EvaluateOptions = {}): EvaluateOutcome {
  const checked = checkedCore(policy, ticket, at, options);
  if (!checked.core) return { errors: checked.errors };
  return { value: present(policy, checked.core, options.explain ?? false), errors: [] };
}

/** evaluate()'s checks of `at` and the ticket, then the core evaluation: shared by evaluate() and evaluateLean(). */
export function checkedCore(policy: CompiledPolicy, ticket: unknown, at: string | number | Date, options: Pick<EvaluateOptions, 'context' | 'property'> = {}): { core: CoreResult; errors: [] } | { core?: undefined; errors: EngineError[] } {
  const atMs = instantMs(at, policy.zone);
  if (!Number.isFinite(atMs)) return { errors: [engineError('E207', `'${String(at)}' is not an instant.`, { pointer: '/at' })] };
  if (!inSupportedRange(atMs)) {
    return { errors: [engineError('E208', `'${String(at)}' is outside the instants Beacon supports.`, { pointer: '/at', help: `Use an instant from ${INSTANT_RANGE_TEXT}.` })] };
  }
  // A sound ticket passes the quick checks and has its instants parsed once; any other is
  // judged (and explained) by the full checks, which alone decide.
  const parsed = soundTicket(ticket);
  if (!parsed || !vocabularyOk(policy, ticket as Ticket, parsed)) {
    const errors = ticketErrors(policy, ticket, '/ticket');
    if (errors.length > 0) return { errors };
  }
  const base = options.context ?? noContext;
  const context = options.property ? withProperties(base, options.property) : base;
  return { core: evaluateCore(policy, ticket as Ticket, atMs, context, prepare(ticket as Ticket, atMs, parsed)), errors: [] };
}

function round(n: number | null): number | null {
  return n === null ? null : Math.round(n * 10) / 10;
}

/** The numeric result turned into the contract: ISO instants in the policy's zone, reasons in both languages. */
export function present(policy: CompiledPolicy, core: CoreResult, explain: boolean): EvaluationResult {
  const zone = policy.zone;
  const atMs = core.read.atMs;
  const clocks: ClockResult[] = [];
  for (const o of core.outcomes) {
    if (!o) continue;
    const r: ClockResult = {
      name: o.clock.name,
      state: o.state,
      startedAt: isoInZone(o.startMs, zone),
      dueAt: isoInZone(o.dueMs, zone),
      stoppedAt: isoInZone(o.stopMs, zone),
      elapsedMinutes: round(o.elapsed) ?? 0,
      remainingMinutes: round(o.remaining),
      overdueMinutes: round(o.overdueMinutes),
      overdueWorkdays: o.overdueWorkdays,
      target: o.target?.text ?? null,
      reason: clockReason(o, zone, atMs),
    };
    if (o.clock.label !== undefined) r.label = o.clock.label;
    if (o.advisory) r.advisory = true;
    clocks.push(r);
  }
  const top = core.top;
  const reasons = core.reached.map((w) => ({ level: w.name, ...warningReasons(w, core) }));
  const raisedAt = top ? (reasons[reasons.length - 1]?.since ?? null) : null;
  clocks.push(...planClocks(policy, core, reasons));
  const plan = top?.planWithin;
  let planDueAt: number | null = null;
  if (plan && raisedAt !== null && Number.isFinite(raisedAt)) {
    planDueAt = 'minutes' in plan ? raisedAt + plan.minutes * 60_000 : (policy.workingCalendar?.endOfNthWorkingDayAfter(raisedAt, plan.workdays) ?? raisedAt + plan.workdays * 86_400_000);
  }
  const result: EvaluationResult = {
    ticketId: core.read.ticket.id,
    at: isoInZone(atMs, zone) as string,
    clocks,
    warning: {
      level: top?.name ?? 'none',
      reasons: reasons.map((r) => ({ level: r.level, reason: r.reason })),
      raisedAt: raisedAt !== null && Number.isFinite(raisedAt) ? isoInZone(raisedAt, zone) : null,
    },
    actions: { notify: top?.notify ?? [], planDueAt: isoInZone(planDueAt, zone) },
    penalty: { points: core.points, unit: core.read.ticket.unit, levels: core.reached.map((w) => ({ level: w.name, points: chargedPoints(policy, core.reached, w, core.env, core.voidedBy) })) },
  };
  if (top?.label !== undefined) result.warning.label = top.label;
  if (explain) result.trace = trace(policy, core, zone);
  addVoided(policy, core, result, explain);
  addPauseNotes(core, result, zone);
  addRoutes(policy, core, result);
  addHolidayTableNotes(policy, core, result);
  addHouseholdNote(policy, core, result);
  return result;
}
