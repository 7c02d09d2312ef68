import { describe, expect, it } from 'vitest';
import { effectivePolicy, targetFor, type EffectivePolicy } from '../../engine/effective.js';
import { buildWorkspace, chainOf, type SourceFile } from '../../engine/workspace.js';
import type { Value } from '../../grammar/index.js';

const LIBRARY = `library cn-holidays "法定节假日"
calendar cn_holidays {
  holiday 2026-10-01..2026-10-07 "国庆节"
  workday 2026-10-10 "调休"
}
`;

const GROUP = `group huayu "华宇集团"
use cn-holidays
zone "Asia/Shanghai"
categories { engineering "工程维修", cleaning "保洁" }
tiers { urgent "紧急", general "一般" }
events { accepted "接单", contacted "联系", resolved "完成" }
roles { service_supervisor "客服主管", quality_head "品质部负责人" }
calendar always 24x7
calendar office "办公时间" {
  include cn_holidays
  mon-fri 08:30-17:30
  holiday 2026-12-31 "年终盘点"
}
param contact_within "联系时限": duration = [X]
param households: count = [X]
param revisit_within: workdays = 2 workdays
clock contact "联系报事人" {
  start accepted
  stop contacted
  calendar office
  target {
    *: contact_within
    */urgent: 15m
    engineering: 1h
  }
}
warning blue "蓝色预警" {
  when overdue(contact) >= 1h
  notify service_supervisor
  plan within 1d
}
warning red "红色预警" {
  when overdue(contact) >= 1d
  notify quality_head
}
penalties { blue 0.2 points, red 1 point }
compliance { green >= 95%, yellow >= 90%, red otherwise }
test "集团用例" {
  ticket { event accepted 2026-03-02T08:00+08:00 }
  at 2026-03-02T09:00+08:00
  expect contact running
}
`;

const BRANCH = `branch east "华东分公司" extends huayu
param households = 800
`;

const PROPERTY = `property jinxiu "锦绣花园" extends east
param contact_within = 30m
param households = 1200
clock contact { target { */urgent: 10m } }
calendar office {
  mon-sun 08:00-20:00
  holiday 2026-05-01 "劳动节"
}
calendar always { zone "Asia/Shanghai" }
warning blue { plan within 4h }
warning orange "橙色预警" { when overdue(contact) >= 12h }
penalties { blue 0.5 points }
compliance { green >= 98%, red otherwise }
test "项目用例" {
  ticket { event accepted 2026-03-02T08:00+08:00 }
  at 2026-03-02T09:00+08:00
  expect contact met
}
`;

const SOURCES: SourceFile[] = [
  { uri: 'calendars/cn-holidays.sla', text: LIBRARY },
  { uri: 'group.sla', text: GROUP },
  { uri: 'branches/east.sla', text: BRANCH },
  { uri: 'properties/jinxiu.sla', text: PROPERTY },
];

function policyOf(id: string, sources: readonly SourceFile[] = SOURCES): EffectivePolicy {
  const ws = buildWorkspace(sources);
  expect(ws.diagnostics).toEqual([]);
  const file = ws.byId.get(id);
  if (!file) throw new Error(`no module ${id}`);
  return effectivePolicy(ws, chainOf(ws, file).chain);
}

/** A compact view of a value for assertions: its kind and magnitude. */
function show(value: Value): string {
  switch (value.kind) {
    case 'Duration':
      return `${value.minutes}min`;
    case 'Workdays':
      return `${value.days}wd`;
    case 'Percent':
      return `${value.value}%`;
    case 'Points':
      return `${value.value}pt`;
    case 'Number':
      return `${value.value}`;
    case 'NameRef':
      return `ref:${value.name.text}`;
    case 'Placeholder':
      return '[X]';
    default:
      return value.kind;
  }
}

