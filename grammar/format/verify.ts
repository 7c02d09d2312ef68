// The formatter's promise, checked on every run: the output parses without
// errors to the same AST (ranges aside) and carries the same comments. A
// formatter that quietly changed a penalty or dropped a note would be worse
// than none, so format() gives no text when this fails.
import { hasErrors } from '../diagnostics.js';
import { parse, type ParseResult } from '../parse.js';

/** Deep equality of two ASTs, ignoring `range` and absent-versus-undefined fields. */
export function sameAst(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameAst(x, b[i]));
  const keys = (o: object): string[] =>
    Object.entries(o)
      .filter(([k, v]) => k !== 'range' && v !== undefined)
      .map(([k]) => k)
      .sort();
  const ka = keys(a);
  const kb = keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k, i) => k === kb[i] && sameAst((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

function sortedComments(texts: readonly string[]): string[] {
  return texts.map((t) => t.trimEnd()).sort();
}

/** True when `formatted` says exactly what the original parse said. */
export function faithful(original: ParseResult, formatted: string): boolean {
  const again = parse(formatted);
  if (hasErrors(again.diagnostics) || !sameAst(original.value, again.value)) return false;
  const before = sortedComments(original.comments.map((c) => c.image));
  const after = sortedComments(again.comments.map((c) => c.image));
  return before.length === after.length && before.every((c, i) => c === after[i]);
}
