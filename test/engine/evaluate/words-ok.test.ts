// vocabularyOk (words-ok.ts: per-policy tables, the history judged in one pass) is the
// simulation's and evaluate()'s quick judgement of a ticket's words, instants and event
// order. It must agree with vocabularyErrors, the judgement that explains itself, on
// every ticket: a yes where that finds an error would evaluate a ticket that cannot be.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkText, compile, vocabularyErrors, type CompiledPolicy, type Ticket } from '../../../engine/index.js';
import { parseTicket } from '../../../engine/evaluate/parsed.js';
import { vocabularyOk } from '../../../engine/evaluate/validate.js';

const POLICY = `group desk "测试集团"
categories { engineering "工程维修", cleaning "保洁服务" }
tiers { urgent "紧急", general "一般" }
events { received "受理", accepted "接单", contacted "联系报事人", resolved "处理完成", reopened "重开", paused "挂起", resumed "恢复", noted "备注" }
flags { media_risk "媒体曝光风险", multi_day "需多日处理" }
attribute kind "报事类型" { repair "报修", complaint "投诉" }
clock contact { start accepted stop contacted target 30m }
clock resolve { start received stop resolved restart reopened pause paused resume resumed target 4h }
clock callback { start contacted, received stop contacted target 1h }
pause reasons { waiting_parts "等待配件", owner_away "业主不在" }
deadlines { plan_completion "方案上报的完成时间" }
`;

function policy(): CompiledPolicy {
  const checked = checkText(POLICY, 'desk.sla');
  const compiled = compile(checked.policies.get('desk')!);
  if (!compiled.value) throw new Error(compiled.errors.map((e) => e.message).join('\n'));
  return compiled.value;
}

const compiled = policy();
// Mostly sound values, each kind of mistake now and then: a test of agreement needs both answers.
const mostly = <T,>(good: T[], bad: T[]) => fc.oneof({ arbitrary: fc.constantFrom(...good), weight: 12 }, { arbitrary: fc.constantFrom(...bad), weight: 1 });
const TYPES = mostly(['received', 'accepted', 'contacted', 'resolved', 'reopened', 'paused', 'resumed', 'noted'], ['arrived', 'undeclared_type']);
const AT = mostly(
  ['2026-03-02T08:00:00+08:00', '2026-03-02T08:05:00+08:00', '2026-03-02T00:20:00Z', '2026-03-02T09:00:00+08:00', '2026-03-02T08:30:00.250+08:00'],
  ['2026-03-02T07:59:59+08:00', '2026-02-30T08:00:00+08:00', '2200-01-01T00:00:00Z', '1969-12-31T23:59:59Z'],
);

const ticketArb = fc.record({
  category: mostly(['engineering', 'cleaning'], ['plumbing']),
  priority: mostly(['urgent', 'general'], ['low']),
  kind: fc.option(mostly(['repair', 'complaint'], ['praise']), { nil: undefined }),
  flags: fc.option(fc.uniqueArray(mostly(['media_risk', 'multi_day'], ['vip']), { maxLength: 2 }), { nil: undefined }),
  createdAt: mostly(['2026-03-02T08:00:00+08:00'], ['2026-02-30T08:00:00+08:00', '1969-12-31T23:00:00Z']),
  appointmentAt: fc.option(AT, { nil: undefined }),
  // A reason is sound only on 'paused' (the one event a clock pauses on) and only a declared one.
  events: fc.array(fc.record({ type: TYPES, at: AT, reason: fc.option(mostly(['waiting_parts', 'owner_away'], ['lost_keys']), { nil: undefined, freq: 3 }) }), { maxLength: 6 }),
  deadlines: fc.option(fc.dictionary(mostly(['plan_completion'], ['plan_complete']), AT, { maxKeys: 2 }), { nil: undefined }),
});

type TicketParts = typeof ticketArb extends fc.Arbitrary<infer V> ? V : never;

