// Evaluating a stored ticket and recording the warning levels it reached in the penalty
// ledger. Shared by PUT /v1/tickets/{id} and the sweep. The context for household-share
// and repeat conditions is the stored tickets of the same property, looked up over a
// bounded window before the ticket was created. The ledger's unique (ticket, level) key
// makes recording idempotent, also between concurrent writers.
import { DateTime } from 'luxon';
import { withPropertyRecord } from './property-input.js';
import { evaluateCore, indexTickets, present, ticketErrors, type CompiledPolicy, type Ticket, type TicketContext } from '../engine/index.js';
import type { ActivePolicy } from './policies.js';
import { errorItems } from './errors.js';
import type { ErrorItem, EvaluateResponse } from './schemas/index.js';
import type { LedgerEntry, LedgerEntryInput, LedgerReversal, NotificationEvent, Repository, TicketStanding } from './store/index.js';
import { reverseVoided, voidedLevels, type VoidedLevel } from './voids.js';

const DAY_MINUTES = 24 * 60;
/**
 * How far back the context looks at least (or the policy's share window or `repeats … within`,
 * if longer). A `while unresolved` repeat of a report older than this is not seen here.
 */
export const MIN_CONTEXT_DAYS = 30;
/** At most this many stored tickets make a ticket's context (pages of 5,000). */
export const MAX_CONTEXT_TICKETS = 20_000;

/** The "YYYY-MM" of an instant in a zone. */
export function periodOf(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM');
}

/** The instants [from, to) of a "YYYY-MM" month in a zone. */
export function periodBounds(period: string, zone: string): { from: Date; to: Date } {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const start = DateTime.fromObject({ year: y, month: m, day: 1 }, { zone });
  return { from: start.toJSDate(), to: start.plus({ months: 1 }).toJSDate() };
}

/** The ticket's mistakes against the policy (shape, then vocabulary), pointers from the ticket's root. */
export function ticketMistakes(compiled: CompiledPolicy, ticket: unknown): ErrorItem[] {
  return errorItems(ticketErrors(compiled, ticket, ''));
}

/**
 * Stored tickets of the same property that share a value with `ticket` in the fields share() reads
 * or the first field of the policy's repeat case (every field of a case must match, so one is a superset).
 */
export async function contextFor(repository: Repository, compiled: CompiledPolicy, ticket: Ticket): Promise<TicketContext> {
  const caseField = compiled.repeats?.caseFields[0];
  const fields = [...new Set([...(caseField ? [caseField] : []), ...compiled.shareFields])].filter((f) => typeof ticket[f] === 'string' && ticket[f] !== '');
  if (fields.length === 0) return indexTickets([ticket], (ms) => compiled.localDay(ms));
  const createdMs = Date.parse(ticket.createdAt);
  const windowMinutes = Math.max(compiled.shareWindowMinutes, compiled.repeats?.withinMinutes ?? 0, MIN_CONTEXT_DAYS * DAY_MINUTES);
  const from = new Date(createdMs - windowMinutes * 60_000);
  const to = new Date(createdMs + 1);
  const related: Ticket[] = [ticket];
  const sharing = fields.map((field) => ({ field, value: ticket[field] as string }));
  let after: { createdAt: string; id: string } | undefined;
  for (let seen = 0; seen < MAX_CONTEXT_TICKETS; ) {
    const page = await repository.listTickets({ propertyId: ticket.property, from, to, sharing, limit: 5000, ...(after ? { after } : {}) });
    for (const t of page) if (t.id !== ticket.id) related.push(t);
    seen += page.length;
    if (page.length < 5000) break;
    const last = page[page.length - 1]!;
    after = { createdAt: last.createdAt, id: last.id };
  }
  return indexTickets(related, (ms) => compiled.localDay(ms));
}

export interface Tracked {
  result: EvaluateResponse;
  /** Ledger entries newly recorded (levels reached earlier are not repeated). */
  recorded: LedgerEntry[];
  /** Entries newly reversed: levels the evaluation reports voided (voids.ts). */
  reversed: LedgerReversal[];
}

/**
 * Evaluates a valid stored ticket at `atMs` with its stored context and records each
 * warning level reached: points from the policy, period the month (policy zone) in
 * which the level was raised. Levels the evaluation reports voided are not recorded, and
 * their earlier entries are reversed (voids.ts).
 */
