// Conditions across tickets. `share(issueKey, 7d, households)` counts the
// distinct households of the same property that reported the same issueKey in
// the window that ends when the ticket was created (the ticket itself
// included): what the desk knew when the report came in. With a filter
// (`share(issueKey, 7d, households(), kind = complaint)`, a ShareFilter) only the
// reports it holds for count, the ticket's own included: a ticket the filter
// does not hold for adds no household, not even to its own share. Looking only back
// keeps results stable as history grows and lets a simulation stream tickets
// in the order they were created. Repeat counts follow the rule the policy
// states (`repeats { … }`, see repeats.ts); the engine has no convention of its
// own, and without a rule the context counts none. Days are local days of the
// policy's zone (`localDay`).
import type { RepeatRule, ShareFilter, ShareSpec } from '../compile/types.js';
import type { Ticket } from '../ticket.js';
import { parseInstant } from './instant.js';
import type { ParsedTicket } from './parsed.js';
import { caseKeyOf, countRepeats, isRepeatSource, repeatReport, type RepeatReport } from './repeats.js';

export interface TicketContext {
  /** Distinct households that reported the ticket's value of `field` in the window; with `filter`, in the reports it holds for only. */
  households(ticket: Ticket, createdMs: number, field: string, windowMinutes: number, atMs: number, filter?: ShareFilter): number;
  /**
   * The same count without this ticket's report: the households the window held before
   * it came in (its own household still counts if it reported earlier in the window).
   * `shareBefore()` reads it, so a rule can fire on the one ticket that crosses a share.
   */
  householdsBefore(ticket: Ticket, createdMs: number, field: string, windowMinutes: number, atMs: number, filter?: ShareFilter): number;
  /** Earlier reports of the ticket's case that `rule` counts as repeats (0 without a rule). */
  repeats(ticket: Ticket, createdMs: number, rule: RepeatRule | undefined): number;
  /**
   * The total households of a property, from its record (the store's organisations):
   * what `households()` reads. Absent, null or 0: unknown, and a share of it is not judged (E340).
   */
  propertyHouseholds?(property: string): number | null;
}

/** What evaluation is told of the ticket's property: its record in the store (server/property-input.ts). */
export interface PropertyInput {
  id?: string;
  /** 总住户: whole households; null or 0 when the record has none. */
  households: number | null;
}

/**
 * `context` with the household counts of properties added: one property's record, or a
 * lookup by id for a simulation over several. The result delegates everything else to
 * `context` (a streaming context keeps its `observe`).
 */
export function withProperties<T extends TicketContext>(context: T, households: PropertyInput | ((property: string) => number | null)): T {
  const lookUp = typeof households === 'function' ? households : (property: string) => (households.id === undefined || households.id === property ? households.households : null);
  return Object.assign(Object.create(context) as T, { propertyHouseholds: lookUp });
}

interface Report {
  ms: number;
  household: string;
}

/** A report the indexed context keeps: which ticket made it, to order reports of one instant. */
interface IndexedReport extends Report {
  id: string;
}

/**
 * Creation order: by instant, then by ticket id, the order the store lists tickets in (and
 * an export writes them). Reports of one instant need an order, or "the report that
 * crosses a share" is not one report. A stream (streamingContext) takes them in its own
 * order, the same one when the file was written in this order.
 */
const byCreation = (a: IndexedReport, b: IndexedReport): number => a.ms - b.ms || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function lowerBound(list: Report[], ms: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as Report).ms < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A ticket evaluated on its own: it is the only report it knows of (if the filter, when given, holds for it). */
export const noContext: TicketContext = {
  households: (ticket, _created, field, _window, _at, filter) => (ticket.household && ticket[field] && (filter === undefined || filter.test(ticket)) ? 1 : 0),
  householdsBefore: () => 0,
  repeats: () => 0,
};

/** Local day numbers; the default (UTC) is for callers without a policy. */
export type LocalDay = (ms: number) => number;
const utcDay: LocalDay = (ms) => Math.floor(ms / 86_400_000);

