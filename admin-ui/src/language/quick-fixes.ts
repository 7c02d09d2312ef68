// Quick fixes for "did you mean" diagnostics: the engine's help names the likely
// intended word; the fix replaces the diagnostic's range with it.
import type { EditorRange, TextEdit } from './types.js';

export interface QuickFix {
  title: string;
  /** The marker code the fix answers. */
  code: string;
  edit: TextEdit;
}

const DID_YOU_MEAN = /did you mean [`'"]([^`'"]+)[`'"]\s*\?/i;

/** The suggestion of a help text, if it is a "did you mean" one. */
export function suggestionOf(help: string | undefined): string | undefined {
  return help ? DID_YOU_MEAN.exec(help)?.[1] : undefined;
}

export function quickFixes(markers: readonly (EditorRange & { code: string; help?: string })[], title: (name: string) => string): QuickFix[] {
  const out: QuickFix[] = [];
  for (const m of markers) {
    const name = suggestionOf(m.help);
    if (name === undefined) continue;
    out.push({ title: title(name), code: m.code, edit: { startLine: m.startLine, startColumn: m.startColumn, endLine: m.endLine, endColumn: m.endColumn, text: name } });
  }
  return out;
}
