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
  /** Re-check after a one-character edit in the middle, with the editor's incremental parsing (the previous text's parse kept). */
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
    // The keystroke: a digit typed into a value halfway down, then deleted, and so on; every
    // run is an edit of the text before it, so nothing is answered from an unchanged text.
    const at = text.indexOf('= ', text.length >> 1) + 2;
    const edited = `${text.slice(0, at)}1${text.slice(at)}`;
    const incremental = incrementalParsing();
    let n = 0;
    const editT = measure(() => checkText(n++ % 2 ? text : edited, 'bench.sla', [], { parse: incremental }));
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
