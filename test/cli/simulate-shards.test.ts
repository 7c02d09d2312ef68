import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateTickets, sampleWindow } from '../../bench/sample/generate-tickets.js';
import { simulateShards } from '../../cli/simulate-shards.js';
import { checkSources, compile, simulate, type SourceFile } from '../../engine/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const sources: SourceFile[] = ['policies/group.sla', 'policies/calendars/cn-holidays-2026.sla', 'policies/properties/jinxiu-garden.sla', 'policies/properties/xinghe-tower.sla'].map((uri) => ({
  uri,
  text: readFileSync(join(root, uri), 'utf8'),
}));
const property = sources.find((s) => s.uri.endsWith('jinxiu-garden.sla')) as SourceFile;
const draft = [...sources.filter((s) => s !== property), { uri: 'draft.sla', text: `${property.text.replace(/^property jinxiu-garden /m, 'property jinxiu-draft ')}\nparam contact_within = 15m\n` }];
const window = sampleWindow({ from: '2026-01-01', months: 2 });
const tickets = [...generateTickets({ count: 3000, seed: 11, from: '2026-01-01', months: 2 })];
const dir = mkdtempSync(join(tmpdir(), 'beacon-shards-'));
const file = join(dir, 'tickets.ndjson');
const lines = tickets.map((t) => JSON.stringify(t));
lines.splice(10, 0, '{not json', '{"id":"bad"}');
writeFileSync(file, `${lines.join('\r\n')}\n`);
const job = { from: { sources, id: 'jinxiu-garden' }, to: { sources: draft, id: 'jinxiu-draft' }, file, at: window.end, examples: 5 };

function comparable(r: Awaited<ReturnType<typeof simulate>>) {
  return { tickets: r.tickets, counts: r.counts, byUnit: r.penaltiesByUnit, byCell: r.penaltiesByCell, changed: r.changed.count, skipped: r.skipped.count };
}

describe('simulateShards', () => {
  it('gives the same report on one, two or three workers as the engine in one thread', async () => {
    const from = compile(checkSources(sources).policies.get('jinxiu-garden')!).value!;
    const to = compile(checkSources(draft).policies.get('jinxiu-draft')!).value!;
    const direct = comparable(await simulate(from, to, tickets, window.end));
    for (const workers of [1, 2, 3]) {
      const sharded = await simulateShards(job, { workers });
      expect(comparable(sharded.report)).toEqual(direct);
    }
    expect(direct.changed).toBeGreaterThan(0);
  });

  it('reports bad lines with their line numbers in the file', async () => {
    const result = await simulateShards(job, { workers: 2 });
    expect(result.badCount).toBe(2);
    expect(result.badLines.map((b) => [b.line, b.errors[0]?.code])).toEqual([
      [11, 'E201'],
      [12, 'E201'],
    ]);
  });
});
