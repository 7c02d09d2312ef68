import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { businessCalendar, calendarSpec, dayText } from '../../../engine/calendar/index.js';
import { effectivePolicy, type EffectivePolicy } from '../../../engine/effective.js';
import { buildWorkspace, chainOf, type SourceFile } from '../../../engine/workspace.js';
import { at, day, show } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SH = 'Asia/Shanghai';
const sh = (ms: number) => show(ms, SH);

function slaFiles(dir: string): SourceFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return slaFiles(path);
    return e.name.endsWith('.sla') ? [{ uri: path.slice(ROOT.length), text: readFileSync(path, 'utf8') }] : [];
  });
}

function policyOf(id: string, sources: readonly SourceFile[]): EffectivePolicy {
  const ws = buildWorkspace(sources);
  expect(ws.diagnostics).toEqual([]);
  const file = ws.byId.get(id);
  if (!file) throw new Error(`no module ${id}`);
  return effectivePolicy(ws, chainOf(ws, file).chain);
}

const shipped = slaFiles(join(ROOT, 'policies'));
const HOLIDAYS = shipped.find((f) => f.uri.endsWith('cn-holidays-2026.sla')) as SourceFile;

/** A 09:00-18:00 Monday-to-Friday calendar on the real 2026 holiday table. */
const OFFICE = `group g "测试"
use cn-holidays-2026
calendar office "办公" {
  include cn-holidays-2026
  周一-周五 09:00-18:00
}
`;

