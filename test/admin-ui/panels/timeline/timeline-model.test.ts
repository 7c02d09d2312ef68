// A ticket's Gantt rows from the engine's spans: bars (running, overdue past the due time,
// paused), the calendar's service hours and holidays as shading, marks with their rule's
// line, the warnings row, and one window for both sides. Worked out by hand below;
// instants are Asia/Shanghai, 2026-04-03 is a Friday, Monday 2026-04-06 a holiday here.
import { describe, expect, it } from 'vitest';
import { checkText, clockSpans, compile, type CompiledPolicy } from '../../../../engine/index.js';
import { MAX_SHADED_DAYS, WARNINGS_ROW, extentOf, sharedWindow, timelineOf } from '../../../../admin-ui/src/panels/timeline/timeline-model.js';
import { drawnSides, spansUnder } from '../../../../admin-ui/src/panels/timeline/timeline-sides.js';

// Lines: contact 10, resolve 11 (its target 18), warning red 21.
const POLICY = `group desk "测试集团"
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

function policy(text = POLICY): CompiledPolicy {
  const checked = checkText(text, 'desk.sla');
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => `${d.code} ${d.message}`).join('\n'));
  return compile(checked.policies.get('desk')!).value!;
}

const ms = (local: string): number => Date.parse(`2026-${local}:00+08:00`);
const MIN = 60_000;

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

/** Received Friday 16:00, paused 17:00-17:30, never contacted nor resolved; seen Tuesday 12:00. */
const LATE = ticket([['received', '04-03T16:00'], ['paused', '04-03T17:00'], ['resumed', '04-03T17:30']]);
const AT = ms('04-07T12:00');

describe('sharedWindow', () => {
  it('holds every side with a margin of 4% (at least half an hour) either side', () => {
    // 04-03 16:00 to 04-07 12:00 is 92 h; 4% of it is 3 h 40 min 48 s.
    const margin = 3 * 3600_000 + 40 * MIN + 48_000;
    expect(sharedWindow([{ fromMs: ms('04-03T16:00'), toMs: AT }])).toEqual({ fromMs: ms('04-03T16:00') - margin, toMs: AT + margin });
    expect(sharedWindow([{ fromMs: ms('04-07T09:00'), toMs: ms('04-07T10:00') }, { fromMs: ms('04-07T09:30'), toMs: ms('04-07T11:00') }])).toEqual({ fromMs: ms('04-07T08:30'), toMs: ms('04-07T11:30') });
  });
});

describe('timelineOf', () => {
  const spans = clockSpans(policy(), LATE, AT);
  const extent = extentOf(spans, ms('04-03T16:00'));
  const window = sharedWindow([extent]);
  const side = timelineOf(spans, window);

  it('runs an open ticket to `at`', () => {
    expect(extent).toEqual({ fromMs: ms('04-03T16:00'), toMs: AT });
  });

  it('has a row per clock that started, then one for the warnings', () => {
    expect(side.rows).toEqual([
      { key: 'contact', label: '联系报事人', state: 'breached', target: '30m', calendar: null, always: true },
      { key: 'resolve', label: '处理完成', state: 'breached', target: '4h', calendar: 'office', always: false },
      { key: WARNINGS_ROW },
    ]);
  });

  it('draws each clock running to its due time, overdue after it, paused where it paused', () => {
    expect(side.bars).toEqual([
      // contact: due 16:30 on 24x7; late until `at`.
      { row: 0, fromMs: ms('04-03T16:00'), toMs: ms('04-03T16:30'), kind: 'running' },
      { row: 0, fromMs: ms('04-03T16:30'), toMs: AT, kind: 'overdue' },
      // resolve: 60 + 30 office minutes on Friday, none at the weekend nor on the holiday, 150 on Tuesday: due 11:30.
      { row: 1, fromMs: ms('04-03T16:00'), toMs: ms('04-07T11:30'), kind: 'running' },
      { row: 1, fromMs: ms('04-07T11:30'), toMs: AT, kind: 'overdue' },
      { row: 1, fromMs: ms('04-03T17:00'), toMs: ms('04-03T17:30'), kind: 'paused' },
    ]);
  });

  it('marks start, pause, due and the breach point at the clock’s or the target’s line, and the warning at its own', () => {
    const file = 'desk.sla';
    expect(side.marks).toEqual([
      { row: 0, atMs: ms('04-03T16:00'), kind: 'start', name: 'contact', label: '联系报事人', source: { uri: file, line: 10 } },
      { row: 0, atMs: ms('04-03T16:30'), kind: 'due', name: 'contact', label: '联系报事人', source: { uri: file, line: 10 } },
      { row: 0, atMs: ms('04-03T16:30'), kind: 'breach', name: 'contact', label: '联系报事人', source: { uri: file, line: 10 } },
      { row: 1, atMs: ms('04-03T16:00'), kind: 'start', name: 'resolve', label: '处理完成', source: { uri: file, line: 11 } },
      { row: 1, atMs: ms('04-03T17:00'), kind: 'pause', name: 'resolve', label: '处理完成', source: { uri: file, line: 11 } },
      { row: 1, atMs: ms('04-07T11:30'), kind: 'due', name: 'resolve', label: '处理完成', source: { uri: file, line: 18 } },
      { row: 1, atMs: ms('04-07T11:30'), kind: 'breach', name: 'resolve', label: '处理完成', source: { uri: file, line: 18 } },
      // overdue(contact) >= 1h: 16:30 + 1 h.
      { row: 2, atMs: ms('04-03T17:30'), kind: 'warning', name: 'red', label: '红色预警', source: { uri: file, line: 21 } },
    ]);
  });

  it('shades the office calendar’s hours and its holiday inside the window, and nothing on the 24x7 clock', () => {
    expect(side.unshaded).toBe(false);
    expect(side.shades.filter((s) => s.row === 0)).toEqual([]);
    expect(side.shades).toEqual([
      // Friday 09:00-18:00, cut at the window's start 12:19:12; Saturday and Sunday serve nothing.
      { row: 1, fromMs: window.fromMs, toMs: ms('04-03T18:00'), kind: 'service' },
      // Tuesday 09:00-18:00, cut at the window's end 15:40:48.
      { row: 1, fromMs: ms('04-07T09:00'), toMs: window.toMs, kind: 'service' },
      { row: 1, fromMs: ms('04-06T00:00'), toMs: ms('04-07T00:00'), kind: 'holiday', label: '清明节' },
    ]);
    expect(window.fromMs).toBe(ms('04-03T12:19') + 12_000);
  });

  it('leaves a window of more than MAX_SHADED_DAYS unshaded, and says so', () => {
    const later = ms('04-07T12:00') + MAX_SHADED_DAYS * 86_400_000;
    const long = timelineOf(clockSpans(policy(), LATE, later), sharedWindow([{ fromMs: ms('04-03T16:00'), toMs: later }]));
    expect(long.unshaded).toBe(true);
    expect(long.shades).toEqual([]);
  });

  it('ends a met clock at its stop, with no breach, overdue bar nor warnings row', () => {
    const met = ticket([['received', '04-07T09:00'], ['contacted', '04-07T09:10'], ['resolved', '04-07T10:00']]);
    const s = clockSpans(policy(), met, ms('04-07T10:30'));
    // Nothing open: the extent ends at the latest due, resolve's 13:00.
    expect(extentOf(s, ms('04-07T09:00'))).toEqual({ fromMs: ms('04-07T09:00'), toMs: ms('04-07T13:00') });
    const t = timelineOf(s, sharedWindow([extentOf(s, ms('04-07T09:00'))]));
    expect(t.rows.map((r) => r.key)).toEqual(['contact', 'resolve']);
    expect(t.bars).toEqual([
      { row: 0, fromMs: ms('04-07T09:00'), toMs: ms('04-07T09:10'), kind: 'running' },
      { row: 1, fromMs: ms('04-07T09:00'), toMs: ms('04-07T10:00'), kind: 'running' },
    ]);
    expect(t.marks.map((m) => `${m.name} ${m.kind}`)).toEqual(['contact start', 'contact stop', 'contact due', 'resolve start', 'resolve stop', 'resolve due']);
  });
});

describe('timelineOf, recurring targets', () => {
  it('marks each update, the next deadline, and the deadline a late update left behind as the breach', () => {
    const recurring = policy(`group desk "测试集团"
