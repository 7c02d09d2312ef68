// Working days over long spans (issue 13, item 3): counting the working days of two
// centuries, finding the 50,000th working day and listing the holidays an explanation
// skips, each on a calendar built fresh for the call (nothing cached from an earlier one),
// against the same questions over one week. Closed-form arithmetic makes the ratios a
// small constant; a walk over the days made them tens of thousands.
import { readFileSync } from 'node:fs';
import { calendarSpec, createBusinessCalendar, type CalendarSpec } from '../engine/calendar/index.js';
import { checkText } from '../engine/index.js';
import { fmtMs, measure } from './measure.js';

export interface CalendarRow {
  name: string;
  medianMs: number;
  ratio: number;
}

function shippedSpec(): CalendarSpec {
  const libs = [2025, 2026].map((y) => ({ uri: `cn-holidays-${y}.sla`, text: readFileSync(`policies/calendars/cn-holidays-${y}.sla`, 'utf8') }));
  const text = 'group g "g"\nuse cn-holidays-2025, cn-holidays-2026\ncalendar office "工作日" {\n  include cn-holidays-2025, cn-holidays-2026\n  mon-fri 08:30-17:30\n}\n';
  const policy = checkText(text, 'g.sla', libs).policies.get('g');
  if (!policy) throw new Error('the bench policy does not check');
  return calendarSpec(policy, 'office');
}

export function benchCalendar(): CalendarRow[] {
  const spec = shippedSpec();
  const weekFrom = Date.UTC(2026, 8, 28);
  const weekTo = Date.UTC(2026, 9, 12);
  const longFrom = Date.UTC(1970, 0, 2);
  const longTo = Date.UTC(2199, 11, 30);
  const base = measure(() => createBusinessCalendar(spec).workingDaysBetween(weekFrom, weekTo));
  const rows: { name: string; fn: () => unknown }[] = [
    { name: 'working days in two weeks (baseline)', fn: () => createBusinessCalendar(spec).workingDaysBetween(weekFrom, weekTo) },
    { name: 'working days 1970-2199', fn: () => createBusinessCalendar(spec).workingDaysBetween(longFrom, longTo) },
    { name: 'the 50,000th working day after 2026-01-01', fn: () => createBusinessCalendar(spec).endOfNthWorkingDayAfter(Date.UTC(2026, 0, 1), 50_000) },
    { name: 'holidays skipped 1970-2199 (explanations)', fn: () => createBusinessCalendar(spec).skippedDays(longFrom, longTo, 'holiday') },
  ];
  return rows.map(({ name, fn }) => {
    const t = measure(fn, { minTimeMs: 500 });
    return { name, medianMs: t.medianMs, ratio: t.medianMs / base.medianMs };
  });
}

export function reportCalendar(rows: readonly CalendarRow[]): string {
  const lines = ['| question (fresh calendar each time) | median ms | x baseline |', '| --- | ---: | ---: |'];
  for (const r of rows) lines.push(`| ${r.name} | ${fmtMs(r.medianMs)} | ${r.ratio.toFixed(1)} |`);
  const worst = Math.max(...rows.map((r) => r.ratio));
  lines.push('', `longest span is ${worst.toFixed(1)}x two weeks (bar: within 10x, i.e. not O(days of span)): ${worst <= 10 ? 'met' : 'NOT met'}`);
  return lines.join('\n');
}
