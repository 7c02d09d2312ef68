// Claims on periodic jobs: an instance runs a job only when it wins the claim for the
// current interval. The claim is decided under an advisory lock, so two instances
// whose timers fire together cannot both win.

import type { StoreContext } from './context.js';
import { ValidationError } from './errors.js';
import { iso } from './rows.js';
import { checkKey, checkText } from './text.js';

export interface PeriodicStore {
  /**
   * true when `instance` may run job `name` now: nobody started it within the last
   * interval (less a tenth, for timers that fire a little early). The start is recorded.
   */
  claimRun(name: string, intervalMs: number, instance: string): Promise<boolean>;
  /** When the job last started and where; null if never. */
  lastRun(name: string): Promise<{ startedAt: string; instance: string } | null>;
}

/** pg_advisory_xact_lock key for periodic claims: "bead" in ASCII, beside the migrations' "beac". */
const PERIODIC_LOCK_KEY = 0x62656164;

/** A claim is granted this fraction of an interval after the last start. */
const EARLY = 0.9;

export function periodicStore(ctx: StoreContext): PeriodicStore {
  const { db } = ctx;
  return {
    async claimRun(name, intervalMs, instance) {
      checkText(name, 'name', 'name');
      checkText(instance, 'instance', 'name');
      if (!Number.isFinite(intervalMs) || intervalMs <= 0) throw new ValidationError('intervalMs', 'the interval must be a positive number of milliseconds');
      return db.transaction(async (tx) => {
        await tx.lock(PERIODIC_LOCK_KEY);
        const now = ctx.now();
        const { rows } = await tx.query<{ started_at: unknown }>('SELECT started_at FROM periodic_runs WHERE name = $1', [name]);
        const last = rows[0];
        if (last && now.getTime() - Date.parse(iso(last.started_at)) < intervalMs * EARLY) return false;
        if (last) await tx.query('UPDATE periodic_runs SET started_at = $2, instance = $3 WHERE name = $1', [name, now, instance]);
        else await tx.query('INSERT INTO periodic_runs (name, started_at, instance) VALUES ($1, $2, $3)', [name, now, instance]);
        return true;
      });
    },

    async lastRun(name) {
      checkKey(name, 'name');
      const { rows } = await db.query<{ started_at: unknown; instance: string }>('SELECT started_at, instance FROM periodic_runs WHERE name = $1', [name]);
      const row = rows[0];
      return row ? { startedAt: iso(row.started_at), instance: row.instance } : null;
    },
  };
}