export function indexTickets(tickets: Iterable<Ticket>, localDay: LocalDay = utcDay): TicketContext {
  const all = [...tickets];
  // rule key -> case key -> the reports of that case.
  const byRule = new Map<string, Map<string, RepeatReport[]>>();
  const casesOf = (rule: RepeatRule): Map<string, RepeatReport[]> => {
    let cases = byRule.get(rule.key);
    if (!cases) {
      cases = new Map();
      for (const t of all) {
        const key = caseKeyOf(rule, t);
        if (key === undefined) continue;
        const list = cases.get(key) ?? [];
        list.push(repeatReport(rule, t, parseInstant(t.createdAt), localDay));
        cases.set(key, list);
      }
      byRule.set(rule.key, cases);
    }
    return cases;
  };
  // field -> filter key ('' for none) -> property and value -> the reports, in time order.
  const byField = new Map<string, Map<string, Map<string, IndexedReport[]>>>();
  const reportsOf = (field: string, filter: ShareFilter | undefined): Map<string, IndexedReport[]> => {
    let byFilter = byField.get(field);
    if (!byFilter) {
      byFilter = new Map();
      byField.set(field, byFilter);
    }
    const filterKey = filter === undefined ? '' : filter.key;
    let index = byFilter.get(filterKey);
    if (!index) {
      index = new Map();
      for (const t of all) {
        const value = t[field];
        if (typeof value !== 'string' || !value || !t.household) continue;
        if (filter !== undefined && !filter.test(t)) continue;
        const key = `${t.property}\u0000${value}`;
        const list = index.get(key) ?? [];
        list.push({ ms: parseInstant(t.createdAt), household: t.household, id: t.id });
        index.set(key, list);
      }
      for (const list of index.values()) list.sort(byCreation);
      byFilter.set(filterKey, index);
    }
    return index;
  };
  return {
    households(ticket, createdMs, field, windowMinutes, atMs, filter) {
      const value = ticket[field];
      if (typeof value !== 'string' || !value) return 0;
      const list = reportsOf(field, filter).get(`${ticket.property}\u0000${value}`);
      if (!list) return ticket.household && (filter === undefined || filter.test(ticket)) ? 1 : 0;
      const windowMs = windowMinutes * 60_000;
      const until = Math.min(atMs, createdMs);
      const seen = new Set<string>();
      for (let i = lowerBound(list, createdMs - windowMs); i < list.length; i++) {
        const r = list[i] as IndexedReport;
        // Reports of the ticket's own instant count up to the ticket itself, in creation order.
        if (r.ms > until || (r.ms === createdMs && r.id > ticket.id)) break;
        seen.add(r.household);
      }
      return seen.size;
    },
    householdsBefore(ticket, createdMs, field, windowMinutes, atMs, filter) {
      const value = ticket[field];
      if (typeof value !== 'string' || !value) return 0;
      const list = reportsOf(field, filter).get(`${ticket.property}\u0000${value}`);
      if (!list) return 0;
      const seen = new Set<string>();
      const until = Math.min(atMs, createdMs);
      // Strictly before the ticket in creation order: of the reports at its own instant, those
      // that come before it (byCreation). Were they all left out, two reports of one instant
      // would each see the other missing, and both could be the one that crosses a share.
      for (let i = lowerBound(list, createdMs - windowMinutes * 60_000); i < list.length; i++) {
        const r = list[i] as IndexedReport;
        if (r.ms > until || (r.ms === until && (until !== createdMs || r.id >= ticket.id))) break;
        seen.add(r.household);
      }
      return seen.size;
    },
    repeats(ticket, createdMs, rule) {
      if (!rule) return 0;
      const key = caseKeyOf(rule, ticket);
      if (key === undefined) return 0;
      return countRepeats(rule, casesOf(rule).get(key) ?? [], repeatReport(rule, ticket, createdMs, localDay));
    },
  };
}

/** Distinct households inside one sliding window over one key's reports. */
interface Window {
  front: number;
  back: number;
  counts: Map<string, number>;
}

interface KeyReports {
  list: Report[];
  /** Absolute index of list[0]: windows keep absolute positions while old reports are dropped. */
  base: number;
  windows: Map<number, Window>;
}

/** Without a window asked for yet, reports older than this (or than `keepMinutes`, if longer) are dropped. */
const DEFAULT_KEEP_MS = 31 * 86_400_000;
/**
 * Tickets between two sweeps of the repeat cases (see streamingContext), at least: a sweep
 * visits every live case, so sweeps come no more often than once per live case observed,
 * which keeps their cost per ticket constant however many cases a history keeps live (a
 * sweep every 8,192 tickets over some 35,000 live cases was 4% of a simulation's time).
 */
const SWEEP_EVERY = 8192;

/** The reports of one share (a field, and a filter or none), by property and value. */
interface ShareLists {
  field: string;
  filter: ShareFilter | undefined;
  /** Index of the filter's answer in the answers kept for the ticket observed last; -1 without a filter. */
  slot: number;
  /** property -> value: nested maps, so no key strings are built per ticket. */
  byProperty: Map<string, Map<string, KeyReports>>;
}

