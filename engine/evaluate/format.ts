// Instants and lengths as people read them, in the policy's time zone. Formatting runs
// for every instant of every answer, so it reads the zone's offset from the calendar's
// table (a binary search) and writes the digits itself; luxon, which asks Intl each
// time, is kept for what the table cannot serve (an invalid zone, years past 9999).
import { DateTime } from 'luxon';
import { zoneOffsets } from '../calendar/index.js';

type ZoneOffsets = ReturnType<typeof zoneOffsets>;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Years written with four digits: ISO 8601 needs a sign and more digits beyond. */
const MAX_PLAIN_MS = Date.UTC(10000, 0, 1);

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

// An answer writes a dozen instants of one zone, mostly on a few dates: the zone's table,
// the last date's digits and the last offset's text are kept rather than looked up or
// written again (no Date objects, no Map lookup per instant).
let tableZone: string | null = null;
let table: ZoneOffsets | null = null;

/** The zone's offset at ms, or null when the table cannot tell (luxon decides then). */
function offsetIn(zone: string, ms: number): number | null {
  if (ms < 0 || ms >= MAX_PLAIN_MS) return null;
  if (zone !== tableZone) {
    try {
      table = zoneOffsets(zone);
    } catch {
      table = null;
    }
    tableZone = zone;
  }
  if (!table) return null;
  try {
    return table.offsetAt(ms);
  } catch {
    return null;
  }
}

let offsetTextZone: string | null = null;
let offsetTextMs = 0;
let offsetTextCached = '';

/** luxon writes its own UTC zone (named "utc" or "gmt") as Z, every IANA zone as ±hh:mm. */
function offsetText(zone: string, offsetMs: number): string {
  if (zone === offsetTextZone && offsetMs === offsetTextMs) return offsetTextCached;
  const name = zone.toLowerCase();
  let text: string;
  if (offsetMs === 0 && (name === 'utc' || name === 'gmt')) text = 'Z';
  else {
    const minutes = Math.round(Math.abs(offsetMs) / MINUTE_MS);
    text = `${offsetMs < 0 ? '-' : '+'}${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
  }
  offsetTextZone = zone;
  offsetTextMs = offsetMs;
  offsetTextCached = text;
  return text;
}

/** The civil date of the last local day written (Howard Hinnant's civil_from_days). */
let civilDay = Number.NaN;
let civilYear = 0;
let civilMonthDay = '';

function setCivil(day: number): void {
  if (day === civilDay) return;
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  civilYear = yoe + era * 400 + (m <= 2 ? 1 : 0);
  civilMonthDay = `${pad2(m)}-${pad2(d)}`;
  civilDay = day;
}

const year4 = (y: number): string => String(y).padStart(4, '0');

/** "2026-03-02T09:00:00+08:00" (milliseconds only when there are some), as luxon's toISO writes it. */
export function isoInZone(ms: number | null, zone: string): string | null {
  if (ms === null || !Number.isFinite(ms)) return null;
  const offset = offsetIn(zone, ms);
  if (offset === null) return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true });
  // As new Date(ms + offset) would read it: whole milliseconds, truncated.
  const local = Math.trunc(ms + offset);
  const day = Math.floor(local / DAY_MS);
  const rem = local - day * DAY_MS;
  setCivil(day);
  const millis = rem % 1000;
  const seconds = Math.floor(rem / 1000);
  const time = `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}${millis ? `.${String(millis).padStart(3, '0')}` : ''}`;
  return `${year4(civilYear)}-${civilMonthDay}T${time}${offsetText(zone, offset)}`;
}

let referenceZone: string | null = null;
let referenceMs = Number.NaN;
let referenceYear: number | null = null;

/** The local year of the reference instant, or null when the table cannot tell. */
function yearOf(ms: number, zone: string): number | null {
  if (ms === referenceMs && zone === referenceZone) return referenceYear;
  const offset = offsetIn(zone, ms);
  let year: number | null = null;
  if (offset !== null) {
    setCivil(Math.floor(Math.trunc(ms + offset) / DAY_MS));
    year = civilYear;
  }
  referenceZone = zone;
  referenceMs = ms;
  referenceYear = year;
  return year;
}

/** "10-08 11:00", with the year when it differs from the reference instant's. */
export function shortInZone(ms: number, zone: string, referenceMs: number): string {
  const refYear = yearOf(referenceMs, zone);
  const offset = offsetIn(zone, ms);
  if (offset === null || refYear === null) {
    const d = DateTime.fromMillis(ms, { zone });
    const sameYear = d.year === DateTime.fromMillis(referenceMs, { zone }).year;
    return d.toFormat(sameYear ? 'MM-dd HH:mm' : 'yyyy-MM-dd HH:mm');
  }
  const local = Math.trunc(ms + offset);
  const day = Math.floor(local / DAY_MS);
  const minutes = Math.floor((local - day * DAY_MS) / MINUTE_MS);
  setCivil(day);
  const text = `${civilMonthDay} ${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
  return civilYear === refYear ? text : `${year4(civilYear)}-${text}`;
}

/** A local day number as "MM-dd". */
export function dayInZone(day: number): string {
  const d = new Date(day * 86_400_000);
  return `${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** 135 -> "2 h 15 min" / "2小时15分钟"; days when long. */
export function lengthText(minutes: number): { en: string; zh: string } {
  const m = Math.max(0, Math.round(minutes));
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const mins = m % 60;
  const en: string[] = [];
  const zh: string[] = [];
  if (days) {
    en.push(`${days} d`);
    zh.push(`${days}天`);
  }
  if (hours) {
    en.push(`${hours} h`);
    zh.push(`${hours}小时`);
  }
  if (mins || en.length === 0) {
    en.push(`${mins} min`);
    zh.push(`${mins}分钟`);
  }
  return { en: en.join(' '), zh: zh.join('') };
}
