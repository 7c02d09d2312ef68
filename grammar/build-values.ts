// CST -> AST for names, values, targets and conditions. Builds nodes only:
// whether a value fits where it stands is for engine/checks to say.
import type { CstNode, IToken } from 'chevrotain';
import type * as A from './ast.js';
import type * as C from './cst.generated.js';
import type { SourceText } from './source-text.js';

/** Positions Ranges keeps to give out again; a power of two, as slots are picked by an offset's low bits. */
const RECENT_POSITIONS = 64;

/**
 * Ranges for tokens and CST nodes, tolerant of tokens invented by error
 * recovery: a part that is missing gets an empty range at the end of the
 * `parent` range given (where it would have been written), or at the end of
 * the text when no parent is known.
 */
export class Ranges {
  constructor(readonly source: SourceText) {}

  // A node usually starts where its first part starts and ends where its last part ends, so
  // most positions are made twice. The last position made at each offset, in a small table
  // indexed by offset, is given out again: a large file's AST then holds 40% fewer positions,
  // and the AST is what every garbage collection during a parse has to copy. Positions are
  // never changed in place (span() and missing() already share them).
  private readonly recent: (A.Position | undefined)[] = new Array(RECENT_POSITIONS).fill(undefined);

  // Chevrotain's token fields hold doubles once any token has a NaN offset (tokens invented by
  // recovery, the made-up chunk header), and a double stored in a new object makes V8 keep that
  // field, in every position, as a separate heap number: three more objects per position. `| 0`
  // keeps the three fields small integers (offsets and lines are far below 2^31).
  private position(line: number, column: number, offset: number): A.Position {
    const slot = offset & (RECENT_POSITIONS - 1);
    const kept = this.recent[slot];
    if (kept !== undefined && kept.offset === offset && kept.line === line && kept.column === column) return kept;
    const made = { line: line | 0, column: column | 0, offset: offset | 0 };
    this.recent[slot] = made;
    return made;
  }

  // Tokens and CST nodes carry their lines and columns (positionTracking and
  // nodeLocationTracking are 'full'), so the hot path needs no offset lookup.
  // Chevrotain's end column is inclusive; ours is exclusive.
  ofToken(tok: IToken | undefined, parent?: A.Range): A.Range {
    if (!tok || tok.isInsertedInRecovery || Number.isNaN(tok.startOffset)) return this.missing(parent);
    const end = tok.startOffset + tok.image.length;
    const { startLine, startColumn, endLine, endColumn } = tok;
    if (startLine === undefined || startColumn === undefined || endLine === undefined || endColumn === undefined || !(endLine === startLine)) {
      return this.source.range(tok.startOffset, end);
    }
    return { start: this.position(startLine, startColumn, tok.startOffset), end: this.position(endLine, endColumn + 1, end) };
  }

  ofNode(node: CstNode | undefined, parent?: A.Range): A.Range {
    const loc = node?.location;
    if (!loc || !Number.isFinite(loc.startOffset) || !Number.isFinite(loc.endOffset)) return this.missing(parent);
    const end = (loc.endOffset as number) + 1;
    const { startLine, startColumn, endLine, endColumn } = loc;
    if (!Number.isFinite(startLine) || !Number.isFinite(startColumn) || !Number.isFinite(endLine) || !Number.isFinite(endColumn)) {
      return this.source.range(loc.startOffset, end);
    }
    return {
      start: this.position(startLine as number, startColumn as number, loc.startOffset),
      end: this.position(endLine as number, (endColumn as number) + 1, end),
    };
  }

  /** An empty range at the end of `parent`: where a missing part would have been. */
  missing(parent?: A.Range): A.Range {
    const end = parent?.end ?? this.source.position(this.source.text.length);
    return { start: end, end };
  }

  /** From the start of one range to the end of another. */
  span(a: A.Range, b: A.Range): A.Range {
    return { start: a.start, end: b.end.offset >= a.start.offset ? b.end : a.end };
  }
}

const MINUTES: Record<string, number> = { d: 1440, h: 60, min: 1, m: 1, s: 1 / 60 };

export function durationMinutes(text: string): number {
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(d|h|min|m|s)/g)) {
    total += Number(m[1]) * (MINUTES[m[2] as string] ?? 0);
  }
  return total;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', '"': '"', '\\': '\\' };

