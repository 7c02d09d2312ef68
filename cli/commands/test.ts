// `beacon test [files or folders] [--run PATTERN]`: runs the policies' `test` blocks.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { runPolicyTests } from '../../engine/index.js';
import { parseArgs } from '../args.js';
import { findPolicyFiles, readSources } from '../files.js';
import { textOf, UsageError, type Io } from '../io.js';

export function runTest(argv: readonly string[], io: Io): number {
  const t = textOf(io);
  const args = parseArgs(argv, { flags: ['json'], options: ['with', 'run'], short: { j: 'json', r: 'run' } }, t);
  const pattern = args.options.get('run')?.at(-1);
  const only = ((): RegExp | undefined => {
    try {
      return pattern === undefined ? undefined : new RegExp(pattern);
    } catch (e) {
      throw new UsageError(t.testBadPattern(pattern as string, (e as Error).message));
    }
  })();
  const paths = args.positionals.length > 0 ? args.positionals : ['policies'];
  const named = findPolicyFiles(io.cwd, paths);
  const roots = [...(args.options.get('with') ?? [])];
  if (existsSync(resolve(io.cwd, 'policies'))) roots.push('policies');
  const reference = findPolicyFiles(io.cwd, roots).filter((f) => !named.includes(f));
  const sources = readSources(io.cwd, named);
  const run = runPolicyTests([...sources, ...readSources(io.cwd, reference)], new Set(sources.map((s) => s.uri)));
  const outcomes = only ? run.outcomes.filter((o) => only.test(o.name)) : run.outcomes;
  const failed = outcomes.filter((o) => !o.passed);

  if (args.flags.has('json')) {
    io.out(`${JSON.stringify({ outcomes: outcomes.map(({ result: _result, ...o }) => o), errors: run.errors }, null, 2)}\n`);
  } else {
    for (const e of run.errors) io.out(`${e.uri ?? ''}${e.range ? `:${e.range.start.line}:${e.range.start.column}` : ''}: error ${e.code} ${e.message}\n`);
    for (const o of outcomes) {
      const where = `${o.uri}:${o.range.start.line}`;
      if (o.passed) {
        io.out(`  ok   ${where}  ${o.name}\n`);
        continue;
      }
      io.out(`  FAIL ${where}  ${o.name}\n`);
      for (const e of o.errors) io.out(`         ${e.code} ${e.message}${e.help ? ` (${e.help})` : ''}\n`);
      for (const f of o.failures) io.out(`         ${o.uri}:${f.range.start.line}:${f.range.start.column}: expected ${f.expected}, got ${f.actual}\n`);
      const reasons = o.result?.clocks.map((c) => c.reason.en) ?? [];
      for (const r of reasons) io.out(`           · ${r}\n`);
    }
    io.out(`\n${t.testSummary(outcomes.length - failed.length, failed.length)}\n`);
  }
  // A pattern that selects nothing is most likely a typo: saying "0 passed" would hide it.
  if (pattern !== undefined && outcomes.length === 0) {
    io.err(`beacon test: ${t.testNoMatch(pattern)}\n`);
    return 1;
  }
  return failed.length > 0 || run.errors.length > 0 ? 1 : 0;
}
