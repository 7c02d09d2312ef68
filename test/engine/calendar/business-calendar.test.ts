import { describe, expect, it } from 'vitest';
import { businessCalendar, createBusinessCalendar, alwaysSpec } from '../../../engine/calendar/index.js';
import { at, dates, day, show, spec, weekly } from './helpers.js';

const SH = 'Asia/Shanghai';
const sh = (ms: number) => show(ms, SH);
const office = createBusinessCalendar(spec(SH, weekly('mon-fri 09:00-12:00, 13:00-18:00')));

describe('serviceMinutesBetween', () => {
  it('counts only service hours, skipping the lunch break', () => {
    expect(office.serviceMinutesBetween(at('2026-03-02T08:00+08:00'), at('2026-03-02T14:00+08:00'))).toBe(240);
  });
  it('skips the weekend', () => {
    expect(office.serviceMinutesBetween(at('2026-03-06T17:00+08:00'), at('2026-03-09T10:00+08:00'))).toBe(120);
  });
  it('is 0 for an empty or backwards span', () => {
    const t = at('2026-03-02T10:00+08:00');
    expect(office.serviceMinutesBetween(t, t)).toBe(0);
    expect(office.serviceMinutesBetween(t, t - 3_600_000)).toBe(0);
  });
  it('counts fractions of a minute', () => {
    const t = at('2026-03-02T10:00+08:00');
    expect(office.serviceMinutesBetween(t, t + 30_000)).toBe(0.5);
  });
});

describe('addServiceMinutes', () => {
  it('returns the start itself for 0 minutes, even outside service hours', () => {
    const sunday = at('2026-03-08T03:00+08:00');
    expect(office.addServiceMinutes(sunday, 0)).toBe(sunday);
  });
  it('starts counting at the next service interval', () => {
    expect(sh(office.addServiceMinutes(at('2026-03-07T10:00+08:00'), 30))).toBe('2026-03-09T09:30+08:00');
  });
  it('lands on the end of an interval, not the start of the next, when the minutes run out there', () => {
    expect(sh(office.addServiceMinutes(at('2026-03-02T11:00+08:00'), 60))).toBe('2026-03-02T12:00+08:00');
    expect(sh(office.addServiceMinutes(at('2026-03-06T17:00+08:00'), 60))).toBe('2026-03-06T18:00+08:00');
  });
  it('crosses the lunch break and the weekend', () => {
    // Friday 11:30-12:00 and 13:00-18:00 is 330 minutes; 150 more on Monday.
    expect(sh(office.addServiceMinutes(at('2026-03-06T11:30+08:00'), 8 * 60))).toBe('2026-03-09T11:30+08:00');
  });
  it('rejects negative or non-finite minutes', () => {
    expect(() => office.addServiceMinutes(0, -1)).toThrow(RangeError);
    expect(() => office.addServiceMinutes(0, Number.NaN)).toThrow(RangeError);
  });
  it('agrees with serviceMinutesBetween over a long span and across years', () => {
    const s = at('2026-12-30T10:00+08:00');
    const t = office.addServiceMinutes(s, 100_000);
    expect(office.serviceMinutesBetween(s, t)).toBe(100_000);
    expect(sh(t).slice(0, 4)).toBe('2027');
  });
  it('builds years on demand in both directions', () => {
    const cal = createBusinessCalendar(spec(SH, weekly('mon-fri 09:00-18:00')));
    expect(sh(cal.addServiceMinutes(at('2026-06-05T17:00+08:00'), 120))).toBe('2026-06-08T10:00+08:00');
    expect(sh(cal.addServiceMinutes(at('1999-12-31T17:00+08:00'), 120))).toBe('2000-01-03T10:00+08:00');
    expect(sh(cal.addServiceMinutes(at('2100-01-01T17:00+08:00'), 120))).toBe('2100-01-04T10:00+08:00');
    expect(cal.serviceMinutesBetween(at('2025-01-06T00:00+08:00'), at('2025-01-13T00:00+08:00'))).toBe(5 * 540);
  });
  it('answers for a stray far-off instant without building the centuries between', () => {
    const cal = createBusinessCalendar(spec('Europe/Berlin', weekly('mon-fri 09:00-18:00')));
    const started = performance.now();
    expect(show(cal.addServiceMinutes(at('2026-06-05T17:00+02:00'), 120), 'Europe/Berlin')).toBe('2026-06-08T10:00+02:00');
    // 2999-01-04 is a Friday.
    expect(show(cal.addServiceMinutes(at('2999-01-04T17:00+01:00'), 120), 'Europe/Berlin')).toBe('2999-01-07T10:00+01:00');
    expect(show(cal.endOfNthWorkingDayAfter(at('2026-06-05T17:00+02:00'), 1), 'Europe/Berlin')).toBe('2026-06-08T18:00+02:00');
    // Year by year, 2026 to 2999 would take many seconds.
    expect(performance.now() - started).toBeLessThan(1500);
  });
});

