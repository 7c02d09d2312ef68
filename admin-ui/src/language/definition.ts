// Go to definition across the extends chain: a name resolves in the effective
// policy, so a clock the group declares opens the group's file at its line.
import { analyse } from './analysis.js';
import { nameAt } from './ast-path.js';
import { policySymbols } from './policy-symbols.js';
import { offsetAt } from './positions.js';
import { resolve, slotOf } from './symbols.js';
import { editorRange, type EditorRange, type RelatedFile } from './types.js';

export interface Definition {
  /** The file that declares the name: the open file's path or a related file's. */
  path: string;
  range: EditorRange;
}

export function definitionAt(text: string, path: string, related: readonly RelatedFile[], line: number, column: number): Definition | undefined {
  const a = analyse(text, path, related);
  const named = nameAt(a.module, offsetAt(text, line, column));
  if (!named) return undefined;
  const symbol = resolve(policySymbols(a), slotOf(named.parent, named.field), named.name.text);
  if (!symbol?.uri || !symbol.range) return undefined;
  return { path: symbol.uri, range: editorRange(symbol.range) };
}
