// `node dist/bench/simulate-run.js <tickets.ndjson> <at> [workers]`: one simulation of the
// bench history, alone in its process so that its peak memory is its own, printed as
// JSON on stdout for simulate.bench.ts. CPU time is the whole process's, every worker
// thread included, and is steadier than wall time on a shared machine.
import { cpus } from 'node:os';
import { simulateShards } from '../cli/simulate-shards.js';
import type { SourceFile } from '../engine/index.js';
import { shippedSources } from './engine.bench.js';

/** A draft of the property: contact within half the time, a harsher blue penalty. */
export function draft(sources: SourceFile[]): SourceFile[] {
  const property = sources.find((s) => s.uri.endsWith('jinxiu-garden.sla')) as SourceFile;
  const text = property.text.replace(/^property jinxiu-garden /m, 'property jinxiu-garden-draft ') + '\nparam contact_within = 15m\npenalties {\n  blue 0.3 points\n}\n';
  return [...sources.filter((s) => s !== property), { uri: 'jinxiu-garden-draft.sla', text }];
}

export interface SimulationRun {
  tickets: number;
  workers: number;
  ms: number;
  cpuMs: number;
  peakRssMb: number;
  changed: number;
  /** Tickets each worker simulated: the slowest sets the time. */
  workerTickets: number[];
}

const [file, at, workersArg] = process.argv.slice(2);
if (file && at) {
  const sources = shippedSources();
  const workers = workersArg ? Number(workersArg) : cpus().length;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await simulateShards({ from: { sources, id: 'jinxiu-garden' }, to: { sources: draft(sources), id: 'jinxiu-garden-draft' }, file, at, examples: 20 }, { workers });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const run: SimulationRun = { tickets: result.report.tickets, workers, ms, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024, changed: result.report.changed.count, workerTickets: result.workerTickets };
  process.stdout.write(`${JSON.stringify(run)}\n`);
}
