// evaluate() takes a fast path on a sound ticket (shape-ok.ts, then words-ok.ts over the
// instants parsed once, parsed.ts) and the full one (the generated ajv validator, then
// vocabularyErrors) on anything else. Both must give the same verdict and the same
// result on every ticket, those of issue 11 included (pause reasons, carried deadlines):
// a fast yes where the full path refuses evaluates a ticket nobody checked, and a fast no
// where it accepts only wastes time, so the shape check is held to the validator's exact
// answer. Tickets are generated sound, then broken now and then in one of the ways below.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkText, compile, evaluate, evaluateCore, evaluateLean, noContext, present, schemaErrors, ticketErrors, vocabularyErrors, type CompiledPolicy, type EvaluateOutcome, type Ticket } from '../../../engine/index.js';
import { parseTicket } from '../../../engine/evaluate/parsed.js';
import { shapeOk, soundTicket as readSound } from '../../../engine/evaluate/shape-ok.js';
import { vocabularyOk } from '../../../engine/evaluate/validate.js';

const POLICY = `group desk "测试集团"
zone "Asia/Shanghai"
categories { engineering "工程维修", cleaning "保洁服务" }
tiers { urgent "紧急", general "一般" }
attribute kind "报事类型" { repair "报修", complaint "投诉" }
events { received "受理", accepted "接单", contacted "联系报事人", paused "挂起", resumed "恢复", resolved "处理完成" }
flags { media_risk "媒体曝光风险", not_responsible "非物业责任" }
deadlines { plan_completion "方案上报的完成时间" }
clock contact { start accepted stop contacted target 30m }
clock resolve { start received stop resolved pause paused resume resumed pause at most 2d target { *: 24h, */urgent: 4h } }
clock promised { start received stop resolved target deadline plan_completion else 48h }
pause reasons { waiting_parts "等待配件", owner_away "业主不在" }
warning blue { when overdue(resolve) >= 1h }
warning red { when overdue(resolve) >= 1d or flags has media_risk }
penalties {
  blue 0.2 points
  red 1 point
  void "非物业责任" "not responsible" when flags has not_responsible
}
`;

