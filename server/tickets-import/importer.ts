// One import's rows, each judged and stored as PUT /v1/tickets/{id} does: its shape, who
// may write its property, its property's active policy, the policy's words; then upsert
// (idempotent by the ticket's canonical hash), evaluate now with the stored context and
// record the warning levels reached. A row's mistake is that row's answer, never the
// import's; only what the caller cannot fix (the store down) throws.
import type { CompiledPolicy, Ticket } from '../../engine/index.js';
import { NOT_YOUR_PROPERTY, PolicyUnusableError, REQUEST_STORE_RULE, ticketShapeErrors, toHttpError, UnknownPropertyError } from '../errors.js';
import { evaluateAndRecord, ticketMistakes } from '../ledger.js';
import type { ActivePolicy, PolicyService } from '../policies.js';
import { nulMistakes, type ErrorItem, type ImportCounters } from '../schemas/index.js';
import { NotFoundError, OutOfScopeError, ticketHash, type Repository } from '../store/index.js';
import { unitMistakes } from '../units.js';

/** Code of a row whose property's active policy cannot be compiled. */
export const POLICY_UNUSABLE = 'H409';

export interface ImporterOptions {
  repository: Repository;
  policies: PolicyService;
  now: () => Date;
  /** Check and count, write nothing. */
  dryRun: boolean;
  /** The properties the caller may write tickets of; undefined for every property. */
  allowed?: ReadonlySet<string>;
  /** Who writes: each ticket written is audited as PUT audits it (`ticket.create`, `ticket.update`), in its transaction. */
  audit: { actor: string; detail: Record<string, unknown> };
}

export type RowOutcome = { ok: true } | { ok: false; ticketId?: string; errors: ErrorItem[] };

/** Checks a row may make: `extra` (say, a CSV's attribute columns) against the policy; `toSource` rewrites pointers. */
export interface RowHooks {
  extra?: (compiled: CompiledPolicy) => ErrorItem[];
  toSource?: (errors: readonly ErrorItem[]) => ErrorItem[];
}

export interface Importer {
  readonly counters: ImportCounters;
  /** Tickets created and updated, by property: what the audit log records. */
  readonly written: ReadonlyMap<string, { created: number; updated: number }>;
  /** Judges and stores one ticket; a mistake is counted and returned, not thrown. */
  importOne(candidate: unknown, hooks?: RowHooks): Promise<RowOutcome>;
  /** A row that could not be read as a ticket at all. */
  reject(errors: ErrorItem[], ticketId?: string): RowOutcome;
}

function idOf(candidate: unknown): string | undefined {
  const id = typeof candidate === 'object' && candidate !== null ? (candidate as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

export function createImporter(options: ImporterOptions): Importer {
  const { repository, policies, now, dryRun } = options;
  const counters: ImportCounters = { lines: 0, created: 0, updated: 0, unchanged: 0, rejected: 0, recorded: 0 };
  const written = new Map<string, { created: number; updated: number }>();
  // One lookup per property per import: a file names a few properties many times.
  const active = new Map<string, Promise<ActivePolicy>>();

  const reject = (errors: ErrorItem[], ticketId?: string): RowOutcome => {
    counters.rejected++;
    return ticketId === undefined ? { ok: false, errors } : { ok: false, ticketId, errors };
  };

  const policyOf = (property: string): Promise<ActivePolicy> => {
    let pending = active.get(property);
    if (!pending) {
      pending = policies.forProperty(property, '/property');
      pending.catch(() => undefined);
      active.set(property, pending);
    }
    return pending;
  };

  /** What upserting would do, without doing it: the stored ticket's hash against this one's. */
  const wouldBe = async (ticket: Ticket): Promise<'created' | 'updated' | 'unchanged'> => {
    let stored: Ticket;
    try {
      stored = await repository.getTicket(ticket.id);
    } catch (e) {
      if (e instanceof NotFoundError) return 'created';
      throw e;
    }
    // As the upsert would refuse it: a stored ticket of a property the caller may not write.
    if (options.allowed && !options.allowed.has(stored.property)) throw new OutOfScopeError('ticket', ticket.id, stored.property);
    return ticketHash(stored) === ticketHash(ticket) ? 'unchanged' : 'updated';
  };

  /** A store refusal as this row's mistake; anything else (the store down) is the import's. */
  const refusal = (e: unknown): ErrorItem[] | undefined => {
    // The property went away since its policy was read.
    if (e instanceof NotFoundError) return new UnknownPropertyError(e.id, '/property', 'unknown').errors;
    const known = toHttpError(e);
    return known && known.status < 500 ? (known.errors ?? [{ pointer: '', code: REQUEST_STORE_RULE, message: known.detail ?? known.title }]) : undefined;
  };

  return {
    counters,
    written,
    reject,
    async importOne(candidate, hooks = {}) {
      const toSource = hooks.toSource ?? ((errors) => [...errors]);
      const id = idOf(candidate);
      // NUL first: the shape check passes text the store cannot hold.
      const nul = nulMistakes(candidate);
      if (nul.length > 0) return reject(toSource(nul), id?.includes('\u0000') ? undefined : id);
      const shape = ticketShapeErrors(candidate);
      if (shape.length > 0) return reject(toSource(shape), id);
      const ticket = candidate as Ticket;
      if (options.allowed && !options.allowed.has(ticket.property)) {
        return reject(toSource([{ pointer: '/property', code: NOT_YOUR_PROPERTY, message: `/property '${ticket.property}' is not a property assigned to you; a manager imports tickets of their own properties only.` }]), id);
      }
      let policy: ActivePolicy;
      try {
        policy = await policyOf(ticket.property);
      } catch (e) {
        if (e instanceof UnknownPropertyError) return reject(toSource(e.errors ?? []), id);
        if (e instanceof PolicyUnusableError) return reject(toSource([{ pointer: '/property', code: POLICY_UNUSABLE, message: e.detail ?? e.title }]), id);
        throw e;
      }
      const mistakes = [...ticketMistakes(policy.compiled, ticket), ...unitMistakes(ticket.property, policy.units, ticket.unit), ...(hooks.extra?.(policy.compiled) ?? [])];
      if (mistakes.length > 0) return reject(toSource(mistakes), id);

      let upserted;
      try {
        if (dryRun) {
          counters[await wouldBe(ticket)]++;
          return { ok: true };
        }
        upserted = await repository.upsertTicket(ticket, options.audit, options.allowed);
      } catch (e) {
        const errors = refusal(e);
        if (errors) return reject(toSource(errors), id);
        throw e;
      }
      counters[upserted.created ? 'created' : upserted.changed ? 'updated' : 'unchanged']++;
      if (upserted.changed) {
        const mine = written.get(ticket.property) ?? { created: 0, updated: 0 };
        mine[upserted.created ? 'created' : 'updated']++;
        written.set(ticket.property, mine);
      }
      const { recorded } = await evaluateAndRecord(repository, policy, ticket, now().getTime());
      counters.recorded += recorded.length;
      return { ok: true };
    },
  };
}
