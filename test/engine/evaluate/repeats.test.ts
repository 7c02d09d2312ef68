// repeatCount under a policy's `repeats { … }` rule (二次投诉): the window (inclusive, measured
// from each earlier report), `while unresolved` (no `resolved` event at or before the later
// report), same-day merging on the named channels only, and no convention at all without a
// rule. Expectations are worked out from the rule and the calendar (Asia/Shanghai local days).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateCore, indexTickets, Simulation, streamingContext, type CompiledPolicy, type Ticket } from '../../../engine/index.js';
import { compiledDesk } from './desk-policy.js';
import { warningTally } from './warning-tally.js';

function policy(repeats: string, warnings = ''): CompiledPolicy {
  return compiledDesk(`group desk "测试集团"
zone "Asia/Shanghai"
categories { cleaning "保洁服务" }
tiers { general "一般" }
events { received "受理", resolved "处理完成" }
attribute channel "渠道" { hotline_96310 "96310热线", platform "集团平台", app "业主App" }
param repeat_window "二次投诉窗口": duration = 30d
${repeats}
${warnings}
`);
}

const WINDOW = policy('repeats { case issueKey, household  within repeat_window  merge same day hotline_96310 }');
const UNRESOLVED = policy('repeats { case issueKey, household  within 30d  while unresolved }');
const NONE = policy('');

let n = 0;
function report(createdAt: string, fields: Partial<Ticket> = {}, resolvedAt?: string): Ticket {
  n++;
  return {
    id: `T-${n}`,
    property: 'jinxiu',
    unit: 'jinxiu/cleaning',
    category: 'cleaning',
    priority: 'general',
    issueKey: 'bldg3-lift',
    household: '3-1-502',
    channel: 'platform',
    createdAt,
    events: [{ type: 'received', at: createdAt }, ...(resolvedAt ? [{ type: 'resolved', at: resolvedAt }] : [])],
    ...fields,
  };
}

/** repeatCount of the last ticket of `history`, each ticket knowing the whole history. */
function repeatCount(p: CompiledPolicy, history: Ticket[]): number {
  const subject = history[history.length - 1] as Ticket;
  return evaluateCore(p, subject, Date.parse('2026-12-31T00:00:00+08:00'), indexTickets(history, p.localDay)).env.repeats();
}

const FIRST = '2026-03-02T09:00:00+08:00';
const RESOLVED = '2026-03-02T12:00:00+08:00';

