// Evaluating one ticket of a request: its shape, its property's active policy, then the
// engine. Shared by the single, batch and NDJSON routes; pointers are rebased onto where
// the ticket sits in the request (`/ticket`, `/tickets/3`, or '' for an NDJSON line).
import { evaluate, schemaErrors, type Ticket } from '../../engine/index.js';
import { NOT_YOUR_PROPERTY } from '../auth/index.js';
import { HttpError, UnknownPropertyError } from '../errors.js';
import type { Metrics } from '../metrics.js';
import type { ActivePolicy, PolicyService } from '../policies.js';
import { evaluationInput } from '../property-input.js';
import { nulMistakes, type ErrorItem, type EvaluateResponse } from '../schemas/index.js';
import { unitMistakes } from '../units.js';

export type Outcome = { ok: true; ticketId: string; result: EvaluateResponse } | { ok: false; errors: ErrorItem[] };

function items(errors: readonly { pointer?: string; message: string; code: string; help?: string }[], from: string, to: string): ErrorItem[] {
  return errors.map((e) => {
    const pointer = e.pointer === undefined ? to : e.pointer.startsWith(from) ? to + e.pointer.slice(from.length) : e.pointer;
    const message = e.message.startsWith(from) ? to + e.message.slice(from.length) : e.message;
    const item: ErrorItem = { pointer, message, code: e.code };
    if (e.help !== undefined) item.help = e.help;
    return item;
  });
}

export interface Evaluator {
  /**
   * Evaluates `ticket` at `at`; input mistakes (shape, vocabulary, unknown property) come
   * back as errors, anything else (the store down, a policy that does not compile) throws.
   */
  one(ticket: unknown, at: string, explain: boolean, base: string, policies?: Map<string, Promise<ActivePolicy>>, allowed?: ReadonlySet<string>): Promise<Outcome>;
  /**
   * Looks up the policies of the tickets' properties into `policies` (those `allowed`),
   * throwing what is not a ticket's own mistake (the store down, a policy that does not
   * compile), so that a batch fails before its answer starts rather than half way.
   */
  prepare(tickets: readonly unknown[], policies: Map<string, Promise<ActivePolicy>>, allowed?: ReadonlySet<string>): Promise<void>;
}

export function createEvaluator(service: PolicyService, metrics: Metrics): Evaluator {
  const refuse = (errors: ErrorItem[]): Outcome => {
    metrics.evaluations.inc({ outcome: 'invalid' });
    return { ok: false, errors };
  };
  const lookUp = (property: string, pointer: string, policies?: Map<string, Promise<ActivePolicy>>): Promise<ActivePolicy> => {
    // One lookup per property per request: a batch names a few properties many times.
    let pending = policies?.get(property);
    if (!pending) {
      pending = service.forProperty(property, pointer);
      pending.catch(() => undefined);
      policies?.set(property, pending);
    }
    return pending;
  };
  return {
    async prepare(tickets, policies, allowed) {
      const properties = new Set<string>();
      for (const t of tickets) {
        const property = (t as { property?: unknown } | null)?.property;
        if (typeof property === 'string' && !property.includes('\u0000') && (!allowed || allowed.has(property))) properties.add(property);
      }
      for (const property of properties) {
        try {
          await lookUp(property, '', policies);
        } catch (e) {
          if (!(e instanceof UnknownPropertyError)) throw e;
        }
      }
    },
    async one(ticket, at, explain, base, policies, allowed) {
      // NUL first: text the store cannot hold must not reach the policy lookup (the property).
      const nul = nulMistakes(ticket, base);
      if (nul.length > 0) return refuse(nul);
      // The engine checks the ticket's shape again (evaluate below): here only what finding
      // its policy needs, the full check for the message when that is missing.
      if (typeof (ticket as { property?: unknown } | null)?.property !== 'string') {
        const shape = schemaErrors(ticket, base);
        if (shape.length > 0) return refuse(items(shape, base, base));
      }
      const t = ticket as Ticket;
      // A manager or viewer evaluates with the policies of their own properties only, as they read them.
      if (allowed && !allowed.has(t.property)) {
        return refuse([{ pointer: `${base}/property`, code: NOT_YOUR_PROPERTY, message: `${base}/property '${t.property}' is not a property assigned to you.` }]);
      }
      let active: ActivePolicy;
      try {
        active = await lookUp(t.property, `${base}/property`, policies);
      } catch (e) {
        if (e instanceof UnknownPropertyError && policies) {
          // In a batch an unknown property is that ticket's mistake, not the request's.
          // (The cached rejection names the first ticket's pointer: name this one's.)
          return refuse(new UnknownPropertyError(t.property, `${base}/property`, e.why).errors ?? []);
        }
        if (e instanceof HttpError) metrics.evaluations.inc({ outcome: 'invalid' });
        throw e;
      }
      // A ticket that names another property's unit is a wrong ticket, charged or not.
      const foreign = unitMistakes(t.property, active.units, (ticket as { unit?: unknown }).unit, base);
      const outcome = evaluate(active.compiled, ticket, at, { explain, ...evaluationInput(active) });
      if (!outcome.value) return refuse([...items(outcome.errors, '/ticket', base), ...foreign]);
      if (foreign.length > 0) return refuse(foreign);
      metrics.evaluations.inc({ outcome: 'ok' });
      const { ticketId, ...rest } = outcome.value;
      return { ok: true, ticketId, result: { ticketId, policy: active.ref, ...rest } };
    },
  };
}
