// Completion at a cursor: the keywords the grammar accepts there (Chevrotain's
// content assist, grammar/content-assist.ts) and the policy's own names that fit
// the slot, each with its Chinese label as detail.
import { contentAssist, type NextToken } from '../../../grammar/index.js';
import { currentLocale, type Locale } from '../i18n/locale.js';
import { et } from '../i18n/editor.js';
import { analyse } from './analysis.js';
import { keywordDocs } from './keyword-docs.js';
import { offsetAt } from './positions.js';
import { policySymbols } from './policy-symbols.js';
import type { Slot, SymbolKind } from './symbols.js';
import type { EditorRange, RelatedFile } from './types.js';

export interface CompletionItem {
  label: string;
  kind: 'keyword' | SymbolKind;
  detail?: string;
  documentation?: string;
  insertText: string;
  /** The word being typed, which the item replaces. */
  range: EditorRange;
}

const ROLE_KEYWORDS = new Set(['start', 'stop', 'pause', 'resume', 'restart', 'update']);

/** Which kinds of name the grammar's name slot stands for, read from the rules around it and the token before. */
export function slotFor(next: NextToken, previous: string | undefined): Slot {
  const rules = next.ruleStack;
  const rule = rules[rules.length - 1] ?? '';
  if (rule === 'header') return previous === 'extends' ? ['policy'] : [];
  if (rules.includes('useDecl')) return ['policy'];
  if (rules.includes('includeItem')) return ['calendar', 'policy'];
  if (rule === 'clockItem') {
    if (previous === 'calendar') return ['calendar'];
    return previous !== undefined && (ROLE_KEYWORDS.has(previous) || previous === ',') ? ['event'] : [];
  }
  if (rule === 'targetRow') return previous === '/' ? ['tier'] : ['category'];
  if (rule === 'targetValue') return previous === 'before' || previous === 'after' ? ['field'] : ['param'];
  if (rules.includes('warningItem') && rules.includes('nameList')) return ['role'];
  if (rule === 'penaltyRow') return ['warning'];
  if (rule === 'expectItem') return previous === 'warning' ? ['warning'] : previous === 'expect' ? ['clock'] : [];
  if (rule === 'ticketItem') return previous === 'event' ? ['event'] : ['field', 'attribute'];
  if (rules.includes('condition')) return ['param', 'field', 'attribute', 'member', 'category', 'tier', 'flag', 'clock', 'function'];
  if (rule === 'value') return ['param'];
  // Declaring a new name (clock x, param y, members): nothing to complete from.
  return [];
}

export function completionsAt(text: string, path: string, related: readonly RelatedFile[], line: number, column: number, locale: Locale = currentLocale()): CompletionItem[] {
  const offset = offsetAt(text, line, column);
  const assist = contentAssist(text, offset);
  const range: EditorRange = { startLine: line, startColumn: column - assist.prefix.length, endLine: line, endColumn: column };
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  const add = (item: CompletionItem): void => {
    const key = `${item.kind}|${item.label}`;
    if (seen.has(key)) return;
    seen.add(key);
    items.push(item);
  };
  const slots = new Set<SymbolKind>();
  for (const next of assist.next) {
    if (next.keyword) {
      add({ label: next.keyword, kind: 'keyword', detail: et('keyword', {}, locale), documentation: keywordDocs[next.keyword]?.[locale] ?? '', insertText: next.keyword, range });
    } else if (next.token === 'NameLike' || next.token === 'Identifier') {
      for (const kind of slotFor(next, assist.previous)) slots.add(kind);
    }
  }
  if (slots.size > 0) {
    const analysis = analyse(text, path, related);
    for (const s of policySymbols(analysis)) {
      if (!slots.has(s.kind)) continue;
      const detail = [s.label, et(`kind_${s.kind}`, {}, locale)].filter(Boolean).join(' · ');
      const item: CompletionItem = { label: s.name, kind: s.kind, detail, insertText: s.name, range };
      if (s.doc) item.documentation = s.doc;
      add(item);
    }
  }
  return items;
}
