// 004 第十一条(三)2 over a company of 200 households: 5% is 10 households.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../../engine/index.js';
import { companyShareRaises, countsForCompanyShare } from '../../../server/company-share/clusters.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-01T00:00:00Z');
const complaint = (i: number, extra: Partial<Ticket> = {}): Ticket => ({
  id: `C-${i}`,
  property: i % 2 === 0 ? 'a' : 'b',
  unit: 'u',
  category: 'c',
  priority: 'p',
  kind: 'complaint',
  channel: 'platform',
  issueKey: 'water',
  household: `h-${i}`,
  createdAt: new Date(T0 + i * 3_600_000).toISOString(),
  events: [],
  ...extra,
});

describe('companyShareRaises', () => {
  it('raises one red at the complaint that brings the 10th household, not before and not again within the window', () => {
    const nine = Array.from({ length: 9 }, (_, i) => complaint(i));
    expect(companyShareRaises(nine, 200, 30 * DAY)).toEqual([]);
    const many = Array.from({ length: 15 }, (_, i) => complaint(i));
    expect(companyShareRaises(many, 200, 30 * DAY)).toEqual([{ cluster: 'water', reachedMs: T0 + 9 * 3_600_000, ticketId: 'C-9', households: 10 }]);
  });

  it('counts a household once, and the same household id in two properties twice', () => {
    const repeats = Array.from({ length: 12 }, (_, i) => complaint(i, { household: 'h-same', property: 'a' }));
    expect(companyShareRaises(repeats, 200, 30 * DAY)).toEqual([]);
    const twoProperties = Array.from({ length: 10 }, (_, i) => complaint(i, { household: `h-${i % 5}` }));
    // h-0..h-4 in property a (even i) and in b (odd i): i=0..9 gives (a,h0),(b,h1),(a,h2),(b,h3),(a,h4),(b,h0),(a,h1),(b,h2),(a,h3),(b,h4): 10 distinct.
    expect(companyShareRaises(twoProperties, 200, 30 * DAY).map((r) => r.households)).toEqual([10]);
  });

  it('leaves out inquiries, desk complaints and tickets without a problem key', () => {
    expect(countsForCompanyShare({ kind: 'inquiry', channel: 'platform', issueKey: 'water' })).toBe(false);
    expect(countsForCompanyShare({ kind: 'complaint', channel: 'phone', issueKey: 'water' })).toBe(false);
    expect(countsForCompanyShare({ kind: 'complaint', channel: 'platform', issueKey: '' })).toBe(false);
    // Every third an inquiry (i = 0, 3, 6, 9, 12): 9 complaints among 14 tickets, no red (counting
    // the inquiries would raise it at C-9); the 15th ticket is the 10th complaint.
    const mixed = Array.from({ length: 15 }, (_, i) => complaint(i, i % 3 === 0 ? { kind: 'inquiry' } : {}));
    expect(companyShareRaises(mixed.slice(0, 14), 200, 30 * DAY)).toEqual([]);
    expect(companyShareRaises(mixed, 200, 30 * DAY).map((r) => r.ticketId)).toEqual(['C-14']);
  });

  it('raises again only for a window after the last red, and not next to a red already recorded', () => {
    const spread = Array.from({ length: 20 }, (_, i) => complaint(i, { createdAt: new Date(T0 + (i < 10 ? i : 40 + i) * DAY).toISOString() }));
    const raises = companyShareRaises(spread, 200, 30 * DAY);
    expect(raises.map((r) => r.ticketId)).toEqual(['C-9', 'C-19']);
    expect(companyShareRaises(spread, 200, 30 * DAY, new Map([['water', [T0 + 9 * DAY]]])).map((r) => r.ticketId)).toEqual(['C-19']);
  });

  it('never raises two reds for one problem within a window, and each when 5% of households is reached', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ hour: fc.integer({ min: 0, max: 24 * 90 }), household: fc.integer({ min: 0, max: 30 }), key: fc.constantFrom('water', 'lift') }), { maxLength: 120 }),
        fc.integer({ min: 20, max: 400 }),
        (rows, total) => {
          const tickets = rows.map((r, i) => complaint(i, { createdAt: new Date(T0 + r.hour * 3_600_000).toISOString(), household: `h-${r.household}`, property: 'a', issueKey: r.key }));
          const raises = companyShareRaises(tickets, total, 30 * DAY);
          for (const r of raises) {
            expect(r.households * 100).toBeGreaterThanOrEqual(5 * total);
            for (const other of raises) if (other !== r && other.cluster === r.cluster) expect(Math.abs(other.reachedMs - r.reachedMs)).toBeGreaterThanOrEqual(30 * DAY);
          }
        },
      ),
    );
  });
});
