// Keeps docs/language.md true. Every ```sla``` block in it is run:
// - ```sla wrong C201``` must produce a C201 diagnostic;
// - ```sla right C201``` must produce no C201 and no error at all;
// - plain ```sla``` examples must parse cleanly and check without errors
//   (the only warning allowed is C601, a placeholder left for properties).
// A block holding several files separates them with `// file: <name>.sla`;
// the text before the first marker is the file `snippet.sla`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSources } from '../../engine/check.js';
import { CLOCK_STATES, FUNCTIONS, PARAM_TYPES, TICKET_FIELDS } from '../../engine/builtins.js';
import { catalogue, diagnosticCodes, keywordWords, parse, type Diagnostic, type DiagnosticCode } from '../../grammar/index.js';

const DOC_PATH = new URL('../../docs/language.md', import.meta.url);
const doc = readFileSync(DOC_PATH, 'utf8');

type Kind = 'example' | 'wrong' | 'right';

interface Snippet {
  kind: Kind;
  code?: DiagnosticCode;
  /** 1-based line of the opening fence in the doc, to find a failing block. */
  line: number;
  text: string;
}

interface SourceFile {
  uri: string;
  text: string;
}

const FENCE = /^```(.*)$/;

function extractSnippets(markdown: string): { snippets: Snippet[]; badInfo: string[] } {
  const lines = markdown.split('\n');
  const snippets: Snippet[] = [];
  const badInfo: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i] as string);
    if (!open) continue;
    const info = (open[1] as string).trim().split(/\s+/).filter(Boolean);
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !/^```\s*$/.test(lines[j] as string)) body.push(lines[j++] as string);
    const line = i + 1;
    i = j;
    if (info[0] !== 'sla') continue;
    const text = body.join('\n') + '\n';
    if (info.length === 1) {
      snippets.push({ kind: 'example', line, text });
    } else if (info.length === 3 && (info[1] === 'wrong' || info[1] === 'right') && (info[2] as string) in catalogue) {
      snippets.push({ kind: info[1], code: info[2] as DiagnosticCode, line, text });
    } else {
      badInfo.push(`line ${line}: \`\`\`${info.join(' ')}`);
    }
  }
  return { snippets, badInfo };
}

/** Splits a snippet into files at `// file: <name>.sla` lines. */
function splitFiles(text: string): SourceFile[] {
  const files: SourceFile[] = [];
  let uri = 'snippet.sla';
  let lines: string[] = [];
  const flush = () => {
    if (uri !== 'snippet.sla' || lines.some((l) => l.trim() !== '')) files.push({ uri, text: lines.join('\n') });
  };
  for (const line of text.split('\n')) {
    const marker = /^\/\/ file: (\S+\.sla)\s*$/.exec(line);
    if (marker) {
      flush();
      uri = marker[1] as string;
      lines = [];
    } else {
      lines.push(line);
    }
  }
  flush();
  return files;
}

function describeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  if (diagnostics.length === 0) return '(no diagnostics)';
  return diagnostics.map((d) => `${d.uri ?? ''}:${d.range.start.line}:${d.range.start.column} ${d.code} ${d.severity}: ${d.message}`).join('\n');
}

const HEADER = /^(group|branch|property|library)\s/;
const { snippets, badInfo } = extractSnippets(doc);
const examples = snippets.filter((s) => s.kind === 'example');
const wrong = snippets.filter((s) => s.kind === 'wrong');
const right = snippets.filter((s) => s.kind === 'right');
const label = (s: Snippet) => `${s.code ?? 'example'} at docs/language.md:${s.line}`;

