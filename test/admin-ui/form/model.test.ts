import { describe, expect, it } from 'vitest';
import { buildFormModel, unfilledParams } from '../../../admin-ui/src/form/model.js';
import { mayEdit, sectionOfField, ownerOfField, type FieldRef } from '../../../admin-ui/src/form/fields.js';
import { ownerOf } from '../../../server/policy-versions.js';
import { fixture, GROUP, JINXIU, newProperty } from '../fixtures.js';

const jinxiu = fixture(JINXIU);
const model = buildFormModel(jinxiu.path, jinxiu.text, jinxiu.related);

describe('buildFormModel', () => {
  it('lays every clock out as the effective categories x tiers', () => {
    expect(model.categories.map((c) => c.name)).toEqual(['customer_service', 'engineering', 'order', 'cleaning', 'landscaping', 'other']);
    expect(model.tiers.map((t) => t.label)).toEqual(['紧急类（如电梯困人、停水停电）', '重要类（如长期噪音扰民、设施反复故障）', '一般类（如垃圾清运延迟、公示信息错误）']);
    // 29 clocks of the group, plus 002's same-day investigation and 004's ladder from the plan's completion time.
    expect(model.clocks).toHaveLength(31);
    for (const clock of model.clocks) expect(clock.cells.map((r) => r.length)).toEqual([3, 3, 3, 3, 3, 3]);
  });

  it('says which cells this file sets and which it inherits, with file and line', () => {
    const contact = model.clocks.find((c) => c.name === 'contact');
    const [urgent, important] = contact?.cells[1] ?? [];
    expect(urgent).toMatchObject({ key: 'engineering/urgent', text: '10m', origin: { uri: JINXIU, line: 21, local: true } });
    expect(important).toMatchObject({ key: '*/*', text: 'contact_within', resolved: '30m', origin: { uri: GROUP, module: 'huayu-group', line: 255, local: false } });
    expect(contact?.localLine).toBe(19);
    expect(model.clocks.find((c) => c.name === 'respond')?.localLine).toBeUndefined();
    const resolve = model.clocks.find((c) => c.name === 'resolve');
    expect(resolve?.cells[0]?.map((c) => c?.resolved ?? c?.text)).toEqual(['4h', '48h', '24h']);
  });

  it('keeps targets the grid cannot edit read as written', () => {
    const onsite = model.clocks.find((c) => c.name === 'onsite')?.cells[0]?.[0];
    expect(onsite).toMatchObject({ text: 'arrive_early before appointmentAt', editable: false });
    const daily = model.clocks.find((c) => c.name === 'daily_progress')?.cells[0]?.[0];
    expect(daily).toMatchObject({ text: 'daily by 17:00', editable: false });
  });

  it('gives each placeholder its label, type, the rule-book clause above it and the note where it is filled', () => {
    const review = model.params.find((p) => p.name === 'review_within');
    expect(review).toMatchObject({
      label: '责任部门审核确认时限',
      type: 'duration',
      value: '2h',
      placeholder: true,
      unfilled: false,
      declared: { uri: GROUP, line: 205 },
      origin: { uri: JINXIU, line: 7, local: true },
      clause: ['000《物业报事管理制度》三.2：责任部门收到客服转来的报事信息后，“应在[X]小时内对报事内容进行审核和确认”。'],
      note: '000 三.2 责任部门“[X]小时内”审核确认：2小时（客服中心接待时间内计）',
    });
    // Declared on the line under resolve_urgent, with no comment of its own: it shares that clause.
    const important = model.params.find((p) => p.name === 'resolve_important');
    expect(important?.clause[0]).toMatch(/^投诉处理时限/);
    expect(model.params.find((p) => p.name === 'arrive_early')).toMatchObject({ placeholder: false, origin: { local: false } });
  });

  it('lists a new property\'s unfilled placeholders in declaration order', () => {
    const f = newProperty('param arrive_early = 10m\n');
    const fresh = buildFormModel(f.path, f.text, f.related);
    expect(unfilledParams(fresh).map((p) => p.name)).toEqual([
      'review_within',
      'contact_within',
      'complaint_contact_within',
      'revisit_within',
      'resolve_urgent',
      'resolve_important',
    ]);
    // share_window is the group's final 30d: nothing for a property to fill.
    expect(fresh.params.find((p) => p.name === 'share_window')).toMatchObject({ placeholder: false });
    expect(fresh.clocks.find((c) => c.name === 'contact')?.cells[0]?.[0]).toMatchObject({ resolved: '[X]', unfilled: true });
  });

  it('finds warning thresholds, plans and penalty points', () => {
    const red = model.warnings.find((w) => w.name === 'red');
    expect(red?.thresholds.map((t) => [t.subject, t.value, t.kind])).toEqual([
      ['overdue(platform_resolve) >=', '15d', 'Duration'],
      // The 5% of one red per problem is the group's `final param share_limit`, a parameter, not a
      // threshold written in the condition: red and the exclusions of blue and yellow share it.
    ]);
    // 004 第十一条(三) gives red no plan deadline (the 1 day it had was not in the rule book).
    expect(red?.plan).toBeUndefined();
    // Blue: 3 days late (its `not (…)` reads share_limit: no blue beside a share red, 004 第十一条);
    // the second complaint is now the platform's flag, not `repeatCount >= 1`.
    expect(model.warnings.find((w) => w.name === 'blue')?.thresholds.map((t) => t.value)).toEqual(['3d']);
    expect(model.penalties.map((p) => [p.level, p.label, p.value])).toEqual([
      ['blue', '蓝色预警', '0.2 points'],
      ['yellow', '黄色预警', '0.5 points'],
      ['red', '红色预警', '1 point'],
    ]);
  });

  it('marks a text with a syntax error as broken', () => {
    expect(model.broken).toBe(false);
    expect(buildFormModel(jinxiu.path, `${jinxiu.text}\nclock {`, jinxiu.related).broken).toBe(true);
  });
});

describe('who may edit a field', () => {
  const fields: FieldRef[] = [
    { kind: 'target', clock: 'contact' },
    { kind: 'param', name: 'share_window' },
    { kind: 'threshold', warning: 'red', index: 0 },
    { kind: 'plan', warning: 'red' },
    { kind: 'penalty', level: 'red' },
  ];

  it('agrees with the server on the owner of each field\'s section', () => {
    for (const f of fields) expect(ownerOfField(f)).toBe(ownerOf(sectionOfField(f)));
  });

  it('lets admins edit everything and viewers nothing', () => {
    for (const f of fields) {
      expect(mayEdit('admin', f)).toBe(true);
      expect(mayEdit('viewer', f)).toBe(false);
      expect(mayEdit('manager', f)).toBe(ownerOfField(f) === 'manager');
      expect(mayEdit('quality', f)).toBe(ownerOfField(f) === 'quality');
    }
  });
});
