// simulate(from, to, tickets, at): a small hand-built history re-run under the
// current policy and a draft that tightens the general resolution target from
// 24h to 12h. Every count below is worked out by hand from the table of tickets.
// That memory stays flat over long histories is a benchmark concern (bench/), not
// tested here.
import { describe, expect, it } from 'vitest';
import { checkText, compile, evaluate, indexTickets, mergeReports, simulate, Simulation, type CompiledPolicy, type SimulationReport, type Ticket } from '../../engine/index.js';
import { judgedAlike } from '../../engine/evaluate/same-words.js';

const BASE = `group desk "测试集团"
zone "Asia/Shanghai"
categories { engineering "工程维修", cleaning "保洁服务" }
tiers { urgent "紧急", general "一般" }
events { received "受理", resolved "处理完成" }
flags { media_risk "媒体曝光风险" }
param households "总户数": count = 10
clock resolve "处理完成" {
  start received
  stop resolved
  target { *: 24h, */urgent: 4h }
}
warning blue "蓝色预警" { when overdue(resolve) >= 1d }
warning red "红色预警" { when flags has media_risk or share(issueKey, 7d, households) >= 30% }
penalties { blue 0.2 points, red 1 point }
`;
const DRAFT = BASE.replace('group desk "测试集团"', 'group desk-draft "测试集团（草案）"').replace('*: 24h', '*: 12h');

function policy(text: string, id: string): CompiledPolicy {
  const checked = checkText(text, `${id}.sla`);
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => `${d.code} ${d.message}`).join('\n'));
  const result = compile(checked.policies.get(id)!);
  if (!result.value) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.value;
}

const from = policy(BASE, 'desk');
const to = policy(DRAFT, 'desk-draft');
const AT = '2026-03-10T12:00:00+08:00';

function ticket(id: string, category: string, priority: string, received: string, resolved: string | null, extra: Record<string, unknown> = {}): Ticket {
  const at = (s: string) => `2026-${s}:00+08:00`;
  const events = [{ type: 'received', at: at(received) }];
  if (resolved) events.push({ type: 'resolved', at: at(resolved) });
  return { id, property: 'jinxiu', unit: `jinxiu/${category}`, category, priority, createdAt: at(received), events, ...extra } as Ticket;
}

// In creation order. base: general due +24h, urgent +4h; draft: general +12h. Blue at 1d late.
const HISTORY: Ticket[] = [
  ticket('T1', 'engineering', 'general', '03-02T09:00', '03-02T18:00'), // 9h: met / met
  ticket('T2', 'engineering', 'general', '03-02T09:00', '03-02T23:00'), // 14h: met / breached 2h        CHANGED
  ticket('T3', 'cleaning', 'general', '03-03T09:00', '03-04T20:00'), // 35h: late 11h / late 23h, no blue
  ticket('T4', 'cleaning', 'general', '03-03T09:00', null), // open: 6d3h / 6d15h late: blue / blue
  ticket('T5', 'cleaning', 'general', '03-04T08:00', '03-05T22:00'), // 38h: late 14h / late 26h: none / blue  CHANGED
  ticket('T6', 'engineering', 'urgent', '03-05T10:00', '03-05T13:00', { flags: ['media_risk'] }), // met; red / red
  ticket('T7', 'landscaping', 'general', '03-05T12:00', null), // unknown category: skipped
  { ...ticket('T8', 'cleaning', 'general', '03-05T13:00', null), events: [{ type: 'received', at: '2026-03-05T13:00:00+08:00' }, { type: 'teleported', at: '2026-03-05T13:05:00+08:00' }] }, // skipped
  ticket('T9', 'engineering', 'general', '03-06T09:00', '03-06T11:00', { issueKey: 'north-gate', household: 'h1' }), // 1/10
  ticket('T10', 'engineering', 'general', '03-06T10:00', '03-06T12:00', { issueKey: 'north-gate', household: 'h2' }), // 2/10
  ticket('T11', 'engineering', 'general', '03-06T11:00', '03-06T13:00', { issueKey: 'north-gate', household: 'h3' }), // 3/10 = 30%: red / red
];

async function* streamed(tickets: readonly Ticket[]): AsyncGenerator<Ticket> {
  for (const t of tickets) {
    await Promise.resolve();
    yield t;
  }
}

