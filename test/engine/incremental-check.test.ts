// checkSources with incrementalParsing gives checkSources' own answers, edit after
// edit, and does not re-parse the files an edit left alone.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkSources, incrementalParsing, type SourceFile } from '../../engine/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function slaFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? slaFiles(join(dir, e.name)) : e.name.endsWith('.sla') ? [join(dir, e.name)] : [],
  );
}

const shipped: SourceFile[] = slaFiles(join(ROOT, 'policies')).map((path) => ({ uri: relative(ROOT, path), text: readFileSync(path, 'utf8') }));
const GROUP = 'policies/group.sla';

function withGroup(edit: (text: string) => string): SourceFile[] {
  return shipped.map((s) => (s.uri === GROUP ? { uri: s.uri, text: edit(s.text) } : s));
}

describe('incrementalParsing', () => {
  it('gives the same diagnostics as a fresh check, through a series of edits', () => {
    const parse = incrementalParsing();
    const stopAt = (text: string): number => text.indexOf('stop contacted');
    expect(stopAt(shipped.find((s) => s.uri === GROUP)?.text ?? '')).toBeGreaterThan(0);
    const series: SourceFile[][] = [
      shipped,
      // An unknown event (a check error), then a missing brace (a syntax error), then back.
      withGroup((t) => `${t.slice(0, stopAt(t))}stop contacte${t.slice(stopAt(t) + 'stop contacted'.length)}`),
      withGroup((t) => `${t.slice(0, stopAt(t))}stop contacted }${t.slice(stopAt(t) + 'stop contacted'.length)}`),
      withGroup((t) => `// a line more\n${t}`),
      shipped,
    ];
    let errorsSeen = 0;
    for (const sources of series) {
      const fresh = checkSources(sources).diagnostics;
      expect(JSON.stringify(checkSources(sources, { parse }).diagnostics)).toBe(JSON.stringify(fresh));
      errorsSeen += fresh.filter((d) => d.severity === 'error').length;
    }
    expect(errorsSeen).toBeGreaterThan(1);
  });

  it('does not re-parse a file whose text did not change', () => {
    const parse = incrementalParsing();
    const first = checkSources(shipped, { parse });
    const second = checkSources(withGroup((t) => `${t}\n// edited\n`), { parse });
    const property = (r: typeof first) => r.workspace.files.find((f) => f.uri.includes('properties/'));
    expect(property(second)?.module.declarations[0]).toBe(property(first)?.module.declarations[0]);
  });
});
