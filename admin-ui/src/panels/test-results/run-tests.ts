// Runs a policy's own `test` blocks in the browser with the engine's runner,
// as `beacon test` does: each test's pass or failure, at its line. A policy
// that does not check or compile cannot run its tests: each is then listed as
// failed, with the errors that stopped it.
import { parse } from '../../../../grammar/index.js';
import { runPolicyTests, type EngineError } from '../../../../engine/index.js';
import type { RelatedFile } from '../../form/policy-context.js';

export interface FailureLine {
  line: number;
  expected: string;
  actual: string;
}

export interface ProblemLine {
  code: string;
  message: string;
  /** The file it is in when that is not the tested one. */
  uri?: string;
  line?: number;
}

export interface TestLine {
  name: string;
  line: number;
  passed: boolean;
  failures: FailureLine[];
  /** Why the test could not run. */
  problems: ProblemLine[];
}

export interface TestReport {
  tests: TestLine[];
  passed: number;
  failed: number;
  /** Errors that kept every test from running (the policy has errors or unfilled placeholders). */
  problems: ProblemLine[];
}

function problemLine(e: EngineError, path: string): ProblemLine {
  const p: ProblemLine = { code: e.code, message: e.message };
  if (e.uri !== undefined && e.uri !== path) p.uri = e.uri;
  if (e.range) p.line = e.range.start.line;
  return p;
}

export function runTests(path: string, text: string, related: readonly RelatedFile[]): TestReport {
  const sources = [...related.filter((r) => r.path !== path).map((r) => ({ uri: r.path, text: r.text })), { uri: path, text }];
  const run = runPolicyTests(sources, new Set([path]));
  const problems = run.errors.map((e) => problemLine(e, path));
  const byLine = new Map(run.outcomes.filter((o) => o.uri === path).map((o) => [o.range.start.line, o]));
  const declared = parse(text).value.declarations.filter((d) => d.kind === 'Test');
  const tests = declared.map((d): TestLine => {
    const line = d.range.start.line;
    const outcome = byLine.get(line);
    if (!outcome) return { name: d.name.value, line, passed: false, failures: [], problems };
    return {
      name: outcome.name,
      line,
      passed: outcome.passed,
      failures: outcome.failures.map((f) => ({ line: f.range.start.line, expected: f.expected, actual: f.actual })),
      problems: outcome.errors.map((e) => problemLine(e, path)),
    };
  });
  const passed = tests.filter((t) => t.passed).length;
  return { tests, passed, failed: tests.length - passed, problems };
}
