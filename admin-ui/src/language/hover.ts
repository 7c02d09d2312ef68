// Hover: a keyword's documentation; a name's label, kind and where it is declared;
// a value's effective value for this policy and the file and line that set it
// (engine/provenance.ts), which may be the group or a branch rather than this file.
import { cellKey, provenanceOf, type ProvenanceRow } from '../../../engine/index.js';
import type { AnyNode, Range } from '../../../grammar/index.js';
import { et } from '../i18n/editor.js';
import { currentLocale, type Locale } from '../i18n/locale.js';
import { analyse, type Analysis } from './analysis.js';
import { nameAt, nodesAt } from './ast-path.js';
import { keywordDocs } from './keyword-docs.js';
import { policySymbols } from './policy-symbols.js';
import { offsetAt } from './positions.js';
import { resolve, slotOf } from './symbols.js';
import { editorRange, type EditorRange, type RelatedFile } from './types.js';

export interface Hover {
  /** Markdown paragraphs. */
  contents: string[];
  range: EditorRange;
}

const provenanceCache = new WeakMap<Analysis, ProvenanceRow[]>();

function provenance(a: Analysis): ProvenanceRow[] {
  let rows = provenanceCache.get(a);
  if (!rows) {
    rows = a.policy ? provenanceOf(a.policy, (uri: string, r: Range) => (a.texts.get(uri) ?? '').slice(r.start.offset, r.end.offset)) : [];
    provenanceCache.set(a, rows);
  }
  return rows;
}

/** The provenance path ("param x", "clock c target engineering/urgent", "penalty red") of the value under the cursor. */
export function valuePathOf(path: readonly AnyNode[]): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const node = path[i] as AnyNode;
    if (node.kind === 'Param') return `param ${node.name.text}`;
    if (node.kind === 'PenaltyRow') return `penalty ${node.level.text}`;
    if (node.kind === 'TargetRow' || (node.kind === 'Target' && node.value)) {
      const clock = path.find((n) => n.kind === 'Clock');
      if (!clock || clock.kind !== 'Clock') return undefined;
      const key = node.kind === 'TargetRow' ? cellKey(node.category?.text, node.tier?.text) : '*/*';
      return `clock ${clock.name.text} target ${key === '*/*' ? '*' : key}`;
    }
  }
  return undefined;
}

function fileName(uri: string): string {
  return uri.split('/').pop() ?? uri;
}

function effectiveLine(row: ProvenanceRow, locale: Locale): string {
  return `${et('effectiveValue', { value: `\`${row.value}\`` }, locale)} — ${et('setBy', { module: row.module, file: fileName(row.uri), line: row.line }, locale)}`;
}

const WORD = /[A-Za-z_][A-Za-z0-9_-]*/g;

function keywordAt(text: string, offset: number): { word: string; start: number; end: number } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEndRaw = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEndRaw < 0 ? text.length : lineEndRaw);
  // A word after `//` (outside a string) is in a comment.
  const beforeCursor = line.slice(0, offset - lineStart).replace(/"(?:[^"\\]|\\.)*"/g, '');
  if (beforeCursor.includes('//')) return undefined;
  for (const m of line.matchAll(WORD)) {
    const start = lineStart + (m.index ?? 0);
    const end = start + m[0].length;
    if (start <= offset && offset <= end) return keywordDocs[m[0]] ? { word: m[0], start, end } : undefined;
  }
  return undefined;
}

export function hoverAt(text: string, path: string, related: readonly RelatedFile[], line: number, column: number, locale: Locale = currentLocale()): Hover | undefined {
  const a = analyse(text, path, related);
  const offset = offsetAt(text, line, column);
  const nodes = nodesAt(a.module, offset);
  const innermost = nodes[nodes.length - 1];
  const named = nameAt(a.module, offset);
  if (named) {
    const contents: string[] = [];
    const symbol = resolve(policySymbols(a), slotOf(named.parent, named.field), named.name.text);
    if (symbol) {
      contents.push(`**${symbol.name}**${symbol.label ? ` ${symbol.label}` : ''} · ${et(`kind_${symbol.kind}`, {}, locale)}`);
      if (symbol.doc) contents.push(symbol.doc);
      if (symbol.uri && symbol.range) contents.push(et('declaredIn', { file: fileName(symbol.uri), line: symbol.range.start.line }, locale));
      if (symbol.kind === 'param') {
        const row = provenance(a).find((r) => r.path === `param ${symbol.name}`);
        if (row) contents.push(effectiveLine(row, locale));
      }
    }
    // A name inside a target row or penalty row: that cell's effective value too.
    const valuePath = symbol?.kind === 'param' ? undefined : valuePathOf(nodes);
    const row = valuePath ? provenance(a).find((r) => r.path === valuePath) : undefined;
    if (row) contents.push(effectiveLine(row, locale));
    return contents.length > 0 ? { contents, range: editorRange(named.name.range) } : undefined;
  }
  if (innermost && innermost.kind !== 'String') {
    const keyword = keywordAt(text, offset);
    if (keyword) {
      const start = a.file.parsed.source.position(keyword.start);
      const end = a.file.parsed.source.position(keyword.end);
      return { contents: [`**${keyword.word}** · ${et('keyword', {}, locale)}`, keywordDocs[keyword.word]?.[locale] ?? ''], range: editorRange({ start, end }) };
    }
    const valuePath = valuePathOf(nodes);
    const row = valuePath ? provenance(a).find((r) => r.path === valuePath) : undefined;
    if (row && innermost.kind !== 'Module') return { contents: [`\`${row.path}\``, effectiveLine(row, locale)], range: editorRange(innermost.range) };
  }
  return undefined;
}
