// beacon holidays import: a holiday library from an ICS feed or a CSV year table. The
// feeds are written here in the shapes the common Chinese holiday calendars publish:
// one all-day event per day off ("元旦 假期 第1天/共3天") and a timed event per make-up
// day ("元旦 补班 第1天/共1天"), or "春节(休)" / "春节(班)".
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../../engine/index.js';
import { run, runWith, tempTree } from '../helpers.js';

/** 国务院办公厅关于2026年部分节假日安排的通知, typed from the notice. */
const NOTICE_2026: { name: string; off: [string, number]; work: string[] }[] = [
  { name: '元旦', off: ['2026-01-01', 3], work: ['2026-01-04'] },
  { name: '春节', off: ['2026-02-15', 9], work: ['2026-02-14', '2026-02-28'] },
  { name: '清明节', off: ['2026-04-04', 3], work: [] },
  { name: '劳动节', off: ['2026-05-01', 5], work: ['2026-05-09'] },
  { name: '端午节', off: ['2026-06-19', 3], work: [] },
  { name: '中秋节', off: ['2026-09-25', 3], work: [] },
  { name: '国庆节', off: ['2026-10-01', 7], work: ['2026-09-20', '2026-10-10'] },
];

const compact = (date: string) => date.replace(/-/g, '');
const plusDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** A feed shaped like lanceliao/china-holiday-calender: CRLF lines, a folded DESCRIPTION, a VALARM. */
function feed2026(): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'X-WR-TIMEZONE:Asia/Shanghai'];
  for (const f of NOTICE_2026) {
    for (let i = 0; i < f.off[1]; i++) {
      const day = plusDays(f.off[0], i);
      lines.push('BEGIN:VEVENT', `DTSTART;VALUE=DATE:${compact(day)}`, `DTEND;VALUE=DATE:${compact(plusDays(day, 1))}`, `UID:${compact(day)}-off`);
      lines.push(`DESCRIPTION:${f.name}放假调休安排，详见国务院办公厅通知。这一行很长，按 RFC 5545 折`, ' 行继续。');
      lines.push(`SUMMARY:${f.name} 假期 第${i + 1}天/共${f.off[1]}天`, 'END:VEVENT');
    }
    f.work.forEach((day, i) => {
      // The alarm comes first and has a summary of its own, which must not be taken for the event's.
      lines.push('BEGIN:VEVENT', `DTSTART:${compact(day)}T090000`, `DTEND:${compact(day)}T180000`);
      lines.push('BEGIN:VALARM', 'TRIGGER:-PT60M', 'ACTION:DISPLAY', 'SUMMARY:明天上班，今晚早点休息', 'END:VALARM');
      lines.push(`SUMMARY:${f.name} 补班 第${i + 1}天/共${f.work.length}天`, 'END:VEVENT');
    });
  }
  lines.push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
}

/** The holiday and workday lines of a library, labels included, in date order. */
function dayLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^(holiday|workday) /.test(l))
    .sort((a, b) => a.split(' ')[1]!.localeCompare(b.split(' ')[1]!));
}

