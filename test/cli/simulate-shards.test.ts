import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateTickets, sampleWindow } from '../../bench/sample/generate-tickets.js';
import { simulateShards } from '../../cli/simulate-shards.js';
import { checkSources, compile, simulate, type SimulationReport, type SourceFile, type Ticket } from '../../engine/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Every calendar library the group uses (cn-holidays-2025, cn-holidays-2026), read from the folder.
const calendars = readdirSync(join(root, 'policies/calendars'))
  .filter((name) => name.endsWith('.sla'))
  .sort()
  .map((name) => `policies/calendars/${name}`);
const sources: SourceFile[] = ['policies/group.sla', ...calendars, 'policies/properties/jinxiu-garden.sla', 'policies/properties/xinghe-tower.sla'].map((uri) => ({
  uri,
  text: readFileSync(join(root, uri), 'utf8'),
}));
const property = sources.find((s) => s.uri.endsWith('jinxiu-garden.sla')) as SourceFile;
const draft = [...sources.filter((s) => s !== property), { uri: 'draft.sla', text: `${property.text.replace(/^property jinxiu-garden /m, 'property jinxiu-draft ')}\nparam contact_within = 15m\n` }];
const from = compile(checkSources(sources).policies.get('jinxiu-garden')!).value!;
const to = compile(checkSources(draft).policies.get('jinxiu-draft')!).value!;
const window = sampleWindow({ from: '2026-01-01', months: 2 });
const dir = mkdtempSync(join(tmpdir(), 'beacon-shards-'));
let files = 0;

/** Python's json.dumps defaults: ", " and ": " between items, non-ASCII as \u escapes. */
function pythonStyle(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonStyle).join(', ')}]`;
  if (value !== null && typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${pythonStyle(k)}: ${pythonStyle(v)}`).join(', ')}}`;
  if (typeof value === 'string') return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return JSON.stringify(value);
}

function write(lines: string[], lineEnd = '\n'): string {
  const file = join(dir, `tickets-${files++}.ndjson`);
  writeFileSync(file, `${lines.join(lineEnd)}${lineEnd}`);
  return file;
}

const job = (file: string, examples = 5) => ({ from: { sources, id: 'jinxiu-garden' }, to: { sources: draft, id: 'jinxiu-draft' }, file, at: window.end, examples });

describe('simulateShards', () => {
  // Every 97th ticket names a category no policy knows, so that some are skipped.
  const tickets = [...generateTickets({ count: 1500, seed: 11, from: '2026-01-01', months: 2 })].map((t, i) => (i % 97 === 5 ? { ...t, category: 'no_such_category' } : t));

  it('gives the report of the engine in one thread for 1, 2 and 4 workers, whether the JSON is compact or Python-spaced', async () => {
    const direct = await simulate(from, to, tickets, window.end, { examples: 5 });
    expect(direct.changed.count).toBeGreaterThan(0);
    expect(direct.skipped.count).toBeGreaterThan(0); 
    const compact = write(tickets.map((t) => JSON.stringify(t)));
    const spaced = write(tickets.map(pythonStyle), '\r\n');
    expect(readFileSync(spaced, 'utf8')).toContain('"property": "');
    for (const file of [compact, spaced]) {
      for (const workers of [1, 2, 4]) {
        const sharded = await simulateShards(job(file), { workers, segmentBytes: 16 << 10 });
        expect({ file, workers, report: sharded.report }).toEqual({ file, workers, report: direct });
      }
    }
  }, 300_000);

  it('reports bad lines with their line numbers in the file', async () => {
    const lines = tickets.slice(0, 40).map((t) => JSON.stringify(t));
    lines.splice(10, 0, '{not json', '{"id":"bad"}');
    lines.splice(30, 0, '', '[]');
    const result = await simulateShards(job(write(lines, '\r\n')), { workers: 2, segmentBytes: 2 << 10 });
    expect(result.badCount).toBe(3);
    expect(result.badLines.map((b) => [b.line, b.errors[0]?.code])).toEqual([
      [11, 'E201'],
      [12, 'E201'],
      [32, 'E201'],
    ]);
    expect(result.report.tickets).toBe(40);
  });

  it('reads histories in other scripts as it reads ASCII ones', async () => {
    const named = tickets.slice(0, 200).map((t) => ({ ...t, id: `工单-${t.id}`, household: '3号楼-1201' }));
    const direct = await simulate(from, to, named, window.end, { examples: 5 });
    expect(JSON.stringify(direct)).toContain('工单-');
    const file = write(named.map((t) => JSON.stringify(t)));
    for (const workers of [1, 2]) {
      const sharded = await simulateShards(job(file), { workers, segmentBytes: 4 << 10 });
      expect({ workers, report: sharded.report }).toEqual({ workers, report: direct });
    }
  });

  it('takes a byte order mark off the first line of the file only, for any number of workers', async () => {
    const lines = tickets.slice(0, 30).map((t) => JSON.stringify(t));
    const plain = await simulateShards(job(write(lines)), { workers: 1 });
    expect(plain.badCount).toBe(0);
    for (const workers of [1, 2, 3]) {
      const marked = await simulateShards(job(write([`\uFEFF${lines[0]}`, ...lines.slice(1)])), { workers, segmentBytes: 2 << 10 });
      expect({ workers, report: marked.report, bad: marked.badCount }).toEqual({ workers, report: plain.report, bad: 0 });
      // A mark inside the file is no part of JSON: that line is reported wherever it falls.
      const inside = await simulateShards(job(write([...lines.slice(0, 12), `\uFEFF${lines[12]}`, ...lines.slice(13)])), { workers, segmentBytes: 2 << 10 });
      expect({ workers, bad: inside.badLines.map((b) => b.line) }).toEqual({ workers, bad: [13] });
    }
  });

  it('fails with the reason when a policy cannot be compiled, and leaves no worker behind', async () => {
    const broken = { ...job(write([JSON.stringify(tickets[0])])), to: { sources: draft, id: 'no-such-policy' } };
    await expect(simulateShards(broken, { workers: 2 })).rejects.toThrow(/no policy no-such-policy/);
  });

  it('keeps the tickets of a household together when its repeat case looks across issueKeys', async () => {
    // share() counts by issueKey, but a repeat is any earlier report of the household: sharded
    // by issueKey, a household's reports would be counted on different workers.
    const text = `group desk "测试集团"
