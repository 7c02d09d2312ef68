// The desk supervisor's order: breached first, then due within the hour, then by next due.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TicketRow } from '../../../../admin-ui/src/api/index.js';
import { byUrgency, minutesToDue, NO_FILTERS, queryOfFilters, urgencyOf } from '../../../../admin-ui/src/app/tickets/urgency.js';

const NOW = Date.parse('2026-12-03T10:00:00Z');
const row = (id: string, due: string | null, breached: string[] = []): TicketRow => ({
  id,
  propertyId: 'jinxiu-garden',
  unit: 'jinxiu-garden/engineering',
  category: 'repair',
  priority: 'normal',
  kind: 'report',
  channel: 'phone',
  createdAt: '2026-12-03T08:00:00Z',
  state: 'open',
  nextDue: due === null ? null : { clock: 'response', at: due },
  breached,
  warning: null,
});

describe('urgencyOf', () => {
  it('calls a ticket with a breached clock breached, whatever its next due', () => {
    expect(urgencyOf(row('a', '2026-12-04T10:00:00Z', ['response']), NOW)).toBe('breached');
  });
  it('calls a due exactly one hour away soon, and one minute later not yet', () => {
    expect(urgencyOf(row('a', '2026-12-03T11:00:00Z'), NOW)).toBe('soon');
    expect(urgencyOf(row('a', '2026-12-03T11:01:00Z'), NOW)).toBe('later');
  });
  it('calls a due already past breached before the server marks it', () => {
    expect(urgencyOf(row('a', '2026-12-03T09:59:00Z'), NOW)).toBe('breached');
  });
  it('calls a ticket with nothing due none', () => {
    expect(urgencyOf(row('a', null), NOW)).toBe('none');
  });
});

describe('byUrgency', () => {
  it('puts breached, then due within the hour, then later by due, then nothing due', () => {
    const rows = [row('later', '2026-12-03T15:00:00Z'), row('none', null), row('soon-2', '2026-12-03T10:50:00Z'), row('breached', '2026-12-05T00:00:00Z', ['resolution']), row('soon-1', '2026-12-03T10:10:00Z'), row('later-1', '2026-12-03T12:00:00Z')];
    expect(byUrgency(rows, NOW).map((r) => r.id)).toEqual(['breached', 'soon-1', 'soon-2', 'later-1', 'later', 'none']);
  });

  it('never puts a less urgent ticket above a more urgent one, and keeps every row', () => {
    const rank = { breached: 0, soon: 1, later: 2, none: 3 } as const;
    const arb = fc.array(
      fc.record({ id: fc.string({ maxLength: 4 }), offset: fc.option(fc.integer({ min: -10_000_000, max: 50_000_000 })), breached: fc.boolean() }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(arb, (specs) => {
        const rows = specs.map((s) => row(s.id, s.offset === null ? null : new Date(NOW + s.offset).toISOString(), s.breached ? ['response'] : []));
        const sorted = byUrgency(rows, NOW);
        expect(sorted).toHaveLength(rows.length);
        for (let i = 1; i < sorted.length; i++) expect(rank[urgencyOf(sorted[i - 1]!, NOW)]).toBeLessThanOrEqual(rank[urgencyOf(sorted[i]!, NOW)]);
      }),
    );
  });
});

describe('minutesToDue', () => {
  it('counts whole minutes up, and negative once past', () => {
    expect(minutesToDue(row('a', '2026-12-03T10:00:30Z'), NOW)).toBe(1);
    expect(minutesToDue(row('a', '2026-12-03T09:58:00Z'), NOW)).toBe(-2);
    expect(minutesToDue(row('a', null), NOW)).toBeNull();
  });
});

describe('queryOfFilters', () => {
  it('sends only the filters that are set', () => {
    expect(queryOfFilters(NO_FILTERS, 100)).toEqual({ state: 'open', limit: 100 });
    expect(queryOfFilters({ property: 'jinxiu-garden', unit: 'jinxiu-garden/engineering', state: 'breached', dueBefore: '' }, 50)).toEqual({ property: 'jinxiu-garden', unit: 'jinxiu-garden/engineering', state: 'breached', limit: 50 });
  });
  it('sends due before as an instant, and refuses one outside 1970..2200', () => {
    const query = queryOfFilters({ ...NO_FILTERS, dueBefore: '2026-12-03T18:30' }, 100);
    expect(query).toMatchObject({ dueBefore: new Date('2026-12-03T18:30').toISOString() });
    expect(queryOfFilters({ ...NO_FILTERS, dueBefore: '2201-01-01T00:00' }, 100)).toBe('bad-due-before');
    expect(queryOfFilters({ ...NO_FILTERS, dueBefore: '1969-06-01T00:00' }, 100)).toBe('bad-due-before');
  });
});
