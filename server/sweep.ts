// The sweep: re-evaluates open tickets (no `closed` event) at `now`, page by page, so
// warning levels rise as time passes and not only when a ticket changes, and records
// the levels newly reached. Concurrent sweeps (several instances) are safe: the ledger
// records each (ticket, level) once.
import type { Logger } from 'pino';
import { HttpError } from './errors.js';
import { evaluateAndRecord, isOpen, ticketMistakes } from './ledger.js';
import type { ActivePolicy, PolicyService } from './policies.js';
import type { LedgerEntry, Repository } from './store/index.js';

export const DEFAULT_SWEEP_INTERVAL_MS = 5 * 60 * 1000;
const PAGE = 500;

export interface SweepDeps {
  repository: Repository;
  policies: PolicyService;
  logger?: Logger;
}

export interface SweepReport {
  /** Open tickets evaluated. */
  evaluated: number;
  /** Tickets skipped: their property has no usable policy, or they no longer fit it. */
  skipped: number;
  recorded: LedgerEntry[];
}

export async function sweepOnce(deps: SweepDeps, now: Date): Promise<SweepReport> {
  const { repository, policies, logger } = deps;
  const report: SweepReport = { evaluated: 0, skipped: 0, recorded: [] };
  const byProperty = new Map<string, ActivePolicy | null>();
  const atMs = now.getTime();
  let after: { createdAt: string; id: string } | undefined;
  for (;;) {
    const page = await repository.listTickets({ limit: PAGE, ...(after ? { after } : {}) });
    for (const ticket of page) {
      if (!isOpen(ticket)) continue;
      let active = byProperty.get(ticket.property);
      if (active === undefined) {
        try {
          active = await policies.forProperty(ticket.property);
        } catch (e) {
          if (!(e instanceof HttpError)) throw e;
          logger?.warn({ property: ticket.property, err: e }, 'sweep: no usable policy; its tickets are skipped');
          active = null;
        }
        byProperty.set(ticket.property, active);
      }
      // A ticket stored under an earlier policy may not fit the active one (a removed category).
      if (active === null || ticketMistakes(active.compiled, ticket).length > 0) {
        report.skipped++;
        continue;
      }
      const { recorded } = await evaluateAndRecord(repository, active, ticket, atMs);
      report.evaluated++;
      report.recorded.push(...recorded);
    }
    if (page.length < PAGE) break;
    const last = page[page.length - 1]!;
    after = { createdAt: last.createdAt, id: last.id };
  }
  return report;
}

export interface Sweeper {
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
}

/** Runs sweepOnce every `intervalMs` (one at a time; a slow sweep delays the next). */
export function startSweeper(deps: SweepDeps, intervalMs: number, now: () => Date = () => new Date()): Sweeper {
  let running: Promise<void> | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = sweepOnce(deps, now())
        .then((r) => {
          if (r.recorded.length > 0) deps.logger?.info({ evaluated: r.evaluated, recorded: r.recorded.length }, 'sweep recorded warning levels');
        })
        .catch((err: unknown) => deps.logger?.error({ err }, 'sweep failed'))
        .finally(() => {
          running = undefined;
          schedule();
        });
    }, intervalMs);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
