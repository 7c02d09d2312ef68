import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInstant } from '../../../engine/evaluate/instant.js';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

const instant = fc
  .record({
    y: fc.integer({ min: 1970, max: 2100 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
    h: fc.integer({ min: 0, max: 23 }),
    mi: fc.integer({ min: 0, max: 59 }),
    s: fc.integer({ min: 0, max: 59 }),
    zone: fc.oneof(fc.constant('Z'), fc.record({ sign: fc.constantFrom('+', '-'), oh: fc.integer({ min: 0, max: 14 }), om: fc.constantFrom(0, 30, 45) }).map((z) => `${z.sign}${pad(z.oh)}:${pad(z.om)}`)),
  })
  .map((r) => ({ ...r, d: Math.min(r.d, daysIn(r.y, r.m)) }));

describe('parseInstant', () => {
  it('agrees with Date.parse on every valid instant in the ticket layout', () => {
    fc.assert(
      fc.property(instant, (r) => {
        const text = `${r.y}-${pad(r.m)}-${pad(r.d)}T${pad(r.h)}:${pad(r.mi)}:${pad(r.s)}${r.zone}`;
        expect(parseInstant(text)).toBe(Date.parse(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with Date.parse on other ISO layouts (no seconds, fractions)', () => {
    for (const text of ['2026-03-02T08:05+08:00', '2026-03-02T08:05:00.5Z', '2026-03-02T08:05:00.123456-03:00']) expect(parseInstant(text)).toBe(Date.parse(text));
  });

  it('rejects a day the month does not have, where Date.parse rolls it over', () => {
    expect(parseInstant('2026-02-30T00:00:00Z')).toBeNaN();
    expect(parseInstant('2026-04-31T08:00:00+08:00')).toBeNaN();
    expect(parseInstant('2026-02-29T08:00:00.5+08:00')).toBeNaN();
    expect(parseInstant('2028-02-29T08:00:00+08:00')).toBe(Date.parse('2028-02-29T08:00:00+08:00'));
  });

  it('rejects text that is not an instant', () => {
    for (const text of ['', 'yesterday', '2026-13-01T00:00:00Z', '2026-03-02T25:00:00+08:00', '2026-03-02 08:05:00+08:00x']) expect(parseInstant(text)).toBeNaN();
  });
});
