// Lists shared between evaluations (commit b576d73): cyclesOf starts every clock with one
// module-wide empty list of cycles (NO_CYCLES) and every cycle with shared empty pauses and
// updates (NO_PAUSES, NO_UPDATES) until it has one of its own; evaluateCore starts each
// ticket from copies of a policy's blank outcomes, elapsed minutes and lateness. Were any of
// them written to instead of replaced, one ticket's pauses, updates, cycles or outcomes would
// show up in the next ticket's. So: tickets with pauses, updates and reopen cycles evaluated
// next to tickets with none, in both orders, under one compiled policy, must each give what
// the hand arithmetic says and what a freshly compiled policy says for it alone.
// (A fresh compile cannot see module-wide lists written to; the hand values can.)
// Instants are Asia/Shanghai, 2026-03-02 is a Monday; every clock is on 24x7 time.
import { describe, expect, it } from 'vitest';
import { checkText, compile, evaluate, evaluateCore, type CompiledPolicy, type Ticket } from '../../../engine/index.js';

const SOURCE = `group desk "测试集团"
zone "Asia/Shanghai"
categories { engineering "工程维修" }
tiers { general "一般" }
attribute kind "类型" { complaint "投诉", repair "报修" }
events { received "受理", paused "暂停", resumed "恢复", progress "通报进度", replied "答复", resolved "处理完成", reopened "重开" }
clock resolve { start received stop resolved pause paused resume resumed restart reopened pause at most 2h calendar 24x7 target 24h }
clock updates { start received stop resolved pause paused resume resumed update progress calendar 24x7 target every 2h }
clock every_day { start received stop resolved update progress calendar 24x7 target daily by 17:00 }
clock reply { start received stop replied when kind = complaint calendar 24x7 target 4h }
warning late { when overdue(reply) >= 1h }
warning long { when elapsed(reply) >= 3h }
`;