/**
 * The same answers from tickets seen so far, for a stream in creation order:
 * `observe` each ticket before evaluating it. Each window slides forward with
 * the stream and keeps its distinct households counted, so a count costs O(1)
 * amortised, and only reports some window can still reach are kept.
 * `shares` are what share() is asked about: a ticket field (default issueKey), or a field
 * and the filter of the reports it counts (CompiledPolicy.shares); each gets report lists
 * of its own, and each distinct filter is asked once per observed ticket.
 * `keepMinutes` the longest window it will be asked about (CompiledPolicy.shareWindowMinutes),
 * so that reports a window asks for late (after an `or` skipped it) are still there.
 */
export function streamingContext(
  shares: readonly (string | ShareSpec)[] = ['issueKey'],
  keepMinutes = 0,
  localDay: LocalDay = utcDay,
  repeatRules: readonly RepeatRule[] = [],
): TicketContext & { observe(ticket: Ticket, createdMs: number, parsed?: ParsedTicket): void } {
  const keepMs = Math.max(DEFAULT_KEEP_MS, keepMinutes * 60_000);
  // One filter per key (two policies' equal filters are two objects), its answer for the
  // ticket observed last in `matched` (1 or 0), kept so that shareBefore need not ask again.
  const filters: ShareFilter[] = [];
  const slotOf = new Map<string, number>();
  // field -> filter key ('' for none) -> its lists.
  const sharesByField = new Map<string, Map<string, ShareLists>>();
  const lists: ShareLists[] = [];
  for (const spec of shares) {
    const field = typeof spec === 'string' ? spec : spec.field;
    const filter = typeof spec === 'string' ? undefined : spec.filter;
    const filterKey = filter === undefined ? '' : filter.key;
    let byFilter = sharesByField.get(field);
    if (!byFilter) {
      byFilter = new Map();
      sharesByField.set(field, byFilter);
    }
    if (byFilter.has(filterKey)) continue;
    let slot = -1;
    if (filter !== undefined) {
      slot = slotOf.get(filterKey) ?? -1;
      if (slot < 0) {
        slot = filters.push(filter) - 1;
        slotOf.set(filterKey, slot);
      }
    }
    const share: ShareLists = { field, filter, slot, byProperty: new Map() };
    byFilter.set(filterKey, share);
    lists.push(share);
  }
  const matched = new Uint8Array(filters.length);
  let lastObserved: Ticket | undefined;
  const listsOf = (field: string, filter: ShareFilter | undefined): ShareLists | undefined => sharesByField.get(field)?.get(filter === undefined ? '' : filter.key);
  /** Whether the share's filter holds for `ticket`: its kept answer when it is the ticket observed last. */
  const counts = (share: ShareLists | undefined, filter: ShareFilter | undefined, ticket: Ticket): boolean => {
    if (filter === undefined) return true;
    if (share !== undefined && ticket === lastObserved) return matched[share.slot] === 1;
    return filter.test(ticket);
  };
  // Per repeat rule: the reports of each case that can still make a later ticket a repeat,
  // and the count of the ticket just observed (only it is asked about, so one slot is enough:
  // two fields set in place, not an object made per ticket).
  const rules = new Map<string, { rule: RepeatRule; cases: Map<string, RepeatReport[]>; lastId: string; lastCount: number }>();
  for (const rule of repeatRules) rules.set(rule.key, { rule, cases: new Map(), lastId: '', lastCount: 0 });
  const reportsFor = (share: ShareLists, property: string, value: string, create: boolean): KeyReports | undefined => {
    const byProperty = share.byProperty;
    let byValue = byProperty.get(property);
    if (!byValue) {
      if (!create) return undefined;
      byValue = new Map();
      byProperty.set(property, byValue);
    }
    let k = byValue.get(value);
    if (!k && create) {
      k = { list: [], base: 0, windows: new Map() };
      byValue.set(value, k);
    }
    return k;
  };

  const prune = (k: KeyReports, nowMs: number) => {
    let keepFrom = k.base + k.list.length;
    for (const w of k.windows.values()) keepFrom = Math.min(keepFrom, w.front);
    if (k.windows.size === 0) {
      keepFrom = k.base;
      while (keepFrom < k.base + k.list.length && (k.list[keepFrom - k.base] as Report).ms < nowMs - keepMs) keepFrom++;
    }
    const drop = keepFrom - k.base;
    if (drop > 64 || (drop > 0 && drop * 2 > k.list.length)) {
      k.list.splice(0, drop);
      k.base = keepFrom;
    }
  };

  // Cases are pruned when their next report comes; one that never comes again would keep its
  // reports for ever (a million-ticket history of one-off cases grew simulate's peak by a
  // quarter). Every SWEEP_EVERY tickets, reports that can make no later ticket a repeat go.
  let sinceSweep = 0;
  /** Drops, in place, the reports that can make no ticket from `nowMs` on a repeat; the count kept. */
  const keepSources = (rule: RepeatRule, list: RepeatReport[], nowMs: number): number => {
    let kept = 0;
    for (let i = 0; i < list.length; i++) {
      const e = list[i] as RepeatReport;
      if (e.ms >= nowMs || isRepeatSource(rule, e, nowMs)) list[kept++] = e;
    }
    // Setting a list's length is a call into the runtime, even to the length it has.
    if (kept < list.length) list.length = kept;
    return kept;
  };
  let sweepAfter = SWEEP_EVERY;
  const sweep = (nowMs: number) => {
    let live = 0;
    for (const r of rules.values()) {
      for (const [key, list] of r.cases) if (keepSources(r.rule, list, nowMs) === 0) r.cases.delete(key);
      live += r.cases.size;
    }
    sweepAfter = Math.max(SWEEP_EVERY, live);
  };

  return {
    observe(ticket, createdMs, parsed) {
      if (rules.size > 0 && ++sinceSweep >= sweepAfter) {
        sinceSweep = 0;
        sweep(createdMs);
      }
      for (const r of rules.values()) {
        const key = caseKeyOf(r.rule, ticket);
        r.lastId = ticket.id;
        if (key === undefined) {
          r.lastCount = 0;
          continue;
        }
        const own = repeatReport(r.rule, ticket, createdMs, localDay, parsed);
        const list = r.cases.get(key);
        if (!list) {
          // A case's first report: a list of one, not an empty list pushed to (which reserves
          // 17 slots: most cases of a history never get a second report).
          r.lastCount = 0;
          r.cases.set(key, [own]);
          continue;
        }
        r.lastCount = countRepeats(r.rule, list, own);
        // Tickets come in creation order: a report that cannot make this one a repeat cannot make any later one.
        keepSources(r.rule, list, createdMs);
        list.push(own);
      }
      if (!ticket.household) {
        lastObserved = undefined;
        return;
      }
      // Each filter asked once for the ticket, whatever the fields and windows that use it.
      for (let i = 0; i < filters.length; i++) matched[i] = filters[i]!.test(ticket) ? 1 : 0;
      lastObserved = ticket;
      for (let i = 0; i < lists.length; i++) {
        const share = lists[i]!;
        if (share.slot >= 0 && matched[share.slot] === 0) continue;
        const value = ticket[share.field];
        if (typeof value !== 'string' || !value) continue;
        const k = reportsFor(share, ticket.property, value, true) as KeyReports;
        k.list.push({ ms: createdMs, household: ticket.household });
        prune(k, createdMs);
      }
    },
    households(ticket, createdMs, field, windowMinutes, atMs, filter) {
      const value = ticket[field];
      if (typeof value !== 'string' || !value) return 0;
      const share = listsOf(field, filter);
      const k = share === undefined ? undefined : reportsFor(share, ticket.property, value, false);
      if (!k) return ticket.household && counts(share, filter, ticket) ? 1 : 0;
      const windowMs = windowMinutes * 60_000;
      let w = k.windows.get(windowMs);
      if (!w) {
        w = { front: k.base, back: k.base, counts: new Map() };
        k.windows.set(windowMs, w);
      }
      const until = Math.min(atMs, createdMs);
      const from = createdMs - windowMs;
      while (w.back < k.base + k.list.length && (k.list[w.back - k.base] as Report).ms <= until) {
        const h = (k.list[w.back - k.base] as Report).household;
        w.counts.set(h, (w.counts.get(h) ?? 0) + 1);
        w.back++;
      }
      while (w.front < w.back && (k.list[w.front - k.base] as Report).ms < from) {
        const h = (k.list[w.front - k.base] as Report).household;
        const n = (w.counts.get(h) ?? 1) - 1;
        if (n === 0) w.counts.delete(h);
        else w.counts.set(h, n);
        w.front++;
      }
      return w.counts.size;
    },
    householdsBefore(ticket, createdMs, field, windowMinutes, atMs, filter) {
      // The window slid to this ticket (observed last) holds its report: take it away
      // when it is its household's only one there. A report the filter does not hold for
      // was never kept, so there is nothing to take away.
      const now = this.households(ticket, createdMs, field, windowMinutes, atMs, filter);
      const share = listsOf(field, filter);
      if (share === undefined || !ticket.household || !counts(share, filter, ticket)) return now;
      const k = reportsFor(share, ticket.property, String(ticket[field] ?? ''), false);
      const own = k?.windows.get(windowMinutes * 60_000)?.counts.get(ticket.household);
      return own === 1 ? now - 1 : now;
    },
    repeats(ticket, _createdMs, rule) {
      if (!rule) return 0;
      const r = rules.get(rule.key);
      if (!r) throw new Error('streamingContext: this repeat rule was not given when the context was made, so its reports were not kept.');
      return r.lastId === ticket.id ? r.lastCount : 0;
    },
  };
}
