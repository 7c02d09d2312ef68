// Each scoped rule of policies/group.sla reaches the tickets its clause names and stays off
// the others. A `.sla` test block cannot say "this clock does not apply", so that half lives
// here; the boundary pairs (met at the limit, breached a minute later) are test blocks in the
// .sla files. Tickets are judged under jinxiu-garden (the group with a property's values).
// Expectations come from the clause cited in each row, not from running the engine.
import { describe, expect, it } from 'vitest';
import { clockNames, judge, shipped, ticket, type TicketSpec } from './shipped.js';

const AT = '2026-03-02T12:00:00+08:00';
const base = (kind: string, channel: string, more: Partial<TicketSpec> = {}): TicketSpec => ({
  category: 'cleaning',
  priority: 'general',
  kind,
  channel,
  events: [
    ['received', '2026-03-02T09:00:00+08:00'],
    ['dispatched', '2026-03-02T09:05:00+08:00'],
    ['accepted', '2026-03-02T09:10:00+08:00'],
    ['contacted', '2026-03-02T09:20:00+08:00'],
    ['appointment', '2026-03-02T09:20:00+08:00'],
    ['resolved', '2026-03-02T11:00:00+08:00'],
  ],
  ...more,
});

interface Row {
  clock: string;
  clause: string;
  reaches: TicketSpec;
  staysOff: [string, TicketSpec][];
}

