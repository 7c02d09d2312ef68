import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { format } from '../../grammar/format/format.js';
import { parse } from '../../grammar/parse.js';
import { commentTexts, stripRanges } from './ast-helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));


function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}

function formatted(text: string): string {
  const result = format(text);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(result.value).toBeDefined();
  return result.value as string;
}

/** Formatting keeps the AST and the comments, and formatting again changes nothing. */
function expectRoundTrip(text: string): void {
  const before = parse(text);
  expect(before.diagnostics).toEqual([]);
  const out = formatted(text);
  const after = parse(out);
  expect(after.diagnostics).toEqual([]);
  expect(stripRanges(after.value)).toEqual(stripRanges(before.value));
  expect(commentTexts(out)).toEqual(commentTexts(text));
  expect(format(out).value).toBe(out);
}

describe('format', () => {
  describe('with a syntax error', () => {
    it('returns the parse diagnostics and no text', () => {
      const result = format('group g\nclock c { start }\n');
      expect(result.value).toBeUndefined();
      expect(result.diagnostics.length).toBeGreaterThan(0);
      expect(result.diagnostics.every((d) => d.code.startsWith('P'))).toBe(true);
    });

    it('does not format a file with an unterminated string', () => {
      const result = format('group g "集团\nuse a\n');
      expect(result.value).toBeUndefined();
      expect(result.diagnostics.map((d) => d.code)).toContain('P102');
    });

    it('never throws on text that is not a policy', () => {
      for (const text of ['', '}', '{{{', '//', 'group', '"', '\u0000', 'group g\nparam x = 1e5', 'group g\r\n\r\n']) {
        expect(() => format(text)).not.toThrow();
      }
    });
  });

  describe('layout', () => {
    it('puts the header first and one item per line with two-space indentation', () => {
      expect(formatted('group g "集团" clock c "联系" { start a stop b target 2h }')).toBe(
        lines('group g "集团"', '', 'clock c "联系" {', '  start a', '  stop b', '  target 2h', '}'),
      );
    });

    it('sets block declarations apart with exactly one blank line', () => {
      const text = 'group g\ntiers { a }\n\n\n\nroles { r }\nparam x = 1\nclock c { start a }';
      expect(formatted(text)).toBe(
        lines('group g', '', 'tiers {', '  a', '}', '', 'roles {', '  r', '}', '', 'param x = 1', '', 'clock c {', '  start a', '}'),
      );
    });

    it('keeps one-line declarations grouped and collapses several blank lines to one', () => {
      const text = 'group g\nuse a\nzone "Asia/Shanghai"\n\n\n\nparam x = 1\nparam y = 2\n\ncalendar all 24x7\ncalendar night 24x7\n';
      expect(formatted(text)).toBe(
        lines('group g', 'use a', 'zone "Asia/Shanghai"', '', 'param x = 1', 'param y = 2', '', 'calendar all 24x7', 'calendar night 24x7'),
      );
    });

    it('keeps blank lines between items inside a block, but none after { or before }', () => {
      const text = 'group g\nclock c {\n\n  start a\n\n\n  stop b\n  target 1h\n\n}\n';
      expect(formatted(text)).toBe(lines('group g', '', 'clock c {', '  start a', '', '  stop b', '  target 1h', '}'));
    });

    it('prints every member list one member per line without commas', () => {
      expect(formatted('group g\ncategories { engineering "工程维修", cleaning "保洁服务" , other }')).toBe(
        lines('group g', '', 'categories {', '  engineering "工程维修"', '  cleaning "保洁服务"', '  other', '}'),
      );
      expect(formatted('group g\nattribute kind "类型" { repair "报修" }')).toBe(
        lines('group g', '', 'attribute kind "类型" {', '  repair "报修"', '}'),
      );
    });

    it('prints an empty block as {}', () => {
      expect(formatted('group g\ntiers {\n\n}\nclock c { target { } }')).toBe(
        lines('group g', '', 'tiers {}', '', 'clock c {', '  target {}', '}'),
      );
    });

    it('aligns the values of a target table in display columns, a CJK character counting two', () => {
      const text = 'group g\nclock c { target { */urgent: 15m 工程/紧急: 1h engineering/urgent : 2h * : contact_within } }';
      expect(formatted(text)).toBe(
        lines(
          'group g',
          '',
          'clock c {',
          '  target {',
          '    */urgent:           15m',
          '    工程/紧急:          1h',
          '    engineering/urgent: 2h',
          '    *:                  contact_within',
          '  }',
          '}',
        ),
      );
    });

    it('prints deadline targets with their fallback, day cut-offs, tracked plan deadlines and test deadlines', () => {
      const text = 'group g\ndeadlines { plan_completion "完成时间" }\nclock c { target { */urgent: deadline plan_completion else resolve_urgent *: deadline plan_completion else  next day  17:00 } }\nclock d { target same day }\nwarning blue { plan within 1d stop plan_reported , resolved }\ntest "t" { ticket { deadline plan_completion at 2026-03-05T17:00+08:00 } }';
      expect(formatted(text)).toBe(
        lines(
          'group g',
          '',
          'deadlines {',
          '  plan_completion "完成时间"',
          '}',
          '',
          'clock c {',
          '  target {',
          '    */urgent: deadline plan_completion else resolve_urgent',
          '    *:        deadline plan_completion else next day 17:00',
          '  }',
          '}',
          '',
          'clock d {',
          '  target same day',
          '}',
          '',
          'warning blue {',
          '  plan within 1d stop plan_reported, resolved',
          '}',
          '',
          'test "t" {',
          '  ticket {',
          '    deadline plan_completion 2026-03-05T17:00+08:00',
          '  }',
          '}',
        ),
      );
    });

    it('writes a table key canonically: a missing part is *, and */* is *', () => {
      expect(formatted('group g\nclock c { target { */*: 1h  eng/*: 2h  * / urgent: 3h } }')).toBe(
        lines('group g', '', 'clock c {', '  target {', '    *:        1h', '    eng:      2h', '    */urgent: 3h', '  }', '}'),
      );
    });

    it('prints penalties and compliance one row per line without trailing commas', () => {
      expect(formatted('group g\npenalties "扣分" { blue 0.2 points, red 1 point, }\ncompliance { green >= 95%, red otherwise }')).toBe(
        lines('group g', '', 'penalties "扣分" {', '  blue 0.2 points', '  red 1 point', '}', '', 'compliance {', '  green >= 95%', '  red otherwise', '}'),
      );
    });

    it('prints calendars with zones, includes, hours, holiday ranges and workdays', () => {
      const text =
        'group g\ncalendar office "办公" { zone "Asia/Shanghai" include a,b mon-fri 08:30-12:00 , 13:30-17:30 ' +
        'holiday 2026-10-01 .. 2026-10-07 "国庆" workday 2026-10-10 }';
      expect(formatted(text)).toBe(
        lines(
          'group g',
          '',
          'calendar office "办公" {',
          '  zone "Asia/Shanghai"',
          '  include a, b',
          '  mon-fri 08:30-12:00, 13:30-17:30',
          '  holiday 2026-10-01..2026-10-07 "国庆"',
          '  workday 2026-10-10',
          '}',
        ),
      );
    });

    it('prints every clock item and every form of target', () => {
      const text =
        'group g\nclock c { start a, b stop d pause p resume r restart o update u calendar 24x7 when k = x target 5m before appointmentAt }\n' +
        'clock e { calendar office target every 1h }\nclock f { target daily by 17:00 }\nclock h { target -5m after due }';
      expect(formatted(text)).toBe(
        lines(
          'group g',
          '',
          'clock c {',
          '  start a, b',
          '  stop d',
          '  pause p',
          '  resume r',
          '  restart o',
          '  update u',
          '  calendar 24x7',
          '  when k = x',
          '  target 5m before appointmentAt',
          '}',
          '',
          'clock e {',
          '  calendar office',
          '  target every 1h',
          '}',
          '',
          'clock f {',
          '  target daily by 17:00',
          '}',
          '',
          'clock h {',
          '  target -5m after due',
          '}',
        ),
      );
    });

    it('prints tests with ticket and related blocks, events and the three kinds of expect', () => {
      const text =
        'group g\ntest "紧急" { ticket { category: a, b event accepted at 2026-03-02T08:05+08:00 } related { kind: x } ' +
        'at 2026-03-02T09:00Z expect c due 2026-03-02T10:00 expect c met expect warning none expect penalty 0 points }';
      expect(formatted(text)).toBe(
        lines(
          'group g',
          '',
          'test "紧急" {',
          '  ticket {',
          '    category: a, b',
          '    event accepted 2026-03-02T08:05+08:00',
          '  }',
          '  related {',
          '    kind: x',
          '  }',
          '  at 2026-03-02T09:00Z',
          '  expect c due 2026-03-02T10:00',
          '  expect c met',
          '  expect warning none',
          '  expect penalty 0 points',
          '}',
        ),
      );
    });

    it('prints the header with label and extends', () => {
      expect(formatted('property  p-1 "锦绣"  extends   g')).toBe(lines('property p-1 "锦绣" extends g'));
    });
  });

  describe('values', () => {
    const param = (value: string): string => formatted(`group g\nparam x = ${value}`).split('\n')[1] as string;

    it('keeps durations as written, since the unit often mirrors the rule book ("48小时")', () => {
      expect(param('48h')).toBe('param x = 48h');
      expect(param('90min')).toBe('param x = 90min');
      expect(param('1d1h1m')).toBe('param x = 1d1h1m');
      expect(param('0.5h')).toBe('param x = 0.5h');
      expect(param('30')).toBe('param x = 30');
    });

    it('keeps the sign of negative values', () => {
      expect(param('-0.2 points')).toBe('param x = -0.2 points');
      expect(param('- 2h')).toBe('param x = -2h');
      expect(param('-5%')).toBe('param x = -5%');
      expect(param('-3')).toBe('param x = -3');
    });

    it('writes workdays and points in the singular for one and the plural otherwise', () => {
      expect(param('1 workdays')).toBe('param x = 1 workday');
      expect(param('2 workday')).toBe('param x = 2 workdays');
      expect(param('0 workday')).toBe('param x = 0 workdays');
      expect(param('1 points')).toBe('param x = 1 point');
      expect(param('0.20 point')).toBe('param x = 0.2 points');
    });

    it('writes numbers and percentages without superfluous zeros', () => {
      expect(param('5.50%')).toBe('param x = 5.5%');
      expect(param('007')).toBe('param x = 7');
      expect(param('1000000000000000000000000')).toBe('param x = 1000000000000000000000000');
    });

    it('keeps times, dates and instants as written, because the AST keeps their text', () => {
      expect(param('8:30')).toBe('param x = 8:30');
      expect(param('08:30')).toBe('param x = 08:30');
      expect(param('2026-10-01')).toBe('param x = 2026-10-01');
      expect(param('2026-03-02T08:05:30Z')).toBe('param x = 2026-03-02T08:05:30Z');
    });

    it('writes the placeholder as [X] and re-quotes strings with escapes', () => {
      expect(param('[ x ]')).toBe('param x = [X]');
      expect(param('"a\\"b\\\\c\\nd\\te"')).toBe('param x = "a\\"b\\\\c\\nd\\te"');
      expect(param('"unknown \\q escape"')).toBe('param x = "unknown \\\\q escape"');
    });

    it('prints a parameter type after a colon', () => {
      expect(formatted('group g\nparam x "时限" : duration = [X]')).toBe(lines('group g', 'param x "时限": duration = [X]'));
    });
  });

  describe('conditions', () => {
    const when = (condition: string): string => {
      const out = formatted(`group g\nwarning w { when ${condition} }`);
      return (out.split('\n')[3] as string).trim();
    };

    it('prints and, or, not and comparisons with one space around each word and operator', () => {
      expect(when('a=1 and b!=2 or not   c<=3')).toBe('when (a = 1 and b != 2) or not (c <= 3)');
      expect(when('k in(x,y) and flags has  media_risk')).toBe('when k in (x, y) and flags has media_risk');
      expect(when('overdue( resolve )>=3d or share(issueKey,30d, households) >= 5%')).toBe(
        'when overdue(resolve) >= 3d or share(issueKey, 30d, households) >= 5%',
      );
      expect(when('f() and k = (x)')).toBe('when f() and k = (x)');
      // share()'s fourth argument, a condition, is written as a condition in `when` is.
      expect(when('share(issueKey,30d,households(),kind=complaint and(channel=platform or channel in(app,wechat)))>=5%')).toBe(
        'when share(issueKey, 30d, households(), kind = complaint and (channel = platform or channel in (app, wechat))) >= 5%',
      );
      expect(when('share(issueKey, 30d, households(), (kind = complaint)) >= 5%')).toBe('when share(issueKey, 30d, households(), kind = complaint) >= 5%');
    });

    it('drops parentheses the AST does not need', () => {
      expect(when('((a)) and (b = 1)')).toBe('when a and b = 1');
    });

    it('keeps a comparison under not in parentheses, for the reader', () => {
      expect(when('not c in (x, y)')).toBe('when not (c in (x, y))');
      expect(when('not a')).toBe('when not a');
    });

    it('keeps the parentheses that shape the AST', () => {
      expect(when('(a or b) and c')).toBe('when (a or b) and c');
      expect(when('a or (b or c)')).toBe('when a or (b or c)');
      expect(when('a and (b and c)')).toBe('when a and (b and c)');
      expect(when('not (a and b)')).toBe('when not (a and b)');
      expect(when('not not a')).toBe('when not not a');
    });

    it('always parenthesises an and inside an or', () => {
      expect(when('a and b or c')).toBe('when (a and b) or c');
    });

    it('wraps a condition wider than 100 columns before each top-level or', () => {
      const long = 'overdue(resolve) >= 15d or share(issueKey, share_window, households) >= 5% or flags has media_risk or flags has group_petition';
      expect(formatted(`group g\nwarning red {\n  when ${long}\n  notify q\n}`)).toBe(
        lines(
          'group g',
          '',
          'warning red {',
          '  when overdue(resolve) >= 15d',
          '    or share(issueKey, share_window, households) >= 5%',
          '    or flags has media_risk',
          '    or flags has group_petition',
          '  notify q',
          '}',
        ),
      );
    });
  });

  describe('comments', () => {
    it('keeps a comment on its own line before the item that follows, at its indentation', () => {
      expect(formatted('// file\ngroup g\nclock c {\n// why\n      start a\n}')).toBe(
        lines('// file', 'group g', '', 'clock c {', '  // why', '  start a', '}'),
      );
    });

    it('keeps an end-of-line comment at the end of its item, two spaces after the code', () => {
      expect(formatted('group g // head\n\nparam x = 1 // one')).toBe(lines('group g  // head', '', 'param x = 1  // one'));
    });

    it('lines up the end-of-line comments of consecutive one-line items', () => {
      expect(formatted('group g\nparam x = 1 // one\nparam long_name = 2 // two\n\nparam y = 3 // three')).toBe(
        lines('group g', 'param x = 1          // one', 'param long_name = 2  // two', '', 'param y = 3  // three'),
      );
    });

    it('lines up comments by display width', () => {
      expect(formatted('group g\nevents {\n  a "接单" // x\n  contacted "c" // y\n}')).toBe(
        lines('group g', '', 'events {', '  a "接单"       // x', '  contacted "c"  // y', '}'),
      );
    });

    it('keeps a comment after { on the line of the block head', () => {
      expect(formatted('group g\ncalendar office // why\n{\n  sat 09:00-12:00\n}')).toBe(
        lines('group g', '', 'calendar office {  // why', '  sat 09:00-12:00', '}'),
      );
    });

    it('keeps the comment of a block written on one line on the line of its head', () => {
      expect(formatted('group g\ntiers { urgent, general } // most urgent first')).toBe(
        lines('group g', '', 'tiers {  // most urgent first', '  urgent', '  general', '}'),
      );
    });

    it('keeps a comment after } at the end of that line', () => {
      expect(formatted('group g\ntiers {\n  a\n} // done\ntiers {} // empty')).toBe(
        lines('group g', '', 'tiers {', '  a', '}  // done', '', 'tiers {}  // empty'),
      );
    });

    it('keeps comments before a closing } inside the block', () => {
      expect(formatted('group g\nclock c {\n  start a\n\n  // later: stop\n}')).toBe(
        lines('group g', '', 'clock c {', '  start a', '', '  // later: stop', '}'),
      );
      expect(formatted('group g\nroles {\n  // none yet\n}')).toBe(lines('group g', '', 'roles {', '  // none yet', '}'));
    });

    it('keeps comments at the end of the file at the end', () => {
      expect(formatted('group g\nparam x = 1\n\n\n// the end\n// really')).toBe(lines('group g', 'param x = 1', '', '// the end', '// really'));
    });

    it('moves a comment from between the tokens of a one-line item above that item', () => {
      expect(formatted('group g\nwarning w {\n  when a // first\n    or b // second\n}')).toBe(
        lines('group g', '', 'warning w {', '  // first', '  when a or b  // second', '}'),
      );
      expect(formatted('group g\ncalendar // which\n  x 24x7')).toBe(lines('group g', '// which', 'calendar x 24x7'));
    });

    it('puts the blank line that sets a block apart above the comments that introduce it', () => {
      expect(formatted('group g\nparam x = 1\n// about c\nclock c { start a }')).toBe(
        lines('group g', 'param x = 1', '', '// about c', 'clock c {', '  start a', '}'),
      );
    });

    it('keeps a blank line the source has among the comments between a declaration and a block', () => {
      expect(formatted('group g\nparam x = 1\n// about x\n\n// about c\nclock c { start a }')).toBe(
        lines('group g', 'param x = 1', '// about x', '', '// about c', 'clock c {', '  start a', '}'),
      );
    });

    it('drops white space at the end of a comment', () => {
      expect(formatted('group g   // head   \t\n')).toBe(lines('group g  // head'));
    });
  });

  describe('round trip', () => {
    const policies = join(ROOT, 'policies');
    const files = (existsSync(policies) ? (readdirSync(policies, { recursive: true }) as string[]) : [])
      .filter((f) => f.endsWith('.sla'))
      .map((f) => join(policies, f))
      .sort();

    for (const file of files) {
      it(`keeps the AST and comments of ${relative(ROOT, file)}`, () => {
        expectRoundTrip(readFileSync(file, 'utf8'));
      });
    }

    it('keeps the AST and comments of the example in grammar/README.md', () => {
      const readme = readFileSync(join(ROOT, 'grammar', 'README.md'), 'utf8');
      const example = /```sla\n([\s\S]*?)```/.exec(readme)?.[1];
      expect(example).toBeDefined();
      expectRoundTrip(example as string);
    });

    const samples: Record<string, string> = {
      'a library of calendars': [
        'library cn-holidays "节假日" // national',
        'calendar 全天 24x7',
        'calendar office "办公时间" {',
        '  zone "Asia/Shanghai"',
        '  include base, extra',
        '  mon-fri 8:30-12:00, 13:30-17:30 // two',
        '  sat 09:00-12:00',
        '  holiday 2026-10-01..2026-10-07 "国庆节"',
        '  holiday 2026-12-31',
        '  workday 2026-10-10 "调休"',
        '  workday 2026-10-11..2026-10-12',
        '}',
      ].join('\n'),
      'classification of every kind': [
        'group g',
        'categories { engineering "工程维修", cleaning }',
        'tiers { urgent "紧急" important general "一般", }',
        'events { accepted, contacted }',
        'roles { supervisor "主管" }',
        'flags { media_risk }',
        'attribute kind "类型" { repair "报修", complaint "投诉" }',
        'attribute channel { app }',
      ].join('\n'),
      'parameters of every type': [
        'branch b "分公司" extends g',
        'use lib1, lib2',
        'zone "Asia/Shanghai"',
        'param a "时限": duration = [X]',
        'param b: workdays = 2 workdays',
        'param c: percent = 5.5%',
        'param d: points = 0.2 points',
        'param e: count = 1860',
        'param f: duration = 1h30m',
        'param g = other_param',
        'param h = 17:00',
        'param i = 2026-10-01',
        'param j = 2026-03-02T08:05+08:00',
        'param k = "文本 \\"quoted\\""',
        'param l = -1 point',
        'param m = 90s',
        'param n: custom_type = 1 workday',
      ].join('\n'),
      'clocks with every item and target form': [
        'property p "项目" extends b',
        'clock contact "联系" {',
        '  start accepted, reopened',
        '  stop contacted',
        '  pause paused',
        '  resume resumed',
        '  restart reopened',
        '  update progress',
        '  calendar office',
        '  when kind = repair and (tier = urgent or flags has vip) and not channel in (app, wechat)',
        '  target { *: contact_within  */urgent: 15m  engineering: 1h  engineering/urgent: 10m  工程/紧急: 5m }',
        '}',
        'clock a { calendar 24x7 target 5m before appointmentAt }',
        'clock b { target 1 workday after resolvedAt }',
        'clock c { target every 1h }',
        'clock d { target daily by 17:00 }',
        'clock e { target 2 workdays }',
        'clock f { target [X] }',
      ].join('\n'),
      'warnings, penalties and compliance': [
        'group g',
        'warning blue "蓝色" { when overdue(resolve) >= 3d or repeatCount >= 1 notify a, b plan within 1d }',
        'warning red { when share(issueKey, 30d, households) >= 5% or (a and (b or not c)) or f() notify q plan within 2 workdays }',
        'penalties { blue 0.2 points, red 1 point }',
        'penalties "扣分" { orange 0.5 points }',
        'compliance { green >= 95%, yellow >= 90%, red otherwise }',
        'compliance "达标" { green >= 0.95 }',
      ].join('\n'),
      'tests of every kind': [
        'group g',
        'test "紧急报修" {',
        '  ticket { category: engineering priority: urgent flags: a, b',
        '    event accepted 2026-03-02T08:05+08:00 event contacted at 2026-03-02T08:15+08:00 }',
        '  related { category: cleaning event accepted 2026-03-01T08:00Z }',
        '  at 2026-03-02T09:00+08:00',
        '  expect contact met',
        '  expect contact due 2026-03-02T08:20+08:00',
        '  expect warning none',
        '  expect penalty 0 points',
        '}',
      ].join('\n'),
      'comments everywhere': [
        '// top',
        '',
        '',
        'group g // head',
        '// before use',
        'use a // use',
        '',
        '// before clock',
        'clock // in head',
        '  c // after name',
        '{ // after brace',
        '  start // inside item',
        '    a // end of item',
        '',
        '',
        '  target { // table',
        '    *: 1h // row',
        '    // before }',
        '  } // after table',
        '  // before clock }',
        '} // after clock',
        '// end 1',
        '',
        '// end 2',
      ].join('\n'),
      'CRLF line ends and a byte-order mark': '\uFEFFgroup g\r\n// c\r\nparam x = 1 // d\r\n\r\ntiers { a }\r\n',
    };

    for (const [name, text] of Object.entries(samples)) {
      it(`keeps the AST and comments of ${name}`, () => {
        expectRoundTrip(text);
      });
    }
  });
});
