// Weekday names and spans as written in service hours: `mon`, `mon-fri`,
// `sat-sun`, `周一-周五`, `daily`. Monday is 1 and Sunday is 7 (ISO).

const NAMES: Record<string, number> = {
  mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7,
  monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, sunday: 7,
  周一: 1, 周二: 2, 周三: 3, 周四: 4, 周五: 5, 周六: 6, 周日: 7, 周天: 7,
  星期一: 1, 星期二: 2, 星期三: 3, 星期四: 4, 星期五: 5, 星期六: 6, 星期日: 7, 星期天: 7,
};

export const WEEKDAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** The ISO weekdays a span covers, or undefined when a part is not a weekday. */
export function weekdaysOf(span: string): number[] | undefined {
  const lower = span.toLowerCase();
  if (lower === 'daily' || lower === 'everyday' || lower === '每天') return [1, 2, 3, 4, 5, 6, 7];
  const parts = lower.split('-');
  if (parts.length === 1) {
    const d = NAMES[parts[0] as string];
    return d === undefined ? undefined : [d];
  }
  if (parts.length !== 2) return undefined;
  const from = NAMES[parts[0] as string];
  const to = NAMES[parts[1] as string];
  if (from === undefined || to === undefined) return undefined;
  const days: number[] = [];
  // A span may wrap the week end: `fri-mon` is Friday to Monday.
  for (let d = from; ; d = (d % 7) + 1) {
    days.push(d);
    if (d === to) break;
  }
  return days;
}
