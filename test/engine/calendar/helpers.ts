// Small builders for calendar tests: weekly hours as written in .sla, instants as
// ISO text, and instants shown back as local wall time.
import { DateTime } from 'luxon';
import { dayNumber } from '../../../engine/calendar/dates.js';
import type { CalendarSpec, LocalInterval, SpecialDate } from '../../../engine/calendar/index.js';
import { weekdaysOf } from '../../../engine/calendar/weekdays.js';

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h as number) * 60 + (m as number);
}

/** `weekly('mon-fri 09:00-12:00, 13:00-18:00', 'sat 09:00-12:00')`. */
export function weekly(...lines: string[]): LocalInterval[][] {
  const out: LocalInterval[][] = [[], [], [], [], [], [], []];
  for (const line of lines) {
    const [days, ...rest] = line.trim().split(/\s+/);
    const weekdays = weekdaysOf(days as string);
    if (!weekdays) throw new Error(`bad days ${days}`);
    const intervals = rest.join('').split(',').filter(Boolean).map((r) => r.split('-').map(minutes) as [number, number]);
    for (const d of weekdays) (out[d - 1] as LocalInterval[]).push(...intervals);
  }
  return out;
}

/** `dates('2026-10-01..2026-10-07', '国庆节')`: each day of the range. */
export function dates(range: string, label?: string): SpecialDate[] {
  const [from = range, to = from] = range.split('..');
  const a = day(from);
  const b = day(to);
  return Array.from({ length: b - a + 1 }, (_, i) => (label === undefined ? { day: a + i } : { day: a + i, label }));
}

export function day(text: string): number {
  const n = dayNumber(text);
  if (n === undefined) throw new Error(`bad date ${text}`);
  return n;
}

export function spec(zone: string, hours: LocalInterval[][], extra: Partial<CalendarSpec> = {}): CalendarSpec {
  return { zone, always: false, weekly: hours, holidays: [], workdays: [], ...extra };
}

/** Epoch ms of an ISO instant, or of a wall time in a zone ('2026-03-29T02:30'). */
export function at(text: string, zone?: string): number {
  const dt = zone ? DateTime.fromISO(text, { zone }) : DateTime.fromISO(text, { setZone: true });
  if (!dt.isValid) throw new Error(`bad instant ${text}`);
  return dt.toMillis();
}

/** Wall time with offset, to the minute: '2026-10-08T16:00+08:00'. */
export function show(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mmZZ");
}