describe('repeatCount under the policy’s repeats rule', () => {
  it('counts a report within the window (30 days after the earlier one, to the minute)', () => {
    expect(repeatCount(WINDOW, [report(FIRST, {}, RESOLVED), report('2026-04-01T09:00:00+08:00')])).toBe(1);
  });

  it('does not count one a minute past the window', () => {
    expect(repeatCount(WINDOW, [report(FIRST, {}, RESOLVED), report('2026-04-01T09:01:00+08:00')])).toBe(0);
  });

  it('counts, with `while unresolved`, a report past the window while the earlier one is unresolved', () => {
    expect(repeatCount(UNRESOLVED, [report(FIRST), report('2026-04-01T09:01:00+08:00')])).toBe(1);
    // Resolved a minute after the later report came in: still unresolved when it did.
    expect(repeatCount(UNRESOLVED, [report(FIRST, {}, '2026-04-01T09:02:00+08:00'), report('2026-04-01T09:01:00+08:00')])).toBe(1);
    // Resolved at the very instant of the later report: resolved at or before it, so no repeat.
    expect(repeatCount(UNRESOLVED, [report(FIRST, {}, '2026-04-01T09:01:00+08:00'), report('2026-04-01T09:01:00+08:00')])).toBe(0);
    // Without `while unresolved` an unresolved report past the window does not count.
    expect(repeatCount(WINDOW, [report(FIRST), report('2026-04-01T09:01:00+08:00')])).toBe(0);
  });

  it('merges same-day reports on the hotline into one report', () => {
    const hotline = { channel: 'hotline_96310' };
    // 09:00 and 23:30 Beijing time are one local day: the second call is the same report.
    expect(repeatCount(WINDOW, [report(FIRST, hotline), report('2026-03-02T23:30:00+08:00', hotline)])).toBe(0);
    // Three calls on 03-02 are one report; a call on 03-03 (00:30, still 03-02 in UTC) repeats it once.
    const calls = [report(FIRST, hotline), report('2026-03-02T15:00:00+08:00', hotline), report('2026-03-02T23:30:00+08:00', hotline), report('2026-03-03T00:30:00+08:00', hotline)];
    expect(repeatCount(WINDOW, calls)).toBe(1);
  });

  it('does not merge the same on the platform: a second platform report that day is a repeat', () => {
    expect(repeatCount(WINDOW, [report(FIRST), report('2026-03-02T23:30:00+08:00')])).toBe(1);
    // A platform report after two hotline calls that day repeats their one report, once.
    expect(repeatCount(WINDOW, [report(FIRST, { channel: 'hotline_96310' }), report('2026-03-02T10:00:00+08:00', { channel: 'hotline_96310' }), report('2026-03-02T11:00:00+08:00')])).toBe(1);
  });

  it('matches every case field and the property; a ticket with an empty case field has no case', () => {
    expect(repeatCount(WINDOW, [report(FIRST, { household: '5-0101' }), report('2026-03-03T09:00:00+08:00')])).toBe(0);
    expect(repeatCount(WINDOW, [report(FIRST, { property: 'other' }), report('2026-03-03T09:00:00+08:00')])).toBe(0);
    expect(repeatCount(WINDOW, [report(FIRST), report('2026-03-03T09:00:00+08:00', { household: null })])).toBe(0);
  });

  it('only looks back: a later report does not make an earlier one a repeat', () => {
    const first = report(FIRST);
    const ctx = indexTickets([first, report('2026-03-03T09:00:00+08:00')], WINDOW.localDay);
    expect(evaluateCore(WINDOW, first, Date.parse('2026-12-31T00:00:00+08:00'), ctx).env.repeats()).toBe(0);
  });

  it('takes the ticket’s own repeatCount when it is higher (the external system may know more)', () => {
    expect(repeatCount(WINDOW, [report(FIRST, {}, RESOLVED), report('2026-03-03T09:00:00+08:00', { repeatCount: 3 })])).toBe(3);
    expect(repeatCount(WINDOW, [report(FIRST, {}, RESOLVED), report('2026-03-03T09:00:00+08:00', { repeatCount: 0 })])).toBe(1);
  });

  it('is only the ticket’s own field without a repeats declaration', () => {
    const history = [report(FIRST), report('2026-03-02T10:00:00+08:00'), report('2026-03-03T09:00:00+08:00')];
    expect(repeatCount(NONE, history)).toBe(0);
    expect(repeatCount(NONE, [...history, report('2026-03-04T09:00:00+08:00', { repeatCount: 2 })])).toBe(2);
  });
});

