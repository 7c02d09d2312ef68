// shapeOk is evaluate()'s quick yes before ajv: it must never say yes to a ticket the
// ticket schema refuses (that ticket would be evaluated unchecked), and it must say yes
// to ordinary tickets, or the quick path is never taken.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateTickets } from '../../../bench/sample/generate-tickets.js';
import { schemaErrors } from '../../../engine/index.js';
import { shapeOk } from '../../../engine/evaluate/shape-ok.js';

const sample = [...generateTickets({ count: 400, seed: 3, from: '2026-01-01', months: 2 })] as unknown as Record<string, unknown>[];

function base(): Record<string, unknown> {
  return {
    id: 'T-1',
    property: 'jinxiu',
    unit: 'jinxiu/engineering',
    category: 'engineering',
    priority: 'urgent',
    kind: 'repair',
    household: '3-1201',
    issueKey: null,
    repeatCount: 2,
    flags: ['media_risk', 'multi_day'],
    createdAt: '2026-03-02T08:00:00+08:00',
    appointmentAt: null,
    deadlines: { plan_completion: '2026-03-05T17:00:00.5+08:00' },
    floor: 'B2',
    events: [
      { type: 'received', at: '2026-03-02T08:00:00+08:00', by: 'desk' },
      { type: 'contacted', at: '2026-03-02T00:20Z', note: 'called\r\n\tback' },
      { type: 'paused', at: '2026-03-02T09:00:00+08:00', reason: 'waiting_parts' },
    ],
  };
}

