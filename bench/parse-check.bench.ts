// Parse + check time of generated policies, with a baseline measured in the
// same run: JSON.parse of a document of the same size (how fast this machine
// is right now at plain text-to-data work).
import { parse } from '../grammar/index.js';
import { checkText, incrementalParsing } from '../engine/index.js';
import { generatePolicy } from './generate-policy.js';
import { fmtMs, measure } from './measure.js';

/** Issue 13: parse + check of a 10,000-line policy, which the admin UI runs on every keystroke. */
export const PARSE_CHECK_BAR_MS = 50;

export interface ParseCheckRow {
  lines: number;
  bytes: number;
  parseMs: number;
  checkMs: number;
  /** Re-check after typing one more character halfway down (the previous call's text and parse kept), with the editor's incremental parsing. */
  editMs: number;
  baselineMs: number;
  errors: number;
}

export function benchParseCheck(sizes: number[]): ParseCheckRow[] {
  return sizes.map((lines) => {
    const text = generatePolicy(lines);
    const json = JSON.stringify({ text: text.split('\n') });
    const errors = checkText(text, 'bench.sla').diagnostics.filter((d) => d.severity === 'error').length;
    const parseT = measure(() => parse(text));
    const checkT = measure(() => checkText(text, 'bench.sla'));
    // The editor's real case, typing forward: every timed call adds one character to the
    // text of the call before it, halfway down, so the declaration typed into is new each
    // time and every declaration after it has moved. Three digits go in front of a value
    // (`= 7h` becomes `= 1237h`), then the cursor goes to the next value down, so values
    // stay numbers a person could type however many calls the timing takes.
    const typist = typingForward(text, text.length >> 1);
    const incremental = incrementalParsing();
    const editT = measure(() => checkText(typist(), 'bench.sla', [], { parse: incremental }));
    const baseline = measure(() => JSON.parse(json));
    return { lines: text.split('\n').length - 1, bytes: text.length, parseMs: parseT.medianMs, checkMs: checkT.medianMs, editMs: editT.medianMs, baselineMs: baseline.medianMs, errors };
  });
}

export function reportParseCheck(rows: ParseCheckRow[]): string {
  const bar = (ms: number, r: ParseCheckRow): string => (r.lines >= 10_000 ? (ms < PARSE_CHECK_BAR_MS ? 'met' : 'MISSED') : '—');
  const header = `| lines | parse ms | parse+check ms | re-check after an edit ms | JSON.parse same size ms | ratio to baseline | bar (under ${PARSE_CHECK_BAR_MS} ms at 10,000 lines): from scratch / after an edit |`;
  const body = rows.map(
    (r) =>
      `| ${r.lines} | ${fmtMs(r.parseMs)} | ${fmtMs(r.checkMs)} | ${fmtMs(r.editMs)} | ${fmtMs(r.baselineMs)} | ${(r.checkMs / r.baselineMs).toFixed(1)}x | ${bar(r.checkMs, r)} / ${bar(r.editMs, r)} |`,
  );
  return [header, '|---|---|---|---|---|---|---|', ...body].join('\n');
}

/**
 * Each call returns the text of the call before with one more digit typed: three digits in
 * front of a value (after `= `) at or after `from`, then on to the next value down.
 */
export function typingForward(text: string, from: number): () => string {
  // A value that starts with a digit (a duration or a number), not `kind = repair`.
  const nextValue = (t: string, at: number): number => {
    const pattern = /= (?=\d)/g;
    pattern.lastIndex = at;
    const found = pattern.exec(t) ?? ((pattern.lastIndex = from), pattern.exec(t));
    if (!found) throw new Error('typingForward: the text has no value to type into');
    return found.index + 2;
  };
  let current = text;
  let value = nextValue(current, from);
  let typed = 0;
  return () => {
    if (typed === 3) {
      value = nextValue(current, value);
      typed = 0;
    }
    const at = value + typed;
    typed++;
    current = `${current.slice(0, at)}${String(typed)}${current.slice(at)}`;
    return current;
  };
}
