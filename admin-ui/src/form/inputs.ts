// What a user may type into the form, checked before any text is produced:
// a bad entry gets a problem code the form shows beside the input (catalogue
// i18n/form.ts), never a text edit. Each accepted entry comes back as the
// canonical spelling the grammar reads (and the formatter prints).
import { durationMinutes } from '../../../grammar/index.js';

/** Every problem an entry can have; each has a message in i18n/form.ts (form.problem.<code>). */
export const INPUT_PROBLEMS = [
  'empty',
  'duration',
  'zero',
  'tooLong',
  'workdays',
  'count',
  'percent',
  'points',
  'number',
  'target',
  'unknownParam',
  'readOnly',
  'broken',
  'notFound',
  'internal',
] as const;

export type InputProblem = (typeof INPUT_PROBLEMS)[number];

export type Parsed = { ok: true; text: string } | { ok: false; problem: InputProblem };

const ok = (text: string): Parsed => ({ ok: true, text });
const bad = (problem: InputProblem): Parsed => ({ ok: false, problem });

/** Ten years: no service-desk limit is longer, and it keeps numbers far from overflow. */
const MAX_MINUTES = 3650 * 1440;
const MAX_DAYS = 3650;

// Chinese units as a manager types them from the rule book ("30分钟", "2小时", "1天").
const ZH_UNITS: ReadonlyArray<readonly [RegExp, string]> = [
  [/分钟|分/g, 'm'],
  [/小时|时/g, 'h'],
  [/天|日/g, 'd'],
  [/秒/g, 's'],
];

const DURATION = /^(?:\d+(?:\.\d+)?(?:d|h|min|m|s))+$/;

/** `90m`, `2h`, `1d`, `1h30m`, `30min`, `1.5h` (also `2 小时`); longer than zero, at most ten years. */
export function parseDuration(input: string): Parsed {
  let text = input.trim().toLowerCase();
  if (text === '') return bad('empty');
  for (const [zh, unit] of ZH_UNITS) text = text.replace(zh, unit);
  text = text.replace(/\s+/g, '');
  if (!DURATION.test(text)) return bad('duration');
  const minutes = durationMinutes(text);
  if (!(minutes > 0)) return bad('zero');
  if (minutes > MAX_MINUTES) return bad('tooLong');
  return ok(text);
}

function plainNumber(input: string, unitWords: RegExp): number | undefined {
  const text = input.trim().toLowerCase().replace(unitWords, '').trim();
  if (!/^\d+(?:\.\d+)?$/.test(text)) return undefined;
  return Number(text);
}

/** `2`, `2 workdays`, `1 workday`, `2个工作日`: a whole number of working days, 1 to 3650. */
export function parseWorkdays(input: string): Parsed {
  if (input.trim() === '') return bad('empty');
  const n = plainNumber(input, /workdays?|个?工作日/g);
  if (n === undefined || !Number.isInteger(n)) return bad('workdays');
  if (n < 1) return bad('zero');
  if (n > MAX_DAYS) return bad('tooLong');
  return ok(`${n} ${n === 1 ? 'workday' : 'workdays'}`);
}

/** A whole count (households): 0 to ten million. */
export function parseCount(input: string): Parsed {
  if (input.trim() === '') return bad('empty');
  const n = plainNumber(input, /户|家/g);
  if (n === undefined || !Number.isInteger(n) || n > 10_000_000) return bad('count');
  return ok(String(n));
}

/** `5%`, `5`, `0.1%`: 0 to 100 percent. */
export function parsePercent(input: string): Parsed {
  if (input.trim() === '') return bad('empty');
  const n = plainNumber(input, /%/g);
  if (n === undefined || n > 100) return bad('percent');
  return ok(`${n}%`);
}

/** `0.2`, `0.2 points`, `1 point`, `1分`: 0 to 1000 points, at most two decimals. */
export function parsePoints(input: string): Parsed {
  if (input.trim() === '') return bad('empty');
  const n = plainNumber(input, /points?|分/g);
  const twoPlaces = /^\d+(?:\.\d{1,2})?$/.test(String(n));
  if (n === undefined || n > 1000 || !twoPlaces) return bad('points');
  return ok(`${n} ${n === 1 ? 'point' : 'points'}`);
}

/** A plain number (a count in a warning's condition, such as `repeatCount >= 1`). */
export function parseNumber(input: string): Parsed {
  if (input.trim() === '') return bad('empty');
  const n = plainNumber(input, /次/g);
  if (n === undefined || n > 1_000_000) return bad('number');
  return ok(String(n));
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A target cell: a length (`30m`, `2h`), working days (`3 workdays`) or the
 * name of a parameter that holds one (`contact_within`).
 */
export function parseTarget(input: string, params: ReadonlyMap<string, string | undefined>): Parsed {
  const text = input.trim();
  if (text === '') return bad('empty');
  if (NAME.test(text) && !/^\d/.test(text)) {
    if (!params.has(text)) return bad('unknownParam');
    const type = params.get(text);
    return type === undefined || type === 'duration' || type === 'workdays' ? ok(text) : bad('target');
  }
  if (/workdays?|工作日/i.test(text)) return parseWorkdays(text);
  const duration = parseDuration(text);
  return duration.ok || duration.problem !== 'duration' ? duration : bad('target');
}

/** A parameter's value by its declared type. */
export function parseParamValue(type: string | undefined, input: string): Parsed {
  switch (type) {
    case 'workdays':
      return parseWorkdays(input);
    case 'count':
      return parseCount(input);
    case 'percent':
      return parsePercent(input);
    case 'duration':
    default:
      return parseDuration(input);
  }
}

/** A warning threshold, kept to the kind of value it replaces. */
export function parseThreshold(kind: 'Duration' | 'Percent' | 'Number' | 'Workdays', input: string): Parsed {
  switch (kind) {
    case 'Duration':
      return parseDuration(input);
    case 'Percent':
      return parsePercent(input);
    case 'Workdays':
      return parseWorkdays(input);
    case 'Number':
      return parseNumber(input);
  }
}