zone "Asia/Shanghai"
categories { c "c" }
tiers { t "t" }
events { received "受理", resolved "处理完成" }
clock resolve { start received stop resolved target 1d }
repeats { case household within 30d }
warning blue { when repeatCount >= 1 or share(issueKey, 7d, 100) >= 50% }
`;
    const desk = [{ uri: 'desk.sla', text }];
    const policy = compile(checkSources(desk).policies.get('desk')!).value!;
    const some: Ticket[] = Array.from({ length: 400 }, (_, i) => {
      const at = new Date(Date.UTC(2026, 0, 1) + i * 3 * 3_600_000).toISOString();
      const ticket: Ticket = { id: `H-${i}`, property: 'p', unit: 'p/u', category: 'c', priority: 't', household: `h${i % 23}`, createdAt: at, events: [{ type: 'received', at }] };
      return i % 3 === 0 ? ticket : { ...ticket, issueKey: `k${i % 17}` };
    });
    const direct = await simulate(policy, policy, some, '2026-03-01T00:00:00Z', { examples: 3 });
    expect(direct.counts.from.warnings['blue']).toBeGreaterThan(300);
    const file = write(some.map((t) => JSON.stringify(t)));
    for (const workers of [2, 4]) {
      const sharded = await simulateShards({ from: { sources: desk, id: 'desk' }, to: { sources: desk, id: 'desk' }, file, at: '2026-03-01T00:00:00Z', examples: 3 }, { workers, segmentBytes: 4096 });
      expect(sharded.report).toEqual(direct);
    }
  }, 120_000);

  it('evens out the workers with the tickets any of them may take', async () => {
    // Sharded by issueKey, most tickets of this history share one issueKey: a ticket without
    // one goes to the worker its dealer has given fewest tickets, so the other workers are not idle.
    const some = tickets.map((t, i) => (i % 2 === 0 ? { ...t, property: 'jinxiu-garden', issueKey: 'lift' } : (({ issueKey: _, ...rest }) => rest as Ticket)(t)));
    const file = write(some.map((t) => JSON.stringify(t)));
    const direct = await simulate(from, to, some, window.end, { examples: 5 });
    const sharded = await simulateShards(job(file), { workers: 2, segmentBytes: 16 << 10 });
    expect(sharded.report).toEqual(direct);
    const [a, b] = sharded.workerTickets as [number, number];
    expect(a + b).toBe(some.length);
    expect(Math.abs(a - b)).toBeLessThan(some.length * 0.05);
  }, 120_000);

  it('gives the same report for any cut of a small random file into segments and any number of workers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 60 }),
        fc.array(fc.constantFrom('compact', 'python', 'bad'), { minLength: 60, maxLength: 60 }),
        fc.integer({ min: 64, max: 8192 }),
        fc.constantFrom(1, 2, 4),
        async (seed, count, styles, segmentBytes, workers) => {
          const some = [...generateTickets({ count, seed, from: '2026-01-01', months: 2 })];
          const lines: string[] = [];
          const badLines: number[] = [];
          some.forEach((t: Ticket, i) => {
            if (styles[i] === 'bad') {
              lines.push(`{"id": "${t.id}", "property":`);
              badLines.push(lines.length);
            }
            lines.push(styles[i] === 'python' ? pythonStyle(t) : JSON.stringify(t));
          });
          const direct: SimulationReport = await simulate(from, to, some, window.end, { examples: 3 });
          const sharded = await simulateShards(job(write(lines), 3), { workers, segmentBytes });
          expect(sharded.report).toEqual(direct);
          expect(sharded.badLines.map((b) => b.line)).toEqual(badLines);
        },
      ),
      { numRuns: 4 },
    );
  }, 300_000);
});
