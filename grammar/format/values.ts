// Values, operands, conditions and target values, each on one line.
import type { Argument, Condition, Operand, TargetValue, Value } from '../ast.js';
import { counted, plainNumber, quote, sign } from './literals.js';

/**
 * Dates, instants and times keep the text as written (`8:30` stays `8:30`):
 * the AST keeps that text, and the formatter never changes what the AST says.
 */
export function valueText(v: Value): string {
  switch (v.kind) {
    case 'Duration':
      return sign(v.negative) + v.text;
    case 'Workdays':
      return sign(v.negative) + counted(v.days, 'workday', 'workdays');
    case 'Percent':
      return `${sign(v.negative)}${plainNumber(v.value)}%`;
    case 'Points':
      return sign(v.negative) + counted(v.value, 'point', 'points');
    case 'Number':
      return sign(v.negative) + plainNumber(v.value);
    case 'Placeholder':
      return '[X]';
    case 'NameRef':
      return v.name.text;
    case 'Time':
    case 'Date':
    case 'DateTime':
      return v.text;
    case 'String':
      return quote(v.value);
  }
}

export function operandText(o: Operand): string {
  switch (o.kind) {
    case 'Call':
      return `${o.callee.text}(${o.args.map(argumentText).join(', ')})`;
    case 'List':
      return `(${o.items.map(operandText).join(', ')})`;
    default:
      return valueText(o);
  }
}

/** A call's argument: an operand, or a condition (share()'s filter), written as a condition is in `when`. */
export function argumentText(a: Argument): string {
  return a.kind === 'ConditionArg' ? conditionText(a.condition) : operandText(a);
}

/**
 * `and` binds tighter than `or`, and `not` tighter than both. An `and` or
 * `or` that is an operand of another condition is always parenthesised:
 * where precedence or flattening needs it, and an `and` inside an `or` for
 * the reader. The parser drops parentheses, so the AST is unchanged.
 */
export function conditionText(c: Condition): string {
  switch (c.kind) {
    case 'Or':
      return c.operands.map(operandCondition).join(' or ');
    case 'And':
      return c.operands.map(operandCondition).join(' and ');
    case 'Not':
      // `not (channel in (app, wechat))` reads unambiguously; `not channel in (…)` does not.
      return c.operand.kind === 'Comparison' && c.operand.op !== undefined ? `not (${conditionText(c.operand)})` : `not ${operandCondition(c.operand)}`;
    case 'Comparison': {
      const left = operandText(c.left);
      if (c.op === undefined) return left;
      return c.right === undefined ? `${left} ${c.op}` : `${left} ${c.op} ${operandText(c.right)}`;
    }
  }
}

/**
 * A long `or` (or `and`) condition over several lines, one operand a line:
 * `[first, 'or second', 'or third']`. Anything else is one line.
 */
export function conditionLines(c: Condition): string[] {
  if (c.kind !== 'Or' && c.kind !== 'And') return [conditionText(c)];
  const word = c.kind === 'Or' ? 'or' : 'and';
  return c.operands.map((o, i) => (i === 0 ? operandCondition(o) : `${word} ${operandCondition(o)}`));
}

function operandCondition(c: Condition): string {
  return c.kind === 'And' || c.kind === 'Or' ? `(${conditionText(c)})` : conditionText(c);
}

export function targetValueText(t: TargetValue): string {
  switch (t.kind) {
    case 'Fixed':
      return valueText(t.value);
    case 'Relative':
      return `${valueText(t.offset)} ${t.direction} ${t.anchor.text}`;
    case 'Every':
      return `every ${valueText(t.interval)}`;
    case 'Daily':
      return `daily by ${t.time.text}`;
    case 'Deadline':
      return `deadline ${t.deadline.text}${t.fallback ? ` else ${targetValueText(t.fallback)}` : ''}`;
    case 'DayCutoff':
      return `${t.day} day${t.time ? ` ${t.time.text}` : ''}`;
  }
}
