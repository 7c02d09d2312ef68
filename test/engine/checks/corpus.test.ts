// The diagnostic corpus: every file in ./cases is a small policy (or a few
// policies) whose leading comments state the exact errors and warnings the
// checker must report, by code and range. The format is in ./README.md.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkSources, checkText, type SourceFile } from '../../../engine/index.js';
import { catalogue, diagnosticCodes, type Diagnostic, type DiagnosticCode } from '../../../grammar/index.js';

const CASES_DIR = fileURLToPath(new URL('./cases/', import.meta.url));
const CASE_NAME = /^(C\d{3}|clean)-[a-z0-9]+(?:-[a-z0-9]+)*\.sla$/;
const EXPECT = /^\/\/\s*expect\b(.*)$/;
const EXPECT_DIAGNOSTIC = /^([A-Z]\d{3}) (\d+):(\d+)-(\d+):(\d+)$/;
const FILE_MARK = /^\/\/\s*file:\s*(\S+)\s*$/;

interface Expectation {
  code: DiagnosticCode;
  start: { line: number; column: number };
  end: { line: number; column: number };
}

interface Case {
  name: string;
  /** The prose of the leading comment (its lines other than expectations), used as the test's title. */
  title: string;
  files: SourceFile[];
  /** Which file each line of the case file belongs to (1-based lines). */
  uriOfLine: (line: number) => string | undefined;
  expectations: Expectation[];
  none: boolean;
}

function parseCase(name: string, text: string): Case {
  const lines = text.split(/\r?\n/);
  const marks: { uri: string; index: number }[] = [];
  lines.forEach((line, index) => {
    const m = FILE_MARK.exec(line);
    if (m) marks.push({ uri: m[1] as string, index });
  });

  // The leading block: comment and blank lines up to the first other line (or the first `// file:`).
  let leading = 0;
  while (leading < lines.length && !FILE_MARK.test(lines[leading] as string) && /^\s*(\/\/.*)?$/.test(lines[leading] as string)) leading++;
  if (marks.length > 0 && marks[0]?.index !== leading) throw new Error(`${name}: only comments may come before the first '// file:' line`);

  const expectations: Expectation[] = [];
  let none = false;
  const prose: string[] = [];
  lines.forEach((line, index) => {
    const m = EXPECT.exec(line.trim());
    if (!m) {
      if (index < leading && line.trim().startsWith('//')) prose.push(line.trim().replace(/^\/\/\s*/, ''));
      return;
    }
    if (index >= leading) throw new Error(`${name}:${index + 1}: '// expect' belongs in the leading comment block`);
    const body = (m[1] as string).trim();
    if (body === 'none') {
      none = true;
      return;
    }
    const d = EXPECT_DIAGNOSTIC.exec(body);
    if (!d) throw new Error(`${name}:${index + 1}: cannot read '${line.trim()}'; write '// expect C201 12:9-12:16' or '// expect none'`);
    if (!Object.hasOwn(catalogue, d[1] as string)) throw new Error(`${name}:${index + 1}: ${d[1]} is not in the catalogue`);
    expectations.push({
      code: d[1] as DiagnosticCode,
      start: { line: Number(d[2]), column: Number(d[3]) },
      end: { line: Number(d[4]), column: Number(d[5]) },
    });
  });
  if (none && expectations.length > 0) throw new Error(`${name}: '// expect none' cannot stand beside other expectations`);
  if (!none && expectations.length === 0) throw new Error(`${name}: no expectations; add '// expect …' lines or '// expect none'`);
  const title = prose.join(' ');

  if (marks.length === 0) {
    return { name, title, files: [{ uri: name, text }], uriOfLine: () => name, expectations, none };
  }
  // Each file keeps the line numbers it has in the case file: the lines of the
  // other files become blank lines, so expectations use the case file's numbers.
  const sections = marks.map((mark, k) => ({ uri: mark.uri, from: mark.index + 1, to: k + 1 < marks.length ? (marks[k + 1] as { index: number }).index : lines.length }));
  const files = sections.map((s) => ({ uri: s.uri, text: lines.map((line, i) => (i >= s.from && i < s.to ? line : '')).join('\n') }));
  const uriOfLine = (line: number) => sections.find((s) => line - 1 >= s.from && line - 1 < s.to)?.uri;
  return { name, title, files, uriOfLine, expectations, none };
}

