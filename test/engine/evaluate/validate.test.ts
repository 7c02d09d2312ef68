// A ticket is checked before it is evaluated: its shape against the JSON Schema
// (E201), its words against the policy (E202-E206), its instants (E207, E208) and
// the order of its events (E209). Every
// error names a JSON pointer into the request; tests assert codes, pointers and
// the did-you-mean help, never the prose.
import { describe, expect, it } from 'vitest';
import { checkText, compile, evaluate, quickShapeError, schemaErrors, ticketErrors, type CompiledPolicy, type EngineError, type Ticket } from '../../../engine/index.js';
import { parseTicket } from '../../../engine/evaluate/parsed.js';
import { readQuickShape } from '../../../engine/evaluate/validate.js';

const POLICY = `group desk "测试集团"
categories { engineering "工程维修", cleaning "保洁服务" }
tiers { urgent "紧急", general "一般" }
events { received "受理", accepted "接单", contacted "联系报事人", resolved "处理完成" }
flags { media_risk "媒体曝光风险", multi_day "需多日处理" }
attribute kind "报事类型" { repair "报修", complaint "投诉" }
clock contact { start accepted stop contacted target 30m }
`;

function policy(): CompiledPolicy {
  const checked = checkText(POLICY, 'desk.sla');
  const compiled = compile(checked.policies.get('desk')!);
  if (!compiled.value) throw new Error(compiled.errors.map((e) => e.message).join('\n'));
  return compiled.value;
}

const compiled = policy();

function ticket(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'T-1',
    property: 'jinxiu',
    unit: 'jinxiu/engineering',
    category: 'engineering',
    priority: 'urgent',
    kind: 'repair',
    flags: ['media_risk'],
    createdAt: '2026-03-02T08:00:00+08:00',
    events: [
      { type: 'received', at: '2026-03-02T08:00:00+08:00' },
      { type: 'accepted', at: '2026-03-02T08:05:00+08:00' },
      { type: 'contacted', at: '2026-03-02T08:20:00+08:00' },
    ],
    ...overrides,
  };
}

function errorsOf(t: unknown): EngineError[] {
  const outcome = evaluate(compiled, t, '2026-03-02T09:00:00+08:00');
  return outcome.errors;
}

const where = (errors: EngineError[]) => errors.map((e) => [e.code, e.pointer]);

