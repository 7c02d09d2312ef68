// `beacon fmt [--check | --write | --diff] <files or folders | ->`: the one canonical layout.
import { writeFileSync } from 'node:fs';
import { format, SourceText } from '../../grammar/index.js';
import { parseArgs } from '../args.js';
import { codeFrame } from '../code-frame.js';
import { unifiedDiff } from '../diff.js';
import { readNamedSources } from '../files.js';
import { textOf, UsageError, type Io } from '../io.js';

export async function runFmt(argv: readonly string[], io: Io): Promise<number> {
  const t = textOf(io);
  const args = parseArgs(argv, { flags: ['check', 'write', 'diff'], short: { c: 'check', w: 'write', d: 'diff' } }, t);
  const modes = ['check', 'write', 'diff'].filter((m) => args.flags.has(m));
  if (modes.length > 1) throw new UsageError(t.fmtOneOf);
  const mode = modes[0] as 'check' | 'write' | 'diff' | undefined;
  if (args.positionals.length === 0) throw new UsageError(t.needsFiles('fmt'));
  if (mode === 'write' && args.positionals.includes('-')) throw new UsageError(t.fmtWriteStdin);
  const { named, sources } = await readNamedSources(io, args.positionals);
  let failed = false;
  let changed = 0;
  sources.forEach((source, i) => {
    const result = format(source.text);
    if (result.value === undefined) {
      failed = true;
      const text = new SourceText(source.text);
      for (const d of result.diagnostics) io.err(`${codeFrame({ ...d, uri: source.uri }, text)}\n\n`);
      // The formatter refuses output that would not parse back to the same policy; that is our bug, not the writer's.
      if (result.diagnostics.length === 0) io.err(`${t.fmtKept(source.uri)}\n`);
      return;
    }
    const differs = result.value !== source.text;
    if (differs) changed++;
    if (mode === undefined) io.out(result.value);
    else if (mode === 'check' && differs) io.out(`${t.fmtNotFormatted(source.uri)}\n`);
    else if (mode === 'diff' && differs) io.out(unifiedDiff(source.uri, source.text, result.value));
    else if (mode === 'write' && differs) {
      writeFileSync(named[i] as string, result.value);
      io.out(`${t.fmtFormatted(source.uri)}\n`);
    }
  });
  if (mode === 'check' || mode === 'diff') {
    io.err(`${changed === 0 && !failed ? t.fmtAllFormatted(sources.length) : t.fmtNeedFormatting(changed, sources.length)}\n`);
    return failed || changed > 0 ? 1 : 0;
  }
  return failed ? 1 : 0;
}
