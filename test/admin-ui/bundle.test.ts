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
