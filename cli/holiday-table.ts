// Reading a year's holiday table from an ICS feed or a CSV, and writing it as a `.sla`
// holiday library. Pure functions of the text, so `beacon holidays import` is testable
// in-process and idempotent: the same input always gives the same bytes (dates sorted,
// consecutive days joined, nothing time-dependent written).
//
// ICS: every VEVENT with a DTSTART (a DATE, or a DATE-TIME whose local date counts) and
// an optional DTEND (exclusive, as RFC 5545 says) or DURATION in days or weeks. Holiday
// or make-up working day comes from CATEGORIES (holiday/workday, 休/班) or else from the
// SUMMARY as the common Chinese feeds write it: "元旦 假期 第1天/共3天" and
// "元旦 补班 第1天/共1天" (lanceliao/china-holiday-calender), "元旦(休)" and "元旦(班)"
// (feeds built from NateScarlet/holiday-cn). An event that says neither is an error, so a
// traditional festival in a mixed feed (腊八节) never becomes a day off by accident.
// CSV: `date,kind[,label]`, kind holiday/workday (or 休/班), an optional header line.
import { DateTime } from 'luxon';

export type DayKind = 'holiday' | 'workday';

export interface TableDay {
  /** yyyy-mm-dd */
  date: string;
  kind: DayKind;
  label?: string;
  /** 1-based line of the input that gave it. */
  line: number;
}

export type TableProblem =
  | { line: number; what: 'tooLarge'; limit: number }
  | { line: number; what: 'tooMany'; limit: number }
  | { line: number; what: 'badDate'; text: string }
  | { line: number; what: 'yearOutOfRange'; text: string }
  | { line: number; what: 'rangeTooLong'; days: number }
  | { line: number; what: 'unknownKind'; text: string }
  | { line: number; what: 'noStart' }
  | { line: number; what: 'unclosedEvent' }
  | { line: number; what: 'badCsvLine'; text: string }
  | { line: number; what: 'bothKinds'; date: string; other: number }
  | { line: number; what: 'empty' };

export const LIMITS = { bytes: 4 * 1024 * 1024, entries: 10_000, daysPerEvent: 366, firstYear: 1970, lastYear: 2200 } as const;

const WORKDAY = /补班|调休上班|上班|[（(]\s*班\s*[）)]|(^|\s)班$|^workday$|^work ?day$|make-?up/i;
const HOLIDAY = /假期|放假|假日|休息|[（(]\s*休\s*[）)]|(^|\s)休$|^holiday$|^day ?off$/i;

function kindOf(text: string): DayKind | undefined {
  const t = text.trim();
  if (WORKDAY.test(t)) return 'workday';
  if (HOLIDAY.test(t)) return 'holiday';
  return undefined;
}

/** The festival's name alone: "元旦 假期 第1天/共3天" -> "元旦", "春节(班)" -> "春节". */
export function festivalName(summary: string): string {
  return summary
    .replace(/\s*第\s*\d+\s*天\s*\/\s*共\s*\d+\s*天\s*$/, '')
    .replace(/\s*[（(]\s*[休班]\s*[）)]\s*$/, '')
    .replace(/\s*(假期|放假|假日|补班|调休上班|上班|休息|休|班)\s*$/, '')
    .trim();
}

/** Labels go into a .sla string: no quotes, backslashes or control characters, at most 60 characters. */
function cleanLabel(text: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f"\\]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 60);
  return clean === '' ? undefined : clean;
}

function labelFor(kind: DayKind, name: string | undefined): string | undefined {
  if (!name) return undefined;
  return kind === 'workday' ? `${name}调休上班` : name;
}

function dateOk(date: string, line: number, problems: TableProblem[]): boolean {
  const d = DateTime.fromISO(date, { zone: 'UTC' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !d.isValid) {
    problems.push({ line, what: 'badDate', text: date });
    return false;
  }
  if (d.year < LIMITS.firstYear || d.year > LIMITS.lastYear) {
    problems.push({ line, what: 'yearOutOfRange', text: date });
    return false;
  }
  return true;
}

function addDays(date: string, n: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days: n }).toISODate() as string;
}

function daysBetween(a: string, b: string): number {
  return Math.round(DateTime.fromISO(b, { zone: 'UTC' }).diff(DateTime.fromISO(a, { zone: 'UTC' }), 'days').days);
}

/** Physical lines of the input joined where RFC 5545 folds them, each with its first line number. */
function unfold(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  text.split(/\r\n|\n|\r/).forEach((raw, i) => {
    const last = out[out.length - 1];
    if (last && (raw.startsWith(' ') || raw.startsWith('\t'))) last.text += raw.slice(1);
    else out.push({ line: i + 1, text: raw });
  });
  return out;
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? ' ' : c));
}