export async function evaluateAndRecord(
  repository: Repository,
  active: ActivePolicy,
  ticket: Ticket,
  atMs: number,
  /** Reads the voided levels off the result: voids.ts's reading of the engine's `voided` by default. */
  readVoided: (result: unknown) => VoidedLevel[] = voidedLevels,
): Promise<Tracked> {
  const { compiled } = active;
  const context = withPropertyRecord(await contextFor(repository, compiled, ticket), active);
  let core: ReturnType<typeof evaluateCore>;
  let presented: ReturnType<typeof present>;
  try {
    core = evaluateCore(compiled, ticket, atMs, context);
    presented = present(compiled, core, false);
  } catch (cause) {
    throw new UnevaluableTicketError(ticket.id, cause);
  }
  const { ticketId, ...rest } = presented;
  const result: EvaluateResponse = { ticketId, policy: active.ref, ...rest };
  const voided = readVoided(presented);
  const isVoided = new Set(voided.map((v) => v.level));
  const entries: LedgerEntryInput[] = core.reached.filter((w) => !isVoided.has(w.name)).map((w) => {
    const since = w.when.explain(core.env).since;
    const reachedMs = Number.isFinite(since) && since <= atMs ? since : atMs;
    return { ticketId: ticket.id, level: w.name, points: w.points, unit: ticket.unit, period: periodOf(reachedMs, compiled.zone), reachedAt: new Date(reachedMs) };
  });
  // The ledger entry and its notification commit together: a warning recorded is never without its outbox entry.
  const recorded =
    entries.length === 0
      ? []
      : await repository.transaction(async (repo) => {
          const written = await repo.recordLedger(entries);
          await repo.enqueueNotifications(written.map((e) => warningEvent(compiled, ticket, e)));
          return written;
        });
  const reversed = await reverseVoided(repository, ticket.id, voided, atMs);
  await repository.recordTicketStatus(ticket, standingOf(ticket, core, atMs));
  return { result, recorded, reversed };
}

/** A warning level recorded, as the event its policy's `notify` roles hear (notifications/). */
export function warningEvent(compiled: CompiledPolicy, ticket: Ticket, entry: LedgerEntry): NotificationEvent {
  const warning = compiled.warnings.find((w) => w.name === entry.level);
  const roles = warning?.notify ?? [];
  return {
    key: `warning:${ticket.id}:${entry.level}`,
    kind: 'warning',
    propertyId: ticket.property,
    unit: ticket.unit,
    roles,
    payload: { ticketId: ticket.id, property: ticket.property, unit: ticket.unit, category: ticket.category, priority: ticket.priority, level: entry.level, label: warning?.label ?? entry.level, points: entry.points, reachedAt: entry.reachedAt, notify: roles },
  };
}

/**
 * Where a ticket stands after an evaluation at `atMs`, for the list by next due: the
 * running clock due soonest (a paused clock's due moves, so it is none), the clocks
 * breached and the earliest due they missed, and the highest warning level.
 */
export function standingOf(ticket: Ticket, core: ReturnType<typeof evaluateCore>, atMs: number): TicketStanding {
  let nextDue: TicketStanding['nextDue'] = null;
  let breachedSince: number | null = null;
  const breached: string[] = [];
  for (const o of core.outcomes) {
    if (o === null) continue;
    if (o.state === 'breached') {
      breached.push(o.clock.name);
      const missed = o.lateDueMs ?? o.dueMs;
      if (missed !== null && (breachedSince === null || missed < breachedSince)) breachedSince = missed;
    } else if (o.state === 'running' && o.dueMs !== null && (nextDue === null || o.dueMs < nextDue.at.getTime())) {
      nextDue = { clock: o.clock.name, at: new Date(o.dueMs) };
    }
  }
  return {
    ticketId: ticket.id,
    open: isOpen(ticket),
    nextDue,
    breached,
    // A breach without a known due (never expected) still sorts among the breached, at the evaluation.
    breachedSince: breached.length === 0 ? null : new Date(breachedSince ?? atMs),
    warning: core.top?.name ?? null,
    evaluatedAt: new Date(atMs),
  };
}

/**
 * The engine could not evaluate a ticket it had accepted: a fault of the engine or of a
 * row stored before a check existed, never of the store. The sweep skips such a ticket
 * (and logs it) rather than stopping at it on every run.
 */
export class UnevaluableTicketError extends Error {
  override name = 'UnevaluableTicketError';
  constructor(
    readonly ticketId: string,
    cause: unknown,
  ) {
    super(`Ticket '${ticketId}' could not be evaluated: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** True when the ticket still runs: no `closed` event. */
export function isOpen(ticket: Ticket): boolean {
  return !ticket.events.some((e) => e.type === 'closed');
}
