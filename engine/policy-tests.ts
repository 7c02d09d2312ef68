// Running the `test` blocks of a policy: build the ticket the test describes,
// evaluate it at the test's instant under the policy the test is written in,
// and compare each expectation. A template's tests run on it compiled
// `partial`: its [X] values stay unknown, so tests there must not depend on them.
import { DateTime } from 'luxon';
import type * as A from '../grammar/index.js';
import { checkSources, type CheckResult } from './check.js';
import { compile } from './compile/compile.js';
import type { CompiledPolicy } from './compile/types.js';
import type { EffectivePolicy, From } from './effective.js';
import { indexTickets } from './evaluate/context.js';
import { evaluate } from './evaluate/evaluate.js';
import type { EngineError } from './errors.js';
import type { SourceFile } from './workspace.js';
import type { EvaluationResult, Ticket } from './ticket.js';

export interface TestFailure {
  range: A.Range;
  expected: string;
  actual: string;
}

export interface TestOutcome {
  name: string;
  uri: string;
  range: A.Range;
  policy: string;
  passed: boolean;
  failures: TestFailure[];
  /** Why the test could not run at all (the policy or its ticket is invalid). */
  errors: EngineError[];
  result?: EvaluationResult;
}

function instantText(text: string, zone: string): string {
  if (/(Z|[+-]\d{2}:\d{2})$/.test(text)) return text;
  return DateTime.fromISO(text, { zone }).toISO({ suppressMilliseconds: true }) ?? text;
}

function scalar(v: A.Value, zone: string): unknown {
  switch (v.kind) {
    case 'NameRef':
      return v.name.text;
    case 'String':
      return v.value;
    case 'Number':
      return v.negative ? -v.value : v.value;
    case 'DateTime':
      return instantText(v.text, zone);
    case 'Date':
    case 'Time':
      return v.text;
    default:
      return null;
  }
}

function ticketOf(block: A.TicketBlock, test: A.TestDecl, policy: EffectivePolicy, zone: string, n: number): Ticket {
  const fields: Record<string, unknown> = {};
  const events: { type: string; at: string }[] = [];
  const deadlines: Record<string, string> = {};
  for (const item of block.items) {
    if (item.kind === 'TicketEvent') {
      events.push({ type: item.event.text, at: instantText(item.at.text, zone) });
    } else if (item.kind === 'TicketDeadline') {
      deadlines[item.deadline.text] = instantText(item.at.text, zone);
    } else if (item.name.text === 'flags') {
      fields['flags'] = item.values.map((v) => scalar(v, zone));
    } else {
      fields[item.name.text] = scalar(item.values[0] as A.Value, zone);
    }
  }
  const first = events.map((e) => e.at).sort((a, b) => Date.parse(a) - Date.parse(b))[0];
  const property = policy.id;
  return {
    id: `${test.name.value}#${n}`,
    property,
    unit: `${property}/unit`,
    category: '',
    priority: '',
    createdAt: (fields['createdAt'] as string | undefined) ?? first ?? '1970-01-01T00:00:00Z',
    ...fields,
    ...(Object.keys(deadlines).length > 0 ? { deadlines } : {}),
    events,
  } as Ticket;
}

function describeResult(result: EvaluationResult, expect: A.ExpectItem): string {
  switch (expect.kind) {
    case 'ExpectWarning':
      return result.warning.level;
    case 'ExpectPenalty':
      return `${result.penalty.points} points`;
    case 'ExpectClock': {
      const clock = result.clocks.find((c) => c.name === expect.clock.text);
      if (!clock) return 'does not apply to this ticket';
      return expect.state.text === 'due' ? `due ${clock.dueAt ?? 'never'}` : `${clock.state}`;
    }
  }
}

function expectedText(expect: A.ExpectItem, zone: string): string {
  switch (expect.kind) {
    case 'ExpectWarning':
      return expect.level.text;
    case 'ExpectPenalty': {
      const v = expect.value;
      return `${'value' in v ? v.value : 0} points`;
    }
    case 'ExpectClock':
      return expect.state.text === 'due' ? `due ${instantText(expect.at?.text ?? '', zone)}` : expect.state.text;
  }
}

