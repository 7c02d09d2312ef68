// The edited file among the files it builds on (group, branch, calendars):
// parsed, linked and merged into its effective policy, so the form can say
// for every value whether this file sets it or which file it inherits it from.
import { hasErrors, parse, type ParseResult } from '../../../grammar/index.js';
import { effectivePolicy, type EffectivePolicy, type ModuleFile, type Workspace } from '../../../engine/index.js';

export interface RelatedFile {
  path: string;
  text: string;
}

export interface PolicyContext {
  /** The edited file. */
  file: ModuleFile;
  /** Its chain, root first, ending with the edited file. */
  chain: ModuleFile[];
  effective: EffectivePolicy;
  /** The effective policy of everything above the edited file (absent for a root). */
  inherited?: EffectivePolicy;
  /** True when the edited text has a syntax error: its AST may be partial, so the form does not edit it. */
  broken: boolean;
  /** The files it was read with, to read an edited text the same way. */
  related: readonly RelatedFile[];
}

// The group policy is 1,800 lines and does not change while a property is edited:
// its parse is kept, keyed by its text.
const CACHE_SIZE = 16;
const parsed = new Map<string, ParseResult>();

function parseCached(text: string): ParseResult {
  const hit = parsed.get(text);
  if (hit) {
    parsed.delete(text);
    parsed.set(text, hit);
    return hit;
  }
  const result = parse(text);
  parsed.set(text, result);
  if (parsed.size > CACHE_SIZE) parsed.delete(parsed.keys().next().value as string);
  return result;
}

function moduleFile(uri: string, text: string): ModuleFile {
  const result = parseCached(text);
  return { uri, parsed: result, module: result.value, id: result.value.header.name.text };
}

/** Root first; a missing parent or a cycle ends the chain, as engine's chainOf does. */
function chainTo(byId: ReadonlyMap<string, ModuleFile>, file: ModuleFile): ModuleFile[] {
  const chain = [file];
  let current = file;
  while (current.module.header.extends) {
    const parent = byId.get(current.module.header.extends.text);
    if (!parent || chain.includes(parent) || parent.module.header.level === 'library' || parent.module.header.level === 'property') break;
    chain.unshift(parent);
    current = parent;
  }
  return chain;
}

export function policyContext(path: string, text: string, related: readonly RelatedFile[]): PolicyContext {
  const file = moduleFile(path, text);
  const files = [file, ...related.filter((r) => r.path !== path).map((r) => moduleFile(r.path, r.text))];
  const byId = new Map<string, ModuleFile>();
  // The edited file wins its id: a stale copy of it among the related files must not shadow it.
  for (const f of files) if (f.id !== '' && !byId.has(f.id)) byId.set(f.id, f);
  const ws: Workspace = { files, byId, diagnostics: [] };
  const chain = chainTo(byId, file);
  const context: PolicyContext = { file, chain, effective: effectivePolicy(ws, chain), broken: hasErrors(file.parsed.diagnostics), related };
  if (chain.length > 1) context.inherited = effectivePolicy(ws, chain.slice(0, -1));
  return context;
}
