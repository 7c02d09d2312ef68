// Instants and lengths as people read them, in the policy's time zone. Formatting runs
// for every instant of every answer, so it reads the zone's offset from the calendar's
// table (a binary search) and writes the digits itself; luxon, which asks Intl each
// time, is kept for what the table cannot serve (an invalid zone, years past 9999).
import { DateTime } from 'luxon';
import { zoneOffsets } from '../calendar/index.js';
import type { OffsetSpan } from '../calendar/zone.js';

type ZoneOffsets = ReturnType<typeof zoneOffsets>;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Years written with four digits: ISO 8601 needs a sign and more digits beyond. */
const MAX_PLAIN_MS = Date.UTC(10000, 0, 1);

/** "00" to "99", written once: a dozen instants an answer, each with five two-digit fields. */
const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, n) => (n < 10 ? `0${n}` : String(n)));
const pad2 = (n: number): string => TWO_DIGITS[n] ?? String(n);

// An answer writes a dozen instants of one zone, mostly on a few dates, and a batch writes
// the same evaluation instant for every ticket: the zone's current offset span, each
// local day's date text and the latest instants' texts are kept rather than looked up or
// written again (no Date objects, no Map lookup per instant). Every table below is a
// fixed number of slots, a slot overwritten by the next key that maps to it, so none grows.
let tableZone: string | null = null;
let table: ZoneOffsets | null = null;
/** The span of the table's zone that the latest instant fell in. */
const span: OffsetSpan = { start: 0, end: 0, offset: 0 };

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
    span.end = span.start;
  }
  if (!table) return null;
  if (ms >= span.start && ms < span.end) return span.offset;
  try {
    table.spanAt(ms, span);
    return span.offset;
  } catch {
    span.end = span.start;
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

// Local days' texts by day number (Howard Hinnant's civil_from_days, once a day).
const DAY_SLOTS = 256;
const dayKey = new Float64Array(DAY_SLOTS).fill(Number.NaN);
const dayYear = new Int32Array(DAY_SLOTS);
const dayMonthDay: string[] = new Array<string>(DAY_SLOTS).fill('');
/** yyyy-MM-dd. */
const dayDate: string[] = new Array<string>(DAY_SLOTS).fill('');

/** The slot holding the local day's texts. */
function civil(day: number): number {
  const slot = day & (DAY_SLOTS - 1);
  if (dayKey[slot] === day) return slot;
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const monthDay = `${pad2(m)}-${pad2(d)}`;
  dayKey[slot] = day;
  dayYear[slot] = year;
  dayMonthDay[slot] = monthDay;
  dayDate[slot] = `${String(year).padStart(4, '0')}-${monthDay}`;
  return slot;
}

// The pieces every instant's text is made of, each written once: "HH:mm" by minute of the
// day, ":ss" with the offset's text by second, numbers as text.
const CLOCK_TEXTS: string[] = new Array<string>(1440);
const clockText = (minuteOfDay: number): string => (CLOCK_TEXTS[minuteOfDay] ??= `${pad2(Math.floor(minuteOfDay / 60))}:${pad2(minuteOfDay % 60)}`);

let tailOffset = '';
let TAILS: string[] = new Array<string>(60);
function secondsAndOffset(second: number, offset: string): string {
  if (offset !== tailOffset) {
    TAILS = new Array<string>(60);
    tailOffset = offset;
  }
  return (TAILS[second] ??= `:${pad2(second)}${offset}`);
}

const NUMBER_TEXTS: string[] = new Array<string>(4096);
const numberText = (n: number): string => (n < 4096 ? (NUMBER_TEXTS[n] ??= String(n)) : String(n));

const INSTANT_SLOTS = 64;
const slotOf = (ms: number): number => ((ms / 1000) >>> 0) & (INSTANT_SLOTS - 1);
/** The zone the instants' texts below were written in. */
let textZone: string | null = null;
const isoMs = new Float64Array(INSTANT_SLOTS).fill(Number.NaN);
const isoText: string[] = new Array<string>(INSTANT_SLOTS).fill('');
const shortMs = new Float64Array(INSTANT_SLOTS).fill(Number.NaN);
const shortText: string[] = new Array<string>(INSTANT_SLOTS).fill('');
/** The reference year the short texts were written against (the year is left out when it matches). */
let shortYear: number | null = null;

function useZone(zone: string): void {
  if (zone === textZone) return;
  isoMs.fill(Number.NaN);
  shortMs.fill(Number.NaN);
  textZone = zone;
}

/** "2026-03-02T09:00:00+08:00" (milliseconds only when there are some), as luxon's toISO writes it. */
export function isoInZone(ms: number | null, zone: string): string | null {
  if (ms === null || !Number.isFinite(ms)) return null;
  useZone(zone);
  const slot = slotOf(ms);
  if (isoMs[slot] === ms) return isoText[slot] as string;
  const text = writeIso(ms, zone);
  if (text !== null) {
    isoMs[slot] = ms;
    isoText[slot] = text;
  }
  return text;
}

function writeIso(ms: number, zone: string): string | null {
  const offset = offsetIn(zone, ms);
  if (offset === null) return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true });
  // As new Date(ms + offset) would read it: whole milliseconds, truncated.
  const local = Math.trunc(ms + offset);
  const day = Math.floor(local / DAY_MS);
  // Within a day every count is a small integer: int32 arithmetic, not float division and fmod.
  const rem = (local - day * DAY_MS) | 0;
  const millis = rem % 1000;
  const seconds = (rem / 1000) | 0;
  const minute = (seconds / 60) | 0;
  const second = seconds - minute * 60;
  const date = dayDate[civil(day)] as string;
  if (millis) return `${date}T${clockText(minute)}:${pad2(second)}.${String(millis).padStart(3, '0')}${offsetText(zone, offset)}`;
  return `${date}T${clockText(minute)}${secondsAndOffset(second, offsetText(zone, offset))}`;
}

