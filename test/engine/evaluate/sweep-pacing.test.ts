// streamingContext drops, now and then, the repeat reports that can make no later ticket a
// repeat. Since commit b576d73 that sweep runs every max(8192, live cases) tickets, not every
// 8192, so with many cases kept live (one-off reports never resolved, under `while
// unresolved`) sweeps come at uneven, longer intervals. Whenever they come, a swept context
// must answer as the index of the whole history does. The stream: 48,000 cheap tickets
// two minutes apart (about 67 days), most of them one-off cases (most never resolved, so
// more than 8,192 cases are live by the second sweep), the rest reports of a few hot cases
// (gaps of hours) and many cold ones (gaps of days, some longer than the 3-day window),
// resolved soon, late or never. Deterministic: a fixed linear congruential generator.
import { describe, expect, it } from 'vitest';
import { indexTickets, streamingContext, type Ticket } from '../../../engine/index.js';
import { deskPolicy } from './desk-policy.js';

const TICKETS = 48_000;
const SWEEP_EVERY = 8192;
const START = Date.parse('2026-03-01T00:00:00+08:00');
const MINUTE = 60_000;

function stream(): { tickets: Ticket[]; unresolvedOneOffs: number[] } {
  let seed = 13;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  const tickets: Ticket[] = [];
  /** By position: how many one-off cases before it were never resolved (each stays live for ever). */
  const unresolvedOneOffs: number[] = [];
  let open = 0;
  for (let i = 0; i < TICKETS; i++) {
    const createdMs = START + i * 2 * MINUTE;
    const kind = rand(100);
    let household: string;
    let issueKey: string;
    let resolvedAfter: number | null; // minutes
    if (kind < 85) {
      // A one-off case: a household of its own. 70% never resolved.
      household = `once-${i}`;
      issueKey = 'leak';
      resolvedAfter = rand(10) < 7 ? null : rand(2 * 1440);
    } else {
      // 20 hot cases (about one report per 4.5 hours each) or 400 cold ones (one per 4 days or so).
      const hot = kind < 92;
      household = hot ? `hot-${rand(20)}` : `cold-${rand(400)}`;
      issueKey = 'lift';
      const r = rand(3);
      resolvedAfter = r === 0 ? null : r === 1 ? rand(6 * 60) : rand(8 * 1440);
    }
    unresolvedOneOffs.push(open);
    if (kind < 85 && resolvedAfter === null) open++;
    const created = new Date(createdMs).toISOString();
    const events = [{ type: 'received', at: created }];
    if (resolvedAfter !== null) events.push({ type: 'resolved', at: new Date(createdMs + resolvedAfter * MINUTE).toISOString() });
    tickets.push({ id: `T${i}`, property: 'p', unit: 'p/u', category: 'c', priority: 't', household, issueKey, createdAt: created, events });
  }
  return { tickets, unresolvedOneOffs };
}

describe('repeat counts streamed across sweeps paced by the live cases', () => {
  const { tickets, unresolvedOneOffs } = stream();

  it('the stream keeps more than 8,192 cases live by the second sweep (so the pacing is not 8,192)', () => {
    expect(unresolvedOneOffs[2 * SWEEP_EVERY]!).toBeGreaterThan(SWEEP_EVERY);
  });

  for (const rule of ['case issueKey, household  within 3d  while unresolved', 'case issueKey, household  while unresolved']) {
    it(`streamed repeats() equal indexed repeats() for every ticket: ${rule}`, () => {
      const p = deskPolicy(`repeats { ${rule} }`);
      const repeatRule = p.repeats!;
      const indexed = indexTickets(tickets, p.localDay);
      const streamed = streamingContext(p.shareFields, p.shareWindowMinutes, p.localDay, [repeatRule]);
      const differ: string[] = [];
      let repeats = 0;
      for (const t of tickets) {
        const createdMs = Date.parse(t.createdAt);
        streamed.observe(t, createdMs);
        const want = indexed.repeats(t, createdMs, repeatRule);
        if (streamed.repeats(t, createdMs, repeatRule) !== want && differ.length < 5) differ.push(`${t.id} (${t.household}): want ${want}`);
        repeats += want;
      }
      expect(differ).toEqual([]);
      // Not a vacuous agreement on zeros: the hot and cold cases repeat.
      expect(repeats).toBeGreaterThan(1000);
    });
  }
});
