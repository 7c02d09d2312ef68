// Simulation of an NDJSON history on several cores. The main thread only starts the
// workers, joins them with a port between each pair, and merges their reports: the
// workers read and parse the file themselves, in byte segments dealt round-robin
// (ndjson-segments.ts), and hand each ticket to the worker that owns its property
// (simulate-worker.ts, simulate-owner.ts). Every ticket of a property (and issueKey,
// where that is all share() and repeat counts compare) meets one streaming context, in
// file order, so the answers are the same for any number of workers; a ticket that meets
// no other (no issueKey, sharding by issueKey) goes to the worker its dealer has given fewest.
import { statSync } from 'node:fs';
import { cpus } from 'node:os';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { mergeReports, type EngineError, type SimulationReport } from '../engine/index.js';
import { segmentCount } from './ndjson-segments.js';
import { POSITION_SEGMENT, type ShardJob, type WorkerMessage, type WorkerResult, type WorkerSetup } from './simulate-protocol.js';

export type { PolicyInput, ShardJob } from './simulate-protocol.js';

export interface LineError {
  line: number;
  errors: EngineError[];
}

export interface ShardOptions {
  workers?: number;
  /** Bytes per segment; small ones in tests make many segments of a small file. */
  segmentBytes?: number;
  onProgress?: (ticketsDone: number) => void;
}

export const SEGMENT_BYTES = 2 << 20;
/**
 * Each ticket lives from its segment's parse to its evaluation, a few segments later.
 * Measured on 200,000 tickets and 2 workers: a 96 MiB young generation (so that more of
 * them die young) saved no CPU time that stood out of the noise and cost about 100 MiB
 * more peak memory than 48 MiB, which keeps the million-ticket run under its 512 MiB bar.
 */
const YOUNG_GENERATION_MB = 48;
const MAX_BAD_LINES = 100;

function workerUrl(): URL {
  // Compiled: the .js worker beside this file. From source: a bootstrap that loads the .ts worker through tsx.
  return new URL(import.meta.url.endsWith('.ts') ? './simulate-worker-tsx.mjs' : './simulate-worker.js', import.meta.url);
}

/** peers[i][j]: worker i's port to worker j. */
function mesh(n: number): (MessagePort | null)[][] {
  const peers = Array.from({ length: n }, () => new Array<MessagePort | null>(n).fill(null));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const { port1, port2 } = new MessageChannel();
      peers[i]![j] = port1;
      peers[j]![i] = port2;
    }
  }
  return peers;
}

/** File line numbers (1-based) of positions, from the number of lines in each segment. */
function lineNumbers(results: readonly WorkerResult[], segments: number): (at: number) => number {
  const before = new Float64Array(segments + 1);
  const counts = new Float64Array(segments);
  results.forEach((r, shard) => r.lineCounts.forEach((n, i) => (counts[shard + i * results.length] = n)));
  for (let k = 0; k < segments; k++) before[k + 1] = (before[k] as number) + (counts[k] as number);
  return (at) => {
    const k = Math.floor(at / POSITION_SEGMENT);
    return (before[k] as number) + (at - k * POSITION_SEGMENT) + 1;
  };
}

export async function simulateShards(
  job: ShardJob & { file: string },
  options: ShardOptions = {},
): Promise<{ report: SimulationReport; badLines: LineError[]; badCount: number; workerTickets: number[] }> {
  const shards = Math.max(1, options.workers ?? cpus().length);
  const segmentBytes = options.segmentBytes ?? SEGMENT_BYTES;
  const peers = mesh(shards);
  const done = new Array<number>(shards).fill(0);
  const workers = peers.map((ports, shard) => {
    const setup: WorkerSetup = { job: { from: job.from, to: job.to, at: job.at, examples: job.examples }, file: job.file, shard, shards, segmentBytes, peers: ports };
    return new Worker(workerUrl(), {
      workerData: setup,
      transferList: ports.filter((p): p is MessagePort => p !== null),
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
  });
  const results = workers.map(
    (worker, shard) =>
      new Promise<WorkerResult>((resolve, reject) => {
        worker.on('message', (m: WorkerMessage) => {
          if ('progress' in m) {
            done[shard] = m.progress;
            options.onProgress?.(done.reduce((a, b) => a + b, 0));
          } else if ('result' in m) resolve(m.result);
          else reject(new Error(m.failure));
        });
        worker.on('error', reject);
        worker.on('exit', (code) => reject(new Error(`worker ${shard} exited with code ${code}`)));
      }),
  );
  let finished: WorkerResult[];
  try {
    finished = await Promise.all(results);
  } catch (e) {
    throw new Error(`simulation failed: ${(e as Error).message}`);
  } finally {
    // The workers wait on their peers' ports until told to stop, and one failing leaves the others waiting.
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const lineOf = lineNumbers(finished, segmentCount(statSync(job.file).size, segmentBytes));
  return {
    report: mergeReports(
      finished.map((r) => r.report),
      job.examples,
      finished.map((r) => r.positions),
    ),
    badLines: finished
      .flatMap((r) => r.badLines)
      .map((b) => ({ line: lineOf(b.at), errors: b.errors }))
      .sort((a, b) => a.line - b.line)
      .slice(0, MAX_BAD_LINES),
    badCount: finished.reduce((n, r) => n + r.badCount, 0),
    // How evenly the work was spread: the slowest worker sets the time.
    workerTickets: finished.map((r) => r.report.tickets),
  };
}