function holds(result: EvaluationResult, expect: A.ExpectItem, zone: string): boolean {
  switch (expect.kind) {
    case 'ExpectWarning':
      return result.warning.level === expect.level.text;
    case 'ExpectPenalty': {
      const v = expect.value;
      const points = 'value' in v && typeof v.value === 'number' ? v.value : Number.NaN;
      return Math.abs(result.penalty.points - points) < 1e-9;
    }
    case 'ExpectClock': {
      const clock = result.clocks.find((c) => c.name === expect.clock.text);
      if (!clock) return false;
      if (expect.state.text !== 'due') return clock.state === expect.state.text;
      return clock.dueAt !== null && Date.parse(clock.dueAt) === Date.parse(instantText(expect.at?.text ?? '', zone));
    }
  }
}

/** The tickets a test block describes (the one under test and its related ones) and its instant; undefined when incomplete (C901). */
export function testTickets(compiled: CompiledPolicy, decl: A.TestDecl): { ticket: Ticket; related: Ticket[]; at: string } | undefined {
  const zone = compiled.zone;
  const blocks = decl.items.filter((i): i is A.TicketBlock => i.kind === 'Ticket');
  const subject = blocks.find((b) => b.role === 'ticket');
  const at = decl.items.find((i): i is A.AtItem => i.kind === 'At');
  if (!subject || !at) return undefined;
  const tickets = blocks.map((b, n) => ticketOf(b, decl, compiled.effective, zone, n));
  const index = blocks.indexOf(subject);
  return { ticket: tickets[index] as Ticket, related: tickets.filter((_, i) => i !== index), at: instantText(at.at.text, zone) };
}

export function runTest(compiled: CompiledPolicy, test: From<A.TestDecl>): TestOutcome {
  const decl = test.node;
  const zone = compiled.zone;
  const outcome: TestOutcome = { name: decl.name.value, uri: test.uri, range: decl.range, policy: compiled.id, passed: false, failures: [], errors: [] };
  const built = testTickets(compiled, decl);
  if (!built) return outcome;
  const { ticket, related, at } = built;
  const evaluated = evaluate(compiled, ticket, at, { explain: true, context: indexTickets([ticket, ...related], compiled.localDay) });
  if (!evaluated.value) {
    outcome.errors = evaluated.errors;
    return outcome;
  }
  outcome.result = evaluated.value;
  for (const item of decl.items) {
    if (item.kind !== 'ExpectClock' && item.kind !== 'ExpectWarning' && item.kind !== 'ExpectPenalty') continue;
    if (!holds(evaluated.value, item, zone)) outcome.failures.push({ range: item.range, expected: expectedText(item, zone), actual: describeResult(evaluated.value, item) });
  }
  outcome.passed = outcome.failures.length === 0;
  return outcome;
}

export interface TestRun {
  check: CheckResult;
  outcomes: TestOutcome[];
  /** Policies whose tests could not run because the policy does not compile. */
  errors: EngineError[];
}

/** Runs the tests written in the given files (others are loaded for extends and use). */
export function runPolicyTests(sources: readonly SourceFile[], only?: ReadonlySet<string>): TestRun {
  const check = checkSources(sources);
  const outcomes: TestOutcome[] = [];
  const errors: EngineError[] = [];
  for (const file of check.workspace.files) {
    if (only && !only.has(file.uri)) continue;
    const policy = check.policies.get(file.id);
    if (!policy || !file.module.declarations.some((d) => d.kind === 'Test')) continue;
    const blocking = check.diagnostics.filter((d) => d.severity === 'error' && policy.chain.some((f) => f.uri === d.uri));
    if (blocking.length > 0) {
      errors.push(...blocking.map((d) => ({ code: 'E101' as const, message: `${d.code} ${d.message}`, uri: d.uri ?? file.uri, range: d.range })));
      continue;
    }
    const compiled = compile(policy, { partial: file.module.header.level !== 'property' });
    if (!compiled.value) {
      errors.push(...compiled.errors);
      continue;
    }
    for (const test of policy.tests) if (test.uri === file.uri) outcomes.push(runTest(compiled.value, test));
  }
  return { check, outcomes, errors };
}