describe('shapeOk', () => {
  it('says yes to the sample tickets and to a ticket using every optional field, as the schema does', () => {
    for (const t of [...sample, base()]) {
      expect(schemaErrors(t)).toEqual([]);
      expect(shapeOk(t), JSON.stringify(t)).toBe(true);
    }
  });

  it('says no where the schema refuses', () => {
    const cases: [string, (t: Record<string, unknown>) => void][] = [
      ['a control character in a name', (t) => (t['id'] = 'T\u00001')],
      ['DEL in a name', (t) => (t['category'] = 'engineering\u007f')],
      ['an empty name', (t) => (t['unit'] = '')],
      ['a name of 201 characters', (t) => (t['property'] = 'p'.repeat(201))],
      ['a missing required field', (t) => delete t['priority']],
      ['no events', (t) => delete t['events']],
      ['an instant without an offset', (t) => (t['createdAt'] = '2026-03-02T08:00:00')],
      ['an offset without a colon', (t) => (t['createdAt'] = '2026-03-02T08:00:00+0800')],
      ['a letter in an instant', (t) => (t['createdAt'] = '2026-0a-02T08:00:00+08:00')],
      ['a space for the T', (t) => (t['createdAt'] = '2026-03-02 08:00:00+08:00')],
      ['an appointment that is a number', (t) => (t['appointmentAt'] = 5)],
      ['an event with an unknown field', (t) => ((t['events'] as Record<string, unknown>[])[0]!['who'] = 'x')],
      ['an event without at', (t) => delete (t['events'] as Record<string, unknown>[])[1]!['at']],
      ['an event that is a list', (t) => ((t['events'] as unknown[])[0] = ['received'])],
      ['a note with a NUL', (t) => ((t['events'] as Record<string, unknown>[])[1]!['note'] = 'a\u0000b')],
      ['a repeated flag', (t) => (t['flags'] = ['media_risk', 'media_risk'])],
      ['a flag that is not text', (t) => (t['flags'] = [1])],
      ['51 flags', (t) => (t['flags'] = Array.from({ length: 51 }, (_, i) => `f${i}`))],
      ['a negative repeat count', (t) => (t['repeatCount'] = -1)],
      ['a fractional repeat count', (t) => (t['repeatCount'] = 1.5)],
      ['a household with a line break', (t) => (t['household'] = '3\n1201')],
      ['an extra field holding an object', (t) => (t['floor'] = { level: 2 })],
      ['an extra field with a vertical tab', (t) => (t['floor'] = 'B\u000b2')],
      ['a field name with a control character', (t) => (t['fl\u0001oor'] = 'B2')],
      ['101 fields', (t) => Array.from({ length: 90 }, (_, i) => (t[`x${i}`] = i))],
      ['an empty pause reason', (t) => ((t['events'] as Record<string, unknown>[])[2]!['reason'] = '')],
      ['a deadline without an offset', (t) => (t['deadlines'] = { plan_completion: '2026-03-05T17:00:00' })],
      ['a deadline with an empty name', (t) => (t['deadlines'] = { '': '2026-03-05T17:00:00+08:00' })],
      ['not an object', () => undefined],
    ];
    for (const [what, change] of cases) {
      const t = base();
      change(t);
      const value = what === 'not an object' ? [t] : t;
      expect(schemaErrors(value), what).not.toEqual([]);
      expect(shapeOk(value), what).toBe(false);
    }
  });

  it('leaves an object of another prototype to the validator, which reads inherited fields', () => {
    // Non-enumerable, so no loop over the fields lists it; the generated code reads t.kind all the same.
    const proto = Object.defineProperty({}, 'kind', { value: 5, enumerable: false });
    const { kind: _, ...own } = base();
    const inherited = Object.assign(Object.create(proto) as Record<string, unknown>, own);
    expect(schemaErrors(inherited).map((e) => e.pointer)).toEqual(['/kind']);
    expect(shapeOk(inherited)).toBe(false);
    const event = Object.assign(Object.create(Object.defineProperty({}, 'reason', { value: '', enumerable: false })) as object, { type: 'paused', at: '2026-03-02T09:00:00+08:00' });
    const withEvent = { ...base(), events: [event] };
    expect(schemaErrors(withEvent)).not.toEqual([]);
    expect(shapeOk(withEvent)).toBe(false);
  });

  it('says yes exactly where the schema does (random edits of valid tickets)', () => {
    const texts = fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom('', 'x'.repeat(200), 'x'.repeat(201), 'a\u0000', '\ud800', '😀', '2026-03-02T08:00:00+08:00', '2026-03-02T08:00:00.5Z', 'a\tb', 'a\nb'));
    const values = fc.oneof(texts, fc.integer({ min: -2, max: 2_000_000 }), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(texts, { maxLength: 3 }), fc.dictionary(texts, texts, { maxKeys: 2 }));
    const fields = fc.constantFrom('id', 'property', 'unit', 'category', 'priority', 'kind', 'channel', 'severity', 'createdAt', 'appointmentAt', 'issueKey', 'household', 'repeatCount', 'flags', 'deadlines', 'events', 'floor', 'x\u0001', 'y'.repeat(101));
    const eventFields = fc.constantFrom('type', 'at', 'by', 'note', 'reason', 'other');
    const edit = fc.oneof(
      fc.record({ field: fields, value: values }).map((e) => (t: Record<string, unknown>) => (t[e.field] = e.value)),
      fc.record({ i: fc.nat(3), field: eventFields, value: values }).map((e) => (t: Record<string, unknown>) => {
        const events = t['events'] as Record<string, unknown>[] | undefined;
        const event = Array.isArray(events) ? events[e.i % Math.max(1, events.length)] : undefined;
        if (event && typeof event === 'object') event[e.field] = e.value;
      }),
    );
    fc.assert(
      fc.property(fc.nat(sample.length), fc.array(edit, { minLength: 1, maxLength: 3 }), (i, edits) => {
        const t = structuredClone(i < sample.length ? sample[i]! : base());
        for (const e of edits) e(t);
        if (shapeOk(t)) expect(schemaErrors(t), JSON.stringify(t)).toEqual([]);
        // Nor no to one it accepts: that ticket would pay for ajv for nothing.
        else expect(schemaErrors(t), JSON.stringify(t)).not.toEqual([]);
      }),
      { numRuns: 4000 },
    );
  });
});
