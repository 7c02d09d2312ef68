// A property's duties over a range: each occurrence due in it, with its fulfilment and
// its state at an instant (engine/duties judges). The unit that owes a duty is the
// property's unit named by the duty's owner role, `<property>/<owner>` (the convention
// ticket units follow: `jinxiu-garden/liaison` for 004's 各单位对接人员).
import { DateTime } from 'luxon';
import { dutyCalendar, dutyOccurrences, judgeOccurrence, MAX_MOVE_DAYS, type CompiledPolicy, type DutySchedule, type DutySpec, type DutyState } from '../../engine/index.js';
import type { DutyFulfilment, Repository } from '../store/index.js';

export interface OccurrenceView {
  /** The nominal local date: what POST /v1/duties/{id}/done names. */
  occurrence: string;
  dueDay: string;
  dueAt: string;
  state: DutyState;
  lateMinutes: number;
  breached: boolean;
  doneAt: string | null;
  doneBy: string | null;
}

export interface DutyView {
  id: string;
  label: string | null;
  owner: string;
  unit: string;
  schedule: DutySchedule;
  calendar: string | null;
  /** The warning level a late or missing occurrence raises, with its points; null when none or advisory. */
  warning: { level: string; points: number } | null;
  advisory: boolean;
  occurrences: OccurrenceView[];
}

/** The unit that owes `spec` at `property`. */
export function dutyUnit(property: string, spec: DutySpec): string {
  return `${property}/${spec.owner}`;
}

/** The warning a breach of `spec` raises and its points from the policy; null when it raises none. */
export function dutyWarning(compiled: CompiledPolicy, spec: DutySpec): { level: string; points: number } | null {
  if (spec.advisory || spec.warning === undefined) return null;
  const warning = compiled.warnings.find((w) => w.name === spec.warning);
  return warning ? { level: warning.name, points: warning.points } : null;
}

/** The nominal dates whose occurrences may fall due in [fromMs, toMs): moves only go later, by at most MAX_MOVE_DAYS. */
export function occurrenceDates(zone: string, fromMs: number, toMs: number): { from: string; to: string } {
  const from = DateTime.fromMillis(fromMs, { zone }).minus({ days: MAX_MOVE_DAYS + 1 }).toISODate()!;
  const to = DateTime.fromMillis(toMs, { zone }).plus({ days: 1 }).toISODate()!;
  return { from, to };
}

/** Fulfilments of a property in a range, by duty and occurrence. */
export async function fulfilmentsIn(repository: Repository, property: string, zone: string, fromMs: number, toMs: number): Promise<Map<string, DutyFulfilment>> {
  const { from, to } = occurrenceDates(zone, fromMs, toMs);
  const found = await repository.listFulfilments(property, from, to);
  return new Map(found.map((f) => [JSON.stringify([f.dutyId, f.occurrence]), f]));
}

export const fulfilmentKey = (dutyId: string, occurrence: string): string => JSON.stringify([dutyId, occurrence]);

/** Every duty of the property's policy with its occurrences due in [fromMs, toMs), judged at `atMs`. */
export async function dutyBoard(repository: Repository, compiled: CompiledPolicy, property: string, fromMs: number, toMs: number, atMs: number): Promise<DutyView[]> {
  if (compiled.duties.length === 0) return [];
  const done = await fulfilmentsIn(repository, property, compiled.zone, fromMs, toMs);
  return compiled.duties.map((spec) => {
    const occurrences = dutyOccurrences(spec, compiled.zone, fromMs, toMs, dutyCalendar(compiled, spec)).map((o): OccurrenceView => {
      const fulfilment = done.get(fulfilmentKey(spec.id, o.key));
      const judged = judgeOccurrence(spec, o, fulfilment ? Date.parse(fulfilment.doneAt) : null, atMs);
      return {
        occurrence: o.key,
        dueDay: o.dueDay,
        dueAt: new Date(o.dueMs).toISOString(),
        ...judged,
        doneAt: fulfilment?.doneAt ?? null,
        doneBy: fulfilment?.by ?? null,
      };
    });
    return {
      id: spec.id,
      label: spec.label ?? null,
      owner: spec.owner,
      unit: dutyUnit(property, spec),
      schedule: spec.schedule,
      calendar: spec.calendar ?? null,
      warning: dutyWarning(compiled, spec),
      advisory: spec.advisory,
      occurrences,
    };
  });
}
