import { describe, expect, it } from 'vitest';
import { run, tempTree } from './helpers.js';

const GROUP = `group acme "示例集团"
events { accepted, contacted }
categories { repair "维修" }
tiers { urgent "紧急" }
clock contact "联系" {
  start accepted
  stop contacted
  target 30m
}
`;

describe('beacon check', () => {
  describe('with a clean policy', () => {
    it('exits 0 and prints a summary', async () => {
      const dir = tempTree({ 'acme.sla': GROUP });
      const r = await run(dir, 'check', 'acme.sla');
      expect(r.code).toBe(0);
      expect(r.out).toContain('0 errors, 0 warnings in 1 file.');
    });
  });

  describe('with three independent mistakes on three lines', () => {
    const broken = GROUP.replace('start accepted', 'start acepted').replace('target 30m', 'target 5%').replace('tiers {', 'tiers { urgent "重复"');
    it('prints each as file:line:col: severity CODE with a code frame, and exits 1', async () => {
      const dir = tempTree({ 'acme.sla': broken });
      const r = await run(dir, 'check', '.');
      expect(r.code).toBe(1);
      const heads = r.out.split('\n').filter((l) => /^acme\.sla:\d+:\d+: /.test(l));
      expect(heads).toEqual([
        "acme.sla:4:21: error C202 'urgent' is already listed in tiers on line 4.",
        "acme.sla:6:9: error C201 Unknown event 'acepted'.",
        "acme.sla:8:10: error C301 The target of clock 'contact' needs a duration (15m, 2h, 3d) or working days (2 workdays), not a percentage (5%).",
      ]);
      expect(r.out).toContain(" > 6 |   start acepted\n     |         ^^^^^^^");
      expect(r.out).toContain("help: Did you mean 'accepted'?");
    });

    it('gives the same diagnostics as JSON with --json', async () => {
      const dir = tempTree({ 'acme.sla': broken });
      const r = await run(dir, 'check', '--json', 'acme.sla');
      expect(r.code).toBe(1);
      const json = JSON.parse(r.out) as { diagnostics: { code: string; uri: string; range: { start: { line: number; column: number } } }[] };
      expect(json.diagnostics.map((d) => [d.code, d.uri, d.range.start.line, d.range.start.column])).toEqual([
        ['C202', 'acme.sla', 4, 21],
        ['C201', 'acme.sla', 6, 9],
        ['C301', 'acme.sla', 8, 10],
      ]);
    });
  });

  describe('with a property whose group lives elsewhere', () => {
    const property = `property site "项目" extends acme\n`;
    it('reports the unknown parent when the group is not loaded', async () => {
      const dir = tempTree({ 'props/site.sla': property, 'lib/acme.sla': GROUP });
      const r = await run(dir, 'check', 'props');
      expect(r.code).toBe(1);
      expect(r.out).toContain('props/site.sla:1:28: error C203');
    });

    it('finds it through --with, and reports only the named files', async () => {
      const dir = tempTree({ 'props/site.sla': property, 'lib/acme.sla': GROUP.replace('target 30m', 'target 30m\n  target 1h') });
      const r = await run(dir, 'check', 'props', '--with', 'lib');
      expect(r.out).not.toContain('lib/acme.sla');
      expect(r.code).toBe(0);
    });

    it('finds it in ./policies without being told', async () => {
      const dir = tempTree({ 'site.sla': property, 'policies/acme.sla': GROUP });
      const r = await run(dir, 'check', 'site.sla');
      expect(r.code).toBe(0);
    });
  });

  describe('when called wrongly', () => {
    it('exits 2 naming a missing path', async () => {
      const r = await run(tempTree({}), 'check', 'nowhere');
      expect(r.code).toBe(2);
      expect(r.err).toContain('No such file or folder: nowhere');
    });

    it('exits 2 on an unknown option', async () => {
      const r = await run(tempTree({ 'a.sla': GROUP }), 'check', '--jsn', 'a.sla');
      expect(r.code).toBe(2);
      expect(r.err).toContain('Unknown option --jsn');
    });

    it('exits 2 with no paths', async () => {
      const r = await run(tempTree({}), 'check');
      expect(r.code).toBe(2);
    });
  });
});

describe('beacon check with -', () => {
  it('checks a policy read from standard input, named <stdin>', async () => {
    const { runWith } = await import('./helpers.js');
    const r = await runWith({ stdin: GROUP.replace('start accepted', 'start acepted') }, tempTree({}), 'check', '-');
    expect(r.code).toBe(1);
    expect(r.out).toContain("<stdin>:6:9: error C201 Unknown event 'acepted'.");
    expect(r.out).toContain('1 error, 0 warnings in 1 file.');
  });
});

describe('beacon check --max-errors', () => {
  const threeErrors = GROUP.replace('start accepted', 'start acepted').replace('target 30m', 'target 5%').replace('tiers {', 'tiers { urgent "重复"');

  it('prints the first N errors, says how many more there are, and still exits 1', async () => {
    const r = await run(tempTree({ 'acme.sla': threeErrors }), 'check', '--max-errors', '2', 'acme.sla');
    expect(r.code).toBe(1);
    expect(r.out.split('\n').filter((l) => /^acme\.sla:\d+:\d+: error/.test(l))).toHaveLength(2);
    expect(r.out).toContain('… and 1 more error (--max-errors)');
    expect(r.out).toContain('3 errors, 0 warnings in 1 file.');
  });

  it('counts the errors left out in the JSON', async () => {
    const r = await run(tempTree({ 'acme.sla': threeErrors }), 'check', '--json', '-m', '1', 'acme.sla');
    const json = JSON.parse(r.out);
    expect(json.diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toHaveLength(1);
    expect(json.omittedErrors).toBe(2);
  });

  it('wants a whole number of at least 1, exit 2', async () => {
    for (const bad of ['0', 'x', '1.5']) expect((await run(tempTree({ 'acme.sla': GROUP }), 'check', '--max-errors', bad, 'acme.sla')).code).toBe(2);
  });
});