zone "Asia/Shanghai"
categories { engineering "工程维修" }
tiers { general "一般" }
events { received "受理", progress "通报进度", resolved "处理完成" }
clock updates "每小时通报" { start received stop resolved update progress target every 1h }
`);
    const t = ticket([['received', '04-07T09:00'], ['progress', '04-07T10:15']]);
    const spans = clockSpans(recurring, t, ms('04-07T10:30'));
    const side = timelineOf(spans, sharedWindow([extentOf(spans, ms('04-07T09:00'))]));
    // every 1h from 09:00: due 10:00, met only at 10:15 (late); the next deadline 11:15 is still ahead at 10:30.
    expect(side.marks.map((m) => [m.kind, m.atMs, m.source.line])).toEqual([
      ['start', ms('04-07T09:00'), 6],
      ['update', ms('04-07T10:15'), 6],
      ['due', ms('04-07T11:15'), 6],
      ['breach', ms('04-07T10:00'), 6],
    ]);
    expect(side.bars).toEqual([{ row: 0, fromMs: ms('04-07T09:00'), toMs: ms('04-07T10:30'), kind: 'running' }]);
  });
});

describe('drawnSides', () => {
  it('draws the active and the draft text over one window; the draft’s own due, breach and warning', () => {
    const draft = POLICY.replace('target 30m', 'target 2h');
    const sides = {
      active: spansUnder('desk.sla', POLICY, [], LATE, AT),
      draft: spansUnder('desk.sla', draft, [], LATE, AT),
    };
    const { window, sides: drawn } = drawnSides(sides, ms('04-03T16:00'));
    expect(window).toEqual(sharedWindow([{ fromMs: ms('04-03T16:00'), toMs: AT }]));
    const due = (side: 'active' | 'draft') => drawn[side].timeline!.marks.filter((m) => m.name === 'contact' && m.kind === 'due').map((m) => m.atMs);
    expect(due('active')).toEqual([ms('04-03T16:30')]);
    // 2 h from 16:00: due 18:00, red an hour later.
    expect(due('draft')).toEqual([ms('04-03T18:00')]);
    expect(drawn.draft.timeline!.marks.filter((m) => m.kind === 'warning').map((m) => m.atMs)).toEqual([ms('04-03T19:00')]);
  });

  it('says why a side cannot be drawn: a text that does not compile, a ticket it refuses', () => {
    const broken = spansUnder('desk.sla', POLICY.replace('target 30m', 'target 30 parsecs'), [], LATE, AT);
    expect(broken.spans).toBeUndefined();
    expect(broken.problems.length).toBeGreaterThan(0);
    const refused = spansUnder('desk.sla', POLICY, [], { ...LATE, category: 'gardening' }, AT);
    expect(refused.spans).toBeUndefined();
    expect(refused.problems.map((p) => p.pointer)).toContain('/ticket/category');
    const { sides } = drawnSides({ active: refused }, ms('04-03T16:00'));
    expect(sides.active.timeline).toBeUndefined();
  });
});