describe('simulate', () => {
  let report: SimulationReport;
  const run = async () => (report ??= await simulate(from, to, HISTORY, AT));

  it('names both policies and counts every ticket read, skipped ones included', async () => {
    const r = await run();
    expect(r).toMatchObject({ at: AT, from: { policy: 'desk' }, to: { policy: 'desk-draft' }, tickets: 11 });
  });

  it('counts clock states under each policy', async () => {
    const r = await run();
    expect(r.counts.from.clocks).toEqual({ resolve: { met: 6, breached: 3 } });
    expect(r.counts.to.clocks).toEqual({ resolve: { met: 5, breached: 4 } });
  });

  it('counts the top warning level of each ticket and the points in all', async () => {
    const r = await run();
    expect(r.counts.from.warnings).toEqual({ none: 6, blue: 1, red: 2 });
    expect(r.counts.to.warnings).toEqual({ none: 5, blue: 2, red: 2 });
    // from: T4 0.2 + T6 1 + T11 1; to: T5's blue adds 0.2.
    expect(r.counts.from.points).toBe(2.2);
    expect(r.counts.to.points).toBe(2.4);
  });

  it('sums penalties by responsible unit, the biggest change first', async () => {
    const r = await run();
    expect(r.penaltiesByUnit).toEqual([
      { unit: 'jinxiu/cleaning', from: 0.2, to: 0.4, delta: 0.2 },
      { unit: 'jinxiu/engineering', from: 2, to: 2, delta: 0 },
    ]);
  });

  it('sums penalties by category x tier, the biggest change first', async () => {
    const r = await run();
    expect(r.penaltiesByCell[0]).toEqual({ category: 'cleaning', priority: 'general', from: 0.2, to: 0.4, delta: 0.2 });
    expect(r.penaltiesByCell.slice(1).sort((a, b) => a.priority.localeCompare(b.priority))).toEqual([
      { category: 'engineering', priority: 'general', from: 1, to: 1, delta: 0 },
      { category: 'engineering', priority: 'urgent', from: 1, to: 1, delta: 0 },
    ]);
  });

  it('lists the tickets whose outcome changed, with the clock states and levels on each side', async () => {
    const r = await run();
    expect(r.changed.count).toBe(2);
    expect(r.changed.examples.map((e) => [e.ticketId, e.unit, e.from, e.to])).toEqual([
      ['T2', 'jinxiu/engineering', { warning: 'none', points: 0, clocks: { resolve: 'met' } }, { warning: 'none', points: 0, clocks: { resolve: 'breached' } }],
      ['T5', 'jinxiu/cleaning', { warning: 'none', points: 0, clocks: { resolve: 'breached' } }, { warning: 'blue', points: 0.2, clocks: { resolve: 'breached' } }],
    ]);
  });

  it('explains a change by the reasons of the clocks that differ and of the warnings raised', async () => {
    const r = await run();
    const [t2, t5] = r.changed.examples;
    // T2: the resolve clock differs, so its reason is given on both sides; no warning on either.
    expect(t2?.explanation.from).toHaveLength(1);
    expect(t2?.explanation.to).toHaveLength(1);
    expect(t2?.explanation.from[0]?.en).toContain('resolve');
    expect(t2?.explanation.to[0]?.en).toContain('late');
    // T5: the clock is breached on both sides, so only the draft's blue warning explains the change.
    expect(t5?.explanation.from).toEqual([]);
    expect(t5?.explanation.to).toHaveLength(1);
    expect(t5?.explanation.to[0]?.en).toContain('overdue(resolve) >= 1d');
  });

  it('skips tickets either policy cannot read, with the errors that say why', async () => {
    const r = await run();
    expect(r.skipped.count).toBe(2);
    expect(r.skipped.examples.map((e) => [e.ticketId, [...new Set(e.errors.map((x) => `${x.code} ${x.pointer}`))]])).toEqual([
      ['T7', ['E202 /category']],
      ['T8', ['E205 /events/1/type']],
    ]);
  });

  it('counts household shares from the tickets streamed before, as evaluation against the whole history does', async () => {
    const r = await run();
    const context = indexTickets(HISTORY);
    const t11 = evaluate(from, HISTORY[10], AT, { context }).value;
    expect(t11?.warning.level).toBe('red');
    // T9 and T10 (10% and 20%) are not red; T11 (30%) is: the two red tickets are T6 and T11.
    expect(r.counts.from.warnings['red']).toBe(2);
  });

  it('counts tickets observed before the range in shares, without evaluating or reporting them', () => {
    const simulation = new Simulation(from, to, AT);
    simulation.observe(HISTORY[8]!); // T9, h1
    simulation.observe(HISTORY[9]!); // T10, h2
    simulation.add(HISTORY[10]!); // T11, h3: 3 of 10 households
    const r = simulation.result();
    expect(r.tickets).toBe(1);
    expect(r.counts.from.warnings).toEqual({ red: 1 });
    const alone = new Simulation(from, to, AT);
    alone.add(HISTORY[10]!);
    expect(alone.result().counts.from.warnings).toEqual({ none: 1 });
  });

  it('gives the same report for an async iterable as for an array', async () => {
    const r = await run();
    expect(await simulate(from, to, streamed(HISTORY), AT)).toEqual(r);
  });

  it('calls back with the number of tickets read every `progressEvery` tickets', async () => {
    const seen: number[] = [];
    await simulate(from, to, HISTORY, AT, { progressEvery: 4, onProgress: (n) => seen.push(n) });
    expect(seen).toEqual([4, 8]);
  });

  it('keeps only as many examples as asked for, and still counts them all', async () => {
    const r = await simulate(from, to, HISTORY, AT, { examples: 1 });
    expect(r.changed.count).toBe(2);
    expect(r.changed.examples.map((e) => e.ticketId)).toEqual(['T2']);
    expect(r.skipped.examples.map((e) => e.ticketId)).toEqual(['T7']);
  });

  it('finds no change when a policy is compared with itself', async () => {
    const r = await simulate(from, from, HISTORY, AT);
    expect(r.changed).toEqual({ count: 0, examples: [] });
    expect(r.penaltiesByUnit.every((u) => u.delta === 0)).toBe(true);
  });

  it('merges reports of disjoint shards into the report of the whole history', async () => {
    const whole = await run();
    const shards = await Promise.all([HISTORY.slice(0, 5), HISTORY.slice(5)].map((part) => simulate(from, to, part, AT)));
    const merged = mergeReports(shards);
    expect(merged.tickets).toBe(whole.tickets);
    expect(merged.counts).toEqual(whole.counts);
    expect(merged.penaltiesByUnit).toEqual(whole.penaltiesByUnit);
    expect(merged.changed.count).toBe(whole.changed.count);
    expect(merged.skipped.count).toBe(whole.skipped.count);
  });

  it('merges shards fed with input positions into exactly the report of the whole history, examples in input order', async () => {
    // Shard a holds T1, T3, T5, T7 and the north-gate reports (T9-T11, one share group); shard b the rest.
    const a = new Simulation(from, to, AT);
    const b = new Simulation(from, to, AT);
    HISTORY.forEach((t, i) => (i % 2 === 0 || i >= 8 ? a : b).add(t, i));
    const merged = mergeReports([a.result(), b.result()], 50, [a.positions(), b.positions()]);
    // T5 (shard a) changed after T2 (shard b) in the input, so T2 comes first.
    expect(merged.changed.examples.map((e) => e.ticketId)).toEqual(['T2', 'T5']);
    expect(merged.skipped.examples.map((e) => e.ticketId)).toEqual(['T7', 'T8']);
    expect(mergeReports([a.result(), b.result()], 1, [a.positions(), b.positions()]).changed.examples.map((e) => e.ticketId)).toEqual(['T2']);
    expect(merged).toEqual(await run());
  });

  it('counts shares over a window longer than a month like evaluation does, even when an earlier report never asked', async () => {
    // red at 2 of 10 households within 60 days. A1 and A2 (household h1, 01-01 and 01-02) are more
    // than 2 days late at `at`, so `or` never asks their share; B (h2, 02-05, 34 days after A2) is
    // the 2nd household within 60 days: 20%, red. All three are red.
    const long = policy(BASE.replace('share(issueKey, 7d, households) >= 30%', 'share(issueKey, 60d, households) >= 20%').replace('flags has media_risk', 'overdue(resolve) >= 2d'), 'desk');
    const a1 = ticket('A1', 'cleaning', 'general', '01-01T09:00', null, { issueKey: 'roof-leak', household: 'h1' });
    const a2 = ticket('A2', 'cleaning', 'general', '01-02T09:00', null, { issueKey: 'roof-leak', household: 'h1' });
    const b = ticket('B', 'cleaning', 'general', '02-05T09:00', '02-05T10:00', { issueKey: 'roof-leak', household: 'h2' });
    const at = '2026-02-06T09:00:00+08:00';
    expect(evaluate(long, b, at, { context: indexTickets([a1, a2, b]) }).value?.warning.level).toBe('red');
    const r = await simulate(long, long, [a1, a2, b], at);
    expect(r.counts.from.warnings).toEqual({ red: 3 });
  });
});

