// The simulation of a million-ticket history under two policies: the shipped
// jinxiu-garden policy and a draft that tightens it. The history is generated
// once (seeded) into sample/ and reused; generation is timed apart, since the
// bar is for the simulation: streaming the file and evaluating every ticket
// under both policies, on all cores.
import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { simulateShards } from '../cli/simulate-shards.js';
import type { SourceFile } from '../engine/index.js';
import { shippedSources } from './engine.bench.js';
import { generateTickets, sampleWindow } from './sample/generate-tickets.js';

const root = fileURLToPath(new URL(import.meta.url.includes('/dist/bench/') ? '../..' : '..', import.meta.url));

async function ensureSample(count: number, seed: number): Promise<{ path: string; generatedMs: number | null }> {
  const dir = `${root}sample`;
  const path = `${dir}/bench-${count}-seed${seed}.ndjson`;
  if (existsSync(path)) return { path, generatedMs: null };
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const out = createWriteStream(`${path}.partial`);
  for (const t of generateTickets({ count, seed, from: '2026-01-01', months: 6 })) {
    if (!out.write(`${JSON.stringify(t)}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  renameSync(`${path}.partial`, path);
  return { path, generatedMs: performance.now() - t0 };
}

/** A draft of the property: contact within half the time, a harsher blue penalty. */
function draft(sources: SourceFile[]): SourceFile[] {
  const property = sources.find((s) => s.uri.endsWith('jinxiu-garden.sla')) as SourceFile;
  const text = property.text.replace(/^property jinxiu-garden /m, 'property jinxiu-garden-draft ') + '\nparam contact_within = 15m\npenalties {\n  blue 0.3 points\n}\n';
  return [...sources.filter((s) => s !== property), { uri: 'jinxiu-garden-draft.sla', text }];
}

export interface SimulationBench {
  tickets: number;
  workers: number;
  ms: number;
  generatedMs: number | null;
  peakRssMb: number;
  changed: number;
}

export async function benchSimulation(count = 1_000_000): Promise<SimulationBench> {
  const { path, generatedMs } = await ensureSample(count, 1);
  const sources = shippedSources();
  const workers = cpus().length;
  const at = sampleWindow({ from: '2026-01-01', months: 6 }).end;
  const t0 = performance.now();
  const result = await simulateShards(
    { from: { sources, id: 'jinxiu-garden' }, to: { sources: draft(sources), id: 'jinxiu-garden-draft' }, file: path, at, examples: 20 },
    { workers },
  );
  const ms = performance.now() - t0;
  // maxRSS covers the whole process, worker threads included.
  return { tickets: result.report.tickets, workers, ms, generatedMs, peakRssMb: process.resourceUsage().maxRSS / 1024, changed: result.report.changed.count };
}

export function reportSimulation(r: SimulationBench): string {
  return [
    '| tickets | workers | simulation s | peak memory MiB | changed outcomes | history generated in s |',
    '|---|---|---|---|---|---|',
    `| ${r.tickets.toLocaleString('en')} | ${r.workers} | ${(r.ms / 1000).toFixed(1)} | ${Math.round(r.peakRssMb)} | ${r.changed.toLocaleString('en')} | ${r.generatedMs === null ? 'reused' : (r.generatedMs / 1000).toFixed(1)} |`,
    '',
    `bar: under 10 s (${r.ms < 10_000 ? 'met' : 'NOT met'}) with peak memory under 1 GiB (${r.peakRssMb < 1024 ? 'met' : 'NOT met'})`,
  ].join('\n');
}
