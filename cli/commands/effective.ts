// `beacon effective --policy <file> [--property <id>] [--json]`: the effective
// policy with the file and line that set every value.
import { provenanceOf } from '../../engine/index.js';
import { parseArgs } from '../args.js';
import { textOf, UsageError, type Io } from '../io.js';
import { loadPolicy } from '../policy-loader.js';

export function runEffective(argv: readonly string[], io: Io): number {
  const t = textOf(io);
  const args = parseArgs(argv, { flags: ['json'], options: ['policy', 'property', 'with'], short: { p: 'policy', j: 'json' } }, t);
  const file = args.options.get('policy')?.[0] ?? args.positionals[0];
  if (!file) throw new UsageError(t.needsPolicy('effective'));
  const id = args.options.get('property')?.[0];
  const loaded = loadPolicy(io, file, args.options.get('with') ?? [], { ...(id ? { id } : {}), partial: true });
  if (!loaded) return 1;
  const texts = new Map(loaded.sources.map((s) => [s.uri, s.text]));
  const rows = provenanceOf(loaded.policy.effective, (uri, range) => (texts.get(uri) ?? '').slice(range.start.offset, range.end.offset).replace(/\s+/g, ' '));
  if (args.flags.has('json')) {
    io.out(`${JSON.stringify({ policy: loaded.policy.id, chain: loaded.policy.effective.chain.map((f) => f.id), values: rows }, null, 2)}\n`);
    return 0;
  }
  io.out(`${loaded.policy.id}: ${loaded.policy.effective.chain.map((f) => f.id).join(' -> ')}\n\n`);
  const width = Math.min(48, Math.max(...rows.map((r) => r.path.length)));
  for (const r of rows) io.out(`${r.path.padEnd(width)}  ${r.value}    (${r.uri}:${r.line})\n`);
  return 0;
}
