// share()'s fourth argument (`share(issueKey, 30d, households(), kind = complaint and channel =
// platform)`): only the reports the filter holds for count, the ticket's own included only if it
// holds for it too. The indexed context (evaluate) and the streaming one (simulate) must give the
// same answers as a count written out by hand, for share and shareBefore, with and without filters.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateCore, indexTickets, noContext, Simulation, streamingContext, withProperties, type CompiledPolicy, type Ticket } from '../../../engine/index.js';
import { compiledDesk } from './desk-policy.js';
import { warningTally } from './warning-tally.js';
import type { ShareFilter } from '../../../engine/compile/types.js';

const PLATFORM_COMPLAINTS = 'kind = complaint and channel = platform';

function policy(warnings: string): CompiledPolicy {
  return compiledDesk(`group desk "测试集团"
zone "Asia/Shanghai"
categories { cleaning "保洁服务" }
tiers { general "一般" }
events { received "受理", resolved "处理完成" }
flags { verified "已核实" }
attribute kind "类型" { complaint "投诉", inquiry "咨询", repair "报修" }
attribute channel "渠道" { platform "集团平台", front_desk "前台", app "业主App" }
param share_window "窗口": duration = 2d
${warnings}
`);
}

/** Warnings over shares with three filters and none, so that the policy's `shares` hold all four. */
const FOUR = policy(`
warning a { when share(issueKey, share_window, households(), ${PLATFORM_COMPLAINTS}) >= 50% and shareBefore(issueKey, share_window, households(), ${PLATFORM_COMPLAINTS}) < 50% }
warning b { when share(issueKey, 1d, households(), not (channel in (app, front_desk))) >= 50% }
warning c { when share(household, 1d, households(), flags has verified or kind = repair) >= 50% }
warning d { when share(issueKey, share_window, households()) >= 50% and shareBefore(issueKey, share_window, households()) < 50% }
`);

const START = Date.parse('2026-03-01T00:00:00+08:00');
const AT = Date.parse('2026-12-31T00:00:00+08:00');

interface Row {
  minute: number;
  household: string | null;
  issueKey: string;
  kind: string;
  channel: string;
  verified: boolean;
}

const arbitraryRow = fc.record({
  minute: fc.integer({ min: 0, max: 6 * 1440 }),
  household: fc.constantFrom('h1', 'h2', 'h3', 'h4', null),
  issueKey: fc.constantFrom('lift', 'leak'),
  kind: fc.constantFrom('complaint', 'inquiry', 'repair'),
  channel: fc.constantFrom('platform', 'front_desk', 'app'),
  verified: fc.boolean(),
});

/**
 * Tickets in creation order: by instant, then by id (the order the store lists them in, which
 * the indexed context follows for reports of one instant; a stream takes them as they come).
 */
