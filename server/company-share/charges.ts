// The company-wide share, evaluated by the sweep over the stored complaints of each
// branch company's properties (households from the store's property records), charged
// to the company itself: 004 第十一条(三)2 names “一个公司” beside “一个项目” (3), so the
// red belongs to the branch company (分公司, parallel to the project of (三)3), not to any
// one project's unit; 第十二条 prices it (red, 1 point in the shipped group) in the
// quality department's score of that company. The unit charged is the branch's id.
import type { Logger } from 'pino';
import type { Ticket } from '../../engine/index.js';
import { HttpError } from '../errors.js';
import { periodOf } from '../ledger.js';
import type { PolicyService } from '../policies.js';
import type { CompanyShareEntry, CompanyShareInput, Repository } from '../store/index.js';
import { companyShareRaises, countsForCompanyShare } from './clusters.js';

/** The warning level a company's share raises (004 第十一条(三): 红色预警). */
export const COMPANY_SHARE_LEVEL = 'red';
/** The window when no property of the company declares one (the repeat look-back the service uses). */
export const DEFAULT_WINDOW_DAYS = 30;
/** At most this many stored tickets are read per company and sweep. */
export const MAX_COMPANY_TICKETS = 100_000;
const PAGE = 5000;
const MINUTE_MS = 60_000;

export interface CompanyShareDeps {
  repository: Repository;
  policies: PolicyService;
  logger?: Logger;
}

async function ticketsOf(repository: Repository, propertyId: string, from: Date, to: Date, budget: number): Promise<Ticket[]> {
  const out: Ticket[] = [];
  let after: { createdAt: string; id: string } | undefined;
  while (out.length < budget) {
    const page = await repository.listTickets({ propertyId, from, to, limit: PAGE, ...(after ? { after } : {}) });
    for (const t of page) if (countsForCompanyShare(t)) out.push(t);
    if (page.length < PAGE) break;
    const last = page[page.length - 1]!;
    after = { createdAt: last.createdAt, id: last.id };
  }
  return out;
}

export async function chargeCompanyShare(deps: CompanyShareDeps, now: Date): Promise<CompanyShareEntry[]> {
  const { repository, policies, logger } = deps;
  const recorded: CompanyShareEntry[] = [];
  const branches = (await repository.listOrganisations()).filter((o) => o.kind === 'branch');
  for (const branch of branches) {
    const properties = await repository.listProperties({ under: branch.id });
    const total = properties.reduce((sum, p) => sum + p.households, 0);
    if (total === 0) continue;
    let windowMinutes = 0;
    let red: { points: number } | undefined;
    let zone: string | undefined;
    for (const p of properties) {
      try {
        const { compiled } = await policies.forProperty(p.id);
        windowMinutes = Math.max(windowMinutes, compiled.shareWindowMinutes);
        red ??= compiled.warnings.find((w) => w.name === COMPANY_SHARE_LEVEL);
        zone ??= compiled.zone;
      } catch (e) {
        if (!(e instanceof HttpError)) throw e;
      }
    }
    if (!red || !zone) continue; // no usable policy prices a red for this company
    const windowMs = (windowMinutes > 0 ? windowMinutes : DEFAULT_WINDOW_DAYS * 24 * 60) * MINUTE_MS;
    // Windows ending since one window ago, each looking back one more.
    const from = new Date(now.getTime() - 2 * windowMs);
    const to = new Date(now.getTime() + 1);
    const tickets: Ticket[] = [];
    for (const p of properties) tickets.push(...(await ticketsOf(repository, p.id, from, to, MAX_COMPANY_TICKETS - tickets.length)));
    if (tickets.length >= MAX_COMPANY_TICKETS) logger?.warn({ company: branch.id, read: tickets.length }, 'company share: ticket bound reached; later tickets not counted this sweep');
    const previous = new Map<string, number[]>();
    for (const e of await repository.listCompanyShare(branch.id)) previous.set(e.cluster, [...(previous.get(e.cluster) ?? []), Date.parse(e.reachedAt)]);
    const raises = companyShareRaises(tickets, total, windowMs, previous);
    const entries: CompanyShareInput[] = raises.map((r) => ({
      companyId: branch.id,
      cluster: r.cluster,
      ticketId: r.ticketId,
      households: r.households,
      total,
      level: COMPANY_SHARE_LEVEL,
      points: red.points,
      unit: branch.id,
      period: periodOf(r.reachedMs, zone),
      reachedAt: new Date(r.reachedMs),
    }));
    if (entries.length > 0) recorded.push(...(await repository.recordCompanyShare(entries)));
  }
  return recorded;
}
