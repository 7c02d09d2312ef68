// `beacon check <files or folders | -> [--with DIR] [--json] [--max-errors N]`: every
// diagnostic of the named policies; exit 1 if any is an error.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { hasErrors, type Diagnostic } from '../../grammar/index.js';
import { checkSources, type SourceFile } from '../../engine/index.js';
import { parseArgs } from '../args.js';
import { codeFrame } from '../code-frame.js';
import { findPolicyFiles, readNamedSources, readSources } from '../files.js';
import { textOf, UsageError, type Io } from '../io.js';
import type { Messages } from '../messages.js';

function summary(diagnostics: readonly Diagnostic[], fileCount: number, text: Messages): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return text.checkSummary(errors, warnings, fileCount);
}

/** The diagnostics up to the n-th error (warnings among them kept), and how many errors were left out. */
function upToErrors(diagnostics: readonly Diagnostic[], max: number | undefined): { shown: Diagnostic[]; omitted: number } {
  if (max === undefined) return { shown: [...diagnostics], omitted: 0 };
  const shown: Diagnostic[] = [];
  let errors = 0;
  let omitted = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error' && ++errors > max) omitted++;
    else if (errors <= max) shown.push(d);
  }
  return { shown, omitted };
}

export async function runCheck(argv: readonly string[], io: Io): Promise<number> {
  const t = textOf(io);
  const args = parseArgs(argv, { flags: ['json'], options: ['with', 'max-errors'], short: { j: 'json', m: 'max-errors' } }, t);
  if (args.positionals.length === 0) throw new UsageError(t.needsFiles('check'));
  const maxText = args.options.get('max-errors')?.at(-1);
  const max = maxText === undefined ? undefined : Number(maxText);
  if (max !== undefined && !(Number.isInteger(max) && max >= 1)) throw new UsageError(t.maxErrors);
  const { named, sources: namedSources } = await readNamedSources(io, args.positionals);
  const roots = [...(args.options.get('with') ?? [])];
  if (existsSync(resolve(io.cwd, 'policies'))) roots.push('policies');
  const reference: SourceFile[] = readSources(io.cwd, findPolicyFiles(io.cwd, roots).filter((f) => !named.includes(f)));
  const namedUris = new Set(namedSources.map((s) => s.uri));
  const result = checkSources([...namedSources, ...reference]);
  const all = result.diagnostics.filter((d) => d.uri === undefined || namedUris.has(d.uri));
  const { shown, omitted } = upToErrors(all, max);

  if (args.flags.has('json')) {
    io.out(`${JSON.stringify({ files: [...namedUris], diagnostics: shown, ...(omitted ? { omittedErrors: omitted } : {}) }, null, 2)}\n`);
  } else {
    const sources = new Map(result.workspace.files.map((f) => [f.uri, f.parsed.source]));
    for (const d of shown) io.out(`${codeFrame(d, d.uri ? sources.get(d.uri) : undefined)}\n\n`);
    if (omitted) io.out(`${t.moreErrors(omitted)}\n`);
    io.out(`${summary(all, namedSources.length, t)}\n`);
  }
  return hasErrors(all) ? 1 : 0;
}