describe('validating a ticket before evaluation', () => {
  it('accepts a ticket that matches the contract and the policy', () => {
    const outcome = evaluate(compiled, ticket(), '2026-03-02T09:00:00+08:00');
    expect(outcome.errors).toEqual([]);
    expect(outcome.value?.clocks[0]?.state).toBe('met');
  });

  describe('its shape (E201)', () => {
    it('reports a missing createdAt at /ticket/createdAt', () => {
      const { createdAt: _, ...rest } = ticket();
      expect(where(errorsOf(rest))).toEqual([['E201', '/ticket/createdAt']]);
    });

    it('reports every missing required field, each at its own pointer', () => {
      expect(where(errorsOf({ id: 'T-1', events: [] }))).toEqual([
        ['E201', '/ticket/property'],
        ['E201', '/ticket/unit'],
        ['E201', '/ticket/category'],
        ['E201', '/ticket/priority'],
        ['E201', '/ticket/createdAt'],
      ]);
    });

    it('reports an instant without a UTC offset at its pointer', () => {
      expect(where(errorsOf(ticket({ createdAt: '2026-03-02T08:00:00' })))).toEqual([['E201', '/ticket/createdAt']]);
    });

    it('reports an event without its instant at /ticket/events/1/at', () => {
      const t = ticket();
      (t['events'] as { type: string; at?: string }[])[1] = { type: 'accepted' };
      expect(where(errorsOf(t))).toEqual([['E201', '/ticket/events/1/at']]);
    });

    it('reports a negative repeatCount and a structured attribute', () => {
      expect(where(errorsOf(ticket({ repeatCount: -1, floor: { n: 3 } }))).sort()).toEqual([
        ['E201', '/ticket/floor'],
        ['E201', '/ticket/repeatCount'],
      ]);
    });

    it('refuses a NUL in any text of the ticket, each at its pointer', () => {
      const t = ticket({ id: 'T-\u0000', unit: 'jinxiu/\u0000engineering', household: '3-1201\u0000', floor: 'b\u0000' });
      (t['events'] as Record<string, unknown>[])[1] = { type: 'accepted', at: '2026-03-02T08:05:00+08:00', by: 'ada\u0000', note: 'x\u0000' };
      expect(where(errorsOf(t)).sort()).toEqual([
        ['E201', '/ticket/events/1/by'],
        ['E201', '/ticket/events/1/note'],
        ['E201', '/ticket/floor'],
        ['E201', '/ticket/household'],
        ['E201', '/ticket/id'],
        ['E201', '/ticket/unit'],
      ]);
    });

    it('refuses other control characters in names but lets a note break lines and indent', () => {
      const t = ticket({ property: 'jin\u001bxiu', category: 'engineering\n' });
      (t['events'] as Record<string, unknown>[])[1] = { type: 'accepted', at: '2026-03-02T08:05:00+08:00', note: '第一行\r\n\t第二行' };
      expect(where(errorsOf(t)).sort()).toEqual([
        ['E201', '/ticket/category'],
        ['E201', '/ticket/property'],
      ]);
    });

    it('bounds the length of attribute texts and the number of fields', () => {
      expect(where(errorsOf(ticket({ floor: 'x'.repeat(2001) })))).toEqual([['E201', '/ticket/floor']]);
      const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`extra${i}`, 'x']));
      expect(where(errorsOf(ticket(many)))).toEqual([['E201', '/ticket']]);
      expect(where(errorsOf(ticket({ repeatCount: 1e12 })))).toEqual([['E201', '/ticket/repeatCount']]);
    });

    it('does not go on to the policy words when the shape is wrong', () => {
      const { createdAt: _, ...rest } = ticket({ category: 'enginering' });
      expect(errorsOf(rest).map((e) => e.code)).toEqual(['E201']);
    });

    it('names the pointer from the root when no base is given', () => {
      const { createdAt: _, ...rest } = ticket();
      expect(schemaErrors(rest).map((e) => e.pointer)).toEqual(['/createdAt']);
    });
  });

  describe('its instants (E207)', () => {
    it('refuses a date that does not exist, 2026-02-30, rather than rolling it over to March', () => {
      expect(where(errorsOf(ticket({ createdAt: '2026-02-30T08:00:00+08:00' })))).toEqual([['E207', '/ticket/createdAt']]);
    });

    it('refuses an event at hour 25 at /ticket/events/2/at', () => {
      const t = ticket();
      (t['events'] as { at: string }[])[2]!.at = '2026-03-02T25:00:00+08:00';
      expect(where(errorsOf(t))).toEqual([['E207', '/ticket/events/2/at']]);
    });

    it('refuses an appointment on 2026-04-31', () => {
      expect(where(errorsOf(ticket({ appointmentAt: '2026-04-31T10:00:00+08:00' })))).toEqual([['E207', '/ticket/appointmentAt']]);
    });

    it('refuses an evaluation instant that is not an instant, at /at', () => {
      const outcome = evaluate(compiled, ticket(), 'tomorrow');
      expect(where(outcome.errors)).toEqual([['E207', '/at']]);
    });
  });

  describe('its instants outside 1970-2199 (E208)', () => {
    // Year 0050 once sent the zone tables walking back through 1900-1999 for ever; the
    // timeout is the hang guard, not a timing assertion.
    it('refuses a ticket created in year 0050 at /ticket/createdAt, without hanging', { timeout: 10_000 }, () => {
      expect(where(errorsOf(ticket({ createdAt: '0050-03-02T08:00:00+08:00' })))).toEqual([['E208', '/ticket/createdAt']]);
    });

    it('refuses an event in year 2200 and an appointment in 1969, each at its pointer', () => {
      const t = ticket({ appointmentAt: '1969-12-31T23:59:59Z' });
      (t['events'] as { at: string }[])[2]!.at = '2200-01-01T08:00:00+08:00';
      expect(where(errorsOf(t))).toEqual([
        ['E208', '/ticket/events/2/at'],
        ['E208', '/ticket/appointmentAt'],
      ]);
    });

    it('accepts the first and the last supported instants', () => {
      const t = ticket({ createdAt: '1970-01-01T00:00:00Z' });
      t['events'] = [{ type: 'received', at: '2199-12-31T23:59:59Z' }];
      expect(evaluate(compiled, t, '2199-12-31T23:59:59Z').errors).toEqual([]);
    });

    it('refuses an evaluation instant in year 0050 or 2200 at /at, without hanging', { timeout: 10_000 }, () => {
      expect(where(evaluate(compiled, ticket(), '0050-01-01T00:00:00Z').errors)).toEqual([['E208', '/at']]);
      expect(where(evaluate(compiled, ticket(), '2200-01-01T00:00:00Z').errors)).toEqual([['E208', '/at']]);
    });

    it('is also the quick shape check of stored history', () => {
      expect(quickShapeError(ticket({ createdAt: '0050-03-02T08:00:00+08:00' }))).toMatchObject({ code: 'E208', pointer: '/createdAt' });
      const t = ticket();
      (t['events'] as { at: string }[])[1]!.at = '9999-03-02T08:00:00+08:00';
      expect(quickShapeError(t)).toMatchObject({ code: 'E208', pointer: '/events/1/at' });
    });
  });

  describe('its history (E209)', () => {
    it('refuses an event that stops a clock before the event that starts it', () => {
      // contacted 08:05 stops `contact`, which accepted starts only at 08:20.
      const t = ticket({
        events: [
          { type: 'received', at: '2026-03-02T08:00:00+08:00' },
          { type: 'contacted', at: '2026-03-02T08:05:00+08:00' },
          { type: 'accepted', at: '2026-03-02T08:20:00+08:00' },
        ],
      });
      const errors = errorsOf(t);
      expect(where(errors)).toEqual([['E209', '/ticket/events/1']]);
      expect(errors[0]?.message).toContain("'contact'");
    });

    it('refuses an event before the ticket was created, at its instant', () => {
      const t = ticket();
      (t['events'] as { at: string }[])[0]!.at = '2026-03-02T07:59:00+08:00';
      expect(where(errorsOf(t))).toEqual([['E209', '/ticket/events/0/at']]);
    });

    it('keeps a stop with no start at all (an incomplete record), events listed out of time order, and events at the same instant', () => {
      const noStart = ticket({ events: [{ type: 'contacted', at: '2026-03-02T08:05:00+08:00' }] });
      expect(errorsOf(noStart)).toEqual([]);
      const shuffled = ticket({
        events: [
          { type: 'contacted', at: '2026-03-02T08:20:00+08:00' },
          { type: 'accepted', at: '2026-03-02T08:05:00+08:00' },
          { type: 'received', at: '2026-03-02T08:00:00+08:00' },
        ],
      });
      expect(errorsOf(shuffled)).toEqual([]);
      const together = ticket({
        events: [
          { type: 'received', at: '2026-03-02T08:00:00+08:00' },
          { type: 'accepted', at: '2026-03-02T08:00:00+08:00' },
          { type: 'contacted', at: '2026-03-02T08:00:00+08:00' },
        ],
      });
      expect(errorsOf(together)).toEqual([]);
    });

    it('judges the whole history, also events after the evaluation instant', () => {
      const t = ticket({
        events: [
          { type: 'contacted', at: '2026-03-02T10:00:00+08:00' },
          { type: 'accepted', at: '2026-03-02T11:00:00+08:00' },
        ],
      });
      // errorsOf evaluates at 09:00, before both events.
      expect(where(errorsOf(t))).toEqual([['E209', '/ticket/events/0']]);
      expect(where(ticketErrors(compiled, t))).toEqual([['E209', '/events/0']]);
    });
  });

  describe('its words (E202-E206)', () => {
    it('reports an unknown category at /ticket/category with the closest category as help', () => {
      const [error, ...more] = errorsOf(ticket({ category: 'enginering' }));
      expect(more).toEqual([]);
      expect([error?.code, error?.pointer]).toEqual(['E202', '/ticket/category']);
      expect(error?.help).toContain("'engineering'");
    });

    it('lists the known categories when nothing is close', () => {
      const [error] = errorsOf(ticket({ category: 'landscaping' }));
      expect(error?.code).toBe('E202');
      expect(error?.help).toContain('engineering');
      expect(error?.help).toContain('cleaning');
    });

    it('reports an unknown priority tier at /ticket/priority', () => {
      const [error] = errorsOf(ticket({ priority: 'urgnet' }));
      expect([error?.code, error?.pointer]).toEqual(['E203', '/ticket/priority']);
      expect(error?.help).toContain("'urgent'");
    });

    it('reports an unknown attribute value at the attribute, with the closest member', () => {
      const [error] = errorsOf(ticket({ kind: 'repiar' }));
      expect([error?.code, error?.pointer]).toEqual(['E204', '/ticket/kind']);
      expect(error?.help).toContain("'repair'");
    });

    it('reports an unknown event type at /ticket/events/2/type', () => {
      const t = ticket();
      (t['events'] as { type: string }[])[2]!.type = 'contacte';
      const [error, ...more] = errorsOf(t);
      expect(more).toEqual([]);
      expect([error?.code, error?.pointer]).toEqual(['E205', '/ticket/events/2/type']);
      expect(error?.help).toContain("'contacted'");
    });

    it('reports an unknown flag at its index in /ticket/flags', () => {
      const [error] = errorsOf(ticket({ flags: ['media_risk', 'multiday'] }));
      expect([error?.code, error?.pointer]).toEqual(['E206', '/ticket/flags/1']);
      expect(error?.help).toContain("'multi_day'");
    });

    it('reports every unknown word of one ticket, not only the first', () => {
      const t = ticket({ category: 'enginering', priority: 'urgnet', kind: 'repiar', flags: ['multiday'] });
      (t['events'] as { type: string }[])[0]!.type = 'recieved';
      expect(where(ticketErrors(compiled, t, '/ticket'))).toEqual([
        ['E202', '/ticket/category'],
        ['E203', '/ticket/priority'],
        ['E204', '/ticket/kind'],
        ['E205', '/ticket/events/0/type'],
        ['E206', '/ticket/flags/0'],
      ]);
    });

    it('leaves fields the policy does not declare as attributes alone', () => {
      expect(errorsOf(ticket({ channel: 'anything', severity: 'whatever' }))).toEqual([]);
    });
  });
});

