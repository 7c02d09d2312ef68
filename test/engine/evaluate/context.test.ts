import { describe, expect, it } from 'vitest';
import type { RepeatRule } from '../../../engine/compile/types.js';
import { indexTickets, streamingContext } from '../../../engine/evaluate/context.js';
import { parseTicket, type ParsedTicket } from '../../../engine/evaluate/parsed.js';
import type { Ticket } from '../../../engine/ticket.js';

const shanghaiDay = (ms: number) => Math.floor((ms + 8 * 3_600_000) / 86_400_000);

function ticket(id: string, createdAt: string, household = '3-1201', issueKey = 'bldg3-elevator', channel = 'hotline_96310'): Ticket {
  return { id, property: 'p', unit: 'p/u', category: 'c', priority: 't', createdAt, household, issueKey, channel, events: [] };
}

const history = [
  ticket('a', '2026-03-02T09:00:00+08:00'),
  ticket('b', '2026-03-02T23:30:00+08:00'), // same local day as a, on the hotline: the same report, called again
  ticket('c', '2026-03-03T00:30:00+08:00'), // the next local day (still 03-02 in UTC)
  ticket('d', '2026-03-03T10:00:00+08:00', '5-0101'), // another household
  ticket('e', '2026-03-05T08:00:00+08:00', '3-1201', 'bldg3-elevator', 'platform'),
];

/** 002's hotline rule with a 30-day window, as a policy would compile it. */
const HOTLINE: RepeatRule = { caseFields: ['issueKey', 'household'], withinMinutes: 30 * 1440, whileUnresolved: false, mergeChannels: new Set(['hotline_96310']), key: 'hotline' };

describe('repeat counts across tickets', () => {
  it('merge same-day hotline calls into one report: e repeats the report of 03-02 (a, b) and c', () => {
    const ctx = indexTickets(history, shanghaiDay);
    const repeats = history.map((t) => ctx.repeats(t, Date.parse(t.createdAt), HOTLINE));
    expect(repeats).toEqual([0, 0, 1, 0, 2]);
  });

  it('read the day in the policy zone, not UTC', () => {
    const utc = indexTickets(history);
    // In UTC, c (02-16:30Z) falls on the same day as a and b: it merges into their report.
    expect(utc.repeats(history[2] as Ticket, Date.parse(history[2]!.createdAt), HOTLINE)).toBe(0);
  });

  it('give the same answers when streamed in creation order', () => {
    const ctx = streamingContext(['issueKey'], 0, shanghaiDay, [HOTLINE]);
    const repeats = history.map((t) => {
      ctx.observe(t, Date.parse(t.createdAt));
      return ctx.repeats(t, Date.parse(t.createdAt), HOTLINE);
    });
    expect(repeats).toEqual([0, 0, 1, 0, 2]);
  });

  it('count nothing without a rule: the engine has no convention of its own', () => {
    const indexed = indexTickets(history, shanghaiDay);
    const streamed = streamingContext(['issueKey'], 0, shanghaiDay);
    for (const t of history) {
      streamed.observe(t, Date.parse(t.createdAt));
      expect([indexed.repeats(t, Date.parse(t.createdAt), undefined), streamed.repeats(t, Date.parse(t.createdAt), undefined)]).toEqual([0, 0]);
    }
  });

  it('take a streamed ticket\'s resolved instant from its parsed reading when given (its events are not parsed again)', () => {
    const WHILE_UNRESOLVED: RepeatRule = { caseFields: ['issueKey', 'household'], withinMinutes: null, whileUnresolved: true, mergeChannels: new Set(), key: 'open' };
    const first: Ticket = { ...ticket('a', '2026-03-02T09:00:00+08:00'), events: [{ type: 'resolved', at: '2026-03-02T10:00:00+08:00' }] };
    const second = ticket('c', '2026-03-03T09:00:00+08:00');
    const countOf = (parsedFirst?: ParsedTicket) => {
      const ctx = streamingContext(['issueKey'], 0, shanghaiDay, [WHILE_UNRESOLVED]);
      ctx.observe(first, Date.parse(first.createdAt), parsedFirst);
      ctx.observe(second, Date.parse(second.createdAt));
      return ctx.repeats(second, Date.parse(second.createdAt), WHILE_UNRESOLVED);
    };
    // Resolved (by its text) before c came in: c is no repeat.
    expect(countOf()).toBe(0);
    // A reading that says otherwise (resolved on 03-10) is the one believed: it was read from the same text.
    expect(countOf({ ...parseTicket(first), times: [Date.parse('2026-03-10T10:00:00+08:00')] })).toBe(1);
  });

  it('refuse, streamed, a rule the context was not made with (its reports were not kept)', () => {
    const streamed = streamingContext(['issueKey'], 0, shanghaiDay);
    streamed.observe(history[0] as Ticket, Date.parse(history[0]!.createdAt));
    expect(() => streamed.repeats(history[0] as Ticket, Date.parse(history[0]!.createdAt), HOTLINE)).toThrow(/not given/);
  });
});

describe('household shares across tickets', () => {
  it('count distinct households in the window up to the ticket, streamed or indexed alike', () => {
    const indexed = indexTickets(history, shanghaiDay);
    const streamed = streamingContext(['issueKey'], 0, shanghaiDay);
    const atMs = Date.parse('2026-04-01T00:00:00+08:00');
    for (const t of history) {
      const created = Date.parse(t.createdAt);
      streamed.observe(t, created);
      expect(streamed.households(t, created, 'issueKey', 2 * 1440, atMs)).toBe(indexed.households(t, created, 'issueKey', 2 * 1440, atMs));
    }
    const e = history[4] as Ticket;
    // Two days before e (03-05 08:00) reach back to d (03-03 10:00): two households; one day reaches only e.
    expect(indexed.households(e, Date.parse(e.createdAt), 'issueKey', 2 * 1440, atMs)).toBe(2);
    expect(indexed.households(e, Date.parse(e.createdAt), 'issueKey', 1440, atMs)).toBe(1);
    const d = history[3] as Ticket;
    expect(indexed.households(d, Date.parse(d.createdAt), 'issueKey', 2 * 1440, atMs)).toBe(2);
  });
});

describe('households before a ticket (shareBefore)', () => {
  it('leave out the ticket only when its household had not reported in the window, streamed or indexed alike', () => {
    const indexed = indexTickets(history, shanghaiDay);
    const streamed = streamingContext(['issueKey'], 0, shanghaiDay);
    const atMs = Date.parse('2026-04-01T00:00:00+08:00');
    const before = history.map((t) => {
      const created = Date.parse(t.createdAt);
      streamed.observe(t, created);
      const s = streamed.householdsBefore(t, created, 'issueKey', 2 * 1440, atMs);
      expect(s).toBe(indexed.householdsBefore(t, created, 'issueKey', 2 * 1440, atMs));
      return s;
    });
    // a: nothing before. b, c: 3-1201 already reported (a): 1. d: a new household, 1 before it (3-1201).
    // e (03-05 08:00, window from 03-03 08:00): c (03-03 00:30) is outside, d (5-0101) inside;
    // e's own 3-1201 has no earlier report in the window: 1 (2 with e, as households() says).
    expect(before).toEqual([0, 1, 1, 1, 1]);
  });
});
