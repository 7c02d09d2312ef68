// `duty` declarations and `advisory` clocks and target rows: what the parser builds,
// and that the formatter prints them in one canonical layout that parses back alike.
import { describe, expect, it } from 'vitest';
import type * as A from '../../grammar/ast.js';
import { format } from '../../grammar/format/format.js';
import { parse } from '../../grammar/parse.js';
import { stripRanges } from './ast-helpers.js';

const SOURCE = `group g "测试"
duty weekly_summary "周五汇总" {
  every fri   by 17:00
  owner liaison
  calendar office
  warning blue
}
duty publication { monthly owner quality }
duty report { monthly by day 5 12:00  owner quality advisory }
duty review { daily by 24:00 owner clerk }
clock onsite {
  start appointment
  stop arrived
  target { *: 5m before appointmentAt advisory applies to kind = repair, */urgent: 10m before appointmentAt }
  advisory
}
`;

const CANONICAL = `group g "测试"

duty weekly_summary "周五汇总" {
  every fri by 17:00
  owner liaison
  calendar office
  warning blue
}

duty publication {
  monthly
  owner quality
}

duty report {
  monthly by day 5 12:00
  owner quality
  advisory
}

duty review {
  daily by 24:00
  owner clerk
}

clock onsite {
  start appointment
  stop arrived
  target {
    *:        5m before appointmentAt advisory applies to kind = repair
    */urgent: 10m before appointmentAt
  }
  advisory
}
`;

function duties(text: string): A.DutyDecl[] {
  const result = parse(text);
  expect(result.diagnostics).toEqual([]);
  return (result.value?.declarations ?? []).filter((d): d is A.DutyDecl => d.kind === 'Duty');
}

describe('duty declarations', () => {
  it('parses each schedule form, owner, calendar, warning and advisory', () => {
    const [weekly, publication, report, review] = duties(SOURCE).map((d) => stripRanges(d) as A.DutyDecl);
    expect(weekly?.label?.value).toBe('周五汇总');
    expect(weekly?.items).toEqual([
      { kind: 'DutySchedule', every: 'weekly', weekday: { kind: 'Name', text: 'fri' }, by: { kind: 'Time', text: '17:00', hour: 17, minute: 0 } },
      { kind: 'DutyOwner', role: { kind: 'Name', text: 'liaison' } },
      { kind: 'DutyCalendar', calendar: { kind: 'Name', text: 'office' } },
      { kind: 'DutyWarning', level: { kind: 'Name', text: 'blue' } },
    ]);
    expect(publication?.items[0]).toEqual({ kind: 'DutySchedule', every: 'monthly' });
    expect(report?.items[0]).toEqual({
      kind: 'DutySchedule',
      every: 'monthly',
      dayWord: { kind: 'Name', text: 'day' },
      day: { kind: 'Number', value: 5, negative: false },
      by: { kind: 'Time', text: '12:00', hour: 12, minute: 0 },
    });
    expect(report?.items[2]).toEqual({ kind: 'Advisory' });
    expect(review?.items[0]).toEqual({ kind: 'DutySchedule', every: 'daily', by: { kind: 'Time', text: '24:00', hour: 24, minute: 0 } });
  });

  it('marks an advisory clock and an advisory target row, and only that row', () => {
    const clock = parse(SOURCE).value?.declarations.find((d): d is A.ClockDecl => d.kind === 'Clock');
    expect(clock?.items.some((i) => i.kind === 'Advisory')).toBe(true);
    const target = clock?.items.find((i): i is A.TargetItem => i.kind === 'Target');
    expect(target?.rows.map((r) => r.advisory ?? false)).toEqual([true, false]);
    expect(target?.rows[0]?.scope).toBeDefined();
  });

  it('`day` stays an ordinary name elsewhere (a clock may be called day)', () => {
    expect(parse('group g "测试"\nclock day { start a stop b target 24h }\n').diagnostics).toEqual([]);
  });

  it('`duty`, `owner`, `monthly` and `advisory` are reserved words', () => {
    for (const word of ['duty', 'owner', 'monthly', 'advisory']) {
      expect(parse(`group g "测试"\nparam ${word} = 5m\n`).diagnostics.length).toBeGreaterThan(0);
    }
  });

  it('formats to one canonical layout that parses to the same AST, and is stable', () => {
    const out = format(SOURCE).value;
    expect(out).toBe(CANONICAL);
    expect(stripRanges(parse(CANONICAL).value)).toEqual(stripRanges(parse(SOURCE).value));
    expect(format(CANONICAL).value).toBe(CANONICAL);
  });
});
