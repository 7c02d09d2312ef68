// Simulation of an NDJSON history on several cores. The main thread reads the
// file once, as bytes, and deals each line to a worker by its property and
// issueKey (by id when a ticket has none); each worker parses its lines and
// runs the engine's streaming simulation; the reports are then merged.
// share() and repeat counts only ever compare tickets with the same property
// and issueKey, so the split changes no answer. (A policy whose share() counts
// by another field is dealt by property alone.) Chunks are transferred, not
// copied, and at most a few are in flight per worker, so memory stays flat.
import { closeSync, openSync, readSync } from 'node:fs';
import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import { checkSources, compile, mergeReports, type EngineError, type SimulationReport, type SourceFile } from '../engine/index.js';

export interface PolicyInput {
  sources: SourceFile[];
  id: string;
}

export interface ShardJob {
  from: PolicyInput;
  to: PolicyInput;
  at: string;
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

/** A batch of whole lines (UTF-8, each ending in \n) and the file line number of each. */
export interface Chunk {
  bytes: Uint8Array;
  lines: Uint32Array;
}

const CHUNK_BYTES = 1 << 20;
const IN_FLIGHT = 4;
const NEWLINE = 10;
const QUOTE = 34;

const PATTERNS = {
  property: Buffer.from('"property":"'),
  issueKey: Buffer.from('"issueKey":"'),
  id: Buffer.from('"id":"'),
};

/** Folds the bytes of a field's string value in line [from, to) into h; undefined when the line has none. */
function hashField(buf: Buffer, from: number, to: number, pattern: Buffer, h: number): number | undefined {
  const at = buf.indexOf(pattern, from);
  if (at < 0 || at >= to) return undefined;
  for (let i = at + pattern.length; i < to && buf[i] !== QUOTE; i++) h = (h * 31 + (buf[i] as number)) | 0;
  return h;
}

/** Which shard the line buf[from, to) belongs to, read from its raw bytes. */
export function shardOf(buf: Buffer, from: number, to: number, shards: number, byIssue: boolean): number {
  if (shards === 1) return 0;
  let h = hashField(buf, from, to, PATTERNS.property, 17) ?? 17;
  // A ticket without an issueKey takes part in no share or repeat count, so it can go anywhere: by its id.
  if (byIssue) h = hashField(buf, from, to, PATTERNS.issueKey, h * 31) ?? hashField(buf, from, to, PATTERNS.id, h * 31) ?? h;
  return Math.abs(h) % shards;
}

function workerUrl(): URL {
  // Compiled: the .js worker beside this file. From source: a bootstrap that loads the .ts worker through tsx.
  return new URL(import.meta.url.endsWith('.ts') ? './simulate-worker-tsx.mjs' : './simulate-worker.js', import.meta.url);
}

/** Collects one shard's lines into chunks and hands them over, waiting when too many are unread. */
class Outbox {
  private bytes = new Uint8Array(CHUNK_BYTES);
  private lines: number[] = [];
  private used = 0;
  private inFlight = 0;
  private waiting: (() => void) | undefined;

  constructor(private readonly worker: Worker) {}

  acknowledged(): void {
    this.inFlight--;
    const wake = this.waiting;
    this.waiting = undefined;
    wake?.();
  }

  /** Whether a line of this length fits; when not, the caller flushes first. */
  fits(length: number): boolean {
    return this.used === 0 || this.used + length + 1 <= this.bytes.length;
  }

  /** Synchronous, so dealing a million lines costs no promise per line. */
  add(buf: Buffer, from: number, to: number, line: number): void {
    const length = to - from + 1;
    if (this.used + length > this.bytes.length) {
      const grown = new Uint8Array(this.used + length);
      grown.set(this.bytes.subarray(0, this.used));
      this.bytes = grown;
    }
    this.bytes.set(buf.subarray(from, to), this.used);
    this.bytes[this.used + length - 1] = NEWLINE;
    this.used += length;
    this.lines.push(line);
  }

