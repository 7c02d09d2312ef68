// `beacon holidays import <file.ics | file.csv | -> --name <library> [--label TEXT] [--zone ZONE]
// [--format ics|csv] [--out FILE]`: a holiday library from an ICS feed or a CSV year table.
// All or nothing: any wrong line is printed with its number and nothing is written.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { IANAZone } from 'luxon';
import { format, keywordWords } from '../../grammar/index.js';
import { parseArgs } from '../args.js';
import { LIMITS, libraryText, mergeDays, parseCsv, parseIcs, type TableProblem } from '../holiday-table.js';
import { stdinOf, textOf, UsageError, type Io } from '../io.js';

const LIBRARY_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

function formatOf(file: string, given: string | undefined, t: ReturnType<typeof textOf>): 'ics' | 'csv' {
  const chosen = given ?? ({ '.ics': 'ics', '.ical': 'ics', '.csv': 'csv' } as Record<string, string>)[extname(file).toLowerCase()];
  if (chosen !== 'ics' && chosen !== 'csv') throw new UsageError(t.holidaysFormat(given ?? file));
  return chosen;
}

async function readInput(io: Io, file: string): Promise<string | TableProblem> {
  if (file === '-') return stdinOf(io);
  const path = resolve(io.cwd, file);
  if (!existsSync(path)) throw new UsageError(textOf(io).noSuchFile(file));
  // Refuse before reading: a wrong file (a log, a dump) must not be loaded whole.
  if (statSync(path).size > LIMITS.bytes) return { line: 1, what: 'tooLarge', limit: LIMITS.bytes };
  return readFileSync(path, 'utf8');
}

export async function runHolidays(argv: readonly string[], io: Io): Promise<number> {
  const t = textOf(io);
  const [sub, ...rest] = argv;
  if (sub !== 'import') throw new UsageError(sub ? t.unknownSubcommand(sub) : t.holidaysSayWhat);
  const args = parseArgs(rest, { options: ['name', 'label', 'zone', 'format', 'out'], short: { n: 'name', o: 'out', f: 'format' } }, t);
  const one = (name: string): string | undefined => args.options.get(name)?.at(-1);
  const [file, ...extra] = args.positionals;
  if (!file || extra.length > 0) throw new UsageError(t.oneFile);
  const name = one('name');
  if (!name) throw new UsageError(t.holidaysNeedsName);
  if (!LIBRARY_ID.test(name) || name.length > 64 || keywordWords.includes(name)) throw new UsageError(t.holidaysBadName(name));
  const zone = one('zone') ?? 'Asia/Shanghai';
  if (!IANAZone.isValidZone(zone)) throw new UsageError(t.holidaysBadZone(zone));
  const kind = formatOf(file, one('format'), t);

  const input = await readInput(io, file);
  const shown = file === '-' ? '<stdin>' : file;
  const report = (problems: readonly TableProblem[]): number => {
    for (const p of [...problems].sort((a, b) => a.line - b.line)) io.err(`${shown}:${p.line}: ${t.holidaysProblem(p)}\n`);
    return 1;
  };
  if (typeof input !== 'string') return report([input]);
  const parsed = kind === 'ics' ? parseIcs(input, zone) : parseCsv(input);
  const merged = mergeDays(parsed.days);
  if (parsed.problems.length > 0 || merged.problems.length > 0) return report([...parsed.problems, ...merged.problems]);

  const years = [...new Set(merged.days.map((d) => d.date.slice(0, 4)))];
  const label = one('label') ?? `${years.join('、')}年节假日安排`;
  const source = file === '-' ? 'standard input' : basename(file);
  const formatted = format(libraryText(merged.days, { name, label, zone, source }));
  if (formatted.value === undefined) {
    // The text is built from checked dates and cleaned labels; a failure here is our bug.
    io.err(`beacon holidays: ${t.internalError(formatted.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ') || 'the formatter refused the library')}\n`);
    return 1;
  }
  const out = one('out');
  const holidays = merged.days.filter((d) => d.kind === 'holiday').length;
  if (out === undefined) {
    io.out(formatted.value);
  } else {
    const path = resolve(io.cwd, out);
    if (existsSync(path) && readFileSync(path, 'utf8') === formatted.value) {
      io.err(`${t.holidaysUnchanged(out)}\n`);
      return 0;
    }
    writeFileSync(path, formatted.value);
  }
  io.err(`${t.holidaysWrote(name, out ?? '<stdout>', holidays, merged.days.length - holidays, years.join(', '))}\n`);
  return 0;
}
