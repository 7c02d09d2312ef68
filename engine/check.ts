// Checking a set of policy files: parse, link, then run every check stage on
// each module against its effective policy. Never throws on user input.
import { sortDiagnostics, type Diagnostic } from '../grammar/index.js';
import { createContext } from './checks/context.js';
import { stages } from './checks/registry.js';
import { effectivePolicy, type EffectivePolicy } from './effective.js';
import { buildWorkspace, chainOf, reportCycles, type ModuleFile, type ParseSource, type SourceFile, type Workspace } from './workspace.js';

export interface CheckResult {
  workspace: Workspace;
  /** Effective policy of each module id (libraries included). */
  policies: Map<string, EffectivePolicy>;
  diagnostics: Diagnostic[];
}

export interface CheckOptions {
  /** How each file is parsed: an editor passes `incrementalParsing()` so a keystroke re-parses one declaration, not the file. */
  parse?: ParseSource;
}

export function checkSources(sources: readonly SourceFile[], options: CheckOptions = {}): CheckResult {
  const ws = buildWorkspace(sources, options.parse);
  reportCycles(ws);
  const diagnostics = [...ws.diagnostics];
  const policies = new Map<string, EffectivePolicy>();
  const cache = new Map<string, EffectivePolicy>();
  const effective = (chain: ModuleFile[]): EffectivePolicy => {
    const key = chain.map((f) => f.uri).join('\n');
    let p = cache.get(key);
    if (!p) {
      p = effectivePolicy(ws, chain);
      cache.set(key, p);
    }
    return p;
  };
  for (const file of ws.files) {
    const { chain } = chainOf(ws, file);
    const policy = effective(chain);
    const inherited = chain.length > 1 ? effective(chain.slice(0, -1)) : undefined;
    if (ws.byId.get(file.id) === file) policies.set(file.id, policy);
    const ctx = createContext(ws, file, policy, inherited, diagnostics);
    for (const stage of stages) for (const check of stage.checks) check.run(ctx);
  }
  return { workspace: ws, policies, diagnostics: sortDiagnostics(dedupe(diagnostics)) };
}

/** A parent's problem seen through each child is still one problem. */
function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  // The kept ones by where they start; compared field by field (no key string made for each).
  const seen = new Map<number, Diagnostic[]>();
  return diagnostics.filter((d) => {
    const at = d.range.start.offset;
    const same = seen.get(at);
    if (!same) {
      seen.set(at, [d]);
      return true;
    }
    if (same.some((s) => `${s.uri}` === `${d.uri}` && s.code === d.code && s.range.end.offset === d.range.end.offset && s.message === d.message)) return false;
    same.push(d);
    return true;
  });
}

/** Checks one text on its own, as the editor does for the file being typed. */
export function checkText(text: string, uri = 'policy.sla', others: readonly SourceFile[] = [], options: CheckOptions = {}): CheckResult {
  return checkSources([...others.filter((o) => o.uri !== uri), { uri, text }], options);
}
