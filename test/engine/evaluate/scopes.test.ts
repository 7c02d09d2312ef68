// Explanations of scopes: the trace says which `applies to` admitted or excluded
// the ticket, with the ticket's value, for a clock, a target row, a warning and a
// penalty row. The decisions themselves are pinned by the corpus (cases/scope-*).
import { describe, expect, it } from 'vitest';
import { checkText, compile, evaluate, type CompiledPolicy, type TraceEntry } from '../../../engine/index.js';

const POLICY = `group desk "测试集团"
zone "Asia/Shanghai"
categories { engineering "工程维修" }
tiers { general "一般" }
events { received "受理", replied "答复" }
attribute kind "报事类型" { complaint "投诉", suggestion "建议" }
attribute channel "报事渠道" { platform "集团平台", phone "电话" }
clock reply { start received stop replied target { *: 24h, *: 4h applies to kind = complaint } }
clock transfer { start received stop replied applies to channel = platform target 1h }
warning blue { applies to kind = complaint when overdue(reply) >= 1d }
penalties { blue 0.2 points, blue 0.5 points applies to channel = platform }
`;

function compiled(): CompiledPolicy {
  const checked = checkText(POLICY, 'desk.sla');
  expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const result = compile(checked.policies.get('desk')!);
  return result.value as CompiledPolicy;
}

function traceOf(kind: string, channel: string): TraceEntry[] {
  const ticket = {
    id: 'T-1', property: 'p', unit: 'p/eng', category: 'engineering', priority: 'general', kind, channel,
    createdAt: '2026-03-02T09:00:00+08:00', events: [{ type: 'received', at: '2026-03-02T09:00:00+08:00' }],
  };
  const out = evaluate(compiled(), ticket, '2026-03-04T09:00:00+08:00', { explain: true });
  return out.value?.trace ?? [];
}

const entry = (trace: TraceEntry[], rule: string) => trace.find((e) => e.rule === rule);

describe('the trace of a scoped rule', () => {
  it('says a suggestion is excluded from the warning, with its kind', () => {
    const e = entry(traceOf('suggestion', 'phone'), 'warning blue applies to');
    expect(e?.outcome).toBe('excluded');
    expect(e?.inputs).toEqual({ 'kind = complaint': false });
    expect(e?.reason?.en).toContain('actually suggestion');
    expect(e?.reason?.zh).toContain('不在适用范围内');
    expect(e?.source).toBe('desk.sla:10:16');
  });

  it('does not judge the condition of a warning whose scope excluded the ticket', () => {
    expect(entry(traceOf('suggestion', 'phone'), 'warning blue')).toBeUndefined();
  });

  it('says a complaint is admitted, and which target row and penalty row it took', () => {
    const trace = traceOf('complaint', 'platform');
    expect(entry(trace, 'warning blue applies to')?.outcome).toBe('admitted');
    expect(entry(trace, 'warning blue')?.outcome).toBe('raised');
    expect(entry(trace, 'clock reply target */* applies to')?.outcome).toBe('admitted');
    expect(entry(trace, 'penalty blue applies to')?.inputs).toEqual({ 'channel = platform': true });
  });

  it('says a phone ticket is excluded from the platform clock', () => {
    const e = entry(traceOf('complaint', 'phone'), 'clock transfer applies to');
    expect(e?.outcome).toBe('excluded');
    expect(e?.reason?.en).toContain('actually phone');
  });
});
