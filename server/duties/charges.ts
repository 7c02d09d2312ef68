// Charging late and missing duties (run by the sweep): for each property whose active
// policy declares duties with a warning, every occurrence due since the service first
// saw the duty (and at most LOOKBACK_DAYS back) that is late or missing gets one duty
// ledger entry: the warning's level and points, charged to the owing unit, in the month
// (policy zone) the occurrence fell due. Advisory duties are reported, never charged.
// Each charge newly recorded is written to the notifications outbox in the same
// transaction, for the roles its warning's `notify` names (as a ticket's warning is:
// ledger.ts), keyed by property, duty and occurrence so it is enqueued once.
import type { Logger } from 'pino';
import { dutyCalendar, dutyOccurrences, judgeOccurrence, type CompiledPolicy, type DutySpec } from '../../engine/index.js';
import { HttpError } from '../errors.js';
import { periodOf } from '../ledger.js';
import type { PolicyService } from '../policies.js';
import type { DutyLedgerEntry, DutyLedgerInput, NotificationEvent, Repository } from '../store/index.js';
import { dutyUnit, dutyWarning, fulfilmentKey, fulfilmentsIn } from './board.js';

/** How far back a sweep looks for breached occurrences: a monthly duty's last occurrence and a few days' outage. */
export const LOOKBACK_DAYS = 40;
const DAY_MS = 86_400_000;

export interface DutyChargeDeps {
  repository: Repository;
  policies: PolicyService;
  logger?: Logger;
}

export async function chargeDuties(deps: DutyChargeDeps, now: Date): Promise<DutyLedgerEntry[]> {
  const { repository, policies, logger } = deps;
  const atMs = now.getTime();
  const recorded: DutyLedgerEntry[] = [];
  for (const property of await repository.listProperties()) {
    let compiled;
    try {
      compiled = (await policies.forProperty(property.id)).compiled;
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      continue; // the ticket sweep logs a property without a usable policy
    }
    const charged = compiled.duties.flatMap((spec) => {
      const warning = dutyWarning(compiled, spec);
      if (warning === null && !spec.advisory && spec.warning !== undefined) logger?.warn({ property: property.id, duty: spec.id, warning: spec.warning }, 'duty names a warning the policy does not declare; not charged');
      return warning ? [{ spec, warning }] : [];
    });
    if (charged.length === 0) continue;
    const since = await repository.watchDuties(property.id, charged.map((c) => c.spec.id), now);
    const fromMs = atMs - LOOKBACK_DAYS * DAY_MS;
    const done = await fulfilmentsIn(repository, property.id, compiled.zone, fromMs, atMs + 1);
    const entries: DutyLedgerInput[] = [];
    /** Each entry's duty and state (late or missing), for its notification. */
    const judged = new Map<string, { spec: DutySpec; state: string }>();
    for (const { spec, warning } of charged) {
      const seenMs = Date.parse(since.get(spec.id)!);
      for (const o of dutyOccurrences(spec, compiled.zone, Math.max(fromMs, seenMs), atMs + 1, dutyCalendar(compiled, spec))) {
        const fulfilment = done.get(fulfilmentKey(spec.id, o.key));
        const judgement = judgeOccurrence(spec, o, fulfilment ? Date.parse(fulfilment.doneAt) : null, atMs);
        if (!judgement.breached) continue;
        judged.set(fulfilmentKey(spec.id, o.key), { spec, state: judgement.state });
        entries.push({
          propertyId: property.id,
          dutyId: spec.id,
          occurrence: o.key,
          level: warning.level,
          points: warning.points,
          unit: dutyUnit(property.id, spec),
          period: periodOf(o.dueMs, compiled.zone),
          reachedAt: new Date(o.dueMs),
        });
      }
    }
    if (entries.length === 0) continue;
    // The charge and its notification commit together: a duty charged is never without its outbox entry.
    const written = await repository.transaction(async (repo) => {
      const charges = await repo.recordDutyLedger(entries);
      await repo.enqueueNotifications(charges.map((e) => dutyMissedEvent(compiled, judged.get(fulfilmentKey(e.dutyId, e.occurrence))!, e)));
      return charges;
    });
    recorded.push(...written);
  }
  return recorded;
}

/** A duty charge as the event its warning's `notify` roles hear (notifications/); `state` is the occurrence's when charged (late or missing). */
export function dutyMissedEvent(compiled: CompiledPolicy, { spec, state }: { spec: DutySpec; state: string }, entry: DutyLedgerEntry): NotificationEvent {
  const warning = compiled.warnings.find((w) => w.name === entry.level);
  const roles = warning?.notify ?? [];
  return {
    key: `duty:${entry.propertyId}:${entry.dutyId}:${entry.occurrence}`,
    kind: 'duty-missed',
    propertyId: entry.propertyId,
    unit: entry.unit,
    roles,
    payload: {
      property: entry.propertyId,
      unit: entry.unit,
      dutyId: entry.dutyId,
      dutyLabel: spec.label ?? entry.dutyId,
      owner: spec.owner,
      occurrence: entry.occurrence,
      dueAt: entry.reachedAt,
      state,
      level: entry.level,
      label: warning?.label ?? entry.level,
      points: entry.points,
      notify: roles,
    },
  };
}
