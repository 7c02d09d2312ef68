import { describe, expect, it } from 'vitest';
import { format } from '../../../grammar/index.js';
import { applyEdits } from '../../../admin-ui/src/form/edits.js';
import { editField, fieldValue, verified } from '../../../admin-ui/src/form/form-edit.js';
import type { FieldRef } from '../../../admin-ui/src/form/fields.js';
import { buildFormModel } from '../../../admin-ui/src/form/model.js';
import { fixture, GROUP, JINXIU, newProperty, type Fixture } from '../fixtures.js';

function edit(f: Fixture, field: FieldRef, input: string, role: 'admin' | 'manager' | 'quality' | 'viewer' = 'admin') {
  return editField(buildFormModel(f.path, f.text, f.related), field, input, role);
}

function editedText(f: Fixture, field: FieldRef, input: string): string {
  const outcome = edit(f, field, input);
  if (!outcome.ok) throw new Error(`refused: ${outcome.problem}`);
  return applyEdits(f.text, outcome.edits);
}

/** The formatter leaves the text alone: the edit wrote what `beacon fmt` would. */
function expectCanonical(text: string): void {
  expect(format(text).value).toBe(text);
}

const jinxiu = fixture(JINXIU);

describe('editField', () => {
  describe('a value this file sets', () => {
    it('replaces just the value token, keeping the comment after it', () => {
      const outcome = edit(jinxiu, { kind: 'param', name: 'contact_within' }, '45m');
      expect(outcome.ok && outcome.edits).toEqual([{ startLine: 8, startColumn: 24, endLine: 8, endColumn: 27, text: '45m' }]);
      const line = applyEdits(jinxiu.text, outcome.ok ? outcome.edits : []).split('\n')[7];
      expect(line).toBe('param contact_within = 45m           // 000 四.1 维修接单后“[X]分钟内”联系报事人：30分钟');
    });

    it('replaces a target cell the file sets', () => {
      const text = editedText(jinxiu, { kind: 'target', clock: 'contact', category: 'engineering', tier: 'urgent' }, '5m');
      expect(text.split('\n')[20]).toBe('    engineering/urgent: 5m');
    });

    it('makes no edit when the value is already what was typed', () => {
      const outcome = edit(jinxiu, { kind: 'param', name: 'resolve_important' }, '48h');
      expect(outcome).toMatchObject({ ok: true, edits: [] });
    });
  });

  describe('a value inherited from the group', () => {
    it('adds a row to the clock table the file already has, aligned with the formatter', () => {
      const text = editedText(jinxiu, { kind: 'target', clock: 'contact', category: 'engineering', tier: 'general' }, '20m');
      expect(text).toContain('  target {\n    engineering/urgent: 10m\n    engineering/general: 20m\n  }');
    });

    it('adds a clock override block after the last clock of the file', () => {
      const text = editedText(jinxiu, { kind: 'target', clock: 'respond', tier: 'urgent' }, '10m');
      expect(text).toContain('    engineering/urgent: 10m\n  }\n}\n\nclock respond {\n  target {\n    */urgent: 10m\n  }\n}\n\n// ── 测试');
    });

    it('fills a placeholder of a new property with a param line after the header', () => {
      const f = newProperty();
      const text = editedText(f, { kind: 'param', name: 'contact_within' }, '30分钟');
      expect(text).toBe('property new-estate "新项目" extends huayu-group\n\nparam contact_within = 30m\n');
      expectCanonical(text);
    });

    it('keeps the comments that close a paragraph with it, and sets the new block apart on both sides', () => {
      const closing = newProperty('param households = 300\n// 户数按入住登记数计\n\ntest "t" {\n  at 2026-03-02T09:00+08:00\n}\n');
      expect(editedText(closing, { kind: 'target', clock: 'respond' }, '10m')).toBe(
        'property new-estate "新项目" extends huayu-group\nparam households = 300\n// 户数按入住登记数计\n\nclock respond {\n  target {\n    *: 10m\n  }\n}\n\ntest "t" {\n  at 2026-03-02T09:00+08:00\n}\n',
      );
      const leading = newProperty('param households = 300\n// 下面是测试\ntest "t" {\n  at 2026-03-02T09:00+08:00\n}\n');
      const text = editedText(leading, { kind: 'target', clock: 'respond' }, '10m');
      expect(text).toBe(
        'property new-estate "新项目" extends huayu-group\nparam households = 300\n\nclock respond {\n  target {\n    *: 10m\n  }\n}\n\n// 下面是测试\ntest "t" {\n  at 2026-03-02T09:00+08:00\n}\n',
      );
      expectCanonical(text);
    });

    it('puts an override param line under the file\'s other params', () => {
      const text = editedText(jinxiu, { kind: 'param', name: 'arrive_early' }, '10m');
      expect(text).toContain('param resolve_important = 48h        // 重要类处理完成时限：48小时\nparam arrive_early = 10m\n// 004 第十一条(三) 总住户');
    });

    it('restates a warning condition with the new threshold, wrapped as the formatter wraps it', () => {
      const text = editedText(jinxiu, { kind: 'threshold', warning: 'red', index: 0 }, '20d');
      expect(text).toContain(
        // Red's scope (platform complaints, 004 第十一条) stays the group's `applies to`: the property
        // restates only the `when`, its top-level `or` chain wrapped as in group.sla.
        '\n\nwarning red {\n  when overdue(platform_resolve) >= 20d\n    or (share(issueKey, share_window, households(), kind = complaint and channel = platform) >= share_limit and shareBefore(issueKey, share_window, households(), kind = complaint and channel = platform) < share_limit)\n    or flags has media_risk\n    or flags has group_petition\n}\n',
      );
    });

    it('overrides one penalty in a penalties block of its own', () => {
      const text = editedText(jinxiu, { kind: 'penalty', level: 'blue' }, '0.3');
      expect(text).toContain('\n\npenalties {\n  blue 0.3 points\n}\n');
      const again = editedText({ ...jinxiu, text }, { kind: 'penalty', level: 'red' }, '2 points');
      expect(again).toContain('\n\npenalties {\n  blue 0.3 points\n  red 2 points\n}\n');
    });

    it('gives a new property canonical text, step after step', () => {
      let f = newProperty();
      const steps: [FieldRef, string][] = [
        [{ kind: 'param', name: 'review_within' }, '2h'],
        [{ kind: 'param', name: 'revisit_within' }, '2'],
        [{ kind: 'target', clock: 'contact', category: 'engineering', tier: 'urgent' }, '10m'],
        [{ kind: 'target', clock: 'contact', category: 'cleaning' }, '1h'],
        [{ kind: 'plan', warning: 'blue' }, '2d'],
        [{ kind: 'penalty', level: 'yellow' }, '0.6'],
      ];
      for (const [field, input] of steps) f = { ...f, text: editedText(f, field, input) };
      expectCanonical(f.text);
      expect(f.text).toContain('clock contact {\n  target {\n    engineering/urgent: 10m\n    cleaning:           1h\n  }\n}');
    });
  });

  describe('on the group policy', () => {
    const group = fixture(GROUP);

    it('turns a one-value target into a table when one cell changes (a clock takes one target clause)', () => {
      const text = editedText(group, { kind: 'target', clock: 'respond', category: 'engineering', tier: 'urgent' }, '5m');
      expect(text).toContain('  applies to kind = complaint and priority = urgent\n  target {\n    *:                  15m\n    engineering/urgent: 5m\n  }\n}');
    });

    it('replaces the threshold inside a long condition', () => {
      const outcome = edit(group, { kind: 'threshold', warning: 'red', index: 0 }, '20d');
      expect(outcome.ok && outcome.edits).toEqual([{ startLine: 658, startColumn: 37, endLine: 658, endColumn: 40, text: '20d' }]);
    });

    // A policy that writes its share figure in the condition (not as the group's share_limit):
    // `share >= 3% and shareBefore < 3%` is one crossing, and moves as one.
    const withOrange = (condition: string) => ({ ...group, text: group.text.replace('warning red "红色预警" {', `warning orange "橙色" {\n  when ${condition}\n}\n\nwarning red "红色预警" {`) });

    it('moves the shareBefore partner of a share threshold with it', () => {
      const outcome = edit(withOrange('share(issueKey, 30d, households()) >= 3% and shareBefore(issueKey, 30d, households()) < 3%'), { kind: 'threshold', warning: 'orange', index: 0 }, '4');
      expect(outcome.ok && outcome.edits && outcome.edits.map((e) => e.text)).toEqual(['4%', '4%']);
    });

    it('moves a share threshold alone when no shareBefore of the same cluster and value goes with it', () => {
      const outcome = edit(withOrange('share(issueKey, 7d, households()) >= 3% and shareBefore(issueKey, 30d, households()) < 3%'), { kind: 'threshold', warning: 'orange', index: 0 }, '4');
      expect(outcome.ok && outcome.edits).toHaveLength(1);
    });

    it('moves a shareBefore with the same filter (which reports count) as the share, and not one with another filter', () => {
      const same = withOrange('share(issueKey, 30d, households(), kind = complaint) >= 3% and shareBefore(issueKey, 30d, households(), kind = complaint) < 3%');
      expect(edit(same, { kind: 'threshold', warning: 'orange', index: 0 }, '4')).toMatchObject({ ok: true, edits: [{ text: '4%' }, { text: '4%' }] });
      const other = withOrange('share(issueKey, 30d, households(), kind = complaint) >= 3% and shareBefore(issueKey, 30d, households()) < 3%');
      expect(edit(other, { kind: 'threshold', warning: 'orange', index: 0 }, '4')).toMatchObject({ ok: true, edits: [{ text: '4%' }] });
    });

    it('refuses a share over 100%', () => {
      const orange = withOrange('share(issueKey, 30d, households()) >= 3% and shareBefore(issueKey, 30d, households()) < 3%');
      expect(edit(orange, { kind: 'threshold', warning: 'orange', index: 0 }, '120%')).toEqual({ ok: false, problem: 'percent' });
    });
  });

  describe('refuses', () => {
    it.each([
      ['a duration that is not one', { kind: 'param', name: 'contact_within' }, '30 minutes', 'duration'],
      ['a zero length', { kind: 'plan', warning: 'red' }, '0m', 'zero'],
      ['half a working day', { kind: 'param', name: 'revisit_within' }, '1.5', 'workdays'],
      ['a target naming no parameter', { kind: 'target', clock: 'contact' }, 'contact_whithin', 'unknownParam'],
      ['a target naming a percent', { kind: 'target', clock: 'contact' }, 'revisit_rate', 'target'],
      ['an empty entry', { kind: 'penalty', level: 'red' }, '  ', 'empty'],
      ['an unknown clock', { kind: 'target', clock: 'nope' }, '1h', 'notFound'],
    ] as [string, FieldRef, string, string][])('%s', (_, field, input, problem) => {
      expect(edit(jinxiu, field, input)).toEqual({ ok: false, problem });
    });

    it('penalties to a manager and targets to quality, as the server would', () => {
      expect(edit(jinxiu, { kind: 'penalty', level: 'red' }, '2', 'manager')).toEqual({ ok: false, problem: 'readOnly' });
      expect(edit(jinxiu, { kind: 'threshold', warning: 'blue', index: 0 }, '4d', 'manager')).toEqual({ ok: false, problem: 'readOnly' });
      expect(edit(jinxiu, { kind: 'target', clock: 'contact' }, '1h', 'quality')).toEqual({ ok: false, problem: 'readOnly' });
      expect(edit(jinxiu, { kind: 'param', name: 'contact_within' }, '10m', 'viewer')).toEqual({ ok: false, problem: 'readOnly' });
      expect(edit(jinxiu, { kind: 'penalty', level: 'red' }, '2', 'quality').ok).toBe(true);
    });

    it('any edit while the text has a syntax error', () => {
      const broken = { ...jinxiu, text: jinxiu.text.replace('param resolve_important = 48h', 'param resolve_important = = 48h') };
      expect(edit(broken, { kind: 'param', name: 'contact_within' }, '1h')).toEqual({ ok: false, problem: 'broken' });
    });
  });

  it('reads back exactly what it wrote', () => {
    const f = newProperty();
    const outcome = edit(f, { kind: 'param', name: 'resolve_important' }, '36h');
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(fieldValue(buildFormModel(f.path, outcome.text, f.related), { kind: 'param', name: 'resolve_important' })).toBe('36h');
  });

  describe('checks every edit before handing it over', () => {
    const model = buildFormModel(jinxiu.path, jinxiu.text, jinxiu.related);
    const field: FieldRef = { kind: 'param', name: 'resolve_important' };

    it('passes an edit that reads back as asked', () => {
      const edits = [{ startLine: 12, startColumn: 27, endLine: 12, endColumn: 30, text: '72h' }];
      expect(verified(model, field, '72h', edits)).toMatchObject({ ok: true, edits });
    });

    it('refuses one that breaks the syntax', () => {
      const edits = [{ startLine: 12, startColumn: 27, endLine: 12, endColumn: 30, text: '= 72h' }];
      expect(verified(model, field, '72h', edits)).toEqual({ ok: false, problem: 'internal' });
    });

    it('refuses one that parses but says something else', () => {
      const edits = [{ startLine: 12, startColumn: 27, endLine: 12, endColumn: 30, text: '71h' }];
      expect(verified(model, field, '72h', edits)).toEqual({ ok: false, problem: 'internal' });
    });
  });
});
