// Simulation of an NDJSON history on several cores: each worker reads the
// file, keeps the lines of its shard and runs the engine's streaming
// simulation; the reports are then merged. Lines are sharded by property and
// issueKey (by id when a ticket has none): share() and repeat counts only ever
// compare tickets with the same property and issueKey, so the split changes no answer. (A policy whose
// share() counts by another field is sharded by property alone.)
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

/** Folds the raw text of a field's string value, within text[from, to), into h; undefined when absent. */
function hashField(text: string, from: number, to: number, field: string, h: number): number | undefined {
  const key = `"${field}":"`;
  const at = text.indexOf(key, from);
  if (at < 0 || at >= to) return undefined;
  const start = at + key.length;
  const end = text.indexOf('"', start);
  for (let i = start; i < end && i < to; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return h;
}

/**
 * Which shard the line text[from, to) belongs to, read from its raw text, so
 * lines of other shards are neither cut out nor parsed.
 */
export function shardOf(text: string, shards: number, byIssue: boolean, from = 0, to = text.length): number {
  if (shards === 1) return 0;
  // Searching the whole block for a field a line lacks would run on into later lines.
  if (from !== 0 || to !== text.length) return shardOf(text.slice(from, to), shards, byIssue);
  let h = hashField(text, from, to, 'property', 17) ?? 17;
  // A ticket without an issueKey takes part in no share or repeat count, so it can go anywhere: by its id.
  if (byIssue) h = hashField(text, from, to, 'issueKey', h * 31) ?? hashField(text, from, to, 'id', h * 31) ?? h;
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
