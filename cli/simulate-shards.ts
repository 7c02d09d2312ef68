// Simulation of an NDJSON history on several cores: each worker reads the
// file, keeps the lines of its share of the properties (share() and repeat
// counts never cross properties, so the split changes no answer), and runs the
// engine's streaming simulation; the reports are then merged.
import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import { mergeReports, type EngineError, type SimulationReport, type SourceFile } from '../engine/index.js';

export interface PolicyInput {
  sources: SourceFile[];
  id: string;
}

export interface ShardJob {
  from: PolicyInput;
  to: PolicyInput;
  file: string;
  at: string;
  shard: number;
  shards: number;
  examples: number;
}

export interface LineError {
  line: number;
  errors: EngineError[];
}

export interface ShardResult {
  report?: SimulationReport;
  badLines: LineError[];
  badCount: number;
  error?: string;
}

/** Which shard a line belongs to, read from its raw text: lines of other shards are never parsed. */
export function shardOf(line: string, shards: number): number {
  if (shards === 1) return 0;
  const at = line.indexOf('"property":"');
  if (at < 0) return 0;
  const start = at + 12;
  const end = line.indexOf('"', start);
  let h = 0;
  for (let i = start; i < end; i++) h = (h * 31 + line.charCodeAt(i)) | 0;
  return Math.abs(h) % shards;
}

function workerUrl(): URL {
  // Compiled: the .js worker beside this file. From source: a bootstrap that loads the .ts worker through tsx.
  return new URL(import.meta.url.endsWith('.ts') ? './simulate-worker-tsx.mjs' : './simulate-worker.js', import.meta.url);
}

function runShard(job: ShardJob, onProgress?: (shard: number, n: number) => void): Promise<ShardResult> {
  return new Promise((resolve) => {
    const worker = new Worker(workerUrl(), { workerData: job });
    let result: ShardResult | undefined;
    worker.on('message', (m: { progress?: number; result?: ShardResult }) => {
      if (m.progress !== undefined) onProgress?.(job.shard, m.progress);
      if (m.result) result = m.result;
    });
    worker.on('error', (e) => resolve({ badLines: [], badCount: 0, error: e.message }));
    worker.on('exit', (code) => resolve(result ?? { badLines: [], badCount: 0, error: `worker ${job.shard} exited with code ${code}` }));
  });
}

export async function simulateShards(
  job: Omit<ShardJob, 'shard' | 'shards'>,
  options: { workers?: number; onProgress?: (ticketsDone: number) => void } = {},
): Promise<{ report: SimulationReport; badLines: LineError[]; badCount: number }> {
  const shards = Math.max(1, options.workers ?? cpus().length);
  const done = new Array<number>(shards).fill(0);
  const results = await Promise.all(
    Array.from({ length: shards }, (_, shard) =>
      runShard({ ...job, shard, shards }, (s, n) => {
        done[s] = n;
        options.onProgress?.(done.reduce((a, b) => a + b, 0));
      }),
    ),
  );
  const failed = results.find((r) => r.error);
  if (failed) throw new Error(`simulation failed: ${failed.error}`);
  return {
    report: mergeReports(results.map((r) => r.report as SimulationReport), job.examples),
    badLines: results.flatMap((r) => r.badLines).sort((a, b) => a.line - b.line).slice(0, 100),
    badCount: results.reduce((n, r) => n + r.badCount, 0),
  };
}
