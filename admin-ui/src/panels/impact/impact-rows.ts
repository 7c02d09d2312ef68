// The impact report as the panel's tables: per clock, breaches and met under the active
// policy and under the draft; per warning level, the tickets that reached it; per unit, the
// penalty points; and each changed ticket with what changed. Pure, for the tests.
import type { ChangedTicket, ClockState, ImpactReport } from './impact-types.js';

export interface Compared {
  name: string;
  active: number;
  draft: number;
  delta: number;
}

export interface ChangedRow {
  ticketId: string;
  unit: string;
  warning: { active: string; draft: string };
  points: { active: number; draft: number };
  /** The clocks whose state differs: name, active state, draft state. */
  clocks: { name: string; active: ClockState | undefined; draft: ClockState | undefined }[];
}

export interface ImpactRows {
  tickets: number;
  skipped: number;
  changed: number;
  points: Compared;
  breaches: Compared[];
  warnings: Compared[];
  units: Compared[];
  changedTickets: ChangedRow[];
}

const compared = (name: string, active: number, draft: number): Compared => ({ name, active, draft, delta: round(draft - active) });
/** Points are tenths (0.2, 0.5): sums are kept to 6 places so 0.1 + 0.2 shows as 0.3. */
const round = (n: number): number => Math.round(n * 1e6) / 1e6;
const union = (a: object, b: object): string[] => [...new Set([...Object.keys(a), ...Object.keys(b)])];

/** Warning levels in the order the report's sides name them ('none' first when present). */
function levels(report: ImpactReport): string[] {
  return union(report.counts.from.warnings, report.counts.to.warnings).sort((x, y) => (x === 'none' ? -1 : y === 'none' ? 1 : 0));
}

function changedRow(t: ChangedTicket): ChangedRow {
  const clocks = union(t.from.clocks, t.to.clocks)
    .filter((name) => t.from.clocks[name] !== t.to.clocks[name])
    .map((name) => ({ name, active: t.from.clocks[name], draft: t.to.clocks[name] }));
  return { ticketId: t.ticketId, unit: t.unit, warning: { active: t.from.warning, draft: t.to.warning }, points: { active: t.from.points, draft: t.to.points }, clocks };
}

export function impactRows(report: ImpactReport): ImpactRows {
  const { from, to } = report.counts;
  return {
    tickets: report.tickets,
    skipped: report.skipped.count,
    changed: report.changed.count,
    points: compared('points', round(from.points), round(to.points)),
    breaches: union(from.clocks, to.clocks).map((clock) => compared(clock, from.clocks[clock]?.breached ?? 0, to.clocks[clock]?.breached ?? 0)),
    warnings: levels(report).map((level) => compared(level, from.warnings[level] ?? 0, to.warnings[level] ?? 0)),
    units: report.penaltiesByUnit.map((u) => compared(u.unit, round(u.from), round(u.to))),
    changedTickets: report.changed.examples.map(changedRow),
  };
}

/** Only the rows where the draft differs, unless none does. */
export const differing = (rows: readonly Compared[]): Compared[] => rows.filter((r) => r.delta !== 0);
