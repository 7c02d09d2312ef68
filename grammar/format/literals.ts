// Canonical spellings of literals. Each must lex back to the very same AST
// value: a spelling is only used after checking it reads back exactly, and
// the fall-backs are exact by construction.
import { durationMinutes } from '../build-values.js';

/**
 * A non-negative number in plain decimal digits (the language has no
 * exponent notation). `Infinity`, which only a literal of 309 or more digits
 * produces, is written as such a literal.
 */
export function plainNumber(n: number): string {
  if (n === Infinity) return `1${'0'.repeat(309)}`;
  if (!Number.isFinite(n) || n < 0) return '0';
  const shortest = String(n);
  const e = shortest.indexOf('e');
  if (e < 0) return shortest;
  const exponent = Number(shortest.slice(e + 1));
  const [whole = '', fraction = ''] = shortest.slice(0, e).split('.');
  const digits = whole + fraction;
  const point = whole.length + exponent;
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

const UNITS: ReadonlyArray<readonly [string, number]> = [
  ['d', 86_400],
  ['h', 3_600],
  ['m', 60],
  ['s', 1],
];

/** `5400` seconds -> `1h30m`; zero -> `0m`. */
function fromSeconds(seconds: number): string {
  let rest = seconds;
  let text = '';
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) text += `${plainNumber(count)}${unit}`;
  }
  return text || '0m';
}

const MINUTES_PER: ReadonlyArray<readonly [string, number]> = [
  ['d', 1440],
  ['h', 60],
  ['m', 1],
];

/** `1.1d`: a length that whole units cannot spell, as a short decimal of one unit. */
function decimal(minutes: number): string | undefined {
  for (let places = 1; places <= 6; places++) {
    for (const [unit, size] of MINUTES_PER) {
      const text = `${plainNumber(Number((minutes / size).toFixed(places)))}${unit}`;
      if (durationMinutes(text) === minutes) return text;
    }
  }
  return undefined;
}

/**
 * A duration from its length in minutes: whole days, hours, minutes and
 * seconds (`1d`, `1h30m`, `45s`); failing that a short decimal (`1.1d` is
 * 1584.0000000000002 minutes); failing that the exact decimal minutes.
 */
export function durationText(minutes: number): string {
  if (Number.isFinite(minutes) && minutes >= 0 && minutes < Number.MAX_SAFE_INTEGER / 60) {
    const spelled = fromSeconds(Math.round(minutes * 60));
    if (durationMinutes(spelled) === minutes) return spelled;
    const short = decimal(minutes);
    if (short !== undefined) return short;
  }
  return `${plainNumber(minutes)}m`;
}

/** A string literal that unquotes to `value`. */
export function quote(value: string): string {
  return `"${value.replace(/[\\"\n\t]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\${c}`))}"`;
}

export function sign(negative: boolean): string {
  return negative ? '-' : '';
}

/** `1 point`, `0.2 points`; `1 workday`, `2 workdays`. */
export function counted(n: number, one: string, many: string): string {
  return `${plainNumber(n)} ${n === 1 ? one : many}`;
}
