// `file:line:col: severity CODE message` followed by the offending line with
// the range underlined, the way compilers people know print it.
import { displayWidth, SourceText, type Diagnostic } from '../grammar/index.js';

export function headline(d: Diagnostic): string {
  const { line, column } = d.range.start;
  return `${d.uri ?? '<input>'}:${line}:${column}: ${d.severity} ${d.code} ${d.message}`;
}

export function codeFrame(d: Diagnostic, source: SourceText | undefined): string {
  const lines = [headline(d)];
  if (source) {
    const { start, end } = d.range;
    const gutter = String(start.line + 1).length;
    const pad = (n: number | string) => String(n).padStart(gutter);
    if (start.line > 1) lines.push(`   ${pad(start.line - 1)} | ${source.line(start.line - 1)}`);
    const text = source.line(start.line);
    lines.push(` > ${pad(start.line)} | ${text}`);
    const before = displayWidth(text.slice(0, start.column - 1));
    const lastColumn = end.line === start.line ? end.column : text.length + 1;
    const width = Math.max(1, displayWidth(text.slice(start.column - 1, lastColumn - 1)));
    lines.push(`   ${pad('')} | ${' '.repeat(before)}${'^'.repeat(width)}`);
  }
  if (d.help) lines.push(`   help: ${d.help}`);
  return lines.join('\n');
}