describe('docs/language.md', () => {
  it('has only sla blocks the test understands (```sla, ```sla wrong CODE, ```sla right CODE)', () => {
    expect(badInfo).toEqual([]);
    expect(examples.length).toBeGreaterThan(20);
  });

  it('writes every snippet as complete files, each starting with a header line', () => {
    const problems: string[] = [];
    for (const s of snippets) {
      for (const file of splitFiles(s.text)) {
        if (!HEADER.test(file.text)) problems.push(`${label(s)}: ${file.uri} does not start with a header`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps the diagnostic snippets short (at most 15 lines of policy per file)', () => {
    const long = [...wrong, ...right].flatMap((s) =>
      splitFiles(s.text)
        .filter((f) => f.text.trimEnd().split('\n').length > 15)
        .map((f) => `${label(s)}: ${f.uri}`),
    );
    expect(long).toEqual([]);
  });

  describe('the Diagnostics section', () => {
    it.each(diagnosticCodes)('documents %s with its title, Chinese title, a wrong and a right snippet', (code) => {
      const entry = catalogue[code];
      expect(doc).toContain(`### ${code} · ${entry.title} · ${entry.zh}\n`);
      expect(wrong.filter((s) => s.code === code).length).toBeGreaterThan(0);
      expect(right.filter((s) => s.code === code).length).toBeGreaterThan(0);
    });

    it('documents no code that the catalogue lacks', () => {
      const headed = [...doc.matchAll(/^### ([PC]\d{3}) · /gm)].map((m) => m[1]);
      expect(headed.filter((c) => !(c as string in catalogue))).toEqual([]);
      expect(new Set(headed).size).toBe(headed.length);
    });
  });

  describe('wrong snippets', () => {
    it.each(wrong.map((s) => [label(s), s] as const))('%s produces its code', (_, s) => {
      const { diagnostics } = checkSources(splitFiles(s.text));
      expect(diagnostics.map((d) => d.code), describeDiagnostics(diagnostics)).toContain(s.code);
    });
  });

  describe('right snippets', () => {
    it.each(right.map((s) => [label(s), s] as const))('%s produces neither its code nor any error', (_, s) => {
      const { diagnostics } = checkSources(splitFiles(s.text));
      const bad = diagnostics.filter((d) => d.code === s.code || d.severity === 'error');
      expect(bad, describeDiagnostics(diagnostics)).toEqual([]);
    });
  });

  describe('construct examples', () => {
    it.each(examples.map((s) => [label(s), s] as const))('%s parses and checks cleanly', (_, s) => {
      const files = splitFiles(s.text);
      for (const file of files) {
        const parsed = parse(file.text);
        expect(parsed.diagnostics, `${file.uri}\n${describeDiagnostics(parsed.diagnostics)}`).toEqual([]);
      }
      const { diagnostics } = checkSources(files);
      const bad = diagnostics.filter((d) => d.code !== 'C601');
      expect(bad, describeDiagnostics(diagnostics)).toEqual([]);
    });
  });

  describe('the reference sections', () => {
    const section = (title: string): string => {
      const start = doc.indexOf(`\n## ${title}\n`);
      if (start < 0) return '';
      const next = doc.indexOf('\n## ', start + 1);
      return doc.slice(start, next < 0 ? undefined : next);
    };

    it('lists every reserved word', () => {
      const reserved = section('Reserved words');
      expect(reserved).not.toBe('');
      expect(keywordWords.filter((w) => !reserved.includes(`\`${w}\``))).toEqual([]);
    });

    it('names every parameter type, ticket field, function and clock state', () => {
      const mentioned = (word: string) => doc.includes(`\`${word}\``) || doc.includes(`\`${word}(`);
      const names = [...PARAM_TYPES, ...Object.keys(TICKET_FIELDS), ...Object.keys(FUNCTIONS), ...CLOCK_STATES];
      expect(names.filter((n) => !mentioned(n))).toEqual([]);
    });

    it('gives each function the arguments and result that the checker knows', () => {
      const conditions = section('Conditions');
      for (const [name, sig] of Object.entries(FUNCTIONS)) {
        const row = new RegExp(`^\\| \`${name}\\(([^)]*)\\)\` \\| (\\w+) \\|`, 'm').exec(conditions);
        expect(row, `a table row for ${name}()`).not.toBeNull();
        const args = (row?.[1] ?? '').split(',').filter((a) => a.trim() !== '');
        expect(args.length, `${name}() arguments`).toBe(sig.params.length);
        expect(row?.[2], `${name}() result`).toBe(sig.returns);
      }
    });
  });
});