describe('repeatCount streamed (simulate) and indexed (evaluate) agree', () => {
  const MERGE_BOTH = policy('repeats { case issueKey  within 2d  while unresolved  merge same day hotline_96310, platform }');
  const START = Date.parse('2026-03-01T00:00:00+08:00');
  const LEVELS = 'warning once { when repeatCount >= 1 }\nwarning twice { when repeatCount >= 2 }\nwarning thrice { when repeatCount >= 3 }';
  const arbitraryReport = fc.record({
    minute: fc.integer({ min: 0, max: 20 * 1440 }),
    household: fc.constantFrom('h1', 'h2', null),
    issueKey: fc.constantFrom('lift', 'leak'),
    channel: fc.constantFrom('hotline_96310', 'platform', 'app'),
    resolvedAfter: fc.option(fc.integer({ min: 0, max: 10 * 1440 })),
  });

  const historyOf = (rows: { minute: number; household: string | null; issueKey: string; channel: string; resolvedAfter: number | null }[]): Ticket[] =>
    rows
          .map((r, i): Ticket => {
            const created = new Date(START + r.minute * 60_000).toISOString();
            const events = [{ type: 'received', at: created }];
            if (r.resolvedAfter !== null) events.push({ type: 'resolved', at: new Date(START + (r.minute + r.resolvedAfter) * 60_000).toISOString() });
            return { id: `R-${i}`, property: 'jinxiu', unit: 'u', category: 'cleaning', priority: 'general', createdAt: created, household: r.household, issueKey: r.issueKey, channel: r.channel, events };
          })
      .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));

  it('for random histories under each rule', () => {
    fc.assert(
      fc.property(fc.array(arbitraryReport, { maxLength: 40 }), fc.constantFrom(WINDOW, UNRESOLVED, MERGE_BOTH), (rows, p) => {
        const tickets = historyOf(rows);
        const atMs = Date.parse('2026-12-31T00:00:00+08:00');
        const indexed = indexTickets(tickets, p.localDay);
        const streamed = streamingContext(p.shareFields, p.shareWindowMinutes, p.localDay, p.repeats ? [p.repeats] : []);
        for (const t of tickets) {
          streamed.observe(t, Date.parse(t.createdAt));
          expect(evaluateCore(p, t, atMs, streamed).env.repeats()).toBe(evaluateCore(p, t, atMs, indexed).env.repeats());
        }
      }),
      { numRuns: 200 },
    );
  });

  it('across the periodic sweep of cases that no later ticket can repeat (every 8,192 tickets): 30,000 tickets, 400 cases', () => {
    // Cases recur at random over 120 days: some stay open (while unresolved), most are resolved
    // within days, so sweeps drop cases that later come back. Deterministic (a fixed LCG).
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const rows = Array.from({ length: 30_000 }, () => ({
      minute: rand(120 * 1440),
      household: `h${rand(20)}`,
      issueKey: `k${rand(20)}`,
      channel: ['hotline_96310', 'platform', 'app'][rand(3)] as string,
      resolvedAfter: rand(10) === 0 ? null : rand(5 * 1440),
    }));
    const tickets = historyOf(rows);
    const atMs = Date.parse('2026-12-31T00:00:00+08:00');
    for (const p of [WINDOW, UNRESOLVED]) {
      const indexed = indexTickets(tickets, p.localDay);
      const streamed = streamingContext(p.shareFields, p.shareWindowMinutes, p.localDay, p.repeats ? [p.repeats] : []);
      let differ = 0;
      for (const t of tickets) {
        streamed.observe(t, Date.parse(t.createdAt));
        if (evaluateCore(p, t, atMs, streamed).env.repeats() !== evaluateCore(p, t, atMs, indexed).env.repeats()) differ++;
      }
      expect(differ).toBe(0);
    }
  });

  it('in a simulation comparing two policies with different rules: the levels each side reaches are the indexed ones', () => {
    const from = policy('repeats { case issueKey, household  within 3d  merge same day hotline_96310 }', LEVELS);
    const to = policy('repeats { case issueKey  while unresolved }', LEVELS);
    const at = '2026-12-31T00:00:00+08:00';
    fc.assert(
      fc.property(fc.array(arbitraryReport, { maxLength: 30 }), (rows) => {
        const tickets = historyOf(rows);
        const sim = new Simulation(from, to, at);
        for (const t of tickets) sim.add(t);
        const report = sim.result();
        const indexed = indexTickets(tickets, from.localDay);
        expect([report.counts.from.warnings, report.counts.to.warnings]).toEqual([warningTally(from, tickets, at, indexed), warningTally(to, tickets, at, indexed)]);
      }),
      { numRuns: 100 },
    );
  });
});
