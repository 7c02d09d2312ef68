// ISO 8601 instants to epoch ms, fast for the one layout tickets use
// (2026-03-02T08:05:00+08:00), exact for every other valid form via Date.parse.
// A simulation reads millions of these; Date.parse is the slow path.

const DIGIT0 = 48;

/**
 * The instants the engine accepts: [1970-01-01T00:00Z, 2200-01-01T00:00Z). Tickets,
 * their events and the evaluation instant must lie inside (E208). The bound keeps the
 * zone tables within what the tz database describes (nothing before 1970) and keeps
 * every calendar computation finite and small: an instant in year 50 or 30000 is a
 * typing mistake, not a service-desk ticket.
 */
export const FIRST_INSTANT_MS = Date.UTC(1970, 0, 1);
export const END_INSTANT_MS = Date.UTC(2200, 0, 1);
/** The supported range as people read it, for messages and docs. */
export const INSTANT_RANGE_TEXT = '1970-01-01T00:00:00Z to 2200-01-01T00:00:00Z (UTC, the end excluded)';

/** True for a real instant inside the supported range. */
export function inSupportedRange(ms: number): boolean {
  return ms >= FIRST_INSTANT_MS && ms < END_INSTANT_MS;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Two digits at i, or -1. */
function d2(s: string, i: number): number {
  const a = s.charCodeAt(i) - DIGIT0;
  const b = s.charCodeAt(i + 1) - DIGIT0;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** The day number of the last yyyy-mm-dd seen: tickets' instants mostly share a few dates. */
let lastDateKey = -1;
let lastDays = 0;

/** What fastInstant answers for a text not in the one layout it reads. */
export const NOT_FAST = Number.NEGATIVE_INFINITY;

export function parseInstant(s: string): number {
  const ms = fastInstant(s);
  return ms === NOT_FAST ? slowInstant(s) : ms;
}

/**
 * The one layout tickets use, yyyy-mm-ddThh:mm:ss±hh:mm (25 chars) or with Z (20 chars),
 * to epoch ms; NaN for that layout naming no real date (02-30); NOT_FAST for any other
 * text. Every text it reads is of the schema's instant shape (shape-text.ts isInstantText),
 * so a shape check may take its answer for that shape's.
 */
export function fastInstant(s: string): number {
  const len = s.length;
  if ((len === 25 || len === 20) && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45 && s.charCodeAt(10) === 84 && s.charCodeAt(13) === 58 && s.charCodeAt(16) === 58) {
    const y1 = d2(s, 0);
    const y2 = d2(s, 2);
    const mo = d2(s, 5);
    const d = d2(s, 8);
    const h = d2(s, 11);
    const mi = d2(s, 14);
    const se = d2(s, 17);
    let offset = 0;
    let ok = y1 >= 0 && y2 >= 0 && mo >= 1 && mo <= 12 && d >= 1 && h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && se >= 0 && se <= 59;
    if (ok && len === 25) {
      const sign = s.charCodeAt(19);
      const oh = d2(s, 20);
      const om = d2(s, 23);
      ok = (sign === 43 || sign === 45) && s.charCodeAt(22) === 58 && oh >= 0 && om >= 0;
      offset = (sign === 45 ? -1 : 1) * (oh * 60 + om);
    } else if (ok) {
      ok = s.charCodeAt(19) === 90;
    }
    if (ok) {
      const y = y1 * 100 + y2;
      if (d > daysInMonth(y, mo)) return Number.NaN;
      const key = (y * 100 + mo) * 100 + d;
      if (key !== lastDateKey) {
        lastDays = daysFromCivil(y, mo, d);
        lastDateKey = key;
      }
      return ((lastDays * 24 + h) * 60 + mi - offset) * 60_000 + se * 1000;
    }
  }
  return NOT_FAST;
}

function slowInstant(s: string): number {
  // Other layouts (fractions of a second, no seconds): Date.parse, but it rolls 02-30 over to
  // March, so the calendar date is checked first.
  const date = /^(\d{4})-(\d{2})-(\d{2})T/.exec(s);
  if (date && Number(date[3]) > daysInMonth(Number(date[1]), Number(date[2]))) return Number.NaN;
  return Date.parse(s);
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}