function historyOf(rows: Row[]): Ticket[] {
  return rows
    .map((r, i): Ticket => {
      const created = new Date(START + r.minute * 60_000).toISOString();
      return {
        id: `R-${i}`,
        property: 'jinxiu',
        unit: 'u',
        category: 'cleaning',
        priority: 'general',
        createdAt: created,
        household: r.household,
        issueKey: r.issueKey,
        kind: r.kind,
        channel: r.channel,
        flags: r.verified ? ['verified'] : [],
        events: [{ type: 'received', at: created }],
      };
    })
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The count written out: distinct households of `field`'s value among the reports the filter
 * holds for, from created - W up to the ticket in creation order (instant, then id), the ticket
 * itself included unless `before`.
 */
function byHand(tickets: Ticket[], t: Ticket, field: string, windowMinutes: number, filter: ShareFilter | undefined, before: boolean): number {
  const created = Date.parse(t.createdAt);
  const households = new Set<string>();
  for (const o of tickets) {
    const ms = Date.parse(o.createdAt);
    if (!o.household || o.property !== t.property || o[field] !== t[field] || typeof t[field] !== 'string') continue;
    const later = ms > created || (ms === created && (before ? o.id >= t.id : o.id > t.id));
    if (ms < created - windowMinutes * 60_000 || later) continue;
    if (filter && !filter.test(o)) continue;
    households.add(o.household);
  }
  return households.size;
}

describe('share() with a filter', () => {
  it('compiles one filter object per key, and one share per field and filter', () => {
    expect(FOUR.shares.map((s) => [s.field, s.filter ? 'filter' : 'none'])).toEqual([
      ['issueKey', 'filter'],
      ['issueKey', 'filter'],
      ['household', 'filter'],
      ['issueKey', 'none'],
    ]);
    expect(new Set(FOUR.shares.map((s) => s.filter?.key)).size).toBe(4);
    expect(FOUR.shareFields).toEqual(['issueKey', 'household']);
  });

  it('counts only the reports it holds for; the ticket itself only if it holds for it', () => {
    const at = (minute: number) => new Date(START + minute * 60_000).toISOString();
    const t = (id: string, minute: number, household: string, kind: string, channel: string): Ticket => ({
      id,
      property: 'jinxiu',
      unit: 'u',
      category: 'cleaning',
      priority: 'general',
      createdAt: at(minute),
      household,
      issueKey: 'lift',
      kind,
      channel,
      events: [{ type: 'received', at: at(minute) }],
    });
    const history = [t('c1', 0, 'h1', 'complaint', 'platform'), t('q2', 10, 'h2', 'inquiry', 'platform'), t('d3', 20, 'h3', 'complaint', 'front_desk'), t('c4', 30, 'h4', 'complaint', 'platform'), t('q5', 40, 'h5', 'inquiry', 'platform')];
    const filter = FOUR.shares[0]!.filter!;
    const indexed = indexTickets(history, FOUR.localDay);
    const streamed = streamingContext(FOUR.shares, FOUR.shareWindowMinutes, FOUR.localDay);
    const answers = history.map((ticket) => {
      const created = Date.parse(ticket.createdAt);
      streamed.observe(ticket, created);
      const both = (ctx: typeof indexed) => [ctx.households(ticket, created, 'issueKey', 2880, AT, filter), ctx.householdsBefore(ticket, created, 'issueKey', 2880, AT, filter), ctx.households(ticket, created, 'issueKey', 2880, AT)];
      expect(both(streamed)).toEqual(both(indexed));
      return both(indexed);
    });
    // [share with the filter, shareBefore with it, share without]: the inquiries and the desk
    // complaint add no household to the filtered share, not even to their own.
    expect(answers).toEqual([
      [1, 0, 1],
      [1, 1, 2],
      [1, 1, 3],
      [2, 1, 4],
      [2, 2, 5],
    ]);
    // Alone, a ticket is the only report it knows of, if the filter holds for it.
    expect(noContext.households(history[0]!, 0, 'issueKey', 2880, AT, filter)).toBe(1);
    expect(noContext.households(history[1]!, 0, 'issueKey', 2880, AT, filter)).toBe(0);
  });

  it('gives the same answers streamed and indexed as counted by hand, for random histories, reports of one instant among them', () => {
    // Whole hours, so that many reports share an instant.
    const rowsWithTies = fc.array(arbitraryRow.map((r) => ({ ...r, minute: r.minute - (r.minute % 60) })), { maxLength: 40 });
    fc.assert(
      fc.property(rowsWithTies, (rows) => {
        const tickets = historyOf(rows);
        const indexed = indexTickets(tickets, FOUR.localDay);
        const streamed = streamingContext(FOUR.shares, FOUR.shareWindowMinutes, FOUR.localDay);
        for (const t of tickets) {
          streamed.observe(t, Date.parse(t.createdAt));
          const fromStream = evaluateCore(FOUR, t, AT, streamed).env;
          const fromIndex = evaluateCore(FOUR, t, AT, indexed).env;
          for (const { field, filter } of FOUR.shares) {
            for (const window of [1440, 2880]) {
              const expected = [byHand(tickets, t, field, window, filter, false), byHand(tickets, t, field, window, filter, true)];
              expect([fromStream.households(field, window, filter), fromStream.householdsBefore(field, window, filter)]).toEqual(expected);
              expect([fromIndex.households(field, window, filter), fromIndex.householdsBefore(field, window, filter)]).toEqual(expected);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('in a simulation from a policy without the filter to one with it: the levels each side reaches are the indexed ones', () => {
    const from = policy('warning red { when share(issueKey, share_window, households()) >= 50% and shareBefore(issueKey, share_window, households()) < 50% }');
    const to = policy(`warning red { when share(issueKey, share_window, households(), ${PLATFORM_COMPLAINTS}) >= 50% and shareBefore(issueKey, share_window, households(), ${PLATFORM_COMPLAINTS}) < 50% }`);
    const at = '2026-12-31T00:00:00+08:00';
    const households = () => 4;
    fc.assert(
      fc.property(fc.uniqueArray(arbitraryRow, { maxLength: 30, selector: (r) => r.minute }), (rows) => {
        const tickets = historyOf(rows);
        const sim = new Simulation(from, to, at, { propertyHouseholds: households });
        for (const t of tickets) sim.add(t);
        const report = sim.result();
        const indexed = withProperties(indexTickets(tickets, from.localDay), households);
        expect([report.counts.from.warnings, report.counts.to.warnings]).toEqual([warningTally(from, tickets, at, indexed), warningTally(to, tickets, at, indexed)]);
      }),
      { numRuns: 100 },
    );
  });
});