/** A DTSTART/DTEND value as a local date: a DATE as written; a UTC DATE-TIME read in `zone`. */
function icsDate(value: string, zone: string): { date: string; timed: boolean; midnight: boolean } | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(value.trim());
  if (!m) return undefined;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  if (m[4] === undefined) return { date, timed: false, midnight: true };
  if (m[7] !== 'Z') return { date, timed: true, midnight: `${m[4]}${m[5]}${m[6]}` === '000000' };
  const local = DateTime.fromISO(`${date}T${m[4]}:${m[5]}:${m[6]}Z`).setZone(zone);
  return local.isValid ? { date: local.toISODate() as string, timed: true, midnight: local.toFormat('HHmmss') === '000000' } : undefined;
}

interface IcsEvent {
  line: number;
  props: Map<string, { line: number; value: string }>;
}

export function parseIcs(text: string, zone: string): { days: TableDay[]; problems: TableProblem[] } {
  const problems: TableProblem[] = [];
  if (text.length > LIMITS.bytes) return { days: [], problems: [{ line: 1, what: 'tooLarge', limit: LIMITS.bytes }] };
  const events: IcsEvent[] = [];
  let current: IcsEvent | undefined;
  /** Components inside the event (VALARM): their properties are not the event's. */
  let nested = 0;
  for (const { line, text: l } of unfold(text)) {
    const colon = l.indexOf(':');
    if (colon < 0) continue;
    const name = l.slice(0, colon).split(';')[0] ?? '';
    const key = name.toUpperCase();
    const value = l.slice(colon + 1);
    const component = value.trim().toUpperCase();
    if (key === 'BEGIN' && component === 'VEVENT') {
      if (events.length >= LIMITS.entries) return { days: [], problems: [{ line, what: 'tooMany', limit: LIMITS.entries }] };
      current = { line, props: new Map() };
      nested = 0;
    } else if (key === 'END' && component === 'VEVENT' && current) {
      events.push(current);
      current = undefined;
    } else if (current && key === 'BEGIN') nested++;
    else if (current && key === 'END') nested = Math.max(0, nested - 1);
    else if (current && nested === 0 && !current.props.has(key)) current.props.set(key, { line, value });
  }
  if (current) problems.push({ line: current.line, what: 'unclosedEvent' });
  const days: TableDay[] = [];
  for (const ev of events) {
    const start = ev.props.get('DTSTART');
    if (!start) {
      problems.push({ line: ev.line, what: 'noStart' });
      continue;
    }
    const from = icsDate(start.value, zone);
    if (!from) {
      problems.push({ line: start.line, what: 'badDate', text: start.value.trim() });
      continue;
    }
    if (!dateOk(from.date, start.line, problems)) continue;
    let count = 1;
    const end = ev.props.get('DTEND');
    const duration = ev.props.get('DURATION');
    if (end) {
      const to = icsDate(end.value, zone);
      if (!to || !dateOk(to.date, end.line, problems)) {
        if (!to) problems.push({ line: end.line, what: 'badDate', text: end.value.trim() });
        continue;
      }
      // An all-day DTEND is the first day after the event; a timed event covers the dates it
      // touches, and an end at midnight touches nothing of the date it names.
      count = Math.max(1, daysBetween(from.date, to.date) + (to.midnight ? 0 : 1));
    } else if (duration) {
      const m = /^P(?:(\d+)W|(\d+)D)$/i.exec(duration.value.trim());
      if (m) count = Math.max(1, m[1] !== undefined ? Number(m[1]) * 7 : Number(m[2]));
    }
    if (count > LIMITS.daysPerEvent) {
      problems.push({ line: start.line, what: 'rangeTooLong', days: count });
      continue;
    }
    const summary = unescapeText(ev.props.get('SUMMARY')?.value ?? '');
    const categories = unescapeText(ev.props.get('CATEGORIES')?.value ?? '')
      .split(',')
      .map((c) => kindOf(c))
      .find((k) => k !== undefined);
    const kind = categories ?? kindOf(summary);
    if (!kind) {
      problems.push({ line: (ev.props.get('SUMMARY') ?? start).line, what: 'unknownKind', text: summary });
      continue;
    }
    const label = labelFor(kind, cleanLabel(festivalName(summary)));
    for (let i = 0; i < count; i++) days.push(label === undefined ? { date: addDays(from.date, i), kind, line: start.line } : { date: addDays(from.date, i), kind, label, line: start.line });
    if (days.length > LIMITS.entries * 2) return { days: [], problems: [{ line: start.line, what: 'tooMany', limit: LIMITS.entries }] };
  }
  if (events.length === 0 && problems.length === 0) problems.push({ line: 1, what: 'empty' });
  return { days, problems };
}

