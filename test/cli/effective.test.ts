import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

const policies = fileURLToPath(new URL('../../policies', import.meta.url));

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'beacon-effective-'));
  cpSync(policies, join(dir, 'policies'), { recursive: true });
  return dir;
}

describe('beacon effective', () => {
  it('names the file and line that set each value: the property for what it fills, the group for the rest', async () => {
    const r = await run(workspace(), 'effective', '--policy', 'policies/properties/jinxiu-garden.sla', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { chain: string[]; values: { path: string; value: string; uri: string; line: number }[] };
    expect(out.chain).toEqual(['huayu-group', 'jinxiu-garden']);
    const at = (path: string) => out.values.find((v) => v.path === path);
    expect(at('param contact_within')).toMatchObject({ value: '30m', uri: 'policies/properties/jinxiu-garden.sla' });
    expect(at('param arrive_early')).toMatchObject({ value: '5m', uri: 'policies/group.sla' });
    expect(at('penalty blue')).toMatchObject({ value: '0.2 points', uri: 'policies/group.sla' });
    expect(at('calendar cn-holidays-2026 holiday')?.uri).toBe('policies/calendars/cn-holidays-2026.sla');
    for (const v of out.values) expect(v.line).toBeGreaterThan(0);
  });

  it('prints a readable list with file:line', async () => {
    const r = await run(workspace(), 'effective', '--policy', 'policies/properties/xinghe-tower.sla');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^xinghe-tower: huayu-group -> xinghe-tower/);
    expect(r.out).toMatch(/param contact_within\s+15m\s+\(policies\/properties\/xinghe-tower\.sla:\d+\)/);
  });

  it('exits 2 without a policy', async () => {
    const r = await run(workspace(), 'effective');
    expect(r.code).toBe(2);
  });
});
