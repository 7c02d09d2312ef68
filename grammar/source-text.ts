// Offsets to line/column positions, so every range is computed the same way
// whether it comes from a token, a CST node or a lexer error.
import type { Position, Range } from './ast.js';

export class SourceText {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    if (!text.includes('\r')) {
      // The common case, made on every parse of a whole file: line feeds only, found by indexOf.
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.lineStarts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.lineStarts.push(i + 1);
    }
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] as number) <= o) lo = mid;
      else hi = mid - 1;
    }
    // `| 0`: small-integer fields, as in build-values.ts Ranges (a double would be boxed per field).
    return { line: (lo + 1) | 0, column: (o - (this.lineStarts[lo] as number) + 1) | 0, offset: o | 0 };
  }

  /** `end` is exclusive. */
  range(start: number, end: number): Range {
    const s = this.position(start);
    return { start: s, end: end <= start ? s : this.position(end) };
  }

  /** The text of the given 1-based line, without its line break. */
  line(line: number): string {
    const start = this.lineStarts[line - 1];
    if (start === undefined) return '';
    const next = this.lineStarts[line];
    return this.text.slice(start, next ?? this.text.length).replace(/\r?\n$|\r$/, '');
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }
}