export function unquote(image: string): string {
  const body = image.endsWith('"') && image.length > 1 ? image.slice(1, -1) : image.slice(1);
  // \n, \t, \" and \\ are escapes; any other backslash is kept as written.
  return body.replace(/\\(.)/g, (whole, c: string) => ESCAPES[c] ?? whole);
}

/** Builds names, values, targets and conditions; `parent` places what recovery left out. */
export class ValueBuilder {
  constructor(readonly r: Ranges) {}

  /** `text` is '' (and the range empty, at the end of `parent`) when error recovery had to invent the name. */
  name(tok: IToken | undefined, parent?: A.Range): A.Name {
    if (tok && !tok.isInsertedInRecovery && !Number.isNaN(tok.startOffset)) {
      return { kind: 'Name', text: tok.image, range: this.r.ofToken(tok) };
    }
    return { kind: 'Name', text: '', range: this.r.missing(parent) };
  }

  names(list: C.NameListCstNode | undefined): A.Name[] {
    return (list?.children.NameLike ?? []).map((n) => this.name(n)).filter((n) => n.text !== '');
  }

  nameFromToken(tok: IToken | undefined, parent?: A.Range): A.Name {
    const range = this.r.ofToken(tok, parent);
    return { kind: 'Name', text: range.end.offset > range.start.offset && tok ? tok.image : '', range };
  }

  string(tok: IToken | undefined): A.StringLit | undefined {
    if (!tok || tok.isInsertedInRecovery || Number.isNaN(tok.startOffset)) return undefined;
    return { kind: 'String', value: unquote(tok.image), range: this.r.ofToken(tok) };
  }

  time(tok: IToken | undefined, parent?: A.Range): A.TimeLit {
    const range = this.r.ofToken(tok, parent);
    const text = tok && range.end.offset > range.start.offset ? tok.image : '00:00';
    const [h, m] = text.split(':');
    return { kind: 'Time', text, hour: Number(h), minute: Number(m), range };
  }

  date(tok: IToken | undefined, parent?: A.Range): A.DateLit {
    const range = this.r.ofToken(tok, parent);
    return { kind: 'Date', text: tok && range.end.offset > range.start.offset ? tok.image : '', range };
  }

  dateTime(tok: IToken | undefined, parent?: A.Range): A.DateTimeLit {
    const range = this.r.ofToken(tok, parent);
    return { kind: 'DateTime', text: tok && range.end.offset > range.start.offset ? tok.image : '', range };
  }

  value(node: C.ValueCstNode | undefined, parent?: A.Range): A.Value {
    const range = this.r.ofNode(node, parent);
    const c = node?.children;
    if (!c) return { kind: 'Placeholder', range };
    if (c.Placeholder) return { kind: 'Placeholder', range };
    if (c.DurationLiteral || c.PercentLiteral || c.NumberLiteral) return this.quantity(c, range);
    if (c.NameLike?.[0]) return { kind: 'NameRef', name: this.name(c.NameLike[0], range), range };
    if (c.TimeLiteral?.[0]) return this.time(c.TimeLiteral[0], range);
    if (c.DateTimeLiteral?.[0]) return this.dateTime(c.DateTimeLiteral[0], range);
    if (c.DateLiteral?.[0]) return this.date(c.DateLiteral[0], range);
    const str = this.string(c.StringLike?.[0]);
    if (str) return str;
    // Only reachable after error recovery; a placeholder keeps later phases quiet.
    return { kind: 'Placeholder', range };
  }

  private quantity(c: C.ValueCstChildren, range: A.Range): A.Value {
    const negative = Boolean(c.Minus);
    if (c.DurationLiteral?.[0]) return { kind: 'Duration', minutes: durationMinutes(c.DurationLiteral[0].image), text: c.DurationLiteral[0].image, negative, range };
    if (c.PercentLiteral?.[0]) return { kind: 'Percent', value: parseFloat(c.PercentLiteral[0].image), negative, range };
    const n = Number(c.NumberLiteral?.[0]?.image ?? 0) || 0;
    if (c.Kw_workdays || c.Kw_workday) return { kind: 'Workdays', days: n, negative, range };
    if (c.Kw_points || c.Kw_point) return { kind: 'Points', value: n, negative, range };
    return { kind: 'Number', value: n, negative, range };
  }