describe('effectivePolicy', () => {
  const property = policyOf('jinxiu');
  const group = policyOf('huayu');

  it('merges the chain root first and the libraries it uses', () => {
    expect(property.chain.map((f) => f.id)).toEqual(['huayu', 'east', 'jinxiu']);
    expect(property.libraries.map((f) => f.id)).toEqual(['cn-holidays']);
    expect(property.id).toBe('jinxiu');
    expect(property.level).toBe('property');
  });

  describe('parameters', () => {
    it('takes the value the property gives to a placeholder, with the property as its source', () => {
      const p = property.params.get('contact_within');
      expect(p && show(p.value.node)).toBe('30min');
      expect(p?.value.uri).toBe('properties/jinxiu.sla');
      expect(p?.value.module).toBe('jinxiu');
    });

    it('keeps the type, label and declaration from the module that declared the parameter', () => {
      const p = property.params.get('contact_within');
      expect(p?.type?.node.text).toBe('duration');
      expect(p?.type?.uri).toBe('group.sla');
      expect(p?.label?.node.value).toBe('联系时限');
      expect(p?.decl.uri).toBe('group.sla');
    });

    it('records every module that set a value, root first, and keeps the last', () => {
      const p = property.params.get('households');
      expect(p?.history.map((h) => `${h.module}:${show(h.node.value)}`)).toEqual(['huayu:[X]', 'east:800', 'jinxiu:1200']);
      expect(p && show(p.value.node)).toBe('1200');
      expect(p?.value.uri).toBe('properties/jinxiu.sla');
    });

    it('keeps an inherited value that no child overrides, with the group as its source', () => {
      const p = property.params.get('revisit_within');
      expect(p && show(p.value.node)).toBe('2wd');
      expect(p?.value.uri).toBe('group.sla');
    });

    it('leaves the group itself with its placeholders', () => {
      const p = group.params.get('contact_within');
      expect(p && show(p.value.node)).toBe('[X]');
      expect(group.params.get('households')?.history).toHaveLength(1);
    });
  });

  describe('clocks', () => {
    it('replaces only the target cells a child gives', () => {
      const cells = property.clocks.get('contact')?.cells;
      expect([...(cells?.keys() ?? [])].sort()).toEqual(['*/*', '*/urgent', 'engineering/*']);
      expect(cells?.get('*/urgent')?.uri).toBe('properties/jinxiu.sla');
      expect(cells?.get('*/*')?.uri).toBe('group.sla');
      expect(cells?.get('engineering/*')?.uri).toBe('group.sla');
    });

    it('keeps the events, calendar and label of the declaring module', () => {
      const clock = property.clocks.get('contact');
      expect(clock?.events.start?.node.events.map((e) => e.text)).toEqual(['accepted']);
      expect(clock?.events.start?.uri).toBe('group.sla');
      expect(clock?.calendar?.node.calendar?.text).toBe('office');
      expect(clock?.label?.node.value).toBe('联系报事人');
      expect(clock?.decl.uri).toBe('group.sla');
    });

    it('finds a cell by precedence: one cell, then the tier row, then the category row, then the default', () => {
      const clock = property.clocks.get('contact');
      if (!clock) throw new Error('no clock');
      const at = (category: string, tier: string) => {
        const cell = targetFor(clock, category, tier);
        const target = cell?.node.value;
        return target?.kind === 'Fixed' ? `${show(target.value)}@${cell?.module}` : undefined;
      };
      expect(at('engineering', 'urgent')).toBe('10min@jinxiu'); // */urgent beats the engineering row
      expect(at('engineering', 'general')).toBe('60min@huayu');
      expect(at('cleaning', 'general')).toBe('ref:contact_within@huayu');
      expect(at('cleaning', 'urgent')).toBe('10min@jinxiu');
    });

    it('prefers a one-cell row over the tier row', () => {
      const policy = policyOf('g', [
        {
          uri: 'g.sla',
          text: `group g "集团"
categories { engineering "工程" }
tiers { urgent "紧急" }
events { accepted "接单", contacted "联系" }
clock contact { start accepted stop contacted target { */urgent: 15m
  engineering/urgent: 5m } }
`,
        },
      ]);
      const clock = policy.clocks.get('contact');
      const cell = clock && targetFor(clock, 'engineering', 'urgent');
      expect(cell?.node.kind === 'TargetRow' && cell.node.value.kind === 'Fixed' && show(cell.node.value.value)).toBe('5min');
    });
  });

  describe('calendars', () => {
    it('replaces the weekly hours when a child gives any', () => {
      const office = property.calendars.get('office');
      expect(office?.hours.map((h) => `${h.node.days.text}@${h.module}`)).toEqual(['mon-sun@jinxiu']);
      expect(group.calendars.get('office')?.hours.map((h) => h.node.days.text)).toEqual(['mon-fri']);
    });

    it("adds a child's holidays to the inherited ones, each with its source", () => {
      const office = property.calendars.get('office');
      expect(office?.days.map((d) => `${d.node.kind} ${d.node.from.text}@${d.uri}`)).toEqual([
        'Holiday 2026-12-31@group.sla',
        'Holiday 2026-05-01@properties/jinxiu.sla',
      ]);
    });

    it('keeps the includes and label of the parent', () => {
      const office = property.calendars.get('office');
      expect(office?.includes.map((i) => `${i.node.text}@${i.uri}`)).toEqual(['cn_holidays@group.sla']);
      expect(office?.label?.node.value).toBe('办公时间');
    });

    it("takes a used library's calendars with the library as their source", () => {
      const holidays = property.calendars.get('cn_holidays');
      expect(holidays?.decl.uri).toBe('calendars/cn-holidays.sla');
      expect(holidays?.days.map((d) => d.node.kind)).toEqual(['Holiday', 'Workday']);
    });

    it('keeps a 24x7 calendar 24x7 when a child only gives it a zone', () => {
      const always = property.calendars.get('always');
      expect(always?.always).toBe(true);
      expect(always?.zone?.uri).toBe('properties/jinxiu.sla');
    });

    it('makes a 24x7 calendar a business calendar when a child gives it hours', () => {
      const policy = policyOf('p', [
        { uri: 'g.sla', text: 'group g "集团"\ncalendar always 24x7\n' },
        { uri: 'p.sla', text: 'property p "项目" extends g\ncalendar always { mon-fri 08:00-18:00 }\n' },
      ]);
      expect(policy.calendars.get('always')?.always).toBe(false);
    });

    it('takes the module zone of the last module that gave one', () => {
      expect(property.zone?.node.value).toBe('Asia/Shanghai');
      expect(property.zone?.uri).toBe('group.sla');
    });
  });

  describe('warnings', () => {
    it("merges a child's clauses into the inherited level, clause by clause", () => {
      const blue = property.warnings.get('blue');
      expect(blue?.plan?.uri).toBe('properties/jinxiu.sla');
      expect(blue?.plan && show(blue.plan.node.within)).toBe('240min');
      expect(blue?.when?.uri).toBe('group.sla');
      expect(blue?.notify?.node.roles.map((r) => r.text)).toEqual(['service_supervisor']);
      expect(blue?.label?.node.value).toBe('蓝色预警');
    });

    it("keeps the root's levels in order and puts a child's new level after them", () => {
      expect([...property.warnings.keys()]).toEqual(['blue', 'red', 'orange']);
      expect(property.warnings.get('orange')?.decl.uri).toBe('properties/jinxiu.sla');
    });
  });

  describe('penalties', () => {
    it('replaces the rows a child gives and keeps the others', () => {
      const rows = [...property.penalties].map(([level, row]) => `${level} ${show(row.node.value)}@${row.module}`);
      expect(rows).toEqual(['blue 0.5pt@jinxiu', 'red 1pt@huayu']);
    });
  });

  describe('compliance', () => {
    it('replaces the whole scale when a child gives one', () => {
      const rows = property.compliance.map((r) => `${r.node.light.text} ${r.node.min ? show(r.node.min) : 'otherwise'}@${r.module}`);
      expect(rows).toEqual(['green 98%@jinxiu', 'red otherwise@jinxiu']);
    });

    it("keeps the parent's scale when a child gives none", () => {
      expect(policyOf('east').compliance.map((r) => r.node.light.text)).toEqual(['green', 'yellow', 'red']);
      expect(policyOf('east').compliance.every((r) => r.uri === 'group.sla')).toBe(true);
    });
  });

  describe('classification and tests', () => {
    it('takes categories, tiers, events and roles from the chain with their source', () => {
      expect([...property.enums.categories.keys()]).toEqual(['engineering', 'cleaning']);
      expect(property.enums.tiers.get('urgent')?.uri).toBe('group.sla');
      expect(property.enums.roles.size).toBe(2);
    });

    it('collects the tests of every module in the chain, root first', () => {
      expect(property.tests.map((t) => `${t.node.name.value}@${t.module}`)).toEqual(['集团用例@huayu', '项目用例@jinxiu']);
    });
  });
});