function ticketOf(t: TicketParts): Ticket {
  const events = t.events.map(({ reason, ...e }) => (reason === undefined ? e : { ...e, reason }));
  const ticket: Record<string, unknown> = { id: 'T-1', property: 'p', unit: 'p/e', category: t.category, priority: t.priority, createdAt: t.createdAt, events };
  if (t.deadlines !== undefined) ticket['deadlines'] = t.deadlines;
  if (t.kind !== undefined) ticket['kind'] = t.kind;
  if (t.flags !== undefined) ticket['flags'] = t.flags;
  if (t.appointmentAt !== undefined) ticket['appointmentAt'] = t.appointmentAt;
  return ticket as unknown as Ticket;
}

describe('vocabularyOk', () => {
  it('agrees with vocabularyErrors on every ticket, the event order included', () => {
    let yes = 0;
    fc.assert(
      fc.property(ticketArb, (raw) => {
        const ticket = ticketOf(raw);
        const ok = vocabularyErrors(compiled, ticket).length === 0;
        expect(vocabularyOk(compiled, ticket), JSON.stringify(ticket)).toBe(ok);
        expect(vocabularyOk(compiled, ticket, parseTicket(ticket))).toBe(ok);
        if (ok) yes++;
      }),
      { numRuns: 6000 },
    );
    // Both answers occur often enough for the agreement to mean something.
    expect(yes).toBeGreaterThan(600);
    expect(yes).toBeLessThan(5400);
  });

  it('refuses a stop before the start of the same clock, and nothing else about the order', () => {
    const at = (type: string, time: string) => ({ type, at: `2026-03-02T${time}:00+08:00` });
    const ticket = (events: { type: string; at: string }[]) => ({ id: 'T', property: 'p', unit: 'u', category: 'engineering', priority: 'urgent', createdAt: '2026-03-02T08:00:00+08:00', events }) as Ticket;
    // contact: contacted (stop) at 08:10 before accepted (start) at 08:20.
    expect(vocabularyOk(compiled, ticket([at('contacted', '08:10'), at('accepted', '08:20')]))).toBe(false);
    // callback: contacted starts it too, so contacted first is fine; a stop with no start at all is only incomplete.
    expect(vocabularyOk(compiled, ticket([at('received', '08:00'), at('contacted', '08:10')]))).toBe(true);
    expect(vocabularyOk(compiled, ticket([at('resolved', '08:10')]))).toBe(true);
    // resolve: resolved before received, listed after it.
    expect(vocabularyOk(compiled, ticket([at('received', '08:30'), at('resolved', '08:10')]))).toBe(false);
    // An event before the ticket was created.
    expect(vocabularyOk(compiled, ticket([{ type: 'received', at: '2026-03-02T07:59:00+08:00' }]))).toBe(false);
  });

  it('judges pause reasons (E330) and carried deadlines (E320, E207, E208) as vocabularyErrors does', () => {
    const base = { id: 'T', property: 'p', unit: 'u', category: 'engineering', priority: 'urgent', createdAt: '2026-03-02T08:00:00+08:00' };
    const paused = (type: string, reason: string) => ({ ...base, events: [{ type: 'received', at: '2026-03-02T08:00:00+08:00' }, { type, at: '2026-03-02T08:10:00+08:00', reason }] }) as Ticket;
    expect(vocabularyOk(compiled, paused('paused', 'waiting_parts'))).toBe(true);
    expect(vocabularyOk(compiled, paused('paused', 'waiting_part'))).toBe(false);
    // 'resumed' pauses nothing: no reason may be given on it.
    expect(vocabularyOk(compiled, paused('resumed', 'waiting_parts'))).toBe(false);
    const carrying = (deadlines: Record<string, string> | null) => ({ ...base, deadlines, events: [] }) as unknown as Ticket;
    expect(vocabularyOk(compiled, carrying({ plan_completion: '2026-03-05T17:00:00+08:00' }))).toBe(true);
    expect(vocabularyOk(compiled, carrying({ plan_complete: '2026-03-05T17:00:00+08:00' }))).toBe(false);
    expect(vocabularyOk(compiled, carrying({ plan_completion: '2026-02-30T17:00:00+08:00' }))).toBe(false);
    expect(vocabularyOk(compiled, carrying({ plan_completion: '2300-01-01T00:00:00Z' }))).toBe(false);
    // A stream read without the schema may hold null: none carried, as vocabularyErrors reads it.
    expect(vocabularyOk(compiled, carrying(null))).toBe(vocabularyErrors(compiled, carrying(null)).length === 0);
  });
});
