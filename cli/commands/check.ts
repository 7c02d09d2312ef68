// `beacon check <files or folders> [--with DIR] [--json]`: every diagnostic of
// the named policies; exit 1 if any is an error.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { hasErrors, type Diagnostic } from '../../grammar/index.js';
import { checkSources } from '../../engine/index.js';
import { parseArgs } from '../args.js';
import { codeFrame } from '../code-frame.js';
import { findPolicyFiles, readSources } from '../files.js';
import { UsageError, type Io } from '../io.js';

export const checkUsage = `beacon check <files or folders> [--with DIR]... [--json]
  Checks .sla policies and prints each problem as file:line:col: severity CODE message.
  Policies they extend or use are looked up among the named files, the --with
  folders, and ./policies when it exists. Exit code 1 when any error is found.`;

export function summary(diagnostics: readonly Diagnostic[], fileCount: number): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(fileCount, 'file')}.`;
}

export function runCheck(argv: readonly string[], io: Io): number {
  const args = parseArgs(argv, { flags: ['json'], options: ['with'] });
  if (args.positionals.length === 0) throw new UsageError('check needs at least one file or folder');
  const named = findPolicyFiles(io.cwd, args.positionals);
  const roots = [...(args.options.get('with') ?? [])];
  if (existsSync(resolve(io.cwd, 'policies'))) roots.push('policies');
  const reference = findPolicyFiles(io.cwd, roots).filter((f) => !named.includes(f));
  const namedSources = readSources(io.cwd, named);
  const namedUris = new Set(namedSources.map((s) => s.uri));
  const result = checkSources([...namedSources, ...readSources(io.cwd, reference)]);
  const diagnostics = result.diagnostics.filter((d) => d.uri === undefined || namedUris.has(d.uri));

  if (args.flags.has('json')) {
    io.out(`${JSON.stringify({ files: [...namedUris], diagnostics }, null, 2)}\n`);
  } else {
    const sources = new Map(result.workspace.files.map((f) => [f.uri, f.parsed.source]));
    for (const d of diagnostics) io.out(`${codeFrame(d, d.uri ? sources.get(d.uri) : undefined)}\n\n`);
    io.out(`${summary(diagnostics, named.length)}\n`);
  }
  return hasErrors(diagnostics) ? 1 : 0;
}
