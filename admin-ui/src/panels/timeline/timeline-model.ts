// One ticket's clocks as Gantt rows: per clock the bars it ran (running, paused, overdue
// past its due time), its calendar's service hours and holidays as shading, and marks at
// the instants that matter (start, pause, stop, due, breach), each with the rule's file
// and line; one more row for the warning levels raised. Pure, from the engine's spans
// (engine clockSpans), so it is tested in Node and the chart only draws what is here.
import type { ClockSpans, ClockState, TicketSpans } from '../../../../engine/index.js';

export type BarKind = 'running' | 'paused' | 'overdue';
export type ShadeKind = 'service' | 'holiday';
export type MarkKind = 'start' | 'pause' | 'update' | 'stop' | 'due' | 'breach' | 'warning';

export interface Bar {
  row: number;
  fromMs: number;
  toMs: number;
  kind: BarKind;
}

export interface Shade {
  row: number;
  fromMs: number;
  toMs: number;
  kind: ShadeKind;
  /** The holiday's name (国庆节), when the calendar gives one. */
  label?: string;
}

/** Where a rule was written: the file as the workspace names it, and its 1-based line. */
export interface RuleLine {
  uri: string;
  line: number;
}

export interface Mark {
  row: number;
  atMs: number;
  kind: MarkKind;
  /** The clock the mark belongs to; the warning level for a warning. */
  name: string;
  label?: string;
  source: RuleLine;
}

export interface GanttRow {
  /** The clock's name, or WARNINGS_ROW. */
  key: string;
  label?: string;
  state?: ClockState;
  target?: string | null;
  calendar?: string | null;
  /** A 24x7 calendar: every instant is service time. */
  always?: boolean;
}

export interface Window {
  fromMs: number;
  toMs: number;
}

export interface TimelineSide {
  rows: GanttRow[];
  bars: Bar[];
  shades: Shade[];
  marks: Mark[];
  atMs: number;
  zone: string;
  /** The calendars were not shaded: the window spans more days than MAX_SHADED_DAYS. */
  unshaded: boolean;
}

export const WARNINGS_ROW = '(warnings)';
/** Shading is one rectangle per service interval per day: a long-open ticket's months stay unshaded. */
export const MAX_SHADED_DAYS = 92;
const DAY_MS = 86_400_000;

const lineOf = (ref: { uri: string; range: { start: { line: number } } }): RuleLine => ({ uri: ref.uri, line: ref.range.start.line });

/** The instants a side's rows reach: creation, each start, stop, due and warning, and `at` while a cycle is open. */
export function extentOf(spans: TicketSpans, createdMs: number): Window {
  let fromMs = createdMs;
  let toMs = createdMs;
  const see = (ms: number | null): void => {
    if (ms === null || !Number.isFinite(ms)) return;
    fromMs = Math.min(fromMs, ms);
    toMs = Math.max(toMs, ms);
  };
  for (const clock of spans.clocks) {
    for (const c of clock.cycles) {
      see(c.startMs);
      see(c.stopMs ?? spans.atMs);
      see(c.dueMs);
    }
  }
  for (const w of spans.warnings) see(w.sinceMs);
  return { fromMs, toMs };
}

/** The window both sides are drawn over (one time axis for active and draft), with a margin either side. */
export function sharedWindow(extents: readonly Window[]): Window {
  const fromMs = Math.min(...extents.map((e) => e.fromMs));
  const toMs = Math.max(...extents.map((e) => e.toMs));
  // A ticket that took a minute still gets a readable axis: at least an hour wide.
  const margin = Math.max((toMs - fromMs) * 0.04, 30 * 60_000);
  return { fromMs: fromMs - margin, toMs: toMs + margin };
}

/** One cycle's bars: running from start to stop (or `at`), the part past its due overdue, each pause paused. */
function cycleBars(row: number, clock: ClockSpans, atMs: number): Bar[] {
  const bars: Bar[] = [];
  for (const c of clock.cycles) {
    const end = c.stopMs ?? atMs;
    const late = c.dueMs !== null && end > c.dueMs;
    bars.push({ row, fromMs: c.startMs, toMs: late ? (c.dueMs as number) : end, kind: 'running' });
    if (late) bars.push({ row, fromMs: c.dueMs as number, toMs: end, kind: 'overdue' });
    for (const p of c.pauses) {
      const to = Math.min(p.toMs ?? end, end);
      if (to > p.fromMs) bars.push({ row, fromMs: p.fromMs, toMs: to, kind: 'paused' });
    }
  }
  return bars;
}

