// Instants and lengths as people read them, in the policy's time zone.
import { DateTime } from 'luxon';

export function isoInZone(ms: number | null, zone: string): string | null {
  if (ms === null || !Number.isFinite(ms)) return null;
  return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true });
}

/** "10-08 11:00", with the year when it differs from the reference instant's. */
export function shortInZone(ms: number, zone: string, referenceMs: number): string {
  const d = DateTime.fromMillis(ms, { zone });
  const sameYear = d.year === DateTime.fromMillis(referenceMs, { zone }).year;
  return d.toFormat(sameYear ? 'MM-dd HH:mm' : 'yyyy-MM-dd HH:mm');
}

export function dayInZone(day: number): string {
  return DateTime.fromMillis(day * 86_400_000, { zone: 'UTC' }).toFormat('MM-dd');
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