const rows: Row[] = [
  { clock: 'contact', clause: '000 四.1 维修类', reaches: base('repair', 'phone'), staysOff: [['a complaint', base('complaint', 'phone')]] },
  { clock: 'onsite', clause: '000 四.1 维修类', reaches: base('repair', 'phone'), staysOff: [['a complaint', base('complaint', 'phone')]] },
  { clock: 'complaint_contact', clause: '000 四.2 投诉类', reaches: base('complaint', 'phone'), staysOff: [['a repair', base('repair', 'phone')]] },
  { clock: 'repair_onsite', clause: '001 一(一) 报修', reaches: base('repair', 'app'), staysOff: [['an inquiry', base('inquiry', 'app')]] },
  { clock: 'repair_revisit', clause: '001 一(一) 维修完成后', reaches: base('repair', 'phone'), staysOff: [['a complaint', base('complaint', 'phone')]] },
  { clock: 'repair_survey', clause: '001 一(二) 报修类', reaches: base('repair', 'phone'), staysOff: [['a complaint', base('complaint', 'phone')]] },
  {
    clock: 'inquiry_reply',
    clause: '001 一(二) 咨询类',
    reaches: base('inquiry', 'phone'),
    staysOff: [
      ['a complaint', base('complaint', 'phone')],
      ['an inquiry on the app (counted on the online hours instead)', base('inquiry', 'app')],
    ],
  },
  { clock: 'inquiry_reply_online', clause: '001 一(二)、二(一) 线上渠道', reaches: base('inquiry', 'wechat'), staysOff: [['a phone inquiry', base('inquiry', 'phone')]] },
  {
    clock: 'dispute_meeting',
    clause: '001 一(二) 复杂诉求',
    reaches: base('complaint', 'front_desk', { matter: 'neighbour_dispute' }),
    staysOff: [['a routine complaint', base('complaint', 'front_desk', { matter: 'routine' })]],
  },
  {
    clock: 'respond',
    clause: '001 二(二) 投诉分级 紧急类',
    reaches: base('complaint', 'phone', { priority: 'urgent' }),
    staysOff: [
      ['an urgent repair', base('repair', 'phone', { priority: 'urgent' })],
      ['a general complaint', base('complaint', 'phone')],
    ],
  },
  { clock: 'survey', clause: '001 二(二) 重要类', reaches: base('complaint', 'phone', { priority: 'important' }), staysOff: [['an important repair', base('repair', 'phone', { priority: 'important' })]] },
  { clock: 'first_plan', clause: '001 二(二) 重要类', reaches: base('complaint', 'phone', { priority: 'important' }), staysOff: [['an important repair', base('repair', 'phone', { priority: 'important' })]] },
  {
    clock: 'measures',
    clause: '001 二(二) 一般类',
    reaches: base('complaint', 'phone'),
    staysOff: [
      ['a general inquiry', base('inquiry', 'phone')],
      ['a general suggestion', base('suggestion', 'platform')],
      ['a general repair', base('repair', 'phone')],
    ],
  },
  {
    clock: 'resolve',
    clause: '001 二(二) 投诉 24 小时内完成处置',
    reaches: base('complaint', 'platform'),
    staysOff: [
      ['a suggestion', base('suggestion', 'platform')],
      ['an inquiry', base('inquiry', 'phone')],
      ['a repair', base('repair', 'phone')],
    ],
  },
  {
    clock: 'elevator_rescue',
    clause: '001 二(三) 投诉处置 电梯困人',
    reaches: base('complaint', 'phone', { priority: 'urgent', category: 'engineering', matter: 'elevator_entrapment' }),
    staysOff: [['a complaint about noise', base('complaint', 'phone', { matter: 'noise' })], ['an entrapment repair', base('repair', 'phone', { priority: 'urgent', matter: 'elevator_entrapment' })]],
  },
  {
    clock: 'outage_updates',
    clause: '001 二(三) 停水停电',
    reaches: base('complaint', 'phone', { priority: 'urgent', matter: 'water_outage' }),
    staysOff: [['a water-cut repair', base('repair', 'phone', { priority: 'urgent', matter: 'water_outage' })]],
  },
  {
    clock: 'daily_progress',
    clause: '001 二(四) 复杂问题分阶段反馈',
    reaches: base('complaint', 'phone', { flags: ['multi_day'] }),
    staysOff: [['a multi-day repair', base('repair', 'phone', { flags: ['multi_day'] })], ['a complaint without the flag', base('complaint', 'phone')]],
  },
  { clock: 'noise_plan', clause: '001 二(三) 噪音投诉', reaches: base('complaint', 'phone', { matter: 'noise' }), staysOff: [['an inquiry about noise', base('inquiry', 'phone', { matter: 'noise' })]] },
  { clock: 'complaint_reply', clause: '002 一.2(1) 投诉', reaches: base('complaint', 'letter'), staysOff: [['a suggestion', base('suggestion', 'mailbox')]] },
  { clock: 'complaint_revisit', clause: '002 三.1 投诉', reaches: base('complaint', 'phone'), staysOff: [['a repair', base('repair', 'phone')]] },
  {
    clock: 'hotline_dispatch',
    clause: '002 丽水制度一.3 “96310”投诉案件',
    reaches: base('complaint', 'hotline_96310'),
    staysOff: [
      ['an inquiry on 96310', base('inquiry', 'hotline_96310')],
      ['a complaint by phone', base('complaint', 'phone')],
    ],
  },
  {
    clock: 'platform_start',
    clause: '004 第十条(一)3(1) 转接的客户投诉',
    reaches: base('complaint', 'platform'),
    staysOff: [
      ['a platform suggestion', base('suggestion', 'platform')],
      ['a phone complaint', base('complaint', 'phone')],
    ],
  },
  {
    clock: 'platform_contact',
    clause: '004 第十条(一)3(2) 接单后联系投诉客户',
    reaches: base('complaint', 'platform'),
    staysOff: [
      ['a platform suggestion', base('suggestion', 'platform')],
      ['a front-desk complaint', base('complaint', 'front_desk')],
    ],
  },
  {
    clock: 'platform_resolve',
    clause: '004 第十一条 超过规定处理时限（方案上报的完成时间）',
    reaches: base('complaint', 'platform'),
    staysOff: [
      ['a front-desk complaint', base('complaint', 'front_desk')],
      ['a platform suggestion', base('suggestion', 'platform')],
    ],
  },
  {
    clock: 'visit_investigation',
    clause: '002《投诉处理及回访制度》一.2 接待来访投诉 当天调查、核实',
    reaches: base('complaint', 'front_desk'),
    staysOff: [
      ['a phone complaint', base('complaint', 'phone')],
      ['a front-desk inquiry', base('inquiry', 'front_desk')],
    ],
  },
  {
    clock: 'suggestion_reply',
    clause: '004 第十条(二)3 转接的客户建议',
    reaches: base('suggestion', 'platform'),
    staysOff: [
      ['a suggestion in the mailbox', base('suggestion', 'mailbox')],
      ['a platform complaint', base('complaint', 'platform')],
    ],
  },
  {
    clock: 'plan_general',
    clause: '004 第十条(二)3(1)(2)-(5) 一般问题',
    reaches: base('complaint', 'platform', { severity: 'general', category: 'engineering' }),
    staysOff: [
      ['a phone repair', base('repair', 'phone', { severity: 'general', category: 'engineering' })],
      ['a phone complaint', base('complaint', 'phone', { severity: 'general', category: 'engineering' })],
      ['a landscaping platform complaint (绿化 is not listed)', base('complaint', 'platform', { severity: 'general', category: 'landscaping' })],
      ['an "other" platform complaint (其他 is not listed)', base('complaint', 'platform', { severity: 'general', category: 'other' })],
      ['a severe platform complaint', base('complaint', 'platform', { severity: 'severe', category: 'engineering' })],
    ],
  },
  {
    clock: 'plan_severe',
    clause: '004 第十条(二)3(1)(2)-(5) 严重问题',
    reaches: base('complaint', 'platform', { severity: 'severe', category: 'order' }),
    staysOff: [
      ['a phone repair', base('repair', 'phone', { severity: 'severe', category: 'order' })],
      ['a landscaping platform complaint', base('complaint', 'platform', { severity: 'severe', category: 'landscaping' })],
    ],
  },
  {
    clock: 'responsibility_statement',
    clause: '004 第十条(二)4 集团客服中心派单后',
    reaches: base('complaint', 'platform', { flags: ['not_responsible'] }),
    staysOff: [
      ['a front-desk complaint with the flag', base('complaint', 'front_desk', { flags: ['not_responsible'] })],
      ['a platform suggestion with the flag', base('suggestion', 'platform', { flags: ['not_responsible'] })],
      ['a platform complaint without the flag', base('complaint', 'platform')],
    ],
  },
];