  targetValue(node: C.TargetValueCstNode | undefined, parent?: A.Range): A.TargetValue {
    const range = this.r.ofNode(node, parent);
    const c = node?.children;
    if (c?.Kw_every) return { kind: 'Every', interval: this.value(c.interval?.[0], range), range };
    if (c?.Kw_daily) return { kind: 'Daily', time: this.time(c.TimeLiteral?.[0], range), range };
    if (c?.Kw_deadline) {
      const target: A.DeadlineTarget = { kind: 'Deadline', deadline: this.name(c.deadline?.[0], range), range };
      if (c.Kw_else) target.fallback = this.targetValue(c.fallback?.[0], range);
      return target;
    }
    if (c?.Kw_same || c?.Kw_next) {
      const target: A.DayCutoffTarget = { kind: 'DayCutoff', day: c.Kw_same ? 'same' : 'next', range };
      if (c.cutoff?.[0]) target.time = this.time(c.cutoff[0], range);
      return target;
    }
    const value = this.value(c?.value?.[0], range);
    if (c?.Kw_before || c?.Kw_after) {
      return { kind: 'Relative', offset: value, direction: c.Kw_before ? 'before' : 'after', anchor: this.name(c.anchor?.[0], range), range };
    }
    return { kind: 'Fixed', value, range };
  }

  condition(node: C.ConditionCstNode | undefined, parent?: A.Range): A.Condition {
    const range = this.r.ofNode(node, parent);
    const parts = (node?.children.andCondition ?? []).map((n) => this.andCondition(n, range));
    if (parts.length === 1) return parts[0] as A.Condition;
    if (parts.length === 0) return this.emptyComparison(range);
    return { kind: 'Or', operands: parts, range };
  }

  private andCondition(node: C.AndConditionCstNode, parent: A.Range): A.Condition {
    const range = this.r.ofNode(node, parent);
    const parts = (node.children.notCondition ?? []).map((n) => this.notCondition(n, range));
    if (parts.length === 1) return parts[0] as A.Condition;
    if (parts.length === 0) return this.emptyComparison(range);
    return { kind: 'And', operands: parts, range };
  }

  private notCondition(node: C.NotConditionCstNode | undefined, parent: A.Range): A.Condition {
    const c = node?.children;
    const range = this.r.ofNode(node, parent);
    if (c?.Kw_not) return { kind: 'Not', operand: this.notCondition(c.notCondition?.[0], range), range };
    if (c?.condition) return this.condition(c.condition[0], range);
    return this.comparison(c?.comparison?.[0], range);
  }

  private emptyComparison(range: A.Range): A.Comparison {
    return { kind: 'Comparison', left: { kind: 'Placeholder', range }, range };
  }

  private comparison(node: C.ComparisonCstNode | undefined, parent: A.Range): A.Condition {
    const range = this.r.ofNode(node, parent);
    const c = node?.children;
    if (!c) return this.emptyComparison(range);
    const cmp: A.Comparison = { kind: 'Comparison', left: this.operand(c.left?.[0], range), range };
    const opTok = c.CompareOperator?.[0];
    if (opTok && !opTok.isInsertedInRecovery && !Number.isNaN(opTok.startOffset)) {
      cmp.op = opTok.image as A.CompareOp;
      if (c.items) {
        const first = this.r.ofToken(c.LParen?.[0], range);
        const lastItem = this.r.ofNode(c.items[c.items.length - 1], range);
        cmp.right = {
          kind: 'List',
          items: c.items.map((i) => this.operand(i, range)),
          range: this.r.span(first, this.r.ofToken(c.RParen?.[0], lastItem)),
        };
      } else {
        cmp.right = this.operand(c.right?.[0], range);
      }
    }
    return cmp;
  }

  operand(node: C.OperandCstNode | undefined, parent?: A.Range): A.Operand {
    const c = node?.children;
    const range = this.r.ofNode(node, parent);
    if (c?.callee) {
      return { kind: 'Call', callee: this.name(c.callee[0], range), args: (c.args ?? []).map((a) => this.argument(a, range)), range };
    }
    return this.value(c?.value?.[0], range);
  }

  /** A call's argument: the operand when it is one alone (`issueKey`, `households()`), else the condition. */
  private argument(node: C.ConditionCstNode, parent: A.Range): A.Argument {
    const condition = this.condition(node, parent);
    if (condition.kind === 'Comparison' && condition.op === undefined) return condition.left;
    return { kind: 'ConditionArg', condition, range: this.r.ofNode(node, parent) };
  }
}
