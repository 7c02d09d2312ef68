// The shipped policies (policies/**.sla) loaded through the engine's public API, and a
// small ticket builder, for the tests that a `.sla` test block cannot express: that a
// clock does not apply to a ticket, that nothing breaches, and clusters of many tickets.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSources, compile, evaluate, indexTickets, type CompiledPolicy, type EvaluationResult, type SourceFile, type Ticket } from '../../engine/index.js';

const POLICIES = fileURLToPath(new URL('../../policies', import.meta.url));

function sources(dir = POLICIES): SourceFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.sla') ? [{ uri: join(dir, e.name), text: readFileSync(join(dir, e.name), 'utf8') }] : [],
  );
}

const compiled = new Map<string, CompiledPolicy>();

/** A shipped policy compiled as the service would: a property whole, the group with its [X] unknown. */
export function shipped(id: 'huayu-group' | 'jinxiu-garden' | 'xinghe-tower'): CompiledPolicy {
  let policy = compiled.get(id);
  if (!policy) {
    const check = checkSources(sources());
    const errors = check.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) throw new Error(errors.map((d) => `${d.uri}:${d.range.start.line} ${d.code} ${d.message}`).join('\n'));
    const effective = check.policies.get(id);
    if (!effective) throw new Error(`no shipped policy ${id}`);
    const result = compile(effective, { partial: id === 'huayu-group' });
    if (!result.value) throw new Error(JSON.stringify(result.errors));
    policy = result.value;
    compiled.set(id, policy);
  }
  return policy;
}

export interface TicketSpec {
  id?: string;
  category: string;
  priority: string;
  kind: string;
  channel: string;
  severity?: string;
  matter?: string;
  flags?: string[];
  issueKey?: string;
  household?: string;
  /** [event, ISO instant with offset]; the first one is also createdAt. */
  events: [string, string][];
}

let serial = 0;

export function ticket(property: string, spec: TicketSpec): Ticket {
  const { events, id, ...fields } = spec;
  return {
    id: id ?? `T-${++serial}`,
    property,
    unit: `${property}/${spec.category}`,
    createdAt: (events[0] as [string, string])[1],
    ...fields,
    events: events.map(([type, at]) => ({ type, at })),
  } as Ticket;
}

/** The shipped properties' records (households), as the service seeds them into the store: policies/organisations.json. */
export const SHIPPED_HOUSEHOLDS: ReadonlyMap<string, number> = new Map(
  Object.entries((JSON.parse(readFileSync(join(POLICIES, 'organisations.json'), 'utf8')) as { properties: Record<string, { households: number }> }).properties).map(([id, r]) => [id, r.households]),
);

/**
 * Evaluates `subject` at `at` under a shipped policy, with `history` as the other tickets of the
 * property and `households` as the property's record (the shipped record by default; null: none).
 */
export function judge(policy: CompiledPolicy, subject: Ticket, at: string, history: Ticket[] = [], households: number | null = SHIPPED_HOUSEHOLDS.get(subject.property) ?? null): EvaluationResult {
  const out = evaluate(policy, subject, at, { context: indexTickets([subject, ...history], policy.localDay), property: { id: subject.property, households } });
  if (!out.value) throw new Error(JSON.stringify(out.errors));
  return out.value;
}

/** The names of the clocks that apply to the ticket (a clock whose `when` fails is absent). */
export function clockNames(result: EvaluationResult): string[] {
  return result.clocks.map((c) => c.name);
}

export function clock(result: EvaluationResult, name: string) {
  return result.clocks.find((c) => c.name === name);
}
