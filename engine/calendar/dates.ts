// Plain calendar arithmetic on written dates and times, without a time zone.

export function validTime(hour: number, minute: number, allowEndOfDay: boolean): boolean {
  if (!Number.isInteger(hour) || !Number.isInteger(minute) || minute < 0 || minute > 59) return false;
  if (allowEndOfDay && hour === 24) return minute === 0;
  return hour >= 0 && hour <= 23;
}

/** Days since 1970-01-01 for a valid yyyy-mm-dd, or undefined. */
export function dayNumber(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return Math.round(ms / 86_400_000);
}

export function dayText(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Whether an ISO instant as the language writes it denotes a real instant. */
export function validInstant(text: string): boolean {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|([+-])(\d{2}):(\d{2}))?$/.exec(text);
  if (!m) return false;
  if (dayNumber(m[1] as string) === undefined) return false;
  if (!validTime(Number(m[2]), Number(m[3]), false)) return false;
  if (m[4] !== undefined && Number(m[4]) > 59) return false;
  if (m[7] !== undefined && (Number(m[7]) > 14 || Number(m[8]) > 59)) return false;
  return true;
}

const zoneCache = new Map<string, boolean>();

/** IANA zone names, checked by the platform's own Intl (present in browsers and Node). */
export function validTimeZone(zone: string): boolean {
  let ok = zoneCache.get(zone);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      ok = zone.length > 0;
    } catch {
      ok = false;
    }
    zoneCache.set(zone, ok);
  }
  return ok;
}