describe('beacon holidays import', () => {
  describe('from an ICS feed', () => {
    it('writes the same days and labels as the shipped 2026 table', async () => {
      const dir = tempTree({ 'cn.ics': feed2026() });
      const r = await run(dir, 'holidays', 'import', 'cn.ics', '--name', 'cn-holidays-2026');
      expect(r.code).toBe(0);
      const shipped = readFileSync(new URL('../../../policies/calendars/cn-holidays-2026.sla', import.meta.url), 'utf8');
      expect(dayLines(r.out)).toEqual(dayLines(shipped));
      expect(r.out).toContain('library cn-holidays-2026 "2026年节假日安排"');
      // 3 + 9 + 3 + 5 + 3 + 3 + 7 days off; 1 + 2 + 1 + 2 make-up days.
      expect(r.err).toContain('33 holidays and 6 make-up working days in 2026');
    });

    it('writes a library that checks clean and is already formatted', async () => {
      const dir = tempTree({ 'cn.ics': feed2026() });
      const r = await run(dir, 'holidays', 'import', 'cn.ics', '--name', 'cn-holidays-2026', '--out', 'cn-holidays-2026.sla');
      expect(r.code).toBe(0);
      const text = readFileSync(join(dir, 'cn-holidays-2026.sla'), 'utf8');
      expect(checkText(text, 'cn-holidays-2026.sla').diagnostics).toEqual([]);
      expect((await run(dir, 'fmt', '--check', 'cn-holidays-2026.sla')).code).toBe(0);
    });

    it('reads (休) and (班) summaries, CATEGORIES, and a UTC start in the zone', async () => {
      const ics = [
        'BEGIN:VCALENDAR',
        'BEGIN:VEVENT',
        'DTSTART;VALUE=DATE:20270206',
        'DTEND;VALUE=DATE:20270209',
        'SUMMARY:春节(休)',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'DTSTART;VALUE=DATE:20270214',
        'SUMMARY:春节(班)',
        'END:VEVENT',
        'BEGIN:VEVENT',
        // 16:00 UTC on 05-01 is 00:00 on 05-02 in Shanghai.
        'DTSTART:20270501T160000Z',
        'DURATION:P2D',
        'CATEGORIES:holiday',
        'SUMMARY:劳动节',
        'END:VEVENT',
        'END:VCALENDAR',
      ].join('\n');
      const r = await run(tempTree({ 'x.ics': ics }), 'holidays', 'import', 'x.ics', '--name', 'x-2027');
      expect(r.code).toBe(0);
      expect(dayLines(r.out)).toEqual(['holiday 2027-02-06..2027-02-08 "春节"', 'workday 2027-02-14 "春节调休上班"', 'holiday 2027-05-02..2027-05-03 "劳动节"']);
    });

    it('refuses an event that says neither holiday nor working day, naming its line, and writes nothing', async () => {
      const ics = ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270115', 'SUMMARY:腊八节', 'END:VEVENT', 'END:VCALENDAR'].join('\n');
      const dir = tempTree({ 'x.ics': ics });
      const r = await run(dir, 'holidays', 'import', 'x.ics', '--name', 'x-2027', '--out', 'x.sla');
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/^x\.ics:4: cannot tell holiday from make-up working day in '腊八节'/m);
      expect(existsSync(join(dir, 'x.sla'))).toBe(false);
    });

    it('refuses an event longer than a year and one without END:VEVENT', async () => {
      const ics = ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270101', 'DTEND;VALUE=DATE:20290101', 'SUMMARY:元旦 假期', 'END:VEVENT', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270102', 'SUMMARY:元旦 假期'].join('\n');
      const r = await run(tempTree({ 'x.ics': ics }), 'holidays', 'import', 'x.ics', '--name', 'x-2027');
      expect(r.code).toBe(1);
      expect(r.err).toContain('x.ics:3: this event lasts 731 days');
      expect(r.err).toContain('x.ics:7: this event has no END:VEVENT');
      expect(r.out).toBe('');
    });
  });

  describe('from a CSV year table', () => {
    const CSV = 'date,kind,label\n2027-01-01,holiday,元旦\n2027-01-02,休,元旦\n"2027-01-03",holiday,"元旦"\n\n# 调休\n2027-01-10,班,"元旦调休上班, 周日"\n';

    it('joins consecutive days of one label into a range and keeps quoted labels', async () => {
      const r = await run(tempTree({ 'y.csv': CSV }), 'holidays', 'import', 'y.csv', '--name', 'y-2027', '--label', '2027年测试表');
      expect(r.code).toBe(0);
      expect(dayLines(r.out)).toEqual(['holiday 2027-01-01..2027-01-03 "元旦"', 'workday 2027-01-10 "元旦调休上班, 周日"']);
      expect(r.out).toContain('library y-2027 "2027年测试表"');
    });

    it('is idempotent: a second import into the same file changes nothing', async () => {
      const dir = tempTree({ 'y.csv': CSV });
      expect((await run(dir, 'holidays', 'import', 'y.csv', '-n', 'y-2027', '-o', 'y.sla')).code).toBe(0);
      const first = readFileSync(join(dir, 'y.sla'), 'utf8');
      const again = await run(dir, 'holidays', 'import', 'y.csv', '-n', 'y-2027', '-o', 'y.sla');
      expect(again.code).toBe(0);
      expect(again.err).toContain('y.sla: unchanged.');
      expect(readFileSync(join(dir, 'y.sla'), 'utf8')).toBe(first);
    });

    it('reports every wrong line with its number: bad date, unknown kind, year out of range, a date of both kinds', async () => {
      const csv = '2027-01-01,holiday\n2027-02-30,holiday\n2027-01-05,vacation\n2201-01-01,holiday\n2027-01-01,workday\njust one field\n';
      const r = await run(tempTree({ 'z.csv': csv }), 'holidays', 'import', 'z.csv', '--name', 'z');
      expect(r.code).toBe(1);
      expect(r.err.split('\n').filter(Boolean).map((l) => l.split(' ')[0])).toEqual(['z.csv:2:', 'z.csv:3:', 'z.csv:4:', 'z.csv:5:', 'z.csv:6:']);
      const both = await run(tempTree({ 'b.csv': '2027-01-01,holiday\n2027-01-01,workday\n' }), 'holidays', 'import', 'b.csv', '--name', 'b');
      expect(both.code).toBe(1);
      expect(both.err).toContain('b.csv:2: 2027-01-01 is both a holiday and a make-up working day (also on line 1)');
    });

    it('refuses more than 10,000 entries and files over 4 MiB', async () => {
      const many = Array.from({ length: 10_001 }, (_, i) => `${plusDays('1980-01-01', i)},holiday`).join('\n');
      const r = await run(tempTree({ 'm.csv': many }), 'holidays', 'import', 'm.csv', '--name', 'm');
      expect(r.code).toBe(1);
      expect(r.err).toContain('m.csv:10001: more than 10,000 entries');
      const dir = tempTree({});
      writeFileSync(join(dir, 'big.csv'), `2027-01-01,holiday,${'x'.repeat(4 * 1024 * 1024)}\n`);
      const big = await run(dir, 'holidays', 'import', 'big.csv', '--name', 'big');
      expect(big.code).toBe(1);
      expect(big.err).toContain('big.csv:1: the input is larger than 4 MiB');
    });

    it('reads standard input when told the format', async () => {
      const r = await runWith({ stdin: CSV }, tempTree({}), 'holidays', 'import', '-', '--format', 'csv', '--name', 'y-2027');
      expect(r.code).toBe(0);
      expect(dayLines(r.out)).toHaveLength(2);
    });
  });

  describe('usage', () => {
    it('answers wrong usage with exit code 2', async () => {
      const dir = tempTree({ 'y.csv': '2027-01-01,holiday\n' });
      expect((await run(dir, 'holidays')).code).toBe(2);
      expect((await run(dir, 'holidays', 'export', 'y.csv')).code).toBe(2);
      expect((await run(dir, 'holidays', 'import', 'y.csv')).code).toBe(2);
      expect((await run(dir, 'holidays', 'import', 'y.csv', '--name', 'Bad Name')).code).toBe(2);
      // A keyword cannot name a library.
      expect((await run(dir, 'holidays', 'import', 'y.csv', '--name', 'calendar')).code).toBe(2);
      expect((await run(dir, 'holidays', 'import', 'y.csv', '--name', 'y', '--zone', 'Mars/Base')).code).toBe(2);
      expect((await run(dir, 'holidays', 'import', 'y.txt', '--name', 'y')).code).toBe(2);
      expect((await runWith({ stdin: '' }, dir, 'holidays', 'import', '-', '--name', 'y')).code).toBe(2);
    });

    it('prints its help, and its messages in Chinese under --lang zh-CN', async () => {
      const help = await run(tempTree({}), 'holidays', '--help');
      expect(help.code).toBe(0);
      expect(help.out).toContain('beacon holidays import');
      const zh = await runWith({ lang: 'zh' }, tempTree({ 'z.csv': '2027-13-01,holiday\n' }), 'holidays', 'import', 'z.csv', '--name', 'z');
      expect(zh.code).toBe(1);
      expect(zh.err).toContain("z.csv:1: '2027-13-01' 不是日期");
    });
  });
});