let referenceZone: string | null = null;
let referenceMs = Number.NaN;
let referenceYear: number | null = null;

/** The local year of the reference instant, or null when the table cannot tell. */
function yearOf(ms: number, zone: string): number | null {
  if (ms === referenceMs && zone === referenceZone) return referenceYear;
  const offset = offsetIn(zone, ms);
  referenceZone = zone;
  referenceMs = ms;
  referenceYear = offset === null ? null : (dayYear[civil(Math.floor(Math.trunc(ms + offset) / DAY_MS))] as number);
  return referenceYear;
}

/** "10-08 11:00", with the year when it differs from the reference instant's. */
export function shortInZone(ms: number, zone: string, referenceMs: number): string {
  useZone(zone);
  const refYear = yearOf(referenceMs, zone);
  if (refYear !== shortYear) {
    shortMs.fill(Number.NaN);
    shortYear = refYear;
  }
  const slot = slotOf(ms);
  if (refYear !== null && shortMs[slot] === ms) return shortText[slot] as string;
  const text = writeShort(ms, zone, referenceMs, refYear);
  shortMs[slot] = ms;
  shortText[slot] = text;
  return text;
}

function writeShort(ms: number, zone: string, referenceMs: number, refYear: number | null): string {
  const offset = offsetIn(zone, ms);
  if (offset === null || refYear === null) {
    const d = DateTime.fromMillis(ms, { zone });
    const sameYear = d.year === DateTime.fromMillis(referenceMs, { zone }).year;
    return d.toFormat(sameYear ? 'MM-dd HH:mm' : 'yyyy-MM-dd HH:mm');
  }
  const local = Math.trunc(ms + offset);
  const day = Math.floor(local / DAY_MS);
  const minutes = (((local - day * DAY_MS) | 0) / MINUTE_MS) | 0;
  const slot = civil(day);
  return `${dayYear[slot] === refYear ? dayMonthDay[slot] : dayDate[slot]} ${clockText(minutes)}`;
}

/** A local day number as "MM-dd". */
export function dayInZone(day: number): string {
  const d = new Date(day * 86_400_000);
  return `${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

// A length under a day, as words: written once per minute count (1,440 of them at most).
const UNDER_DAY_EN: string[] = new Array<string>(1440);
const UNDER_DAY_ZH: string[] = new Array<string>(1440);

function underDay(minutes: number): number {
  if (UNDER_DAY_EN[minutes] === undefined) {
    const hours = Math.floor(minutes / 60);
    const mins = minutes % 60;
    const h = numberText(hours);
    const m = numberText(mins);
    UNDER_DAY_EN[minutes] = hours ? (mins ? `${h} h ${m} min` : `${h} h`) : `${m} min`;
    UNDER_DAY_ZH[minutes] = hours ? (mins ? `${h}小时${m}分钟` : `${h}小时`) : `${m}分钟`;
  }
  return minutes;
}

/** 135 -> "2 h 15 min" / "2小时15分钟"; days when long. */
export function lengthText(minutes: number): { en: string; zh: string } {
  const m = Math.max(0, Math.round(minutes));
  const days = Math.floor(m / 1440);
  const rest = underDay(m - days * 1440);
  if (!days) return { en: UNDER_DAY_EN[rest] as string, zh: UNDER_DAY_ZH[rest] as string };
  const d = numberText(days);
  if (!rest) return { en: `${d} d`, zh: `${d}天` };
  return { en: `${d} d ${UNDER_DAY_EN[rest]}`, zh: `${d}天${UNDER_DAY_ZH[rest]}` };
}
