// Reads the evaluation corpus: every folder beside this file is one case (the
// format is in ../README.md). Shared by the corpus runner and the json-rules
// oracle, which both need each case's compiled policy, tickets and instants.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkSources, compile, type CompiledPolicy, type SourceFile, type Ticket } from '../../../../engine/index.js';

export const CASES_DIR = fileURLToPath(new URL('./', import.meta.url));
/** Loaded into every case, so any case may `use cn-holidays-2026`. */
const HOLIDAYS = fileURLToPath(new URL('../../../../policies/calendars/cn-holidays-2026.sla', import.meta.url));
const HOLIDAYS_URI = 'policies/calendars/cn-holidays-2026.sla';

export interface Check {
  at: string;
  note?: string[];
  /** A subset of the EvaluationResult; `clocks` is keyed by clock name, null meaning "absent". */
  expect: Record<string, unknown>;
}

export interface EvaluationCase {
  name: string;
  title: string;
  note: string[];
  /** The policy id evaluated: expected.json `policy`, else the id declared in policy.sla. */
  policyId: string;
  sources: SourceFile[];
  ticket: Ticket;
  related: Ticket[];
  checks: Check[];
}

const TOP_KEYS = new Set(['title', 'note', 'policy', 'at', 'expect', 'checks']);
const CHECK_KEYS = new Set(['at', 'note', 'expect']);

function notes(value: unknown, where: string): string[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  throw new Error(`${where}: 'note' must be a string or a list of strings`);
}

function readCheck(raw: Record<string, unknown>, where: string): Check {
  for (const key of Object.keys(raw)) if (!CHECK_KEYS.has(key)) throw new Error(`${where}: unknown key '${key}'`);
  if (typeof raw['at'] !== 'string') throw new Error(`${where}: 'at' (an ISO instant) is required`);
  if (typeof raw['expect'] !== 'object' || raw['expect'] === null) throw new Error(`${where}: 'expect' (an object) is required`);
  return { at: raw['at'], note: notes(raw['note'], where), expect: raw['expect'] as Record<string, unknown> };
}

function json(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

export function caseNames(): string[] {
  return readdirSync(CASES_DIR)
    .filter((f) => statSync(CASES_DIR + f).isDirectory())
    .sort();
}

export function loadCase(name: string): EvaluationCase {
  const dir = `${CASES_DIR}${name}/`;
  for (const required of ['policy.sla', 'ticket.json', 'expected.json']) {
    if (!existsSync(dir + required)) throw new Error(`${name}: missing ${required}`);
  }
  const sources: SourceFile[] = readdirSync(dir)
    .filter((f) => f.endsWith('.sla'))
    .sort()
    .map((f) => ({ uri: `${name}/${f}`, text: readFileSync(dir + f, 'utf8') }));
  sources.push({ uri: HOLIDAYS_URI, text: readFileSync(HOLIDAYS, 'utf8') });

  const expected = json(`${dir}expected.json`) as Record<string, unknown>;
  for (const key of Object.keys(expected)) if (!TOP_KEYS.has(key)) throw new Error(`${name}/expected.json: unknown key '${key}'`);
  if (typeof expected['title'] !== 'string') throw new Error(`${name}/expected.json: 'title' is required`);
  const hasSingle = 'at' in expected || 'expect' in expected;
  if (hasSingle === 'checks' in expected) throw new Error(`${name}/expected.json: give either 'at' and 'expect', or 'checks'`);
  const checks = hasSingle
    ? [readCheck({ at: expected['at'], expect: expected['expect'] }, `${name}/expected.json`)]
    : (expected['checks'] as Record<string, unknown>[]).map((c, i) => readCheck(c, `${name}/expected.json checks[${i}]`));
  const note = notes(expected['note'], `${name}/expected.json`);
  if (note.length === 0 && checks.every((c) => (c.note ?? []).length === 0)) throw new Error(`${name}/expected.json: write the arithmetic in a 'note'`);

  const declared = /^\s*(?:group|branch|property|library)\s+([^\s"]+)/m.exec(sources.find((s) => s.uri.endsWith('/policy.sla'))?.text.replace(/^\s*\/\/.*$/gm, '') ?? '');
  const policyId = typeof expected['policy'] === 'string' ? expected['policy'] : declared?.[1];
  if (!policyId) throw new Error(`${name}: cannot tell which policy policy.sla declares`);

  return {
    name,
    title: expected['title'],
    note,
    policyId,
    sources,
    ticket: json(`${dir}ticket.json`) as Ticket,
    related: existsSync(`${dir}related.json`) ? (json(`${dir}related.json`) as Ticket[]) : [],
    checks,
  };
}

/** Checks and compiles a case's policy; any error (checker or compiler) is thrown with its message. */
export function compileCase(c: EvaluationCase): CompiledPolicy {
  const checked = checkSources(c.sources);
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`${c.name}: the policy has errors:\n${errors.map((d) => `  ${d.uri}:${d.range.start.line}:${d.range.start.column} ${d.code} ${d.message}`).join('\n')}`);
  const effective = checked.policies.get(c.policyId);
  if (!effective) throw new Error(`${c.name}: no policy '${c.policyId}' among ${c.sources.map((s) => s.uri).join(', ')}`);
  const compiled = compile(effective);
  if (!compiled.value) throw new Error(`${c.name}: does not compile:\n${compiled.errors.map((e) => `  ${e.code} ${e.message}`).join('\n')}`);
  return compiled.value;
}