function cycleMarks(row: number, clock: ClockSpans, atMs: number): Mark[] {
  const marks: Mark[] = [];
  const base = { row, name: clock.name, ...(clock.label !== undefined ? { label: clock.label } : {}) };
  const clockLine = lineOf(clock.clockSource);
  const targetLine = lineOf(clock.targetSource);
  for (const c of clock.cycles) {
    marks.push({ ...base, atMs: c.startMs, kind: 'start', source: clockLine });
    for (const p of c.pauses) marks.push({ ...base, atMs: p.fromMs, kind: 'pause', source: clockLine });
    for (const u of c.updatesMs) marks.push({ ...base, atMs: u, kind: 'update', source: clockLine });
    if (c.stopMs !== null) marks.push({ ...base, atMs: c.stopMs, kind: 'stop', source: clockLine });
    if (c.dueMs === null) continue;
    marks.push({ ...base, atMs: c.dueMs, kind: 'due', source: targetLine });
    // The breach point: the instant the cycle, still running or stopped later, passed its due time.
    if ((c.stopMs ?? atMs) > c.dueMs) marks.push({ ...base, atMs: c.dueMs, kind: 'breach', source: targetLine });
  }
  // A recurring target's missed deadline that a later update left behind: no cycle's due shows it.
  const late = clock.lateDueMs;
  if (late !== null && !marks.some((m) => m.kind === 'breach' && m.atMs === late)) marks.push({ ...base, atMs: late, kind: 'breach', source: targetLine });
  return marks;
}

/** The calendar's service intervals and holidays over the window, clipped to it; none on 24x7. */
function calendarShades(row: number, clock: ClockSpans, window: Window): Shade[] {
  const cal = clock.calendar;
  if (cal.always || !cal.serviceIntervalsOn) return [];
  const shades: Shade[] = [];
  const clip = (fromMs: number, toMs: number): [number, number] | null => {
    const a = Math.max(fromMs, window.fromMs);
    const b = Math.min(toMs, window.toMs);
    return b > a ? [a, b] : null;
  };
  for (let day = cal.localDay(window.fromMs); day <= cal.localDay(window.toMs - 1); day++) {
    for (const span of cal.serviceIntervalsOn(day)) {
      const clipped = clip(span.start, span.end);
      if (clipped) shades.push({ row, fromMs: clipped[0], toMs: clipped[1], kind: 'service' });
    }
  }
  for (const run of cal.skippedDays?.(window.fromMs, window.toMs, 'holiday') ?? []) {
    const clipped = clip(cal.instantOf(run.from, 0), cal.instantOf(run.to + 1, 0));
    if (clipped) shades.push({ row, fromMs: clipped[0], toMs: clipped[1], kind: 'holiday', ...(run.label !== undefined ? { label: run.label } : {}) });
  }
  return shades;
}

/** A side's rows over `window`: its clocks in policy order, then the warnings raised (when any). */
export function timelineOf(spans: TicketSpans, window: Window): TimelineSide {
  const shadeDays = (window.toMs - window.fromMs) / DAY_MS <= MAX_SHADED_DAYS;
  const side: TimelineSide = { rows: [], bars: [], shades: [], marks: [], atMs: spans.atMs, zone: spans.zone, unshaded: !shadeDays };
  for (const clock of spans.clocks) {
    if (clock.cycles.length === 0) continue; // never started: nothing to draw
    const row = side.rows.length;
    side.rows.push({
      key: clock.name,
      ...(clock.label !== undefined ? { label: clock.label } : {}),
      state: clock.state,
      target: clock.target,
      calendar: clock.calendarName,
      always: clock.calendar.always,
    });
    side.bars.push(...cycleBars(row, clock, spans.atMs));
    side.marks.push(...cycleMarks(row, clock, spans.atMs));
    if (shadeDays) side.shades.push(...calendarShades(row, clock, window));
  }
  if (spans.warnings.length > 0) {
    const row = side.rows.length;
    side.rows.push({ key: WARNINGS_ROW });
    for (const w of spans.warnings) {
      side.marks.push({ row, atMs: w.sinceMs, kind: 'warning', name: w.level, ...(w.label !== undefined ? { label: w.label } : {}), source: lineOf(w.source) });
    }
  }
  return side;
}