describe('intervals ending at 24:00', () => {
  const night = createBusinessCalendar(spec(SH, weekly('mon-fri 00:00-06:00, 22:00-24:00')));
  it('run on into the next day’s interval', () => {
    expect(sh(night.addServiceMinutes(at('2026-03-02T23:00+08:00'), 120))).toBe('2026-03-03T01:00+08:00');
    expect(night.serviceMinutesBetween(at('2026-03-02T21:00+08:00'), at('2026-03-03T07:00+08:00'))).toBe(480);
  });
  it('end the working day at the next midnight', () => {
    expect(sh(night.endOfNthWorkingDayAfter(at('2026-03-01T12:00+08:00'), 1))).toBe('2026-03-03T00:00+08:00');
  });
  it('show as the date’s own intervals', () => {
    expect(night.serviceIntervalsOn(day('2026-03-02')).map((s) => [sh(s.start), sh(s.end)])).toEqual([
      ['2026-03-02T00:00+08:00', '2026-03-02T06:00+08:00'],
      ['2026-03-02T22:00+08:00', '2026-03-03T00:00+08:00'],
    ]);
  });
});

describe('holidays and make-up days', () => {
  const cal = createBusinessCalendar(
    spec(SH, weekly('mon 08:00-12:00', 'tue-fri 09:00-18:00', 'sat 09:00-11:00'), {
      holidays: [...dates('2026-10-01..2026-10-07', '国庆节'), ...dates('2026-10-12', '盘点')],
      workdays: [...dates('2026-10-10', '国庆节调休上班'), ...dates('2026-09-20', '国庆节调休上班')],
    }),
  );
  it('a make-up Saturday is a working day and works Monday’s hours', () => {
    expect(cal.isWorkingDay(day('2026-10-10'))).toBe(true);
    expect(cal.dayKind(day('2026-10-10'))).toBe('makeup');
    expect(cal.serviceIntervalsOn(day('2026-10-10')).map((s) => [sh(s.start), sh(s.end)])).toEqual([['2026-10-10T08:00+08:00', '2026-10-10T12:00+08:00']]);
  });
  it('an ordinary Saturday keeps its own hours but is not a working day', () => {
    expect(cal.isWorkingDay(day('2026-10-17'))).toBe(false);
    expect(cal.serviceMinutesBetween(at('2026-10-17T00:00+08:00'), at('2026-10-18T00:00+08:00'))).toBe(120);
  });
  it('a holiday serves nothing, whatever its weekday', () => {
    expect(cal.serviceIntervalsOn(day('2026-10-01'))).toEqual([]);
    expect(cal.serviceMinutesBetween(at('2026-10-01T00:00+08:00'), at('2026-10-08T00:00+08:00'))).toBe(0);
  });
  it('counts working days past holidays, make-up days and weekends', () => {
    const s = at('2026-09-30T10:00+08:00');
    expect(sh(cal.endOfNthWorkingDayAfter(s, 1))).toBe('2026-10-08T18:00+08:00');
    expect(sh(cal.endOfNthWorkingDayAfter(s, 3))).toBe('2026-10-10T12:00+08:00');
    // 10-11 is Sunday and 10-12 a holiday.
    expect(sh(cal.endOfNthWorkingDayAfter(s, 4))).toBe('2026-10-13T18:00+08:00');
  });
  it('groups skipped days into runs of one kind and label', () => {
    const runs = cal.skippedDays(at('2026-09-30T10:00+08:00'), at('2026-10-14T10:00+08:00'));
    expect(runs).toEqual([
      { from: day('2026-10-01'), to: day('2026-10-07'), kind: 'holiday', label: '国庆节' },
      { from: day('2026-10-11'), to: day('2026-10-11'), kind: 'weekend' },
      { from: day('2026-10-12'), to: day('2026-10-12'), kind: 'holiday', label: '盘点' },
    ]);
  });
  it('a date listed as an unlabelled holiday and a labelled make-up day is a holiday without the make-up day\'s label', () => {
    const both = createBusinessCalendar(
      spec(SH, weekly('mon-fri 09:00-18:00'), { holidays: dates('2026-10-09'), workdays: dates('2026-10-09', '国庆节调休上班') }),
    );
    expect(both.dayKind(day('2026-10-09'))).toBe('holiday');
    expect(both.skippedDays(at('2026-10-09T00:00+08:00'), at('2026-10-10T00:00+08:00'), 'holiday')).toEqual([{ from: day('2026-10-09'), to: day('2026-10-09'), kind: 'holiday' }]);
  });
});

