// What the browser is sent: the built UI must not carry the Node-side libraries the engine
// can load (json-rules-engine runs only the `beacon compile` export), and nothing in it may
// compile code at run time, which the UI's CSP (no unsafe-eval) would refuse.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureUiBuilt, UI_DIST } from '../../admin-ui/build.js';

const assets = join(UI_DIST, 'assets');
let scripts: { name: string; text: string }[] = [];

beforeAll(async () => {
  expect(await ensureUiBuilt(() => {})).not.toBe('unavailable');
  scripts = readdirSync(assets)
    .filter((name) => name.endsWith('.js'))
    .map((name) => ({ name, text: readFileSync(join(assets, name), 'utf8') }));
}, 120_000);

describe('the admin UI bundle', () => {
  it('has scripts to look at', () => {
    expect(scripts.length).toBeGreaterThan(0);
  });

  it('carries none of json-rules-engine', () => {
    // Almanac is json-rules-engine's fact store; its name survives minification as a class name and in messages.
    const carrying = scripts.filter((s) => /json-rules-engine|Almanac|allowUndefinedFacts/.test(s.text)).map((s) => s.name);
    expect(carrying).toEqual([]);
  });

  it("carries no Ajv compiler (the engine's ticket check is precompiled)", () => {
    // Ajv's code generator names its compiled functions "validate" through this helper's
    // message; its presence means a schema would be compiled in the browser.
    const carrying = scripts.filter((s) => /strictSchema|schema is invalid: /.test(s.text)).map((s) => s.name);
    expect(carrying).toEqual([]);
  });
});

describe('ECharts in the bundle (issue 12)', () => {
  // ECharts marks the element it draws in with this attribute; the name survives minification.
  const ECHARTS = '_echarts_instance_';
  /** The entry script index.html loads and every script it imports statically: what the first page runs. */
  function firstLoad(): string[] {
    const index = readFileSync(join(UI_DIST, 'index.html'), 'utf8');
    const entry = /<script[^>]+src="\/assets\/([^"]+\.js)"/.exec(index)?.[1];
    expect(entry).toBeDefined();
    const seen = new Set<string>();
    const queue = [entry!];
    while (queue.length > 0) {
      const name = queue.pop()!;
      if (seen.has(name)) continue;
      seen.add(name);
      const text = readFileSync(join(assets, name), 'utf8');
      // Static imports only: `import"./x.js"` and `from"./x.js"`, never `import("./x.js")`.
      for (const m of text.matchAll(/(?:\bimport|\bfrom)\s*["']\.\/([^"']+\.js)["']/g)) queue.push(m[1]!);
    }
    return [...seen];
  }

  it('is bundled from the package, in scripts of its own', () => {
    expect(scripts.filter((s) => s.text.includes(ECHARTS)).length).toBeGreaterThan(0);
  });

  it('is not in what the sign-in and properties pages load: only the scores page imports it, on demand', () => {
    const first = firstLoad();
    expect(first.length).toBeGreaterThan(0);
    expect(scripts.filter((s) => first.includes(s.name) && s.text.includes(ECHARTS)).map((s) => s.name)).toEqual([]);
  });

  it('is loaded from this server, never a CDN', () => {
    const remote = scripts.filter((s) => /import\(\s*["']https?:/.test(s.text) || /cdn\.jsdelivr|unpkg\.com|cdnjs/.test(s.text)).map((s) => s.name);
    expect(remote).toEqual([]);
  });
});
