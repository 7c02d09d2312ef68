// Try a ticket: evaluate one ticket under the draft and under the active
// policy, side by side, with the engine's reasons (Chinese and English) and
// its trace, each rule's line ready to reveal in the editor.
import { checkSources, compile, evaluate, indexTickets, ticketErrors, type CompiledPolicy, type EngineError } from '../../../../engine/index.js';
import type { ClockResult, EvaluationResult, Reason, Ticket } from '../../../../engine/index.js';
import type { RelatedFile } from '../../form/policy-context.js';

/** Pasted text is bounded: a stored history is imported elsewhere (POST /v1/tickets/import). */
export const MAX_INPUT_CHARS = 1_000_000;
export const MAX_TICKETS = 1000;

export type TicketInput = { ok: true; tickets: unknown[] } | { ok: false; problem: 'empty' | 'tooLarge' | 'json' | 'shape' | 'tooMany'; detail?: string };

/** A stored ticket or an evaluate request (`{ ticket, at }`) gives its ticket; anything else is taken as the ticket. */
export function unwrapTicket(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value) && 'ticket' in value) {
    const inner = (value as { ticket: unknown }).ticket;
    if (inner && typeof inner === 'object') return inner;
  }
  return value;
}

/** One ticket, or an array of them, as JSON. */
export function parseTicketInput(text: string): TicketInput {
  if (text.trim() === '') return { ok: false, problem: 'empty' };
  if (text.length > MAX_INPUT_CHARS) return { ok: false, problem: 'tooLarge' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, problem: 'json', detail: e instanceof Error ? e.message : String(e) };
  }
  const list = Array.isArray(value) ? value : [value];
  if (list.length > MAX_TICKETS) return { ok: false, problem: 'tooMany' };
  const tickets = list.map(unwrapTicket);
  if (tickets.length === 0 || tickets.some((t) => !t || typeof t !== 'object' || Array.isArray(t))) return { ok: false, problem: 'shape' };
  return { ok: true, tickets };
}

/** "T-1024 · engineering/urgent", for a picker. */
export function ticketLabel(ticket: unknown, index: number): string {
  const t = (ticket ?? {}) as Partial<Ticket>;
  const id = typeof t.id === 'string' && t.id !== '' ? t.id : `#${index + 1}`;
  return typeof t.category === 'string' ? `${id} · ${t.category}/${String(t.priority ?? '')}` : id;
}

export interface TraceLine {
  rule: string;
  outcome: string;
  uri?: string;
  line?: number;
  reason?: Reason;
}

export interface ProblemLine {
  code: string;
  message: string;
  pointer?: string;
  line?: number;
}

export interface SideResult {
  problems: ProblemLine[];
  result?: EvaluationResult;
  trace: TraceLine[];
}

export function problem(e: EngineError): ProblemLine {
  const p: ProblemLine = { code: e.code, message: e.message };
  if (e.pointer !== undefined) p.pointer = e.pointer;
  if (e.range) p.line = e.range.start.line;
  return p;
}

/** "policies/group.sla:212:5" -> its file and line. */
export function traceLine(entry: { rule: string; source: string | null; outcome: string; reason?: Reason }): TraceLine {
  const line: TraceLine = { rule: entry.rule, outcome: entry.outcome };
  const m = entry.source ? /^(.*):(\d+):(\d+)$/.exec(entry.source) : null;
  if (m) {
    line.uri = m[1] as string;
    line.line = Number(m[2]);
  }
  if (entry.reason) line.reason = entry.reason;
  return line;
}

export type Compiled = { value: CompiledPolicy; problems?: undefined } | { value?: undefined; problems: ProblemLine[] };

// Compiling the policy checks the whole chain (the 1,800-line group included): kept for the texts it was made from.
const compiled = new Map<string, Compiled>();

export function compiledPolicy(path: string, text: string, related: readonly RelatedFile[]): Compiled {
  const others = related.filter((r) => r.path !== path);
  const key = JSON.stringify([path, text, others.map((r) => [r.path, r.text])]);
  const hit = compiled.get(key);
  if (hit) return hit;
  const check = checkSources([...others.map((r) => ({ uri: r.path, text: r.text })), { uri: path, text }]);
  const file = check.workspace.files.find((f) => f.uri === path);
  const policy = file ? check.policies.get(file.id) : undefined;
  let out: Compiled;
  if (!file || !policy || check.workspace.byId.get(file.id) !== file) {
    out = { problems: [{ code: 'E103', message: `${path} declares no policy of its own.` }] };
  } else {
    const blocking = check.diagnostics.filter((d) => d.severity === 'error' && policy.chain.some((f) => f.uri === d.uri));
    if (blocking.length > 0) {
      out = { problems: blocking.map((d) => ({ code: 'E101', message: `${d.code} ${d.message}`, ...(d.uri === path ? { line: d.range.start.line } : {}) })) };
    } else {
      const result = compile(policy);
      out = result.value ? { value: result.value } : { problems: result.errors.map(problem) };
    }
  }
  if (compiled.size >= 8) compiled.delete(compiled.keys().next().value as string);
  compiled.set(key, out);
  return out;
}

/** The ticket evaluated at `at` under the policy in `text` (with the files it extends and uses). */
export function evaluateUnder(path: string, text: string, related: readonly RelatedFile[], ticket: unknown, at: string): SideResult {
  const policy = compiledPolicy(path, text, related);
  if (!policy.value) return { problems: policy.problems, trace: [] };
  const invalid = ticketErrors(policy.value, ticket, '/ticket');
  if (invalid.length > 0) return { problems: invalid.map(problem), trace: [] };
  const context = indexTickets([ticket as Ticket], policy.value.localDay);
  const outcome = evaluate(policy.value, ticket, at, { explain: true, context });
  if (!outcome.value) return { problems: outcome.errors.map(problem), trace: [] };
  return { problems: [], result: outcome.value, trace: (outcome.value.trace ?? []).map(traceLine) };
}

export interface ClockRow {
  name: string;
  label?: string;
  draft?: ClockResult;
  active?: ClockResult;
  /** The state or the due time differs between the two. */
  changed: boolean;
}

/** The clocks of both results side by side, in the draft's order, then any only the active one has. */
export function clockRows(draft: EvaluationResult | undefined, active: EvaluationResult | undefined): ClockRow[] {
  const names = [...new Set([...(draft?.clocks ?? []), ...(active?.clocks ?? [])].map((c) => c.name))];
  return names.map((name) => {
    const d = draft?.clocks.find((c) => c.name === name);
    const a = active?.clocks.find((c) => c.name === name);
    const row: ClockRow = { name, changed: Boolean(draft && active) && (d?.state !== a?.state || d?.dueAt !== a?.dueAt) };
    const label = d?.label ?? a?.label;
    if (label !== undefined) row.label = label;
    if (d) row.draft = d;
    if (a) row.active = a;
    return row;
  });
}
