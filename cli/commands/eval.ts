// `beacon eval --policy <file> --ticket <file.json | -> [--at <instant>] [--households N] [--explain] [--json]`
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { evaluate, type EvaluationResult } from '../../engine/index.js';
import { parseArgs } from '../args.js';
import { stdinOf, textOf, UsageError, type Io } from '../io.js';
import { loadPolicy, printErrors } from '../policy-loader.js';

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

export function table(result: EvaluationResult, explain: boolean): string {
  const lines = [`Ticket ${result.ticketId} at ${result.at}`, ''];
  const rows = [['clock', 'state', 'started', 'due', 'stopped', 'late (min)'], ...result.clocks.map((c) => [c.name, c.state, c.startedAt ?? '-', c.dueAt ?? '-', c.stoppedAt ?? '-', c.overdueMinutes === null ? '-' : String(c.overdueMinutes)])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  for (const r of rows) lines.push(r.map((cell, i) => pad(cell, widths[i]!)).join('  ').trimEnd());
  lines.push('');
  for (const c of result.clocks) lines.push(`  ${c.reason.en}`, `  ${c.reason.zh}`);
  lines.push('', `warning: ${result.warning.level}${result.warning.label ? ` (${result.warning.label})` : ''}${result.warning.raisedAt ? `, raised ${result.warning.raisedAt}` : ''}`);
  for (const r of result.warning.reasons) lines.push(`  ${r.reason.en}`, `  ${r.reason.zh}`);
  if (result.actions.notify.length > 0) lines.push(`notify: ${result.actions.notify.join(', ')}${result.actions.planDueAt ? `; plan due ${result.actions.planDueAt}` : ''}`);
  for (const r of result.routes ?? []) lines.push(`route: ${r.route} -> ${r.to.join(', ')}`, `  ${r.reason.en}`, `  ${r.reason.zh}`);
  for (const n of result.notes ?? []) if (n.code === 'E340') lines.push(`note ${n.code}: ${n.message.en}`);
  lines.push(`penalty: ${result.penalty.points} points to ${result.penalty.unit}${result.penalty.levels.length ? ` (${result.penalty.levels.map((l) => `${l.level} ${l.points}`).join(', ')})` : ''}`);
  if (explain && result.trace) {
    lines.push('', 'trace:');
    for (const t of result.trace) lines.push(`  ${t.source ?? '-'}  ${t.rule} -> ${t.outcome}${t.reason ? `: ${t.reason.en}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The API's request body ({"ticket": {…}, "at": …}) given where a ticket belongs. */
export function isApiEnvelope(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { ticket?: unknown }).ticket === 'object' && !('category' in value);
}

export async function runEval(argv: readonly string[], io: Io): Promise<number> {
  const t = textOf(io);
  const args = parseArgs(argv, { flags: ['json', 'explain'], options: ['policy', 'property', 'ticket', 'at', 'with', 'households'], short: { p: 'policy', t: 'ticket', a: 'at', e: 'explain', j: 'json' } }, t);
  const policyFile = args.options.get('policy')?.[0];
  const ticketFile = args.options.get('ticket')?.[0];
  if (!policyFile || !ticketFile) throw new UsageError(t.evalNeeds);
  const id = args.options.get('property')?.[0];
  const loaded = loadPolicy(io, policyFile, args.options.get('with') ?? [], id ? { id } : {});
  if (!loaded) return 1;
  let ticket: unknown;
  try {
    ticket = JSON.parse(ticketFile === '-' ? await stdinOf(io) : readFileSync(resolve(io.cwd, ticketFile), 'utf8'));
  } catch (e) {
    throw new UsageError(t.cannotReadTicket(ticketFile === '-' ? '(stdin)' : ticketFile, (e as Error).message));
  }
  if (isApiEnvelope(ticket)) throw new UsageError(t.envelopeHint);
  // The command line is the edge of the system: here, and only here, "now" may come from the clock.
  const at = args.options.get('at')?.[0] ?? new Date().toISOString();
  // The property's households are its record, not the policy's: given here as the service passes them.
  const householdsText = args.options.get('households')?.[0];
  const households = householdsText === undefined ? undefined : Number(householdsText);
  if (households !== undefined && (!/^\d+$/.test(householdsText ?? '') || !Number.isSafeInteger(households) || households < 1)) throw new UsageError(t.households);
  const result = evaluate(loaded.policy, ticket, at, { explain: args.flags.has('explain'), ...(households !== undefined ? { property: { households } } : {}) });
  if (!result.value) {
    printErrors(io, result.errors);
    return 1;
  }
  io.out(args.flags.has('json') ? `${JSON.stringify(result.value, null, 2)}\n` : table(result.value, args.flags.has('explain')));
  return 0;
}