// readQuickShape is the simulation's one-pass check: it must say yes exactly where
// quickShapeError finds no problem (a wrong yes simulates a ticket the stream refuses, a
// wrong no drops one it accepts), with parseTicket's numbers.
describe('readQuickShape', () => {
  const base = (): Record<string, unknown> => ({
    id: 'T-1',
    property: 'jinxiu',
    unit: 'jinxiu/1-101',
    category: 'engineering',
    priority: 'urgent',
    createdAt: '2026-03-02T08:00:00+08:00',
    appointmentAt: '2026-03-02T10:00+08:00',
    deadlines: { plan_completion: '2026-03-05T17:00:00.5Z' },
    flags: ['media_risk'],
    repeatCount: 1,
    events: [
      { type: 'received', at: '2026-03-02T08:00:00+08:00' },
      { type: 'accepted', at: '2026-03-02T00:05:00Z', reason: 'waiting_parts', by: '张工' },
    ],
  });
  const event = (t: Record<string, unknown>) => (t['events'] as Record<string, unknown>[])[1]!;
  /** Each instant of the ticket set to a text quickShapeError refuses (E207 unreal, E208 out of range), and other breaks. */
  const breaks: Record<string, (t: Record<string, unknown>) => void> = {
    'created on a date that does not exist': (t) => (t['createdAt'] = '2026-02-30T08:00:00+08:00'),
    'created before 1970': (t) => (t['createdAt'] = '1969-12-31T23:59:59Z'),
    'created in 2200': (t) => (t['createdAt'] = '2200-01-01T00:00:00Z'),
    'appointment on a date that does not exist': (t) => (t['appointmentAt'] = '2026-04-31T08:00:00+08:00'),
    'appointment in 2300': (t) => (t['appointmentAt'] = '2300-01-01T00:00:00.5Z'),
    'event on a date that does not exist': (t) => (event(t)['at'] = '2025-02-29T08:00:00+08:00'),
    'event before 1970': (t) => (event(t)['at'] = '1960-01-01T00:00Z'),
    'deadline on a date that does not exist': (t) => (t['deadlines'] = { plan_completion: '2026-02-30T17:00:00+08:00' }),
    'deadline in 2300': (t) => (t['deadlines'] = { plan_completion: '2300-01-01T00:00:00Z' }),
    'second deadline before 1970': (t) => (t['deadlines'] = { plan_completion: '2026-03-05T17:00:00Z', other: '1969-01-01T00:00:00+08:00' }),
    'reason that is not text': (t) => (event(t)['reason'] = 7),
    'empty id': (t) => (t['id'] = ''),
    'missing unit': (t) => delete t['unit'],
    'events as an object': (t) => (t['events'] = {}),
    'appointment null': (t) => (t['appointmentAt'] = null),
    'no appointment, deadlines or flags': (t) => {
      delete t['appointmentAt'];
      delete t['deadlines'];
      delete t['flags'];
    },
    'an unknown field holding an object': (t) => (t['floor'] = { level: 2 }),
    'fractional repeat count': (t) => (t['repeatCount'] = 1.5),
    'negative repeat count': (t) => (t['repeatCount'] = -1),
    'repeat count as text': (t) => (t['repeatCount'] = '2'),
    'flags as text': (t) => (t['flags'] = 'media_risk'),
    'flag that is a number': (t) => (t['flags'] = ['media_risk', 3]),
    'event that is null': (t) => (t['events'] as unknown[]).push(null),
    'event that is a list': (t) => (t['events'] as unknown[]).push(['received', '2026-03-02T08:00:00Z']),
    'event without a type': (t) => delete event(t)['type'],
    'event time as a number': (t) => (event(t)['at'] = 1_772_400_000_000),
    'event of an unknown type': (t) => (event(t)['type'] = 'arrived'),
    'no events': (t) => (t['events'] = []),
    'created as a number': (t) => (t['createdAt'] = 1_772_400_000_000),
    'priority empty': (t) => (t['priority'] = ''),
    'appointment as a number': (t) => (t['appointmentAt'] = 0),
    'deadlines as a list': (t) => (t['deadlines'] = ['2026-03-05T17:00:00+08:00']),
    'deadlines null': (t) => (t['deadlines'] = null),
    'deadline that is a number': (t) => (t['deadlines'] = { plan_completion: 1 }),
    'no deadlines': (t) => (t['deadlines'] = {}),
    'events undefined': (t) => (t['events'] = undefined),
  };

  it('says yes exactly where quickShapeError finds nothing, with parseTicket\'s numbers', () => {
    let yes = 0;
    let no = 0;
    for (const [name, breakIt] of [['sound', () => {}] as const, ...Object.entries(breaks)]) {
      const t = base();
      breakIt(t);
      const read = readQuickShape(t).parsed;
      expect(read === undefined, name).toBe(quickShapeError(t) !== null);
      if (read === undefined) {
        no++;
        continue;
      }
      yes++;
      expect(read, name).toEqual(parseTicket(t as unknown as Ticket));
    }
    for (const v of [null, 'ticket', 3, [base()]]) expect(readQuickShape(v).parsed).toBeUndefined();
    expect(yes).toBeGreaterThanOrEqual(6);
    expect(no).toBeGreaterThanOrEqual(20);
  });

  it('leaves every ticket with an unreal or unsupported instant to quickShapeError', () => {
    for (const name of Object.keys(breaks).filter((n) => /does not exist|before 1970|2200|2300/.test(n))) {
      const t = base();
      breaks[name]!(t);
      expect(readQuickShape(t).parsed, name).toBeUndefined();
      expect(quickShapeError(t)?.code, name).toMatch(/^E20[78]$/);
    }
  });
});