describe('the 2026 holiday table (policies/calendars/cn-holidays-2026.sla)', () => {
  const policy = policyOf('g', [HOLIDAYS, { uri: 'g.sla', text: OFFICE }]);
  const office = businessCalendar(calendarSpec(policy, 'office'));
  const s = at('2026-09-30T17:00+08:00');

  it('lists the National Day holidays and their make-up days as the file says', () => {
    const spec = calendarSpec(policy, 'office');
    const holidays = spec.holidays.filter((h) => h.label === '国庆节').map((h) => dayText(h.day));
    expect(holidays).toEqual(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']);
    expect(spec.workdays.filter((w) => w.label === '国庆节调休上班').map((w) => dayText(w.day))).toEqual(['2026-09-20', '2026-10-10']);
    expect(spec.holidays).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(spec.workdays).toHaveLength(6);
  });

  it('8 service hours from 09-30 17:00: 1 h on 09-30, holidays to 10-07, 7 h on Thursday 10-08', () => {
    expect(sh(office.addServiceMinutes(s, 8 * 60))).toBe('2026-10-08T16:00+08:00');
  });

  it('20 service hours reach the make-up Saturday 10-10', () => {
    expect(sh(office.addServiceMinutes(s, 20 * 60))).toBe('2026-10-10T10:00+08:00');
  });

  it('counts working days 10-08, 10-09, the make-up Saturday 10-10, then Monday 10-12', () => {
    expect(sh(office.endOfNthWorkingDayAfter(s, 1))).toBe('2026-10-08T18:00+08:00');
    expect(sh(office.endOfNthWorkingDayAfter(s, 2))).toBe('2026-10-09T18:00+08:00');
    expect(sh(office.endOfNthWorkingDayAfter(s, 3))).toBe('2026-10-10T18:00+08:00');
    expect(sh(office.endOfNthWorkingDayAfter(s, 4))).toBe('2026-10-12T18:00+08:00');
    expect(office.workingDaysBetween(at('2026-09-30T18:00+08:00'), at('2026-10-12T18:00+08:00'))).toBe(4);
  });

  it('explains the skipped National Day holidays', () => {
    expect(office.skippedDays(s, office.addServiceMinutes(s, 8 * 60))).toEqual([{ from: day('2026-10-01'), to: day('2026-10-07'), kind: 'holiday', label: '国庆节' }]);
  });

  it('makes the Sunday 09-20 a working day and keeps Sunday 10-11 off', () => {
    expect(office.isWorkingDay(day('2026-09-20'))).toBe(true);
    expect(office.isWorkingDay(day('2026-10-11'))).toBe(false);
    expect(office.isWorkingDay(day('2026-10-07'))).toBe(false);
  });

  it('carries New Year and Spring Festival make-up days', () => {
    // 2025-12-31 is a Wednesday; 01-01..01-03 are off; Sunday 01-04 is worked.
    expect(sh(office.addServiceMinutes(at('2025-12-31T17:00+08:00'), 3 * 60))).toBe('2026-01-04T11:00+08:00');
    // Saturday 02-14 is worked; 02-15..02-23 are off.
    expect(sh(office.addServiceMinutes(at('2026-02-13T17:00+08:00'), 2 * 60))).toBe('2026-02-14T10:00+08:00');
    expect(sh(office.endOfNthWorkingDayAfter(at('2026-02-14T12:00+08:00'), 2))).toBe('2026-02-25T18:00+08:00');
  });
});

describe('calendarSpec', () => {
  const text = `group g "测试"
zone "Europe/Berlin"
calendar always 24x7
calendar tokyo 24x7
calendar a { include b  holiday 2026-05-01 "A" }
calendar b { include a  include c  workday 2026-05-09 "B" }
calendar c { holiday 2026-05-02..2026-05-03 "C"  holiday 2026-05-01 "C-again" }
calendar office {
  zone "Asia/Shanghai"
  include a
  周一-周五 08:30-12:00, 13:30-17:30
  sat 09:00-12:00
  mon-sun 20:00-21:00
}
calendar table { include c }
`;
  const child = `property p "项目" extends g
calendar tokyo { zone "Asia/Tokyo" }
`;
  const policy = policyOf('p', [
    { uri: 'g.sla', text },
    { uri: 'p.sla', text: child },
  ]);

  it('gives the always calendar in the policy zone for no name', () => {
    expect(calendarSpec(policy, undefined)).toMatchObject({ always: true, zone: 'Europe/Berlin' });
  });
  it('gives the always calendar for a 24x7 calendar, in its own zone if it has one', () => {
    expect(calendarSpec(policy, 'always')).toMatchObject({ always: true, zone: 'Europe/Berlin', name: 'always' });
    expect(calendarSpec(policy, 'tokyo')).toMatchObject({ always: true, zone: 'Asia/Tokyo' });
  });
  it('defaults to Asia/Shanghai without any zone', () => {
    const bare = policyOf('h', [{ uri: 'h.sla', text: 'group h "无时区"\ncalendar x { mon 09:00-10:00 }\n' }]);
    expect(calendarSpec(bare, 'x').zone).toBe('Asia/Shanghai');
    expect(calendarSpec(bare, undefined).zone).toBe('Asia/Shanghai');
  });
  it('reads weekly hours from every hours line and weekday spelling', () => {
    const spec = calendarSpec(policy, 'office');
    expect(spec.zone).toBe('Asia/Shanghai');
    expect(spec.weekly[0]).toEqual([[510, 720], [810, 1050], [1200, 1260]]);
    expect(spec.weekly[5]).toEqual([[540, 720], [1200, 1260]]);
    expect(spec.weekly[6]).toEqual([[1200, 1260]]);
  });
  it('collects holidays and make-up days through includes, following a cycle once', () => {
    const spec = calendarSpec(policy, 'office');
    expect(spec.holidays.map((h) => `${dayText(h.day)} ${h.label}`)).toEqual(['2026-05-01 A', '2026-05-02 C', '2026-05-03 C', '2026-05-01 C-again']);
    expect(spec.workdays.map((w) => `${dayText(w.day)} ${w.label}`)).toEqual(['2026-05-09 B']);
    // The first label listed for a date is the one shown.
    expect(businessCalendar(spec).skippedDays(at('2026-05-01T00:00+08:00'), at('2026-05-04T00:00+08:00'))).toEqual([
      { from: day('2026-05-01'), to: day('2026-05-01'), kind: 'holiday', label: 'A' },
      { from: day('2026-05-02'), to: day('2026-05-03'), kind: 'holiday', label: 'C' },
    ]);
  });
  it('makes a calendar without hours serve whole working days', () => {
    const table = businessCalendar(calendarSpec(policy, 'table'));
    expect(table.serviceMinutesBetween(at('2026-05-01T00:00+02:00'), at('2026-05-08T00:00+02:00'))).toBe(4 * 1440);
  });
  it('builds each calendar once per policy', () => {
    expect(calendarSpec(policy, 'office')).toBe(calendarSpec(policy, 'office'));
    expect(businessCalendar(calendarSpec(policy, 'office'))).toBe(businessCalendar(calendarSpec(policy, 'office')));
  });
  it('refuses a calendar the policy does not have', () => {
    expect(() => calendarSpec(policy, 'nope')).toThrow(/no calendar 'nope'/);
  });
});

describe('the shipped policies', () => {
  it('xinghe-tower replaces the service desk hours with office-tower hours kept every day, holidays included', () => {
    // 002《投诉处理及回访制度》之《客服中心值班制度》一“全天候值班”: the tower's desk is staffed
    // mon-fri 08:00-18:00 and sat-sun 09:00-17:00, with no holiday table.
    const policy = policyOf('xinghe-tower', shipped);
    const desk = businessCalendar(calendarSpec(policy, 'service_desk'));
    // Friday 17:30 + 1 h: 30 min on Friday (to 18:00), 30 min on Saturday from 09:00.
    expect(sh(desk.addServiceMinutes(at('2026-03-06T17:30+08:00'), 60))).toBe('2026-03-07T09:30+08:00');
    // National Day (a Thursday) is served like any weekday: 10 h; the Saturday after, 8 h.
    expect(desk.serviceMinutesBetween(at('2026-10-01T00:00+08:00'), at('2026-10-02T00:00+08:00'))).toBe(600);
    expect(desk.serviceMinutesBetween(at('2026-10-03T00:00+08:00'), at('2026-10-04T00:00+08:00'))).toBe(480);
  });
  it('the group service desk serves every day 08:00-20:00', () => {
    const policy = policyOf('huayu-group', shipped);
    const desk = businessCalendar(calendarSpec(policy, 'service_desk'));
    expect(desk.serviceMinutesBetween(at('2026-10-01T00:00+08:00'), at('2026-10-02T00:00+08:00'))).toBe(720);
    expect(calendarSpec(policy, 'always').always).toBe(true);
  });
});
