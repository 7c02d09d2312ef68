// households(): the property's total households as an evaluation input (EvaluateOptions.property,
// a context's propertyHouseholds, SimulateOptions.propertyHouseholds), never a value the policy
// writes. 20 of 400 households is 5%; 19 of 400 is 4.75%. Without a count (absent, null or 0)
// no comparison with the share holds and the result carries E340.
import { describe, expect, it } from 'vitest';
import { checkText, compile, evaluate, evaluateLean, indexTickets, simulate, withProperties, type CompiledPolicy, type Ticket } from '../../../engine/index.js';

const SOURCE = `group g "测试"
zone "Asia/Shanghai"
events { received "受理", resolved "完成" }
roles { quality_head "品质部负责人" }
warning red "红色预警" {
  when share(issueKey, 30d, households()) >= 5% and shareBefore(issueKey, 30d, households()) < 5%
  notify quality_head
}
penalties { red 1 point }
`;

function policy(source = SOURCE): CompiledPolicy {
  const checked = checkText(source);
  expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const compiled = compile([...checked.policies.values()][0]!);
  return compiled.value!;
}

const START = Date.parse('2026-04-01T09:00:00+08:00');
const reports = (n: number): Ticket[] =>
  Array.from({ length: n }, (_, i) => {
    const at = new Date(START + i * 3_600_000).toISOString();
    return { id: `T${i}`, property: 'p', unit: 'p/eng', category: 'c', priority: 't', issueKey: 'roof', household: `H${i}`, createdAt: at, events: [{ type: 'received', at }] } as Ticket;
  });

describe('households() from the evaluation input', () => {
  const p = policy(SOURCE.replace('events', 'categories { c "c" }\ntiers { t "t" }\nevents'));
  const tickets = reports(20);
  const at = '2026-04-03T00:00:00+08:00';
  const judge = (subject: Ticket, households: number | null | undefined) =>
    evaluate(p, subject, at, { context: indexTickets(tickets, p.localDay), ...(households === undefined ? {} : { property: { id: 'p', households } }) }).value!;

  it('the 20th of 400 households raises red; the 19th does not', () => {
    expect(judge(tickets[19]!, 400).warning.level).toBe('red');
    expect(judge(tickets[18]!, 400).warning.level).toBe('none');
    expect(judge(tickets[19]!, 400).notes).toBeUndefined();
  });

  it('evaluateLean reads the same count: red for the 20th of 400, nothing without a count', () => {
    const lean = (households?: number) =>
      evaluateLean(p, tickets[19]!, at, { context: indexTickets(tickets, p.localDay), ...(households === undefined ? {} : { property: { id: 'p', households } }) }).value!;
    expect(lean(400)).toMatchObject({ level: 'red', points: 1 });
    expect(lean()).toMatchObject({ level: 'none', points: 0 });
  });

  it('with 401 households the 20th (4.99%) raises nothing', () => {
    expect(judge(tickets[19]!, 401).warning.level).toBe('none');
  });

  it('without a count, or with null or 0, the share is not judged: no red, note E340 naming the rule', () => {
    for (const households of [undefined, null, 0]) {
      const r = judge(tickets[19]!, households);
      expect(r.warning.level, String(households)).toBe('none');
      expect(r.notes, String(households)).toEqual([expect.objectContaining({ code: 'E340', pointer: '/property/households', rules: ['warning red'] })]);
    }
  });

  it('names only the rules whose scope admits the ticket: an inquiry outside red\'s scope gets no E340', () => {
    const scoped = policy(
      SOURCE.replace('events', 'categories { c "c" }\ntiers { t "t" }\nattribute kind "类型" { complaint "投诉", inquiry "咨询" }\nevents').replace('warning red "红色预警" {\n', 'warning red "红色预警" {\n  applies to kind = complaint\n'),
    );
    const withKind = (t: Ticket, kind: string) => ({ ...t, kind }) as Ticket;
    const ctx = indexTickets(tickets.map((t) => withKind(t, 'complaint')), scoped.localDay);
    expect(evaluate(scoped, withKind(tickets[19]!, 'inquiry'), at, { context: ctx }).value!.notes).toBeUndefined();
    expect(evaluate(scoped, withKind(tickets[19]!, 'complaint'), at, { context: ctx }).value!.notes).toEqual([expect.objectContaining({ code: 'E340', rules: ['warning red'] })]);
  });

  it('the count of another property is not this one\'s', () => {
    const r = evaluate(p, tickets[19]!, at, { context: indexTickets(tickets, p.localDay), property: { id: 'q', households: 400 } }).value!;
    expect(r.warning.level).toBe('none');
    expect(r.notes?.[0]?.code).toBe('E340');
  });

  it('a context told the households by property (withProperties) gives the same answers', () => {
    const context = withProperties(indexTickets(tickets, p.localDay), (id) => (id === 'p' ? 400 : null));
    expect(evaluate(p, tickets[19]!, at, { context }).value!.warning.level).toBe('red');
  });

  it('a policy that does not read households() has no E340 note', () => {
    const plain = policy(`group g "测试"
categories { c "c" }
tiers { t "t" }
events { received "受理", resolved "完成" }
clock resolve { start received stop resolved target 1h }
`);
    expect(evaluate(plain, tickets[0]!, at).value!.notes).toBeUndefined();
  });

  it('simulate divides by SimulateOptions.propertyHouseholds: one red over the cluster with 400, none without', async () => {
    const with400 = await simulate(p, p, tickets, at, { propertyHouseholds: (id) => (id === 'p' ? 400 : null) });
    expect(with400.counts.to.warnings['red']).toBe(1);
    const without = await simulate(p, p, tickets, at);
    expect(without.counts.to.warnings['red'] ?? 0).toBe(0);
  });
});
