// Deadlines a ticket carries (`deadlines: { plan_completion: … }`) are validated like
// events: a name the policy does not declare is E320, an instant that is not one is
// E201 (shape) or E207/E208, each with its JSON pointer; the quick stream check and the
// simulation's vocabularyOk agree. Codes and pointers are asserted, never the prose.
import { describe, expect, it } from 'vitest';
import { checkText, compile, evaluate, quickShapeError, type CompiledPolicy, type EngineError, type Ticket } from '../../../engine/index.js';
import { vocabularyOk } from '../../../engine/evaluate/validate.js';

const POLICY = `group desk "测试集团"
zone "Asia/Shanghai"
categories { cleaning "保洁服务" }
tiers { general "一般" }
events { received "受理", resolved "处理完成" }
deadlines { plan_completion "方案上报的完成时间", promised_reply "承诺答复时间" }
clock resolve { start received stop resolved target deadline plan_completion else 24h }
`;

function policy(): CompiledPolicy {
  const checked = checkText(POLICY, 'desk.sla');
  const compiled = compile(checked.policies.get('desk')!);
  if (!compiled.value) throw new Error(compiled.errors.map((e) => e.message).join('\n'));
  return compiled.value;
}
const compiled = policy();

function ticket(deadlines: unknown): Record<string, unknown> {
  return {
    id: 'T-1',
    property: 'jinxiu',
    unit: 'jinxiu/cleaning',
    category: 'cleaning',
    priority: 'general',
    createdAt: '2026-03-02T10:00:00+08:00',
    deadlines,
    events: [{ type: 'received', at: '2026-03-02T10:00:00+08:00' }],
  };
}

const where = (errors: EngineError[]) => errors.map((e) => [e.code, e.pointer]);
const errorsOf = (t: unknown) => evaluate(compiled, t, '2026-03-02T11:00:00+08:00').errors;

describe('deadlines carried by a ticket', () => {
  it('accepts declared names with instants, and the clock falls due at the carried instant', () => {
    const outcome = evaluate(compiled, ticket({ plan_completion: '2026-03-05T17:00:00+08:00' }), '2026-03-02T11:00:00+08:00');
    expect(outcome.errors).toEqual([]);
    expect(outcome.value?.clocks[0]?.dueAt).toBe('2026-03-05T17:00:00+08:00');
  });

  it('rejects a name the policy does not declare (E320), with its pointer and a did-you-mean', () => {
    const errors = errorsOf(ticket({ plan_complete: '2026-03-05T17:00:00+08:00' }));
    expect(where(errors)).toEqual([['E320', '/ticket/deadlines/plan_complete']]);
    expect(errors[0]?.help).toMatch(/plan_completion/);
  });

  it('escapes a name with a slash in the pointer', () => {
    expect(where(errorsOf(ticket({ 'a/b': '2026-03-05T17:00:00+08:00' })))).toEqual([['E320', '/ticket/deadlines/a~1b']]);
  });

  it('rejects a value that is not an instant with an offset (E201) and an impossible date (E207)', () => {
    expect(where(errorsOf(ticket({ plan_completion: '2026-03-05 17:00' })))).toEqual([['E201', '/ticket/deadlines/plan_completion']]);
    expect(where(errorsOf(ticket({ plan_completion: '2026-02-30T17:00:00+08:00' })))).toEqual([['E207', '/ticket/deadlines/plan_completion']]);
    expect(where(errorsOf(ticket({ plan_completion: '2300-01-01T00:00:00+08:00' })))).toEqual([['E208', '/ticket/deadlines/plan_completion']]);
  });

  it('rejects deadlines that are not an object, and more than 20 of them (E201)', () => {
    expect(where(errorsOf(ticket(['2026-03-05T17:00:00+08:00'])))).toEqual([['E201', '/ticket/deadlines']]);
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`d${i}`, '2026-03-05T17:00:00+08:00']));
    expect(where(errorsOf(ticket(many)))).toEqual([['E201', '/ticket/deadlines']]);
  });

  it('is judged the same by the stream checks (quickShapeError, vocabularyOk)', () => {
    expect(quickShapeError(ticket({ plan_completion: 'soon' }))?.code).toBe('E207');
    expect(quickShapeError(ticket({ plan_completion: '2026-03-05T17:00:00+08:00' }))).toBeNull();
    expect(vocabularyOk(compiled, ticket({ plan_completion: '2026-03-05T17:00:00+08:00' }) as unknown as Ticket)).toBe(true);
    expect(vocabularyOk(compiled, ticket({ plan_complete: '2026-03-05T17:00:00+08:00' }) as unknown as Ticket)).toBe(false);
  });
});
