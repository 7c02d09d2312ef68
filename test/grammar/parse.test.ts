import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type * as A from '../../grammar/ast.js';
import { parse } from '../../grammar/parse.js';

const README = readFileSync(new URL('../../grammar/README.md', import.meta.url), 'utf8');
const README_EXAMPLE = /```sla\n([\s\S]*?)```/.exec(README)?.[1] ?? '';

/** Parses a file that must be free of diagnostics and returns its declarations. */
function declarations(body: string): A.Declaration[] {
  const result = parse(`group g\n${body}`);
  expect(result.diagnostics).toEqual([]);
  return result.value.declarations;
}

function only<T extends A.Declaration>(body: string): T {
  const decls = declarations(body);
  expect(decls).toHaveLength(1);
  return decls[0] as T;
}

function paramValue(text: string): A.Value {
  return only<A.ParamDecl>(`param x = ${text}`).value;
}

function condition(text: string): A.Condition {
  const warning = only<A.WarningDecl>(`warning w { when ${text} }`);
  return (warning.items[0] as A.WhenItem).condition;
}

function targetRows(text: string): A.TargetRow[] {
  const clock = only<A.ClockDecl>(`clock c { target { ${text} } }`);
  return (clock.items[0] as A.TargetItem).rows;
}

function targetValue(text: string): A.TargetValue | undefined {
  const clock = only<A.ClockDecl>(`clock c { target ${text} }`);
  return (clock.items[0] as A.TargetItem).value;
}

/** A condition tree without ranges: `a`, `(and a b)`, `(not a)`, `(= a 1)`. */
function shape(c: A.Condition | A.Argument): string {
  switch (c.kind) {
    case 'Or':
    case 'And':
      return `(${c.kind.toLowerCase()} ${c.operands.map(shape).join(' ')})`;
    case 'Not':
      return `(not ${shape(c.operand)})`;
    case 'Comparison':
      return c.op && c.right ? `(${c.op} ${shape(c.left)} ${shape(c.right)})` : shape(c.left);
    case 'NameRef':
      return c.name.text;
    case 'Call':
      return `${c.callee.text}(${c.args.map(shape).join(' ')})`;
    case 'List':
      return `[${c.items.map(shape).join(' ')}]`;
    case 'ConditionArg':
      return `{${shape(c.condition)}}`;
    default:
      return c.kind;
  }
}