  async flush(): Promise<void> {
    if (this.used === 0) return;
    while (this.inFlight >= IN_FLIGHT) await new Promise<void>((resolve) => (this.waiting = resolve));
    const chunk: Chunk = { bytes: this.bytes.subarray(0, this.used), lines: Uint32Array.from(this.lines) };
    this.inFlight++;
    this.worker.postMessage({ chunk }, [chunk.bytes.buffer as ArrayBuffer, chunk.lines.buffer as ArrayBuffer]);
    this.bytes = new Uint8Array(CHUNK_BYTES);
    this.lines = [];
    this.used = 0;
  }

  end(): void {
    this.worker.postMessage({ end: true });
  }
}

/** Whether every share() of both policies counts by issueKey, so lines can be dealt by it. */
function dealsByIssue(job: ShardJob): boolean {
  return [job.from, job.to].every((p) => {
    const policy = checkSources(p.sources).policies.get(p.id);
    const compiled = policy ? compile(policy).value : undefined;
    // A policy that does not compile fails in the workers, with its errors; deal by property meanwhile.
    return compiled !== undefined && compiled.shareFields.every((f) => f === 'issueKey');
  });
}

export async function simulateShards(
  job: ShardJob & { file: string },
  options: { workers?: number; onProgress?: (ticketsDone: number) => void } = {},
): Promise<{ report: SimulationReport; badLines: LineError[]; badCount: number }> {
  const shards = Math.max(1, options.workers ?? cpus().length);
  const byIssue = dealsByIssue(job);
  const done = new Array<number>(shards).fill(0);
  const workers = Array.from({ length: shards }, () => new Worker(workerUrl(), { workerData: { from: job.from, to: job.to, at: job.at, examples: job.examples } satisfies ShardJob }));
  const outboxes = workers.map((w) => new Outbox(w));
  const results = workers.map(
    (worker, shard) =>
      new Promise<ShardResult>((resolve) => {
        let result: ShardResult | undefined;
        worker.on('message', (m: { ack?: true; progress?: number; result?: ShardResult }) => {
          if (m.ack) outboxes[shard]!.acknowledged();
          if (m.progress !== undefined) {
            done[shard] = m.progress;
            options.onProgress?.(done.reduce((a, b) => a + b, 0));
          }
          if (m.result) result = m.result;
        });
        worker.on('error', (e) => resolve({ badLines: [], badCount: 0, error: e.message }));
        worker.on('exit', (code) => resolve(result ?? { badLines: [], badCount: 0, error: `worker ${shard} exited with code ${code}` }));
      }),
  );

  try {
    const fd = openSync(job.file, 'r');
    try {
      let buf = Buffer.allocUnsafe(4 << 20);
      let carry = 0;
      let line = 0;
      for (;;) {
        const read = readSync(fd, buf, carry, buf.length - carry, null);
        const end = carry + read;
        let start = 0;
        for (let nl = buf.indexOf(NEWLINE, start); nl >= 0 && nl < end; nl = buf.indexOf(NEWLINE, start)) {
          line++;
          const stop = nl > start && buf[nl - 1] === 13 ? nl - 1 : nl;
          if (stop > start) {
            const outbox = outboxes[shardOf(buf, start, stop, shards, byIssue)]!;
            if (!outbox.fits(stop - start)) await outbox.flush();
            outbox.add(buf, start, stop, line);
          }
          start = nl + 1;
        }
        if (read === 0) {
          if (end > start) {
            const outbox = outboxes[shardOf(buf, start, end, shards, byIssue)]!;
            if (!outbox.fits(end - start)) await outbox.flush();
            outbox.add(buf, start, end, line + 1);
          }
          break;
        }
        // Keep the unfinished last line; grow the block if one line is longer than it.
        carry = end - start;
        const next = carry * 2 > buf.length ? Buffer.allocUnsafe(buf.length * 2) : buf;
        buf.copy(next, 0, start, end);
        buf = next;
      }
    } finally {
      closeSync(fd);
    }
    for (const o of outboxes) await o.flush();
  } finally {
    for (const o of outboxes) o.end();
  }

  const finished = await Promise.all(results);
  const failed = finished.find((r) => r.error);
  if (failed) throw new Error(`simulation failed: ${failed.error}`);
  return {
    report: mergeReports(finished.map((r) => r.report as SimulationReport), job.examples),
    badLines: finished.flatMap((r) => r.badLines).sort((a, b) => a.line - b.line).slice(0, 100),
    badCount: finished.reduce((n, r) => n + r.badCount, 0),
  };
}
