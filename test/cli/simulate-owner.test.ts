import { describe, expect, it } from 'vitest';
import { generateTickets } from '../../bench/sample/generate-tickets.js';
import { ownerOf } from '../../cli/simulate-owner.js';
import type { Ticket } from '../../engine/index.js';

const tickets = [...generateTickets({ count: 4000, seed: 5, from: '2026-01-01', months: 2 })];

function spread(list: Ticket[], shards: number, byIssue: boolean): number[] {
  const counts = new Array<number>(shards).fill(0);
  for (const t of list) counts[ownerOf(t, shards, byIssue)]!++;
  return counts;
}

describe('ownerOf', () => {
  it('gives every ticket of a property and issueKey to one worker', () => {
    const owners = new Map<string, Set<number>>();
    for (const t of tickets.filter((x) => x.issueKey)) {
      const key = `${t.property}/${t.issueKey}`;
      if (!owners.has(key)) owners.set(key, new Set());
      owners.get(key)!.add(ownerOf(t, 4, true));
    }
    expect([...owners.values()].every((s) => s.size === 1)).toBe(true);
  });

  it('spreads the tickets of one property over every worker when share() and repeats look within an issueKey', () => {
    const one = tickets.filter((t) => t.property === tickets[0]!.property);
    expect(one.length).toBeGreaterThan(400);
    for (const n of spread(one, 4, true)) expect(n).toBeGreaterThan(one.length / 8);
  });

  it('keeps a property on one worker when a share() counts by another field', () => {
    const one = tickets.filter((t) => t.property === tickets[0]!.property);
    expect(spread(one, 4, false).filter((n) => n > 0)).toHaveLength(1);
  });

  it('deals tickets without an issueKey by their id', () => {
    const bare = tickets.slice(0, 400).map(({ issueKey: _, ...t }) => t as Ticket);
    expect(spread(bare, 2, true).every((n) => n > 100)).toBe(true);
  });

  it('puts everything on the one worker there is', () => {
    expect(spread(tickets.slice(0, 50), 1, true)).toEqual([50]);
  });
});