describe('parse', () => {
  describe('with the example from grammar/README.md', () => {
    it('finds the example', () => {
      expect(README_EXAMPLE).toContain('group huayu');
    });

    it('reports no diagnostics', () => {
      expect(parse(README_EXAMPLE).diagnostics).toEqual([]);
    });

    it('builds one declaration per top-level statement', () => {
      expect(parse(README_EXAMPLE).value.declarations.map((d) => d.kind)).toEqual([
        'Use',
        'Zone',
        'Calendar',
        'Calendar',
        'Enum',
        'Enum',
        'Enum',
        'Enum',
        'Enum',
        'Attribute',
        'Attribute',
        'Param',
        'Param',
        'Param',
        'Param',
        'Clock',
        'Clock',
        'Clock',
        'Clock',
        'Clock',
        'Warning',
        'Warning',
        'Repeats',
        'Penalties',
        'Compliance',
        'Duty',
        'Test',
      ]);
    });

    it('returns the comments in source order, for the formatter', () => {
      const { comments } = parse(README_EXAMPLE);
      expect(comments[0]?.image).toBe('// A file is one module: group, branch, property or library, then declarations.');
      expect(comments.map((c) => c.startOffset)).toEqual([...comments.map((c) => c.startOffset)].sort((a, b) => a - b));
    });
  });

  describe('with a header', () => {
    it('builds a group header with its label', () => {
      const { value } = parse('group huayu "华宇"');
      expect(value.header).toMatchObject({ kind: 'Header', level: 'group', name: { text: 'huayu' }, label: { value: '华宇' } });
      expect(value.header.extends).toBeUndefined();
    });

    it('builds a property header that extends a parent', () => {
      const { value } = parse('property sunrise-garden "朝阳花园" extends huayu');
      expect(value.header).toMatchObject({ level: 'property', name: { text: 'sunrise-garden' }, extends: { text: 'huayu' } });
    });

    it.each(['group', 'branch', 'property', 'library'] as const)('reads the %s level', (level) => {
      expect(parse(`${level} x`).value.header.level).toBe(level);
    });
  });

  describe('with use and zone', () => {
    it('builds a use with every library named', () => {
      expect(only('use cn-holidays-2026, extra')).toMatchObject({
        kind: 'Use',
        names: [{ text: 'cn-holidays-2026' }, { text: 'extra' }],
      });
    });

    it('builds a zone with its string value', () => {
      expect(only('zone "Asia/Shanghai"')).toMatchObject({ kind: 'Zone', zone: { kind: 'String', value: 'Asia/Shanghai' } });
    });
  });

  describe('with calendars', () => {
    it('builds a 24x7 calendar with no items', () => {
      expect(only('calendar always "全天候" 24x7')).toMatchObject({
        kind: 'Calendar',
        name: { text: 'always' },
        label: { value: '全天候' },
        always: true,
        items: [],
      });
    });

    it('builds each kind of calendar item', () => {
      const cal = only<A.CalendarDecl>(
        'calendar office {\n zone "Asia/Shanghai"\n include a, b\n mon-fri 08:30-12:00, 13:30-17:30\n 周六 9:00-12:00\n holiday 2026-10-01..2026-10-07 "国庆节"\n workday 2026-10-10 "调休"\n}',
      );
      expect(cal.always).toBe(false);
      expect(cal.items).toMatchObject([
        { kind: 'Zone', zone: { value: 'Asia/Shanghai' } },
        { kind: 'Include', names: [{ text: 'a' }, { text: 'b' }] },
        {
          kind: 'Hours',
          days: { text: 'mon-fri' },
          intervals: [
            { kind: 'TimeRange', from: { text: '08:30', hour: 8, minute: 30 }, to: { text: '12:00', hour: 12, minute: 0 } },
            { kind: 'TimeRange', from: { hour: 13, minute: 30 }, to: { hour: 17, minute: 30 } },
          ],
        },
        { kind: 'Hours', days: { text: '周六' }, intervals: [{ from: { text: '9:00', hour: 9, minute: 0 } }] },
        { kind: 'Holiday', from: { kind: 'Date', text: '2026-10-01' }, to: { text: '2026-10-07' }, label: { value: '国庆节' } },
        { kind: 'Workday', from: { text: '2026-10-10' }, label: { value: '调休' } },
      ]);
    });

    it('leaves out the end date of a single holiday', () => {
      const cal = only<A.CalendarDecl>('calendar c { holiday 2026-12-31 }');
      expect((cal.items[0] as A.SpecialDay).to).toBeUndefined();
    });
  });

  describe('with classifications', () => {
    it.each(['categories', 'tiers', 'events', 'roles', 'flags'] as const)('builds a %s list', (what) => {
      expect(only(`${what} { a "甲", b "乙" }`)).toMatchObject({
        kind: 'Enum',
        what,
        members: [
          { kind: 'Member', name: { text: 'a' }, label: { value: '甲' } },
          { kind: 'Member', name: { text: 'b' }, label: { value: '乙' } },
        ],
      });
    });

    it('accepts members without commas or labels', () => {
      const decl = only<A.EnumDecl>('tiers {\n urgent\n general "一般"\n}');
      expect(decl.members.map((m) => [m.name.text, m.label?.value])).toEqual([
        ['urgent', undefined],
        ['general', '一般'],
      ]);
    });

    it('builds an attribute with its name, label and values', () => {
      expect(only('attribute kind "类型" { repair "报修", complaint }')).toMatchObject({
        kind: 'Attribute',
        name: { text: 'kind' },
        label: { value: '类型' },
        members: [{ name: { text: 'repair' }, label: { value: '报修' } }, { name: { text: 'complaint' } }],
      });
    });
  });

  describe('with parameters', () => {
    it('builds a parameter with label, type and placeholder', () => {
      expect(only('param contact_within "联系时限": duration = [X]')).toMatchObject({
        kind: 'Param',
        name: { text: 'contact_within' },
        label: { value: '联系时限' },
        type: { kind: 'Name', text: 'duration' },
        value: { kind: 'Placeholder' },
      });
    });

    it('leaves out the type of an override', () => {
      expect(only<A.ParamDecl>('param x = 30m').type).toBeUndefined();
    });

    it('keeps a type that is not a keyword, for the checker to judge', () => {
      expect(only<A.ParamDecl>('param x: minutes = 30').type?.text).toBe('minutes');
    });

    it.each([
      ['15m', 15],
      ['30min', 30],
      ['2h', 120],
      ['3d', 4320],
      ['1h30m', 90],
      ['1.5h', 90],
      ['30s', 0.5],
    ])('reads the duration %s as %d minutes', (text, minutes) => {
      expect(paramValue(text)).toMatchObject({ kind: 'Duration', minutes, negative: false });
    });

    it('reads working days', () => {
      expect(paramValue('2 workdays')).toMatchObject({ kind: 'Workdays', days: 2, negative: false });
      expect(paramValue('1 workday')).toMatchObject({ kind: 'Workdays', days: 1 });
    });

    it('reads percentages', () => {
      expect(paramValue('5%')).toMatchObject({ kind: 'Percent', value: 5 });
      expect(paramValue('99.5%')).toMatchObject({ kind: 'Percent', value: 99.5 });
    });

    it('reads points', () => {
      expect(paramValue('0.2 points')).toMatchObject({ kind: 'Points', value: 0.2 });
      expect(paramValue('1 point')).toMatchObject({ kind: 'Points', value: 1 });
    });

    it('reads plain numbers', () => {
      expect(paramValue('300')).toMatchObject({ kind: 'Number', value: 300, negative: false });
    });

    it('marks negative quantities instead of dropping the sign', () => {
      expect(paramValue('-3')).toMatchObject({ kind: 'Number', value: 3, negative: true });
      expect(paramValue('-15m')).toMatchObject({ kind: 'Duration', minutes: 15, negative: true });
      expect(paramValue('-1 point')).toMatchObject({ kind: 'Points', value: 1, negative: true });
      expect(paramValue('-5%')).toMatchObject({ kind: 'Percent', value: 5, negative: true });
    });

    it('reads a reference to another parameter', () => {
      expect(paramValue('contact_within')).toMatchObject({ kind: 'NameRef', name: { text: 'contact_within' } });
    });

    it('reads times, dates, date-times and strings as written', () => {
      expect(paramValue('08:30')).toMatchObject({ kind: 'Time', text: '08:30', hour: 8, minute: 30 });
      expect(paramValue('2026-10-01')).toMatchObject({ kind: 'Date', text: '2026-10-01' });
      expect(paramValue('2026-03-02T08:05+08:00')).toMatchObject({ kind: 'DateTime', text: '2026-03-02T08:05+08:00' });
      expect(paramValue('"a \\"b\\""')).toMatchObject({ kind: 'String', value: 'a "b"' });
    });
  });

  describe('with clocks', () => {
    it('builds each event role with its events', () => {
      const clock = only<A.ClockDecl>(
        'clock contact "联系" { start accepted, assigned stop contacted pause paused resume resumed restart reopened update progress_reported }',
      );
      expect(clock).toMatchObject({ kind: 'Clock', name: { text: 'contact' }, label: { value: '联系' } });
      expect(clock.items.map((i) => i.kind === 'ClockEvents' && [i.role, i.events.map((e) => e.text)])).toEqual([
        ['start', ['accepted', 'assigned']],
        ['stop', ['contacted']],
        ['pause', ['paused']],
        ['resume', ['resumed']],
        ['restart', ['reopened']],
        ['update', ['progress_reported']],
      ]);
    });

    it('builds a clock calendar, named or 24x7', () => {
      const clock = only<A.ClockDecl>('clock c { calendar office calendar 24x7 }');
      expect(clock.items).toMatchObject([{ kind: 'ClockCalendar', calendar: { text: 'office' } }, { kind: 'ClockCalendar' }]);
      expect((clock.items[1] as A.ClockCalendar).calendar).toBeUndefined();
    });

    it('builds a when item with its condition', () => {
      const clock = only<A.ClockDecl>('clock c { when kind = repair }');
      expect(clock.items[0]).toMatchObject({ kind: 'When', condition: { kind: 'Comparison', op: '=' } });
    });

    it('builds a fixed target', () => {
      expect(targetValue('2h')).toMatchObject({ kind: 'Fixed', value: { kind: 'Duration', minutes: 120 } });
      expect(targetValue('2 workdays')).toMatchObject({ kind: 'Fixed', value: { kind: 'Workdays', days: 2 } });
    });

    it('builds a relative target', () => {
      expect(targetValue('5m before appointmentAt')).toMatchObject({
        kind: 'Relative',
        offset: { kind: 'Duration', minutes: 5 },
        direction: 'before',
        anchor: { text: 'appointmentAt' },
      });
      expect(targetValue('1 workday after visitAt')).toMatchObject({ kind: 'Relative', direction: 'after', anchor: { text: 'visitAt' } });
    });

    it('builds an every target', () => {
      expect(targetValue('every 1h')).toMatchObject({ kind: 'Every', interval: { kind: 'Duration', minutes: 60 } });
    });

    it('builds a daily target', () => {
      expect(targetValue('daily by 17:00')).toMatchObject({ kind: 'Daily', time: { text: '17:00', hour: 17, minute: 0 } });
    });

    it('marks a one-value target as not a table', () => {
      const clock = only<A.ClockDecl>('clock c { target 2h }');
      expect(clock.items[0]).toMatchObject({ kind: 'Target', table: false, rows: [] });
    });

    it('marks an empty table as a table', () => {
      const clock = only<A.ClockDecl>('clock c { target { } }');
      expect(clock.items[0]).toMatchObject({ kind: 'Target', table: true, rows: [] });
      expect((clock.items[0] as A.TargetItem).value).toBeUndefined();
    });

    it('builds target rows for every cell key form', () => {
      const rows = targetRows('*: contact_within\n */urgent: 15m\n engineering: 1h\n engineering/urgent: 10m');
      expect(rows.map((r) => [r.category?.text ?? '*', r.tier?.text ?? '*'])).toEqual([
        ['*', '*'],
        ['*', 'urgent'],
        ['engineering', '*'],
        ['engineering', 'urgent'],
      ]);
      expect(rows.map((r) => r.value)).toMatchObject([
        { kind: 'Fixed', value: { kind: 'NameRef', name: { text: 'contact_within' } } },
        { kind: 'Fixed', value: { kind: 'Duration', minutes: 15 } },
        { kind: 'Fixed', value: { kind: 'Duration', minutes: 60 } },
        { kind: 'Fixed', value: { kind: 'Duration', minutes: 10 } },
      ]);
    });

    it('accepts target rows separated by commas on one line', () => {
      expect(targetRows('*: 2h, */urgent: 15m,')).toHaveLength(2);
    });

    it('builds a row whose value is relative', () => {
      expect(targetRows('*/urgent: 5m before appointmentAt')[0]?.value).toMatchObject({ kind: 'Relative', direction: 'before' });
    });
  });

  describe('with conditions', () => {
    it('binds and tighter than or', () => {
      expect(shape(condition('a or b and c'))).toBe('(or a (and b c))');
      expect(shape(condition('a and b or c'))).toBe('(or (and a b) c)');
    });

    it('binds not tighter than and', () => {
      expect(shape(condition('not a and b'))).toBe('(and (not a) b)');
    });

    it('lets parentheses override precedence', () => {
      expect(shape(condition('(a or b) and c'))).toBe('(and (or a b) c)');
      expect(shape(condition('not (a or b)'))).toBe('(not (or a b))');
    });

    it('flattens a chain of one operator into one node', () => {
      expect(shape(condition('a or b or c'))).toBe('(or a b c)');
    });

    it('nests double negation', () => {
      expect(shape(condition('not not a'))).toBe('(not (not a))');
    });

    it.each(['=', '!=', '<', '<=', '>', '>='] as const)('reads the comparison %s', (op) => {
      expect(condition(`repeatCount ${op} 1`)).toMatchObject({ kind: 'Comparison', op, left: { kind: 'NameRef' }, right: { kind: 'Number', value: 1 } });
    });

    it('reads in with a list', () => {
      const c = condition('kind in (repair, complaint)');
      expect(shape(c)).toBe('(in kind [repair complaint])');
      expect(c).toMatchObject({ op: 'in', right: { kind: 'List' } });
    });

    it('reads has', () => {
      expect(shape(condition('flags has media_risk'))).toBe('(has flags media_risk)');
    });

    it('reads a call with one argument', () => {
      const c = condition('overdue(resolve) >= 3d');
      expect(c).toMatchObject({
        kind: 'Comparison',
        op: '>=',
        left: { kind: 'Call', callee: { text: 'overdue' }, args: [{ kind: 'NameRef', name: { text: 'resolve' } }] },
        right: { kind: 'Duration', minutes: 4320 },
      });
    });

    it('reads a call with several arguments of different kinds', () => {
      const c = condition('share(issueKey, 30d, households) >= 5%');
      expect(c).toMatchObject({
        left: {
          kind: 'Call',
          callee: { text: 'share' },
          args: [{ kind: 'NameRef', name: { text: 'issueKey' } }, { kind: 'Duration', minutes: 43200 }, { kind: 'NameRef', name: { text: 'households' } }],
        },
        right: { kind: 'Percent', value: 5 },
      });
    });

    it('reads a condition as an argument (share()\'s filter), and keeps a bare argument the operand it is', () => {
      const c = condition('share(issueKey, 30d, households(), kind = complaint and channel = platform) >= 5%');
      expect(shape(c)).toBe('(>= share(issueKey Duration households() {(and (= kind complaint) (= channel platform))}) Percent)');
      const call = (c as A.Comparison).left as A.Call;
      const arg = call.args[3] as A.ConditionArg;
      // The argument's range is the condition as written.
      expect(arg.kind).toBe('ConditionArg');
      expect(arg.range.start.column - call.range.start.column).toBe('share(issueKey, 30d, households(), '.length);
      expect(arg.range.end.offset - arg.range.start.offset).toBe('kind = complaint and channel = platform'.length);
      expect(shape(condition('share(issueKey, 30d, households(), not (channel in (app, wechat)) or flags has x) < 1%'))).toBe(
        '(< share(issueKey Duration households() {(or (not (in channel [app wechat])) (has flags x))}) Percent)',
      );
      // Parentheses around a bare operand leave the operand; around a comparison, the condition.
      expect(shape(condition('f((a), (b = c))'))).toBe('f(a {(= b c)})');
    });

    it('reads a call without arguments and a nested call', () => {
      expect(shape(condition('now() > due(f(x))'))).toBe('(> now() due(f(x)))');
    });

    it('reads a bare operand as a comparison without operator', () => {
      const c = condition('isVip');
      expect(c).toMatchObject({ kind: 'Comparison', left: { kind: 'NameRef', name: { text: 'isVip' } } });
      expect((c as A.Comparison).op).toBeUndefined();
    });
  });

  describe('with warnings, penalties and compliance', () => {
    it('builds a warning with when, notify and plan', () => {
      const w = only<A.WarningDecl>('warning red "红色预警" { when overdue(resolve) >= 3d notify a, b plan within 1d }');
      expect(w).toMatchObject({ kind: 'Warning', name: { text: 'red' }, label: { value: '红色预警' } });
      expect(w.items).toMatchObject([
        { kind: 'When' },
        { kind: 'Notify', roles: [{ text: 'a' }, { text: 'b' }] },
        { kind: 'Plan', within: { kind: 'Duration', minutes: 1440 } },
      ]);
    });

    it('builds penalty rows', () => {
      expect(only('penalties "扣分" { blue 0.2 points, red 1 point }')).toMatchObject({
        kind: 'Penalties',
        label: { value: '扣分' },
        rows: [
          { kind: 'PenaltyRow', level: { text: 'blue' }, value: { kind: 'Points', value: 0.2 } },
          { kind: 'PenaltyRow', level: { text: 'red' }, value: { kind: 'Points', value: 1 } },
        ],
      });
    });

    it('builds compliance rows, the last without a minimum', () => {
      const c = only<A.ComplianceDecl>('compliance { green >= 95%, yellow >= 90%, red otherwise }');
      expect(c.rows).toMatchObject([
        { kind: 'ComplianceRow', light: { text: 'green' }, min: { kind: 'Percent', value: 95 } },
        { light: { text: 'yellow' }, min: { value: 90 } },
        { light: { text: 'red' } },
      ]);
      expect(c.rows[2]?.min).toBeUndefined();
    });
  });

  describe('with test blocks', () => {
    const test = (): A.TestDecl =>
      only<A.TestDecl>(
        [
          'test "紧急报修" {',
          '  ticket {',
          '    category: engineering',
          '    kind: repair, complaint',
          '    event accepted 2026-03-02T08:05+08:00',
          '    event contacted at 2026-03-02T08:15+08:00',
          '  }',
          '  related { category: cleaning }',
          '  at 2026-03-02T09:00+08:00',
          '  expect contact met',
          '  expect contact due 2026-03-02T08:15+08:00',
          '  expect warning none',
          '  expect penalty 0 points',
          '}',
        ].join('\n'),
      );

    it('builds the test with its name', () => {
      expect(test()).toMatchObject({ kind: 'Test', name: { kind: 'String', value: '紧急报修' } });
    });

    it('builds ticket fields and events', () => {
      expect(test().items[0]).toMatchObject({
        kind: 'Ticket',
        role: 'ticket',
        items: [
          { kind: 'TicketField', name: { text: 'category' }, values: [{ kind: 'NameRef', name: { text: 'engineering' } }] },
          { kind: 'TicketField', name: { text: 'kind' }, values: [{ name: { text: 'repair' } }, { name: { text: 'complaint' } }] },
          { kind: 'TicketEvent', event: { text: 'accepted' }, at: { kind: 'DateTime', text: '2026-03-02T08:05+08:00' } },
          { kind: 'TicketEvent', event: { text: 'contacted' }, at: { text: '2026-03-02T08:15+08:00' } },
        ],
      });
    });

    it('builds a related ticket', () => {
      expect(test().items[1]).toMatchObject({ kind: 'Ticket', role: 'related' });
    });

    it('builds the instant and each kind of expectation', () => {
      expect(test().items.slice(2)).toMatchObject([
        { kind: 'At', at: { text: '2026-03-02T09:00+08:00' } },
        { kind: 'ExpectClock', clock: { text: 'contact' }, state: { text: 'met' } },
        { kind: 'ExpectClock', clock: { text: 'contact' }, state: { text: 'due' }, at: { text: '2026-03-02T08:15+08:00' } },
        { kind: 'ExpectWarning', level: { text: 'none' } },
        { kind: 'ExpectPenalty', value: { kind: 'Points', value: 0 } },
      ]);
    });
  });

  describe('with flags used as a name', () => {
    it('reads flags as a ticket field in a test', () => {
      const t = only<A.TestDecl>('test "t" { ticket { flags: media_risk } }');
      expect(t.items[0]).toMatchObject({ items: [{ kind: 'TicketField', name: { text: 'flags' } }] });
    });
  });

  describe('with a mistake', () => {
    it('never throws and still returns a module', () => {
      const result = parse('group a\nclock c { target { */urgent 15m }');
      expect(result.value.kind).toBe('Module');
      expect(result.diagnostics.length).toBeGreaterThan(0);
    });

    it('gives a name that recovery had to invent empty text and an empty range', () => {
      const { value } = parse('group a\ntest "t" { expect warning }');
      const item = (value.declarations[0] as A.TestDecl).items[0] as A.ExpectWarning;
      expect(item.level.text).toBe('');
      expect(item.level.range.start).toEqual(item.level.range.end);
      expect(item.level.range.end.offset).toBe(item.range.end.offset);
    });

    it('places a missing value at the end of its declaration', () => {
      const { value } = parse('group a\nparam x =\nparam y = 1');
      const param = value.declarations[0] as A.ParamDecl;
      expect(param.value.kind).toBe('Placeholder');
      expect(param.value.range.start.offset).toBe(param.range.end.offset);
      expect(param.value.range.end.offset).toBe(param.range.end.offset);
    });
  });
});