describe('make-up day hours when Monday has none', () => {
  it('come from the first of Tuesday to Friday that has some', () => {
    const cal = createBusinessCalendar(spec(SH, weekly('wed-fri 10:00-16:00'), { workdays: dates('2026-03-07') }));
    expect(cal.serviceIntervalsOn(day('2026-03-07')).map((s) => [sh(s.start), sh(s.end)])).toEqual([['2026-03-07T10:00+08:00', '2026-03-07T16:00+08:00']]);
  });
  it('are the date’s own when no weekday has any', () => {
    const cal = createBusinessCalendar(spec(SH, weekly('sat 10:00-12:00'), { workdays: dates('2026-03-07') }));
    expect(cal.serviceMinutesBetween(at('2026-03-07T00:00+08:00'), at('2026-03-08T00:00+08:00'))).toBe(120);
  });
});

describe('a calendar with no weekly hours (a holiday table)', () => {
  const table = createBusinessCalendar(spec(SH, weekly(), { holidays: dates('2026-10-01..2026-10-07', '国庆节'), workdays: dates('2026-10-10') }));
  it('serves whole working days', () => {
    // 09-30, 10-08, 10-09 and the make-up Saturday 10-10.
    expect(table.serviceMinutesBetween(at('2026-09-30T00:00+08:00'), at('2026-10-12T00:00+08:00'))).toBe(4 * 1440);
  });
  it('ends a working day at the next local midnight', () => {
    expect(sh(table.endOfNthWorkingDayAfter(at('2026-09-30T12:00+08:00'), 3))).toBe('2026-10-11T00:00+08:00');
  });
});

describe('a working day without hours', () => {
  const cal = createBusinessCalendar(spec(SH, weekly('mon-wed 09:00-18:00')));
  it('still counts as a working day and ends when the next date starts', () => {
    expect(cal.isWorkingDay(day('2026-03-05'))).toBe(true);
    expect(sh(cal.endOfNthWorkingDayAfter(at('2026-03-04T10:00+08:00'), 1))).toBe('2026-03-06T00:00+08:00');
    expect(sh(cal.endOfNthWorkingDayAfter(at('2026-03-04T10:00+08:00'), 3))).toBe('2026-03-09T18:00+08:00');
  });
});

