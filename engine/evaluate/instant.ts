// ISO 8601 instants to epoch ms, fast for the one layout tickets use
// (2026-03-02T08:05:00+08:00), exact for every other valid form via Date.parse.
// A simulation reads millions of these; Date.parse is the slow path.

const DIGIT0 = 48;

function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - DIGIT0;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
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

export function parseInstant(s: string): number {
  // yyyy-mm-ddThh:mm:ss±hh:mm (25 chars) or with Z (20 chars)
  if ((s.length === 25 || s.length === 20) && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45 && s.charCodeAt(10) === 84 && s.charCodeAt(13) === 58 && s.charCodeAt(16) === 58) {
    const y = digits(s, 0, 4);
    const mo = digits(s, 5, 2);
    const d = digits(s, 8, 2);
    const h = digits(s, 11, 2);
    const mi = digits(s, 14, 2);
    const se = digits(s, 17, 2);
    let offset = 0;
    let ok = y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && se >= 0 && se <= 59;
    if (ok && s.length === 25) {
      const sign = s.charCodeAt(19);
      const oh = digits(s, 20, 2);
      const om = digits(s, 23, 2);
      ok = (sign === 43 || sign === 45) && s.charCodeAt(22) === 58 && oh >= 0 && om >= 0;
      offset = (sign === 45 ? -1 : 1) * (oh * 60 + om);
    } else if (ok) {
      ok = s.charCodeAt(19) === 90;
    }
    if (ok) return d <= daysInMonth(y, mo) ? ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi - offset) * 60_000 + se * 1000 : Number.NaN;
  }
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