// A draft with the same categories, tiers, events, flags and attributes may still refuse
// a ticket the current policy reads: it may drop a pause reason or a carried deadline's
// name, or start a clock on another event, so that the history stops it before it starts.
// The simulation must judge such a ticket under the draft too, and skip it as evaluate()
// under the draft refuses it.
describe('simulate, with a draft of the same words that judges tickets otherwise', () => {
  const HEAD = `zone "Asia/Shanghai"
categories { engineering "工程维修" }
tiers { general "一般" }
events { received "受理", accepted "接单", paused "挂起", resumed "恢复", resolved "处理完成" }
deadlines { plan_completion "方案上报的完成时间", promised_reply "承诺答复时间" }
pause reasons { waiting_parts "等待配件", owner_away "业主不在" }
clock resolve { start received stop resolved pause paused resume resumed target 24h }
`;
  const current = policy(`group desk "测试集团"\n${HEAD}`, 'desk');
  const draft = (change: (text: string) => string) => policy(change(`group desk-draft "草案"\n${HEAD}`), 'desk-draft');
  const base = {
    id: 'W1',
    property: 'p',
    unit: 'p/engineering',
    category: 'engineering',
    priority: 'general',
    createdAt: '2026-03-02T08:00:00+08:00',
  };
  const at = (hm: string) => `2026-03-02T${hm}:00+08:00`;
  const cases: [string, CompiledPolicy, Ticket, string][] = [
    [
      'a pause reason the draft no longer declares',
      draft((t) => t.replace(', owner_away "业主不在"', '')),
      { ...base, events: [{ type: 'received', at: at('08:00') }, { type: 'paused', at: at('09:00'), reason: 'owner_away' }] },
      'E330',
    ],
    [
      'a pause reason on an event the draft no longer pauses on',
      draft((t) => t.replace('pause paused resume resumed', 'pause accepted resume resumed')),
      { ...base, events: [{ type: 'received', at: at('08:00') }, { type: 'paused', at: at('09:00'), reason: 'waiting_parts' }] },
      'E330',
    ],
    [
      'a carried deadline the draft no longer declares',
      draft((t) => t.replace('plan_completion "方案上报的完成时间", ', '')),
      { ...base, deadlines: { plan_completion: at('17:00') }, events: [{ type: 'received', at: at('08:00') }] },
      'E320',
    ],
    [
      "a stop before the draft's start (resolved 09:00, accepted 10:00)",
      draft((t) => t.replace('clock resolve { start received', 'clock resolve { start accepted')),
      { ...base, events: [{ type: 'received', at: at('08:00') }, { type: 'resolved', at: at('09:00') }, { type: 'accepted', at: at('10:00') }] },
      'E209',
    ],
  ];
  it('still checks a ticket once when the draft changes only targets (the common draft)', () => {
    expect(judgedAlike(from, to)).toBe(true);
    expect(judgedAlike(current, draft((t) => t.replace('target 24h', 'target 12h')))).toBe(true);
    for (const [, other] of cases) expect(judgedAlike(current, other)).toBe(false);
  });

  for (const [what, to, t, code] of cases) {
    it(`skips ${what}, as evaluate() under the draft refuses it`, async () => {
      expect(evaluate(current, t, AT).errors).toEqual([]);
      expect(evaluate(to, t, AT).errors.map((e) => e.code)).toEqual([code]);
      const r = await simulate(current, to, [t], AT);
      expect(r.skipped.count).toBe(1);
      expect(r.skipped.examples[0]!.errors.map((e) => e.code)).toEqual([code]);
    });
  }
});