function compiled(): CompiledPolicy {
  const checked = checkText(SOURCE, 'desk.sla');
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.column} ${d.message}`).join('\n'));
  return compile(checked.policies.get('desk')!).value!;
}

const ms = (s: string) => Date.parse(`2026-${s}:00+08:00`);

function ticket(id: string, kind: string, events: [string, string][]): Ticket {
  return {
    id,
    property: 'jinxiu',
    unit: 'jinxiu/engineering',
    category: 'engineering',
    priority: 'general',
    kind,
    createdAt: `2026-${events[0]![1]}:00+08:00`,
    events: events.map(([type, t]) => ({ type, at: `2026-${t}:00+08:00` })),
  };
}

/** A ticket and the instant it is judged at. */
interface Case {
  ticket: Ticket;
  at: number;
}

// Two cycles of resolve (a reopen), pauses in both (the second still open at 18:00 and cut
// by `pause at most 2h`), two progress updates, a complaint: every list gets entries.
const BUSY: Case = {
  ticket: ticket('BUSY', 'complaint', [
    ['received', '03-02T09:00'],
    ['progress', '03-02T10:00'],
    ['paused', '03-02T10:30'],
    ['resumed', '03-02T11:30'],
    ['progress', '03-02T12:00'],
    ['resolved', '03-02T13:00'],
    ['reopened', '03-02T14:00'],
    ['paused', '03-02T15:00'],
  ]),
  at: ms('03-02T18:00'),
};
// Nothing but its start: no pause, no update, one cycle; not a complaint (no reply clock).
const BARE: Case = { ticket: ticket('BARE', 'repair', [['received', '03-02T09:00']]), at: ms('03-02T10:00') };
// A complaint resolved an hour in, without a pause or an update.
const QUICK: Case = { ticket: ticket('QUICK', 'complaint', [['received', '03-02T09:00'], ['resolved', '03-02T10:00']]), at: ms('03-02T11:00') };

/** Each clock's outcome in the numbers evaluateCore gives (null: its `when` does not hold). */
function outcomes(p: CompiledPolicy, c: Case) {
  const core = evaluateCore(p, c.ticket, c.at);
  return {
    clocks: Object.fromEntries(
      core.outcomes.map((o, i) => [
        p.clocks[i]!.name,
        o && { state: o.state, startMs: o.startMs, dueMs: o.dueMs, elapsed: o.elapsed, pausedSinceMs: o.pausedSinceMs, cycles: o.cycles, capped: o.cappedPauses.length },
      ]),
    ),
    warnings: core.reached.map((w) => w.name),
  };
}

// Worked out by hand.
const EXPECTED = new Map<Case, ReturnType<typeof outcomes>>([
  [
    BUSY,
    {
      clocks: {
        // Cycle 2 (reopened 14:00): paused 15:00, still open at 18:00, counts only 2 h (to 17:00):
        // due 14:00 + 1 h run + 2 h paused + 23 h = 03-03 16:00; run 14:00-18:00 less 2 h = 120 min.
        resolve: { state: 'running', startMs: ms('03-02T14:00'), dueMs: ms('03-03T16:00'), elapsed: 120, pausedSinceMs: null, cycles: 2, capped: 1 },
        // Updates at 10:00 and 12:00 (each within 2 h, the pause 10:30-11:30 aside), stopped 13:00: met.
        updates: { state: 'met', startMs: ms('03-02T09:00'), dueMs: null, elapsed: 180, pausedSinceMs: null, cycles: 1, capped: 0 },
        every_day: { state: 'met', startMs: ms('03-02T09:00'), dueMs: null, elapsed: 240, pausedSinceMs: null, cycles: 1, capped: 0 },
        // Never replied: due 13:00, 5 h late at 18:00; run 9 h.
        reply: { state: 'breached', startMs: ms('03-02T09:00'), dueMs: ms('03-02T13:00'), elapsed: 540, pausedSinceMs: null, cycles: 1, capped: 0 },
      },
      warnings: ['late', 'long'],
    },
  ],
  [
    BARE,
    {
      clocks: {
        resolve: { state: 'running', startMs: ms('03-02T09:00'), dueMs: ms('03-03T09:00'), elapsed: 60, pausedSinceMs: null, cycles: 1, capped: 0 },
        updates: { state: 'running', startMs: ms('03-02T09:00'), dueMs: ms('03-02T11:00'), elapsed: 60, pausedSinceMs: null, cycles: 1, capped: 0 },
        every_day: { state: 'running', startMs: ms('03-02T09:00'), dueMs: ms('03-02T17:00'), elapsed: 60, pausedSinceMs: null, cycles: 1, capped: 0 },
        reply: null,
      },
      warnings: [],
    },
  ],
  [
    QUICK,
    {
      clocks: {
        resolve: { state: 'met', startMs: ms('03-02T09:00'), dueMs: ms('03-03T09:00'), elapsed: 60, pausedSinceMs: null, cycles: 1, capped: 0 },
        updates: { state: 'met', startMs: ms('03-02T09:00'), dueMs: null, elapsed: 60, pausedSinceMs: null, cycles: 1, capped: 0 },
        every_day: { state: 'met', startMs: ms('03-02T09:00'), dueMs: null, elapsed: 60, pausedSinceMs: null, cycles: 1, capped: 0 },
        reply: { state: 'running', startMs: ms('03-02T09:00'), dueMs: ms('03-02T13:00'), elapsed: 120, pausedSinceMs: null, cycles: 1, capped: 0 },
      },
      warnings: [],
    },
  ],
]);

describe('tickets with and without pauses, updates and reopen cycles under one compiled policy', () => {
  // The busy ticket once paused and still open, to have a `paused` state with its instant too.
  const PAUSED: Case = { ticket: BUSY.ticket, at: ms('03-02T16:00') };

  it('a ticket still paused at the instant is paused since its pause (checked first, before anything else ran)', () => {
    // Cycle 2: run 14:00-15:00, paused since 15:00 (1 h, under the 2 h cap): no due time.
    expect(outcomes(compiled(), PAUSED).clocks['resolve']).toEqual({ state: 'paused', startMs: ms('03-02T14:00'), dueMs: null, elapsed: 60, pausedSinceMs: ms('03-02T15:00'), cycles: 2, capped: 0 });
  });

  for (const [name, order] of [
    ['busy first, then the bare ones', [BUSY, BARE, QUICK, BUSY, BARE, PAUSED, QUICK]],
    ['bare ones first, then the busy one', [BARE, QUICK, BUSY, PAUSED, BARE, BUSY, QUICK]],
  ] as const) {
    it(`${name}: each as worked out by hand and as a fresh policy gives it alone`, () => {
      const shared = compiled();
      for (const c of order) {
        const got = outcomes(shared, c);
        if (EXPECTED.has(c)) expect(got, c.ticket.id).toEqual(EXPECTED.get(c));
        expect(got, c.ticket.id).toEqual(outcomes(compiled(), c));
        // The whole result too (reasons, remaining minutes, notes such as E331).
        expect(evaluate(shared, c.ticket, c.at).value, c.ticket.id).toEqual(evaluate(compiled(), c.ticket, c.at).value);
      }
    });
  }
});