describe('the group rules reach only the tickets their clause names', () => {
  const policy = shipped('jinxiu-garden');

  describe.each(rows)('$clock ($clause)', (row) => {
    it('applies to the ticket the clause names', () => {
      expect(clockNames(judge(policy, ticket('jinxiu-garden', row.reaches), AT))).toContain(row.clock);
    });
    it.each(row.staysOff)('does not apply to %s', (_, spec) => {
      expect(clockNames(judge(policy, ticket('jinxiu-garden', spec), AT))).not.toContain(row.clock);
    });
  });

  it('every clock of the group has a row here or is one of the two that apply to every report', () => {
    const everyReport = ['review', 'revisit']; // 000 三.2 and 五.2 speak of every report (报事)
    const covered = new Set([...rows.map((r) => r.clock), ...everyReport]);
    expect(policy.clocks.map((c) => c.name).filter((n) => !covered.has(n))).toEqual([]);
  });

  it('review and revisit (000 三.2, 五.2: every report) apply to a suggestion as well as to a complaint', () => {
    for (const kind of ['suggestion', 'complaint', 'inquiry', 'repair']) {
      const names = clockNames(judge(policy, ticket('jinxiu-garden', base(kind, 'phone')), AT));
      expect(names).toEqual(expect.arrayContaining(['review', 'revisit']));
    }
  });
});
