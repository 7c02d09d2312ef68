// `beacon fmt [--check | --write] <files or folders>`: the one canonical layout.
import { writeFileSync } from 'node:fs';
import { format, SourceText } from '../../grammar/index.js';
import { parseArgs } from '../args.js';
import { codeFrame } from '../code-frame.js';
import { findPolicyFiles, readSources } from '../files.js';
import { UsageError, type Io } from '../io.js';

export const fmtUsage = `beacon fmt [--check | --write] <files or folders>
  Prints .sla files in the canonical layout. --check lists the files that are not
  formatted and exits 1 if any; --write rewrites them in place. Files with syntax
  errors are reported and left untouched (exit 1).`;

export function runFmt(argv: readonly string[], io: Io): number {
  const args = parseArgs(argv, { flags: ['check', 'write'] });
  if (args.flags.has('check') && args.flags.has('write')) throw new UsageError('choose one of --check and --write');
  if (args.positionals.length === 0) throw new UsageError('fmt needs at least one file or folder');
  const files = findPolicyFiles(io.cwd, args.positionals);
  const sources = readSources(io.cwd, files);
  let failed = false;
  let changed = 0;
  sources.forEach((source, i) => {
    const result = format(source.text);
    if (result.value === undefined) {
      failed = true;
      const text = new SourceText(source.text);
      for (const d of result.diagnostics) io.err(`${codeFrame({ ...d, uri: source.uri }, text)}\n\n`);
      // The formatter refuses output that would not parse back to the same policy; that is our bug, not the writer's.
      if (result.diagnostics.length === 0) io.err(`${source.uri}: the formatter could not keep this file's meaning, so it was left unchanged. Please report this file.\n`);
      return;
    }
    if (args.flags.has('check')) {
      if (result.value !== source.text) {
        changed++;
        io.out(`${source.uri}: not formatted\n`);
      }
    } else if (args.flags.has('write')) {
      if (result.value !== source.text) {
        writeFileSync(files[i] as string, result.value);
        changed++;
        io.out(`${source.uri}: formatted\n`);
      }
    } else {
      io.out(result.value);
    }
  });
  if (args.flags.has('check')) {
    io.err(changed === 0 && !failed ? `${sources.length} file(s) already formatted.\n` : `${changed} of ${sources.length} file(s) need formatting.\n`);
    return failed || changed > 0 ? 1 : 0;
  }
  return failed ? 1 : 0;
}
