import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run, tempTree } from './helpers.js';

const bin = fileURLToPath(new URL('../../bin/beacon.mjs', import.meta.url));

describe('beacon', () => {
  it('prints usage and exits 2 without a command', async () => {
    const r = await run(tempTree({}));
    expect(r.code).toBe(2);
    expect(r.out).toContain('beacon check');
    expect(r.out).toContain('beacon fmt');
  });

  it('prints usage and exits 0 for --help', async () => {
    const r = await run(tempTree({}), '--help');
    expect(r.code).toBe(0);
  });

  it('exits 2 for an unknown command', async () => {
    const r = await run(tempTree({}), 'chek');
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown command 'chek'");
  });

  it('runs as an installed bin script with the exit code of the command', () => {
    const dir = tempTree({ 'bad.sla': 'group g "x"\nclock c { start }\n' });
    const r = spawnSync(process.execPath, [bin, 'check', 'bad.sla'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^bad\.sla:2:17: error P10\d /m);
  });
});
