// Charging late and missing duties (run by the sweep): for each property whose active
// policy declares duties with a warning, every occurrence due since the service first
// saw the duty (and at most LOOKBACK_DAYS back) that is late or missing gets one duty
// ledger entry: the warning's level and points, charged to the owing unit, in the month
// (policy zone) the occurrence fell due. Advisory duties are reported, never charged.
import type { Logger } from 'pino';
import { dutyCalendar, dutyOccurrences, judgeOccurrence } from '../../engine/index.js';
import { HttpError } from '../errors.js';
import { periodOf } from '../ledger.js';
import type { PolicyService } from '../policies.js';
import type { DutyLedgerEntry, DutyLedgerInput, Repository } from '../store/index.js';
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
    for (const { spec, warning } of charged) {
      const seenMs = Date.parse(since.get(spec.id)!);
      for (const o of dutyOccurrences(spec, compiled.zone, Math.max(fromMs, seenMs), atMs + 1, dutyCalendar(compiled, spec))) {
        const fulfilment = done.get(fulfilmentKey(spec.id, o.key));
        if (!judgeOccurrence(spec, o, fulfilment ? Date.parse(fulfilment.doneAt) : null, atMs).breached) continue;
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
    if (entries.length > 0) recorded.push(...(await repository.recordDutyLedger(entries)));
  }
  return recorded;
}
