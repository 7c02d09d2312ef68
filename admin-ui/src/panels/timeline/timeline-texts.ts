// What the timeline says of each bar, shade and mark (tooltips, the marks table, the
// chart's aria description), in the reader's language, instants in the policy's zone.
import { currentLocale } from '../../i18n/locale.js';
import { tt } from '../../i18n/timeline.js';
import type { TimelineTexts } from './timeline-chart.js';
import { WARNINGS_ROW, type GanttRow, type Mark, type TimelineSide } from './timeline-model.js';

/** "04-03 16:00" in `zone` (the policy's, not the browser's). */
export function timeIn(zone: string): (ms: number) => string {
  const format = new Intl.DateTimeFormat(currentLocale(), { timeZone: zone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return (ms: number) => format.format(ms);
}

/** A row's name: the clock's label in Chinese (its name in English, labels being Chinese), its state. */
export function rowName(row: GanttRow): string {
  if (row.key === WARNINGS_ROW) return tt('timeline.warnings');
  const label = currentLocale() === 'en' ? row.key : (row.label ?? row.key);
  return row.state ? tt('timeline.row', { label, state: tt(`timeline.state.${row.state}`) }) : label;
}

/** A mark's clock or level as the reader names it. */
export function markName(mark: Mark): string {
  return currentLocale() === 'en' ? mark.name : (mark.label ?? mark.name);
}

export function timelineTexts(side: TimelineSide, sideName: string): TimelineTexts {
  const time = timeIn(side.zone);
  const clockOf = (row: number): string => {
    const r = side.rows[row];
    return r ? (currentLocale() === 'en' ? r.key : (r.label ?? r.key)) : '';
  };
  return {
    row: (i) => (side.rows[i] ? rowName(side.rows[i] as GanttRow) : ''),
    bar: (b) => tt(`timeline.bar.${b.kind}`, { clock: clockOf(b.row), from: time(b.fromMs), to: time(b.toMs) }),
    shade: (s) =>
      s.kind === 'holiday'
        ? tt('timeline.shade.holiday', { label: s.label ? `（${s.label}）` : '', from: time(s.fromMs), to: time(s.toMs) })
        : tt('timeline.shade.service', { calendar: side.rows[s.row]?.calendar ?? '', from: time(s.fromMs), to: time(s.toMs) }),
    mark: (m) => tt('timeline.mark', { name: markName(m), kind: tt(`timeline.kind.${m.kind}`), at: time(m.atMs), line: m.source.line }),
    now: tt('timeline.now', { at: time(side.atMs) }),
    time,
    description: tt('timeline.description', {
      side: sideName,
      rows: side.rows.length,
      marks: side.marks.length,
      breaches: side.marks.filter((m) => m.kind === 'breach').length,
      warnings: side.marks.filter((m) => m.kind === 'warning').length,
    }),
  };
}
