// 004 第十一条(三)2: “一个公司相同问题累计达到或超过总住户的5%” raises red. Over the
// complaints of a company's properties, per problem (the same `issueKey`), a window of
// W ending at each complaint counts the distinct households (property and household)
// that reported it; the first complaint at which they reach 5% of the company's total
// households raises one red for the problem, and the problem raises no other red within
// W of it (one red per problem per window, never one per ticket).
import type { Ticket } from '../../engine/index.js';

/** 004 第十一条(三)2: 5% of all households, “达到或超过”. */
export const SHARE_PERCENT = 5;

/**
 * Which tickets count: 004 governs complaints forwarded by the group platform (第二条:
 * 400 line, general manager's SMS, online service; 第十一条 concerns 客户投诉), so a desk
 * inquiry or a phone repair is no part of the share.
 */
export function countsForCompanyShare(t: Pick<Ticket, 'kind' | 'channel' | 'issueKey'>): boolean {
  return t.kind === 'complaint' && t.channel === 'platform' && typeof t.issueKey === 'string' && t.issueKey !== '';
}

export interface ShareRaise {
  /** The problem: the tickets' issueKey. */
  cluster: string;
  /** When the share was reached: the creation of the complaint that reached it (ms). */
  reachedMs: number;
  ticketId: string;
  /** Distinct households in the window ending then. */
  households: number;
}

/** A household as the company counts it: one per property and household (a ticket without one counts alone). */
const householdOf = (t: Ticket): string => JSON.stringify([t.property, t.household ?? `ticket:${t.id}`]);

/**
 * The reds `tickets` raise for a company of `totalHouseholds` with window `windowMs`, given
 * the instants of the reds already raised per cluster (none is raised within `windowMs`
 * of one of them).
 */
export function companyShareRaises(tickets: readonly Ticket[], totalHouseholds: number, windowMs: number, previous: ReadonlyMap<string, readonly number[]> = new Map()): ShareRaise[] {
  if (totalHouseholds <= 0 || windowMs <= 0) return [];
  const byCluster = new Map<string, { t: Ticket; ms: number }[]>();
  for (const t of tickets) {
    if (!countsForCompanyShare(t)) continue;
    const list = byCluster.get(t.issueKey as string) ?? [];
    list.push({ t, ms: Date.parse(t.createdAt) });
    byCluster.set(t.issueKey as string, list);
  }
  const raises: ShareRaise[] = [];
  for (const [cluster, list] of [...byCluster].sort(([a], [b]) => (a < b ? -1 : 1))) {
    list.sort((a, b) => a.ms - b.ms || (a.t.id < b.t.id ? -1 : 1));
    const raised = [...(previous.get(cluster) ?? [])];
    const inWindow = new Map<string, number>();
    let left = 0;
    for (const item of list) {
      const key = householdOf(item.t);
      inWindow.set(key, (inWindow.get(key) ?? 0) + 1);
      // The window (ms - W, ms]: drop what was created at or before its start.
      while (list[left]!.ms <= item.ms - windowMs) {
        const gone = householdOf(list[left]!.t);
        const n = inWindow.get(gone)! - 1;
        if (n === 0) inWindow.delete(gone);
        else inWindow.set(gone, n);
        left++;
      }
      const households = inWindow.size;
      if (households * 100 < SHARE_PERCENT * totalHouseholds) continue;
      if (raised.some((ms) => Math.abs(item.ms - ms) < windowMs)) continue;
      raised.push(item.ms);
      raises.push({ cluster, reachedMs: item.ms, ticketId: item.t.id, households });
    }
  }
  return raises;
}