function policy(): CompiledPolicy {
  const checked = checkText(POLICY, 'desk.sla');
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.column} ${d.message}`).join('\n'));
  const compiled = compile(checked.policies.get('desk')!);
  if (!compiled.value) throw new Error(compiled.errors.map((e) => e.message).join('\n'));
  return compiled.value;
}
const desk = policy();

const CREATED_MS = Date.parse('2026-03-02T08:00:00+08:00');
const AT = '2026-03-04T12:00:00+08:00';
/** Every layout the schema's instant pattern allows, each offset form. */
function instantText(ms: number, layout: number): string {
  const local = new Date(ms + 8 * 3_600_000).toISOString();
  const date = local.slice(0, 10);
  const hm = local.slice(11, 16);
  const s = local.slice(16, 19);
  switch (layout) {
    case 0:
      return `${date}T${hm}${s}+08:00`;
    case 1:
      return `${date}T${hm}+08:00`;
    case 2:
      return `${date}T${hm}${s}.250000000+08:00`;
    default:
      return `${new Date(ms).toISOString().slice(0, 19)}Z`;
  }
}
const layout = fc.nat(3);

const event = fc.record(
  {
    type: fc.constantFrom('received', 'accepted', 'contacted', 'paused', 'resumed', 'resolved'),
    minutes: fc.integer({ min: 0, max: 3 * 1440 }),
    layout,
    reason: fc.constantFrom('waiting_parts', 'owner_away'),
    by: fc.constantFrom('desk', '张工', 'a'.repeat(200)),
    note: fc.constantFrom('called\r\n\tback', '', '😀'.repeat(2000)),
  },
  { requiredKeys: ['type', 'minutes', 'layout'] },
);

/** A ticket the schema and the policy accept, save for an event order that may stop a clock before its start (E209). */
const soundTicket = fc
  .record(
    {
      id: fc.constantFrom('T-1', 'T/2~x', '工单-3'),
      category: fc.constantFrom('engineering', 'cleaning'),
      priority: fc.constantFrom('urgent', 'general'),
      kind: fc.constantFrom('repair', 'complaint'),
      household: fc.constantFrom('3-1201', null, ''),
      issueKey: fc.constantFrom('roof', null),
      repeatCount: fc.nat(5),
      flags: fc.uniqueArray(fc.constantFrom('media_risk', 'not_responsible'), { maxLength: 2 }),
      createdLayout: layout,
      appointment: fc.option(fc.tuple(fc.integer({ min: 0, max: 2 * 1440 }), layout), { nil: null }),
      plan: fc.tuple(fc.integer({ min: 60, max: 4 * 1440 }), layout),
      extra: fc.constantFrom<[string, unknown]>(['floor', 'B2'], ['weight', 1.5], ['vip', true], ['legacy', null], ['楼层', '二十'.repeat(1000)]),
      events: fc.array(event, { maxLength: 6 }),
    },
    { requiredKeys: ['id', 'category', 'priority', 'createdLayout', 'events'] },
  )
  .map((r) => {
    const t: Record<string, unknown> = { id: r.id, property: 'jinxiu', unit: 'jinxiu/engineering', category: r.category, priority: r.priority, createdAt: instantText(CREATED_MS, r.createdLayout) };
    if (r.kind !== undefined) t['kind'] = r.kind;
    if (r.household !== undefined) t['household'] = r.household;
    if (r.issueKey !== undefined) t['issueKey'] = r.issueKey;
    if (r.repeatCount !== undefined) t['repeatCount'] = r.repeatCount;
    if (r.flags !== undefined) t['flags'] = r.flags;
    if (r.appointment !== undefined) t['appointmentAt'] = r.appointment === null ? null : instantText(CREATED_MS + r.appointment[0] * 60_000, r.appointment[1]);
    if (r.plan !== undefined) t['deadlines'] = { plan_completion: instantText(CREATED_MS + r.plan[0] * 60_000, r.plan[1]) };
    if (r.extra !== undefined) t[r.extra[0]] = r.extra[1];
    t['events'] = r.events.map((e) => {
      const out: Record<string, unknown> = { type: e.type, at: instantText(CREATED_MS + e.minutes * 60_000, e.layout) };
      // A reason only where the policy takes one: on the pause event.
      if (e.reason !== undefined && e.type === 'paused') out['reason'] = e.reason;
      if (e.by !== undefined) out['by'] = e.by;
      if (e.note !== undefined) out['note'] = e.note;
      return out;
    });
    return t;
  });

type Ticketish = Record<string, unknown>;
type Break = (t: Ticketish, pick: number) => void;
const eventsOf = (t: Ticketish) => t['events'] as Ticketish[];
/** The event at `pick`, adding one when the ticket has none. */
function someEvent(t: Ticketish, pick: number): Ticketish {
  const events = eventsOf(t);
  if (events.length === 0) events.push({ type: 'paused', at: t['createdAt'] });
  return events[pick % events.length]!;
}

/** Ways a ticket goes wrong, by what the full path answers: E330, E320/E207/E208/E201 of a deadline, E201 of a field, E202-E206. */
const BREAKS: Record<string, Break> = {
  'undeclared pause reason': (t, i) => {
    const e = someEvent(t, i);
    e['type'] = 'paused';
    e['reason'] = 'lost_keys';
  },
  'reason on an event that pauses nothing': (t, i) => {
    const e = someEvent(t, i);
    e['type'] = 'resumed';
    e['reason'] = 'waiting_parts';
  },
  'empty reason': (t, i) => (someEvent(t, i)['reason'] = ''),
  'reason that is not text': (t, i) => (someEvent(t, i)['reason'] = 7),
  'reason with a line break': (t, i) => (someEvent(t, i)['reason'] = 'waiting\nparts'),
  'undeclared deadline': (t) => (t['deadlines'] = { plan_complete: '2026-03-05T17:00:00+08:00' }),
  'deadline on a date that does not exist': (t) => (t['deadlines'] = { plan_completion: '2026-02-30T17:00:00+08:00' }),
  'deadline outside the supported range': (t) => (t['deadlines'] = { plan_completion: '2300-01-01T00:00:00Z' }),
  'deadline without an offset': (t) => (t['deadlines'] = { plan_completion: '2026-03-05T17:00:00' }),
  'deadline with ten decimals': (t) => (t['deadlines'] = { plan_completion: '2026-03-05T17:00:00.0123456789Z' }),
  'deadline that is a number': (t) => (t['deadlines'] = { plan_completion: 1_772_700_000_000 }),
  'deadlines as a list': (t) => (t['deadlines'] = ['2026-03-05T17:00:00+08:00']),
  'deadline with an empty name': (t) => (t['deadlines'] = { '': '2026-03-05T17:00:00+08:00' }),
  '21 deadlines': (t) => (t['deadlines'] = Object.fromEntries(Array.from({ length: 21 }, (_, k) => [`d${k}`, '2026-03-05T17:00:00+08:00']))),
  'unknown event field': (t, i) => (someEvent(t, i)['who'] = 'desk'),
  'unknown field holding an object': (t) => (t['floor'] = { level: 2 }),
  'unknown field holding a list': (t) => (t['rooms'] = ['a']),
  'field name with a control character': (t) => (t['fl\u0001oor'] = 'B2'),
  'field name of 101 characters': (t) => (t['f'.repeat(101)] = 'B2'),
  '101 fields': (t) => Array.from({ length: 101 }, (_, k) => (t[`x${k}`] = k)),
  'extra text of 2001 characters': (t) => (t['floor'] = 'b'.repeat(2001)),
  'extra text with a vertical tab': (t) => (t['floor'] = 'B\u000b2'),
  'category that is a number': (t) => (t['category'] = 3),
  'repeat count as text': (t) => (t['repeatCount'] = '2'),
  'fractional repeat count': (t) => (t['repeatCount'] = 1.5),
  'flags as text': (t) => (t['flags'] = 'media_risk'),
  'repeated flag': (t) => (t['flags'] = ['media_risk', 'media_risk']),
  'events as an object': (t) => (t['events'] = { 0: { type: 'received', at: t['createdAt'] } }),
  'event that is text': (t) => eventsOf(t).push('received' as unknown as Ticketish),
  'event time as a number': (t, i) => (someEvent(t, i)['at'] = 1_772_400_000_000),
  'event time without seconds but with decimals': (t, i) => (someEvent(t, i)['at'] = '2026-03-02T08:00.5+08:00'),
  'created on a date that does not exist': (t) => (t['createdAt'] = '2026-02-29T08:00:00+08:00'),
  'appointment as a number': (t) => (t['appointmentAt'] = 0),
  'household of 201 characters': (t) => (t['household'] = 'h'.repeat(201)),
  'name of 200 emoji (200 code points, 400 units)': (t) => (t['id'] = '😀'.repeat(200)),
  'name of 201 emoji': (t) => (t['id'] = '😀'.repeat(201)),
  'lone surrogate in a name': (t) => (t['property'] = 'a\ud800b'),
  'missing unit': (t) => delete t['unit'],
  'unit undefined': (t) => (t['unit'] = undefined),
  'undeclared category': (t) => (t['category'] = 'plumbing'),
  'undeclared kind': (t) => (t['kind'] = 'praise'),
  'undeclared event type': (t, i) => (someEvent(t, i)['type'] = 'arrived'),
  'undeclared flag': (t) => (t['flags'] = ['vip']),
  'event before the ticket was created': (t, i) => (someEvent(t, i)['at'] = '2026-03-02T07:59:00+08:00'),
};
const BREAK_NAMES = Object.keys(BREAKS);

/** evaluate() as it was before the fast path: the generated validator and vocabularyErrors decide every ticket. */
function fullPath(t: unknown, explain: boolean): EvaluateOutcome {
  const errors = ticketErrors(desk, t, '/ticket');
  if (errors.length > 0) return { errors };
  return { value: present(desk, evaluateCore(desk, t as Ticket, Date.parse(AT), noContext), explain), errors: [] };
}

const cases = fc.tuple(soundTicket, fc.option(fc.tuple(fc.constantFrom(...BREAK_NAMES), fc.nat()), { nil: undefined, freq: 2 }));

describe('the fast path and the full path', () => {
  it('give the same verdict and the same result on sound and broken tickets', () => {
    const seen = { shapeYes: 0, shapeNo: 0, wordsYes: 0, wordsNo: 0 };
    fc.assert(
      fc.property(cases, fc.boolean(), ([t, broken], explain) => {
        if (broken) BREAKS[broken[0]]!(t, broken[1]);
        const what = `${broken?.[0] ?? 'sound'}: ${JSON.stringify(t)}`;
        // The shape: the validator's exact answer, so that no sound ticket pays for ajv.
        const shape = schemaErrors(t).length === 0;
        expect(shapeOk(t), what).toBe(shape);
        // The pass that judges the shape also reads the instants and event types: as parseTicket does.
        if (shape) expect(readSound(t), what).toEqual(parseTicket(t as Ticket));
        seen[shape ? 'shapeYes' : 'shapeNo']++;
        if (shape) {
          // The words, the instants and the event order, on a ticket of the schema's shape.
          const words = vocabularyErrors(desk, t as Ticket).length === 0;
          expect(vocabularyOk(desk, t as Ticket, parseTicket(t as Ticket)), what).toBe(words);
          seen[words ? 'wordsYes' : 'wordsNo']++;
        }
        const fast = evaluate(desk, t, AT, { explain });
        expect(fast, what).toEqual(fullPath(t, explain));
        const lean = evaluateLean(desk, t, AT);
        expect(lean.errors, what).toEqual(fast.errors);
        if (fast.value) expect([lean.value?.level, lean.value?.points], what).toEqual([fast.value.warning.level, fast.value.penalty.points]);
      }),
      { numRuns: 3000 },
    );
    // Each answer is common enough for the agreement to mean something.
    for (const [answer, count] of Object.entries(seen)) expect(count, answer).toBeGreaterThan(200);
  });

  it('meets each way of breaking a ticket refused by the full path, and the fast path agrees', () => {
    // Guards the generator: a break that leaves the ticket sound would test nothing.
    const sound = (): Ticketish => ({
      id: 'T-1',
      property: 'jinxiu',
      unit: 'jinxiu/engineering',
      category: 'engineering',
      priority: 'urgent',
      kind: 'repair',
      createdAt: '2026-03-02T08:00:00+08:00',
      deadlines: { plan_completion: '2026-03-03T17:00:00+08:00' },
      events: [
        { type: 'received', at: '2026-03-02T08:00:00+08:00' },
        { type: 'paused', at: '2026-03-02T09:00:00+08:00', reason: 'waiting_parts' },
        { type: 'resumed', at: '2026-03-02T10:00:00+08:00' },
      ],
    });
    expect(fullPath(sound(), false).errors).toEqual([]);
    // Long and odd, yet within the schema: code points are counted, a lone surrogate is one.
    const accepted = new Set(['name of 200 emoji (200 code points, 400 units)', 'lone surrogate in a name']);
    for (const name of BREAK_NAMES) {
      const t = sound();
      BREAKS[name]!(t, 1);
      expect(fullPath(t, false).errors.length === 0, name).toBe(accepted.has(name));
      expect(shapeOk(t), name).toBe(schemaErrors(t).length === 0);
      expect(evaluate(desk, t, AT), name).toEqual(fullPath(t, false));
    }
  });
});
