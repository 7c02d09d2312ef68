// `beacon compile --target json-rules-engine --policy <file> [--property <id>]`
import { toJsonRules } from '../../engine/index.js';
import { parseArgs } from '../args.js';
import { textOf, UsageError, type Io } from '../io.js';
import { loadPolicy } from '../policy-loader.js';

export function runCompile(argv: readonly string[], io: Io): number {
  const t = textOf(io);
  const args = parseArgs(argv, { options: ['target', 'policy', 'property', 'with'], short: { p: 'policy' } }, t);
  const target = args.options.get('target')?.[0];
  if (target !== 'json-rules-engine') throw new UsageError(t.compileTarget(target));
  const file = args.options.get('policy')?.[0] ?? args.positionals[0];
  if (!file) throw new UsageError(t.needsPolicy('compile'));
  const id = args.options.get('property')?.[0];
  // Rules can be exported from a template too: comparisons with its [X] never hold.
  const loaded = loadPolicy(io, file, args.options.get('with') ?? [], { ...(id ? { id } : {}), partial: true });
  if (!loaded) return 1;
  io.out(`${JSON.stringify({ policy: loaded.policy.id, engine: 'json-rules-engine@7', rules: toJsonRules(loaded.policy) }, null, 2)}\n`);
  return 0;
}
