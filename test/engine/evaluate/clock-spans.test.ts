// clockSpans: a ticket's clocks as the evaluator sees them, for the admin UI's timeline:
// cycles with their pauses and each cycle's own due time, the warnings with the instant
// each was raised, and the lines that wrote them. Instants are Asia/Shanghai; 2026-04-03
// is a Friday, and the office calendar below makes Monday 2026-04-06 a holiday.
import { describe, expect, it } from 'vitest';
import { checkText, clockSpans, compile, type CompiledPolicy } from '../../../engine/index.js';

const SPANS_POLICY = `group desk "测试集团"
zone "Asia/Shanghai"
calendar office "办公时间" {
  mon-fri 09:00-18:00
  holiday 2026-04-06 "清明节"
}
categories { engineering "工程维修" }
tiers { urgent "紧急", general "一般" }
events { received "受理", contacted "联系", paused "暂停", resumed "恢复", resolved "处理完成", reopened "重开" }
clock contact "联系报事人" { start received stop contacted target 30m }
clock resolve "处理完成" {
  start received
  stop resolved
  pause paused
  resume resumed
  restart reopened
  calendar office
  target 4h
}
clock revisit "回访" { start resolved stop contacted when priority = urgent target 1h }
warning red "红色预警" { when overdue(contact) >= 1h }
`;

function policy(text = SPANS_POLICY): CompiledPolicy {
  const checked = checkText(text, 'desk.sla');
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => `${d.code} ${d.range.start.line} ${d.message}`).join('\n'));
  const compiled = compile(checked.policies.get('desk')!);
  if (!compiled.value) throw new Error(compiled.errors.map((e) => e.message).join('\n'));
  return compiled.value;
}

const ms = (local: string): number => Date.parse(`2026-${local}:00+08:00`);

function ticket(events: [string, string][]) {
  return {
    id: 'T-1',
    property: 'jinxiu',
    unit: 'jinxiu/engineering',
    category: 'engineering',
    priority: 'general',
    createdAt: `2026-${events[0]![1]}:00+08:00`,
    events: events.map(([type, at]) => ({ type, at: `2026-${at}:00+08:00` })),
  };
}

describe('clockSpans', () => {
  const p = policy();

  it('gives each applying clock its cycle, pauses and due time, and the warning raised, with their lines', () => {
    const t = ticket([['received', '04-03T16:00'], ['paused', '04-03T17:00'], ['resumed', '04-03T17:30']]);
    const spans = clockSpans(p, t, ms('04-07T12:00'));
    expect(spans.zone).toBe('Asia/Shanghai');
    // revisit's `when priority = urgent` does not hold for a general ticket: no such clock.
    expect(spans.clocks.map((c) => c.name)).toEqual(['contact', 'resolve']);
    const [contact, resolve] = spans.clocks;
    // contact: 24x7, 30 minutes from 16:00; never contacted, so still running and late.
    expect(contact).toMatchObject({ label: '联系报事人', state: 'breached', calendarName: null, target: '30m' });
    expect(contact!.calendar.always).toBe(true);
    expect(contact!.cycles).toEqual([{ startMs: ms('04-03T16:00'), stopMs: null, pauses: [], updatesMs: [], dueMs: ms('04-03T16:30') }]);
    expect(contact!.lateDueMs).toBe(ms('04-03T16:30'));
    expect(contact!.clockSource.range.start.line).toBe(10);
    expect(contact!.targetSource.range.start.line).toBe(10);
    // resolve: office hours; 16:00-17:00 runs 60 min, paused 17:00-17:30, 17:30-18:00 runs 30 more;
    // the weekend and the Monday holiday serve nothing; Tuesday 09:00 + the 150 min left = 11:30.
    expect(resolve).toMatchObject({ state: 'breached', calendarName: 'office', target: '4h' });
    expect(resolve!.cycles).toEqual([{ startMs: ms('04-03T16:00'), stopMs: null, pauses: [{ fromMs: ms('04-03T17:00'), toMs: ms('04-03T17:30') }], updatesMs: [], dueMs: ms('04-07T11:30') }]);
    expect(resolve!.clockSource.range.start.line).toBe(11);
    expect(resolve!.targetSource.range.start.line).toBe(18);
    // red: contact 1 hour overdue, i.e. from 16:30 + 1h.
    expect(spans.warnings).toEqual([{ level: 'red', label: '红色预警', sinceMs: ms('04-03T17:30'), source: expect.objectContaining({ uri: 'desk.sla' }) }]);
    expect(spans.warnings[0]!.source.range.start.line).toBe(21);
  });

  it('gives a reopened clock a cycle each, each with its own due time, and raises nothing on time', () => {
    const t = ticket([['received', '04-07T09:00'], ['contacted', '04-07T09:10'], ['resolved', '04-07T10:00'], ['reopened', '04-07T14:00']]);
    const spans = clockSpans(p, t, ms('04-07T15:00'));
    const resolve = spans.clocks.find((c) => c.name === 'resolve')!;
    // First cycle 09:00 + 4h = 13:00, met at 10:00; the second from 14:00: 4 office hours end 18:00 + 0, so 18:00.
    expect(resolve.cycles).toEqual([
      { startMs: ms('04-07T09:00'), stopMs: ms('04-07T10:00'), pauses: [], updatesMs: [], dueMs: ms('04-07T13:00') },
      { startMs: ms('04-07T14:00'), stopMs: null, pauses: [], updatesMs: [], dueMs: ms('04-07T18:00') },
    ]);
    expect(resolve.lateDueMs).toBeNull();
    expect(resolve.state).toBe('running');
    expect(spans.clocks.find((c) => c.name === 'contact')).toMatchObject({ state: 'met', cycles: [{ stopMs: ms('04-07T09:10'), dueMs: ms('04-07T09:30') }] });
    expect(spans.warnings).toEqual([]);
  });

  it('gives a recurring target its updates, its next deadline, and the deadline it missed before', () => {
    const recurring = policy(`group desk "测试集团"
zone "Asia/Shanghai"
categories { engineering "工程维修" }
tiers { general "一般" }
events { received "受理", progress "通报进度", resolved "处理完成" }
clock updates "每小时通报" { start received stop resolved update progress target every 1h }
`);
    // Due 10:00 from the 09:00 start; the update at 10:15 is late for it, and sets the next deadline at 11:15.
    const spans = clockSpans(recurring, ticket([['received', '04-07T09:00'], ['progress', '04-07T10:15']]), ms('04-07T10:30'));
    expect(spans.clocks).toMatchObject([
      { name: 'updates', state: 'breached', target: 'every 1h', lateDueMs: ms('04-07T10:00'), cycles: [{ startMs: ms('04-07T09:00'), stopMs: null, pauses: [], updatesMs: [ms('04-07T10:15')], dueMs: ms('04-07T11:15') }] },
    ]);
  });
});
