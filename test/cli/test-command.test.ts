import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run, tempTree } from './helpers.js';

const POLICIES = fileURLToPath(new URL('../../policies', import.meta.url));

/** A temp folder with a copy of the shipped policies as ./policies. */
function workspace(files: Record<string, string> = {}): string {
  const dir = tempTree(files);
  cpSync(POLICIES, join(dir, 'policies'), { recursive: true });
  return dir;
}

/** How many `test` blocks a file, or every .sla file under a folder, declares. */
function testBlocks(path: string): number {
  const files = path.endsWith('.sla') ? [path] : (readdirSync(path, { recursive: true }) as string[]).filter((f) => f.endsWith('.sla')).map((f) => join(path, f));
  return files.reduce((n, f) => n + (readFileSync(f, 'utf8').match(/^test "/gm)?.length ?? 0), 0);
}

/** Replaces the first occurrence of `from` in a file and returns the 1-based line it is on. */
function edit(file: string, from: string, to: string): number {
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf(from);
  if (at < 0) throw new Error(`'${from}' is not in ${file}`);
  writeFileSync(file, text.slice(0, at) + to + text.slice(at + from.length));
  return text.slice(0, at).split('\n').length;
}

/** The 1-based line of the `test "<name>"` header in a file. */
function testLine(file: string, name: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  return lines.findIndex((l) => l.startsWith(`test "${name}"`)) + 1;
}

describe('beacon test', () => {
  describe('on the shipped policies', () => {
    it('runs every test block under ./policies by default, prints each as ok and exits 0', async () => {
      const dir = workspace();
      const r = await run(dir, 'test');
      const total = testBlocks(join(dir, 'policies'));
      expect(total).toBeGreaterThan(0);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`\n${total} passed, 0 failed\n`);
      expect(r.out.match(/^ {2}ok {3}policies\//gm)).toHaveLength(total);
      expect(r.out).not.toContain('FAIL');
    });

    it('prints each passing test with its file:line and name', async () => {
      const dir = workspace();
      const r = await run(dir, 'test', 'policies');
      const file = join(dir, 'policies/group.sla');
      const name = '电梯困人：维保单位25分钟到场';
      expect(r.out).toContain(`  ok   policies/group.sla:${testLine(file, name)}  ${name}\n`);
    });

    it('runs only the tests written in a named file, loading its group from ./policies', async () => {
      const dir = workspace();
      const r = await run(dir, 'test', 'policies/properties/xinghe-tower.sla');
      const total = testBlocks(join(dir, 'policies/properties/xinghe-tower.sla'));
      expect(r.code).toBe(0);
      expect(r.out).toContain(`\n${total} passed, 0 failed\n`);
      expect(r.out).not.toContain('policies/group.sla');
      expect(r.out).not.toContain('jinxiu-garden.sla');
    });

    it('gives the outcomes as JSON with --json', async () => {
      const dir = workspace();
      const r = await run(dir, 'test', '--json', 'policies/properties/jinxiu-garden.sla');
      expect(r.code).toBe(0);
      const json = JSON.parse(r.out) as { outcomes: { name: string; uri: string; policy: string; passed: boolean; failures: unknown[] }[]; errors: unknown[] };
      expect(json.errors).toEqual([]);
      expect(json.outcomes).toHaveLength(testBlocks(join(dir, 'policies/properties/jinxiu-garden.sla')));
      for (const o of json.outcomes) expect(o).toMatchObject({ uri: 'policies/properties/jinxiu-garden.sla', policy: 'jinxiu-garden', passed: true, failures: [] });
    });
  });

  describe('with a deliberately wrong expectation in a copy', () => {
    it('reports the failing test and the expectation with file:line, expected and actual, and exits 1', async () => {
      const dir = workspace();
      const file = join(dir, 'policies/group.sla');
      const name = '超过处理时限恰好15日：红色预警，累计扣1.7分';
      const line = testLine(file, name);
      const expectLine = edit(file, 'expect penalty 1.7 points', 'expect penalty 1.5 points');
      const total = testBlocks(join(dir, 'policies'));
      const r = await run(dir, 'test', 'policies');
      expect(r.code).toBe(1);
      expect(r.out).toContain(`  FAIL policies/group.sla:${line}  ${name}\n`);
      expect(r.out).toContain(`policies/group.sla:${expectLine}:3: expected 1.5 points, got 1.7 points`);
      expect(r.out).toContain(`\n${total - 1} passed, 1 failed\n`);
    });

    it('explains a failing clock expectation with the clock reasons', async () => {
      const dir = workspace();
      const file = join(dir, 'policies/properties/xinghe-tower.sla');
      // The tower's desk is open at weekends (09:00-17:00): a Friday 17:30 dispatch has 30 min on
      // Friday (to 18:00) and 30 on Saturday, so review is due Saturday 09:30, 30 min left at 09:00.
      const expectLine = edit(file, 'expect review due 2026-03-07T09:30+08:00', 'expect review due 2026-03-07T09:00+08:00');
      const r = await run(dir, 'test', 'policies/properties/xinghe-tower.sla');
      expect(r.code).toBe(1);
      expect(r.out).toContain(`policies/properties/xinghe-tower.sla:${expectLine}:3: expected due 2026-03-07T09:00+08:00, got due 2026-03-07T09:30:00+08:00`);
      expect(r.out).toContain('· review: due 03-07 09:30, 30 min of service time left');
      expect(r.out).toMatch(/\n\d+ passed, 1 failed\n$/);
    });

    it('marks the failure in the JSON outcomes', async () => {
      const dir = workspace();
      const file = join(dir, 'policies/group.sla');
      const expectLine = edit(file, 'expect elevator_rescue met', 'expect elevator_rescue breached');
      const r = await run(dir, 'test', '--json', 'policies/group.sla');
      expect(r.code).toBe(1);
      const json = JSON.parse(r.out) as { outcomes: { name: string; passed: boolean; failures: { range: { start: { line: number } }; expected: string; actual: string }[] }[] };
      const failed = json.outcomes.filter((o) => !o.passed);
      expect(failed).toHaveLength(1);
      expect(failed[0]?.name).toBe('电梯困人：维保单位25分钟到场');
      expect(failed[0]?.failures).toEqual([expect.objectContaining({ expected: 'breached', actual: 'met', range: expect.objectContaining({ start: expect.objectContaining({ line: expectLine }) }) })]);
    });
  });

  describe('with a policy that does not check', () => {
    it('reports why its tests cannot run and exits 1', async () => {
      const dir = workspace();
      const file = join(dir, 'policies/properties/jinxiu-garden.sla');
      const line = edit(file, 'param contact_within = 30m', 'param contact_within = 30');
      const r = await run(dir, 'test', 'policies/properties/jinxiu-garden.sla');
      expect(r.code).toBe(1);
      expect(r.out).toMatch(new RegExp(`^policies/properties/jinxiu-garden\\.sla:${line}:\\d+: error E101 C301 Parameter 'contact_within' needs a duration`, 'm'));
      expect(r.out).toContain('\n0 passed, 0 failed\n');
    });
  });

  describe('when called wrongly', () => {
    it('exits 2 naming a path that does not exist', async () => {
      const r = await run(workspace(), 'test', 'policies/nowhere.sla');
      expect(r.code).toBe(2);
      expect(r.err).toContain('No such file or folder: policies/nowhere.sla');
    });

    it('exits 2 for an unknown option', async () => {
      const r = await run(workspace(), 'test', '--verbose');
      expect(r.code).toBe(2);
      expect(r.err).toContain('Unknown option --verbose');
    });
  });
});

describe('beacon test --run', () => {
  it('runs only the tests whose name matches the pattern', async () => {
    const r = await run(workspace(), 'test', '--run', '紧急工程报修');
    expect(r.code).toBe(0);
    const ran = r.out.split('\n').filter((l) => /^ {2}(ok|FAIL) /.test(l));
    expect(ran.length).toBeGreaterThan(0);
    for (const l of ran) expect(l).toContain('紧急工程报修');
    const all = await run(workspace(), 'test');
    expect(all.out.split('\n').filter((l) => /^ {2}(ok|FAIL) /.test(l)).length).toBeGreaterThan(ran.length);
  });

  it('exits 1 saying so when no test matches, and 2 for a pattern that is not a regular expression', async () => {
    const none = await run(workspace(), 'test', '-r', 'no test is called this');
    expect(none.code).toBe(1);
    expect(none.err).toContain("no test name matches --run 'no test is called this'");
    const bad = await run(workspace(), 'test', '--run', '(');
    expect(bad.code).toBe(2);
  });
});