/** One line per diagnostic, so a failure shows which are missing and which are extra. */
function key(uri: string | undefined, code: string, range: Pick<Expectation, 'start' | 'end'>): string {
  return `${uri} ${code} ${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;
}

/**
 * Errors and warnings, and the info diagnostics of codes the case names in its file
 * name or expectations (an info code is pinned like any other, where a case asks for it).
 */
function reported(files: readonly SourceFile[], infoCodes: ReadonlySet<string> = new Set()): Diagnostic[] {
  return checkSources(files).diagnostics.filter((d) => d.severity !== 'info' || infoCodes.has(d.code));
}

const caseNames = readdirSync(CASES_DIR)
  .filter((f) => f.endsWith('.sla'))
  .sort();
const cases = caseNames.map((name) => {
  try {
    return parseCase(name, readFileSync(CASES_DIR + name, 'utf8'));
  } catch (error) {
    return error as Error;
  }
});

describe('diagnostic corpus (test/engine/checks/cases)', () => {
  caseNames.forEach((name, i) => {
    const c = cases[i] as Case | Error;
    const title = c instanceof Error ? name : `${name.replace(/\.sla$/, '')}: ${c.title || 'reports exactly the expected diagnostics'}`;
    it(title, () => {
      if (c instanceof Error) throw c;
      const actual = reported(c.files, new Set([...c.expectations.map((e) => e.code), c.name.split('-')[0] as string]))
        .map((d) => key(d.uri, d.code, d.range))
        .sort();
      const expected = c.expectations.map((e) => key(c.uriOfLine(e.start.line), e.code, e)).sort();
      expect(actual).toEqual(expected);
    });
  });

  it('has a well-formed name for every case: <code>-<slug>.sla or clean-<slug>.sla', () => {
    expect(caseNames.filter((n) => !CASE_NAME.test(n))).toEqual([]);
  });

  it('expects the code a case is named for, and nothing in a clean case', () => {
    const wrong: string[] = [];
    caseNames.forEach((name, i) => {
      const c = cases[i];
      if (!c || c instanceof Error) return;
      const prefix = name.split('-')[0] as string;
      if (prefix === 'clean' ? !c.none : !c.expectations.some((e) => e.code === prefix)) wrong.push(name);
    });
    expect(wrong).toEqual([]);
  });

  it('pins every check code of the catalogue with at least one case', () => {
    const pinned = new Set(cases.flatMap((c) => (c instanceof Error ? [] : c.expectations.map((e) => e.code))));
    const checkCodes = diagnosticCodes.filter((code) => code.startsWith('C'));
    expect(checkCodes.filter((code) => !pinned.has(code))).toEqual([]);
  });
});

describe('did-you-mean help on unknown names', () => {
  // case file, then the suggestion its C201 (or C203) must offer.
  const suggestions: [string, string][] = [
    ['C201-unknown-event.sla', 'accepted'],
    ['C201-unknown-calendar.sla', 'office'],
    ['C201-unknown-role.sla', 'service_supervisor'],
    ['C201-unknown-clock-in-overdue.sla', 'resolve'],
    ['C201-unknown-parameter.sla', 'contact_within'],
    ['C201-unknown-ticket-field.sla', 'repeatCount'],
    ['C201-unknown-ticket-field-in-test.sla', 'priority'],
    ['C201-unknown-attribute-member.sla', 'complaint'],
  ];
  it.each(suggestions)('%s suggests %s', (name, suggestion) => {
    const c = parseCase(name, readFileSync(CASES_DIR + name, 'utf8'));
    const unknown = reported(c.files).filter((d) => d.code === 'C201');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]?.help).toContain(`'${suggestion}'`);
  });

  it('suggests the closest loaded policy id for an unknown parent', () => {
    const result = checkSources([
      { uri: 'group.sla', text: 'group huayu-group "集团"\n' },
      { uri: 'p.sla', text: 'property p "项目" extends huayu-grop\n' },
    ]);
    const [unknown] = result.diagnostics.filter((d) => d.code === 'C203');
    expect(unknown?.help).toContain("'huayu-group'");
  });
});

describe('checking one file with several mistakes', () => {
  it('reports three independent mistakes on three lines as three diagnostics, each with its own code and position, in one run', () => {
    const text = [
      'group g "测试"', //                                      1
      'events { accepted "接单", contacted "联系" }', //        2
      'calendar office { mon-fri 17:00-08:00 }', //             3: C307, interval runs backwards
      'clock contact {', //                                     4
      '  start acepted', //                                     5: C201, unknown event
      '  stop contacted', //                                    6
      '  calendar office', //                                   7
      '  target 95%', //                                        8: C301, a percentage is no target
      '}',
    ].join('\n');
    const found = checkText(text, 'three.sla')
      .diagnostics.filter((d) => d.severity !== 'info')
      .map((d) => ({ uri: d.uri, code: d.code, line: d.range.start.line, column: d.range.start.column }));
    expect(found).toEqual([
      { uri: 'three.sla', code: 'C307', line: 3, column: 27 },
      { uri: 'three.sla', code: 'C201', line: 5, column: 9 },
      { uri: 'three.sla', code: 'C301', line: 8, column: 10 },
    ]);
  });
});