describe('endOfNthWorkingDayAfter and workingDaysBetween', () => {
  it('never counts the start date; from a Saturday the first working day is Monday', () => {
    expect(sh(office.endOfNthWorkingDayAfter(at('2026-03-07T10:00+08:00'), 1))).toBe('2026-03-09T18:00+08:00');
    expect(sh(office.endOfNthWorkingDayAfter(at('2026-03-02T08:00+08:00'), 1))).toBe('2026-03-03T18:00+08:00');
    expect(sh(office.endOfNthWorkingDayAfter(at('2026-03-06T17:00+08:00'), 2))).toBe('2026-03-10T18:00+08:00');
  });
  it('returns the start for 0 and rejects fractions or negatives', () => {
    expect(office.endOfNthWorkingDayAfter(123, 0)).toBe(123);
    expect(() => office.endOfNthWorkingDayAfter(0, 1.5)).toThrow(RangeError);
    expect(() => office.endOfNthWorkingDayAfter(0, -1)).toThrow(RangeError);
  });
  it('counts working days after the start date that have ended', () => {
    const due = at('2026-03-02T18:00+08:00');
    expect(office.workingDaysBetween(due, at('2026-03-03T17:59+08:00'))).toBe(0);
    expect(office.workingDaysBetween(due, at('2026-03-03T18:00+08:00'))).toBe(1);
    expect(office.workingDaysBetween(due, at('2026-03-09T18:00+08:00'))).toBe(5);
    expect(office.workingDaysBetween(due, due - 1)).toBe(0);
  });
  it('is the inverse of endOfNthWorkingDayAfter', () => {
    const s = at('2026-03-04T11:00+08:00');
    for (let n = 1; n <= 12; n++) {
      const end = office.endOfNthWorkingDayAfter(s, n);
      expect(office.workingDaysBetween(s, end)).toBe(n);
      expect(office.workingDaysBetween(s, end - 1)).toBe(n - 1);
    }
  });
});

describe('a 24x7 calendar', () => {
  const always = createBusinessCalendar(alwaysSpec(SH, 'always'));
  it('is plain arithmetic', () => {
    const s = at('2026-10-01T10:00+08:00');
    expect(always.addServiceMinutes(s, 90)).toBe(s + 90 * 60_000);
    expect(always.serviceMinutesBetween(s, s + 3_600_000)).toBe(60);
    expect(always.serviceMinutesBetween(s, s - 1)).toBe(0);
    expect(always.skippedDays(s, s + 10 * 86_400_000)).toEqual([]);
  });
  it('still knows local dates in its zone', () => {
    expect(always.localDay(at('2026-10-01T23:30+08:00'))).toBe(day('2026-10-01'));
    expect(always.localDay(at('2026-10-01T16:30Z'))).toBe(day('2026-10-02'));
    expect(sh(always.instantOf(day('2026-10-01'), 17 * 60))).toBe('2026-10-01T17:00+08:00');
    expect(always.serviceIntervalsOn(day('2026-10-01')).map((s) => [sh(s.start), sh(s.end)])).toEqual([['2026-10-01T00:00+08:00', '2026-10-02T00:00+08:00']]);
  });
  it('throws a clear error on working-day questions', () => {
    expect(() => always.endOfNthWorkingDayAfter(0, 1)).toThrow(/24x7.*C302/);
    expect(() => always.workingDaysBetween(0, 1)).toThrow(/24x7/);
    expect(() => always.isWorkingDay(0)).toThrow(/'always' is 24x7/);
  });
});

describe('businessCalendar', () => {
  it('builds a spec once, and equal specs share one calendar', () => {
    const a = spec(SH, weekly('mon-fri 09:00-18:00'), { name: 'office' });
    const b = spec(SH, weekly('mon-fri 09:00-18:00'), { name: 'office' });
    expect(businessCalendar(a)).toBe(businessCalendar(a));
    expect(businessCalendar(b)).toBe(businessCalendar(a));
    expect(businessCalendar({ ...b, zone: 'UTC' })).not.toBe(businessCalendar(a));
  });
  it('rejects invalid hours and zones', () => {
    expect(() => createBusinessCalendar(spec(SH, [[[600, 540]], [], [], [], [], [], []]))).toThrow(RangeError);
    expect(() => createBusinessCalendar(spec('Mars/Olympus', weekly('mon 09:00-10:00')))).toThrow(/IANA/);
  });
});
