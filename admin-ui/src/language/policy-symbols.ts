// The symbols of an analysis: the effective policy's names and the loaded policy files.
import type { Analysis } from './analysis.js';
import { symbolsOf, type PolicySymbol } from './symbols.js';

const cache = new WeakMap<Analysis, PolicySymbol[]>();

export function policySymbols(analysis: Analysis): PolicySymbol[] {
  let symbols = cache.get(analysis);
  if (!symbols) {
    const files = analysis.check.workspace.files.filter((f) => f.id !== '').map((f) => {
      const p: { id: string; uri: string; range: typeof f.module.header.range; label?: string } = { id: f.id, uri: f.uri, range: f.module.header.name.range };
      if (f.module.header.label) p.label = f.module.header.label.value;
      return p;
    });
    symbols = symbolsOf(analysis.policy, files);
    cache.set(analysis, symbols);
  }
  return symbols;
}
