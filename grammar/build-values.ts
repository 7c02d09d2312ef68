// CST -> AST for names, values, targets and conditions. Builds nodes only:
// whether a value fits where it stands is for engine/checks to say.
import type { CstNode, IToken } from 'chevrotain';
import type * as A from './ast.js';
import type * as C from './cst.generated.js';
import type { SourceText } from './source-text.js';

/** Ranges for tokens and CST nodes, tolerant of tokens invented by error recovery. */
export class Ranges {
  constructor(readonly source: SourceText) {}

  ofToken(tok: IToken | undefined, fallback?: A.Range): A.Range {
    if (!tok || Number.isNaN(tok.startOffset)) return fallback ?? this.source.range(this.source.text.length, this.source.text.length);
    return this.source.range(tok.startOffset, tok.startOffset + tok.image.length);
  }

  ofNode(node: CstNode | undefined, fallback?: A.Range): A.Range {
    const loc = node?.location;
    if (loc && Number.isFinite(loc.startOffset) && Number.isFinite(loc.endOffset)) {
      return this.source.range(loc.startOffset, (loc.endOffset as number) + 1);
    }
    return fallback ?? this.source.range(this.source.text.length, this.source.text.length);
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

export function unquote(image: string): string {
  const body = image.endsWith('"') && image.length > 1 ? image.slice(1, -1) : image.slice(1);
  return body.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

export class ValueBuilder {
  constructor(readonly r: Ranges) {}

  name(node: C.NameCstNode | undefined, fallback?: A.Range): A.Name {
    const tok = node?.children.Identifier?.[0] ?? node?.children.Kw_flags?.[0];
    const text = tok && !tok.isInsertedInRecovery && !Number.isNaN(tok.startOffset) ? tok.image : '';
    return { kind: 'Name', text, range: this.r.ofToken(tok, this.r.ofNode(node, fallback)) };
  }

  names(list: C.NameListCstNode | undefined): A.Name[] {
    return (list?.children.name ?? []).map((n) => this.name(n)).filter((n) => n.text !== '');
  }

  nameFromToken(tok: IToken | undefined): A.Name {
    return { kind: 'Name', text: tok && !Number.isNaN(tok.startOffset) ? tok.image : '', range: this.r.ofToken(tok) };
  }

  string(tok: IToken | undefined): A.StringLit | undefined {
    if (!tok || Number.isNaN(tok.startOffset)) return undefined;
    return { kind: 'String', value: unquote(tok.image), range: this.r.ofToken(tok) };
  }

  time(tok: IToken | undefined): A.TimeLit {
    const text = tok && !Number.isNaN(tok.startOffset) ? tok.image : '00:00';
    const [h, m] = text.split(':');
    return { kind: 'Time', text, hour: Number(h), minute: Number(m), range: this.r.ofToken(tok) };
  }

  date(tok: IToken | undefined): A.DateLit {
    return { kind: 'Date', text: tok && !Number.isNaN(tok.startOffset) ? tok.image : '', range: this.r.ofToken(tok) };
  }

  dateTime(tok: IToken | undefined): A.DateTimeLit {
    return { kind: 'DateTime', text: tok && !Number.isNaN(tok.startOffset) ? tok.image : '', range: this.r.ofToken(tok) };
  }

  value(node: C.ValueCstNode | undefined): A.Value {
    const range = this.r.ofNode(node);
    const c = node?.children;
    if (!c) return { kind: 'Placeholder', range };
    if (c.Placeholder) return { kind: 'Placeholder', range };
    if (c.quantity?.[0]) return this.quantity(c.quantity[0]);
    if (c.name?.[0]) return { kind: 'NameRef', name: this.name(c.name[0]), range };
    if (c.TimeLiteral?.[0]) return this.time(c.TimeLiteral[0]);
    if (c.DateTimeLiteral?.[0]) return this.dateTime(c.DateTimeLiteral[0]);
    if (c.DateLiteral?.[0]) return this.date(c.DateLiteral[0]);
    const str = this.string(c.StringLike?.[0]);
    if (str) return str;
    // Only reachable after error recovery; a placeholder keeps later phases quiet.
    return { kind: 'Placeholder', range };
  }

  private quantity(node: C.QuantityCstNode): A.Value {
    const c = node.children;
    const range = this.r.ofNode(node);
    const negative = Boolean(c.Minus);
    if (c.DurationLiteral?.[0]) return { kind: 'Duration', minutes: durationMinutes(c.DurationLiteral[0].image), negative, range };
    if (c.PercentLiteral?.[0]) return { kind: 'Percent', value: parseFloat(c.PercentLiteral[0].image), negative, range };
    const n = Number(c.NumberLiteral?.[0]?.image ?? 0) || 0;
    if (c.Kw_workdays || c.Kw_workday) return { kind: 'Workdays', days: n, negative, range };
    if (c.Kw_points || c.Kw_point) return { kind: 'Points', value: n, negative, range };
    return { kind: 'Number', value: n, negative, range };
  }

  targetValue(node: C.TargetValueCstNode | undefined): A.TargetValue {
    const range = this.r.ofNode(node);
    const c = node?.children;
    if (c?.Kw_every) return { kind: 'Every', interval: this.value(c.interval?.[0]), range };
    if (c?.Kw_daily) return { kind: 'Daily', time: this.time(c.TimeLiteral?.[0]), range };
    const value = this.value(c?.value?.[0]);
    if (c?.Kw_before || c?.Kw_after) {
      return { kind: 'Relative', offset: value, direction: c.Kw_before ? 'before' : 'after', anchor: this.name(c.anchor?.[0], range), range };
    }
    return { kind: 'Fixed', value, range };
  }

  condition(node: C.ConditionCstNode | undefined): A.Condition {
    const parts = (node?.children.andCondition ?? []).map((n) => this.andCondition(n));
    if (parts.length === 1) return parts[0] as A.Condition;
    if (parts.length === 0) return this.emptyComparison(this.r.ofNode(node));
    return { kind: 'Or', operands: parts, range: this.r.ofNode(node) };
  }

  private andCondition(node: C.AndConditionCstNode): A.Condition {
    const parts = (node.children.notCondition ?? []).map((n) => this.notCondition(n));
    if (parts.length === 1) return parts[0] as A.Condition;
    if (parts.length === 0) return this.emptyComparison(this.r.ofNode(node));
    return { kind: 'And', operands: parts, range: this.r.ofNode(node) };
  }

  private notCondition(node: C.NotConditionCstNode): A.Condition {
    const c = node.children;
    const range = this.r.ofNode(node);
    if (c.Kw_not) return { kind: 'Not', operand: this.notCondition(c.notCondition?.[0] ?? ({ children: {} } as C.NotConditionCstNode)), range };
    if (c.condition) return this.condition(c.condition[0]);
    return this.comparison(c.comparison?.[0]);
  }

  private emptyComparison(range: A.Range): A.Comparison {
    return { kind: 'Comparison', left: { kind: 'Placeholder', range }, range };
  }

  private comparison(node: C.ComparisonCstNode | undefined): A.Condition {
    const range = this.r.ofNode(node);
    const c = node?.children;
    if (!c) return this.emptyComparison(range);
    const cmp: A.Comparison = { kind: 'Comparison', left: this.operand(c.left?.[0]), range };
    const opTok = c.CompareOperator?.[0];
    if (opTok && !Number.isNaN(opTok.startOffset)) {
      cmp.op = opTok.image as A.CompareOp;
      if (c.items) {
        const first = c.LParen?.[0];
        const last = c.RParen?.[0];
        cmp.right = {
          kind: 'List',
          items: c.items.map((i) => this.operand(i)),
          range: this.r.span(this.r.ofToken(first), this.r.ofToken(last, this.r.ofNode(c.items[c.items.length - 1]))),
        };
      } else {
        cmp.right = this.operand(c.right?.[0]);
      }
    }
    return cmp;
  }

  operand(node: C.OperandCstNode | undefined): A.Operand {
    const c = node?.children;
    if (c?.callee) {
      return { kind: 'Call', callee: this.name(c.callee[0]), args: (c.args ?? []).map((a) => this.operand(a)), range: this.r.ofNode(node) };
    }
    return this.value(c?.value?.[0]);
  }
}
