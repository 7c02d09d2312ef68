// The sweep: re-evaluates open tickets (no `closed` event) at `now`, page by page, so
// warning levels rise as time passes and not only when a ticket changes, and records
// the levels newly reached; then charges late or missing duties (duties/charges.ts) and
// raises company-wide share reds (company-share/charges.ts). Instances sharing a database take turns: each interval one
// of them wins the claim (store/periodic.ts) and sweeps. Were two sweeps ever to
// overlap, nothing would be counted twice: the ledger records each (ticket, level) once.
import type { Logger } from 'pino';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { HttpError } from './errors.js';
import { chargeCompanyShare } from './company-share/charges.js';
import { chargeDuties } from './duties/charges.js';
import { evaluateAndRecord, isOpen, ticketMistakes, UnevaluableTicketError } from './ledger.js';
import type { ActivePolicy, PolicyService } from './policies.js';
import type { CompanyShareEntry, DutyLedgerEntry, LedgerEntry, Repository } from './store/index.js';

export const DEFAULT_SWEEP_INTERVAL_MS = 5 * 60 * 1000;
const PAGE = 500;
/** Skipped tickets named in the sweep's log line; the count covers the rest. */
const LOGGED_SKIPS = 10;

export interface SweepDeps {
  repository: Repository;
  policies: PolicyService;
  logger?: Logger;
}

export interface SweepReport {
  /** Open tickets evaluated. */
  evaluated: number;
  /**
   * Tickets skipped: their property has no usable policy, they no longer fit it (a
   * removed category, an instant out of range or an impossible history stored before
   * those were checked), or the engine could not evaluate them.
   */
  skipped: number;
  recorded: LedgerEntry[];
  /** Late or missing duty occurrences newly charged (duties/charges.ts). */
  duties: DutyLedgerEntry[];
  /** Company reds newly raised (company-share/charges.ts). */
  company: CompanyShareEntry[];
}

export async function sweepOnce(deps: SweepDeps, now: Date): Promise<SweepReport> {
  const { repository, policies, logger } = deps;
  const report: SweepReport = { evaluated: 0, skipped: 0, recorded: [], duties: [], company: [] };
  const byProperty = new Map<string, ActivePolicy | null>();
  const atMs = now.getTime();
  const skips: { ticketId: string; mistakes: unknown[] }[] = [];
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
      if (active === null) {
        report.skipped++;
        continue;
      }
      // A ticket stored under an earlier policy or an earlier engine may not fit the active
      // one (a removed category, a year-0050 instant stored before instants were bounded).
      const mistakes = ticketMistakes(active.compiled, ticket);
      if (mistakes.length > 0) {
        report.skipped++;
        if (skips.length < LOGGED_SKIPS) skips.push({ ticketId: ticket.id, mistakes: mistakes.slice(0, 3) });
        continue;
      }
      try {
        const { recorded } = await evaluateAndRecord(repository, active, ticket, atMs);
        report.evaluated++;
        report.recorded.push(...recorded);
      } catch (e) {
        // One ticket the engine cannot evaluate must not stop every sweep at it.
        if (!(e instanceof UnevaluableTicketError)) throw e;
        report.skipped++;
        logger?.error({ ticketId: ticket.id, err: e }, 'sweep: ticket could not be evaluated; skipped');
      }
    }
    if (page.length < PAGE) break;
    const last = page[page.length - 1]!;
    after = { createdAt: last.createdAt, id: last.id };
  }
  report.duties = await chargeDuties(deps, now);
  report.company = await chargeCompanyShare(deps, now);
  if (skips.length > 0) logger?.warn({ skipped: report.skipped, examples: skips }, 'sweep: stored tickets that do not fit their active policy were skipped');
  return report;
}

export interface Sweeper {
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
}

/** The name of the sweep's claim in the store. */
export const SWEEP_JOB = 'sweep';

/** This process, as the store records who swept. */
export const INSTANCE_ID = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

/**
 * Every `intervalMs`, claims the sweep for this interval and, when this instance won the
 * claim, runs sweepOnce (one at a time; a slow sweep delays the next). `onSwept` hears
 * each sweep this instance ran.
 */
export function startSweeper(
  deps: SweepDeps,
  intervalMs: number,
  now: () => Date = () => new Date(),
  onSwept: (report: SweepReport) => void = () => undefined,
): Sweeper {
  let running: Promise<void> | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = deps.repository
        .claimRun(SWEEP_JOB, intervalMs, INSTANCE_ID)
        .then(async (mine) => {
          if (!mine) return; // another instance sweeps this interval
          const r = await sweepOnce(deps, now());
          onSwept(r);
          if (r.recorded.length > 0) deps.logger?.info({ evaluated: r.evaluated, recorded: r.recorded.length }, 'sweep recorded warning levels');
          if (r.duties.length > 0) deps.logger?.info({ duties: r.duties.length }, 'sweep charged late or missing duties');
          if (r.company.length > 0) deps.logger?.info({ company: r.company.length }, 'sweep raised company-wide share reds');
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
