// Instants and lengths as people read them, in the policy's time zone. Formatting runs
// for every instant of every answer, so it reads the zone's offset from the calendar's
// table (a binary search) and writes the digits itself; luxon, which asks Intl each
// time, is kept for what the table cannot serve (an invalid zone, years past 9999).
import { DateTime } from 'luxon';
import { zoneOffsets } from '../calendar/index.js';

const MINUTE_MS = 60_000;
/** Years written with four digits: ISO 8601 needs a sign and more digits beyond. */
const MAX_PLAIN_MS = Date.UTC(10000, 0, 1);

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** The zone's offset at ms, or null when the table cannot tell (luxon decides then). */
function offsetIn(zone: string, ms: number): number | null {
  if (ms < 0 || ms >= MAX_PLAIN_MS) return null;
  try {
    return zoneOffsets(zone).offsetAt(ms);
  } catch {
    return null;
  }
}

/** luxon writes its own UTC zone (named "utc" or "gmt") as Z, every IANA zone as ±hh:mm. */
function offsetText(zone: string, offsetMs: number): string {
  const name = zone.toLowerCase();
  if (offsetMs === 0 && (name === 'utc' || name === 'gmt')) return 'Z';
  const minutes = Math.round(Math.abs(offsetMs) / MINUTE_MS);
  return `${offsetMs < 0 ? '-' : '+'}${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/** "2026-03-02T09:00:00+08:00" (milliseconds only when there are some), as luxon's toISO writes it. */
export function isoInZone(ms: number | null, zone: string): string | null {
  if (ms === null || !Number.isFinite(ms)) return null;
  const offset = offsetIn(zone, ms);
  if (offset === null) return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true });
  const d = new Date(ms + offset);
  const millis = d.getUTCMilliseconds();
  const date = `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}${millis ? `.${String(millis).padStart(3, '0')}` : ''}`;
  return `${date}T${time}${offsetText(zone, offset)}`;
}

/** "10-08 11:00", with the year when it differs from the reference instant's. */
export function shortInZone(ms: number, zone: string, referenceMs: number): string {
  const offset = offsetIn(zone, ms);
  const referenceOffset = offsetIn(zone, referenceMs);
  if (offset === null || referenceOffset === null) {
    const d = DateTime.fromMillis(ms, { zone });
    const sameYear = d.year === DateTime.fromMillis(referenceMs, { zone }).year;
    return d.toFormat(sameYear ? 'MM-dd HH:mm' : 'yyyy-MM-dd HH:mm');
  }
  const d = new Date(ms + offset);
  const sameYear = d.getUTCFullYear() === new Date(referenceMs + referenceOffset).getUTCFullYear();
  const text = `${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
  return sameYear ? text : `${String(d.getUTCFullYear()).padStart(4, '0')}-${text}`;
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