/** Splits one CSV line, with "quoted, fields" and "" for a quote inside them. */
function csvFields(line: string): string[] | undefined {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) return undefined;
        if (line[i] === '"' && line[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else field += line[i++];
      }
    } else {
      while (i < line.length && line[i] !== ',') field += line[i++];
    }
    fields.push(field.trim());
    if (i >= line.length) return fields;
    if (line[i] !== ',') return undefined;
    i++;
  }
}

export function parseCsv(text: string): { days: TableDay[]; problems: TableProblem[] } {
  const problems: TableProblem[] = [];
  if (text.length > LIMITS.bytes) return { days: [], problems: [{ line: 1, what: 'tooLarge', limit: LIMITS.bytes }] };
  const days: TableDay[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const raw = (lines[i] as string).trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const fields = csvFields(raw);
    if (!fields || fields.length < 2 || fields.length > 3) {
      problems.push({ line, what: 'badCsvLine', text: raw.slice(0, 80) });
      continue;
    }
    const [date = '', kindText = '', label = ''] = fields;
    if (days.length === 0 && problems.length === 0 && /^date$/i.test(date)) continue; // a header
    if (!dateOk(date, line, problems)) continue;
    const kind = kindOf(kindText) ?? (/^(holiday|休|假)$/i.test(kindText) ? 'holiday' : /^(workday|班)$/i.test(kindText) ? 'workday' : undefined);
    if (!kind) {
      problems.push({ line, what: 'unknownKind', text: kindText });
      continue;
    }
    if (days.length >= LIMITS.entries) return { days: [], problems: [{ line, what: 'tooMany', limit: LIMITS.entries }] };
    const clean = cleanLabel(label);
    days.push(clean === undefined ? { date, kind, line } : { date, kind, label: clean, line });
  }
  if (days.length === 0 && problems.length === 0) problems.push({ line: 1, what: 'empty' });
  return { days, problems };
}

/** One entry per date (the first line that gave it), sorted; a date that is both kinds is a problem. */
export function mergeDays(days: readonly TableDay[]): { days: TableDay[]; problems: TableProblem[] } {
  const byDate = new Map<string, TableDay>();
  const problems: TableProblem[] = [];
  for (const d of days) {
    const seen = byDate.get(d.date);
    if (!seen) byDate.set(d.date, d);
    else if (seen.kind !== d.kind) problems.push({ line: d.line, what: 'bothKinds', date: d.date, other: seen.line });
  }
  return { days: [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date)), problems };
}

export interface LibraryOptions {
  name: string;
  label: string;
  zone: string;
  /** What the table was read from, for the header comment. */
  source: string;
}

/** The library text, before formatting: consecutive days of one kind and label as one range. */
export function libraryText(days: readonly TableDay[], options: LibraryOptions): string {
  const lines: string[] = [];
  for (let i = 0; i < days.length; ) {
    const first = days[i] as TableDay;
    let j = i;
    while (j + 1 < days.length) {
      const next = days[j + 1] as TableDay;
      if (next.kind !== first.kind || next.label !== first.label || next.date !== addDays((days[j] as TableDay).date, 1)) break;
      j++;
    }
    const last = days[j] as TableDay;
    const range = first.date === last.date ? first.date : `${first.date}..${last.date}`;
    lines.push(`  ${first.kind} ${range}${first.label === undefined ? '' : ` "${first.label}"`}`);
    i = j + 1;
  }
  const years = [...new Set(days.map((d) => d.date.slice(0, 4)))].join(', ');
  const holidays = days.filter((d) => d.kind === 'holiday').length;
  const label = cleanLabel(options.label) ?? options.name;
  return [
    `// ${label}`,
    '//',
    `// 由 \`beacon holidays import\` 从 ${cleanLabel(options.source) ?? '标准输入'} 生成：${years} 年共 ${holidays} 个放假日、${days.length - holidays} 个调休上班日。`,
    '// 提交前请逐日对照国务院办公厅当年《关于部分节假日安排的通知》，并在此注明文号与发布日期。',
    `library ${options.name} "${label}"`,
    '',
    `calendar ${options.name} "${label}" {`,
    `  zone "${options.zone}"`,
    '',
    ...lines,
    '}',
    '',
  ].join('\n');
}
