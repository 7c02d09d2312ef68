// The simulation of a million-ticket history under two policies: the shipped
// jinxiu-garden policy and a draft that tightens it. The history is generated
// once (seeded) into sample/ and reused; generation is timed apart, since the
// bar is for the simulation: the workers reading, parsing and evaluating every
// ticket under both policies, on all cores. The run is a child process
// (simulate-run.ts), so that the peak memory is the simulation's alone.
import { execFile } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { generateTickets, sampleWindow } from './sample/generate-tickets.js';
import type { SimulationRun } from './simulate-run.js';

const root = fileURLToPath(new URL(import.meta.url.includes('/dist/bench/') ? '../..' : '..', import.meta.url));
export const SIMULATE_BAR_MS = 10_000;
export const SIMULATE_BAR_MB = 512;

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

export interface SimulationBench extends SimulationRun {
  generatedMs: number | null;
}

export async function benchSimulation(count = 1_000_000): Promise<SimulationBench> {
  const { path, generatedMs } = await ensureSample(count, 1);
  const at = sampleWindow({ from: '2026-01-01', months: 6 }).end;
  const script = fileURLToPath(new URL('./simulate-run.js', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [script, path, at], { maxBuffer: 1 << 20 });
  return { ...(JSON.parse(stdout) as SimulationRun), generatedMs };
}

export function reportSimulation(r: SimulationBench): string {
  const cpuUs = (r.cpuMs * 1000) / r.tickets;
  return [
    '| tickets | workers | wall s | CPU µs per ticket (all threads) | peak memory MiB | changed outcomes | history generated in s |',
    '|---|---|---|---|---|---|---|',
    `| ${r.tickets.toLocaleString('en')} | ${r.workers} | ${(r.ms / 1000).toFixed(1)} | ${cpuUs.toFixed(1)} | ${Math.round(r.peakRssMb)} | ${r.changed.toLocaleString('en')} | ${r.generatedMs === null ? 'reused' : (r.generatedMs / 1000).toFixed(1)} |`,
    '',
    `bar: under ${SIMULATE_BAR_MS / 1000} s: ${r.ms < SIMULATE_BAR_MS ? 'met' : 'MISSED'}; peak memory under ${SIMULATE_BAR_MB} MiB: ${r.peakRssMb < SIMULATE_BAR_MB ? 'met' : 'MISSED'}`,
    `(${r.workers} workers need at most ${((SIMULATE_BAR_MS * 1000 * r.workers) / r.tickets).toFixed(0)} µs of CPU per ticket to meet the time bar with the cores to themselves.)`,
  ].join('\n');
}
