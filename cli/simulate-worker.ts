// One worker of a simulation. Worker w of n reads and parses the file's segments w,
// w+n, w+2n... itself, checks each line, and hands every ticket to the worker that owns
// its property (simulate-owner.ts): its own tickets as parsed objects, the others' as
// their lines, joined in one string per segment and worker (posting a string is one copy,
// where posting objects would clone field by field). Each worker then simulates the
// tickets it owns segment by segment, in file order, which share() and repeat counts
// need; it parses at most LOOKAHEAD segments ahead of the one it is simulating, so memory
// stays flat. The worker furthest behind always has its next segment parsed or can parse
// it itself, so the ring never waits on itself.
import { closeSync, openSync, statSync } from 'node:fs';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { checkSources, compile, quickShapeError, Simulation, type CompiledPolicy, type EngineError, type Ticket } from '../engine/index.js';
import { linesOf, readSegment, segmentCount } from './ndjson-segments.js';
import { ownerOf } from './simulate-owner.js';
import { POSITION_SEGMENT, type PeerBatch, type PolicyInput, type WorkerSetup, type WorkerResult } from './simulate-protocol.js';

const LOOKAHEAD = 4;
const MAX_BAD_LINES = 100;

function compiled(input: PolicyInput): CompiledPolicy {
  const policy = checkSources(input.sources).policies.get(input.id);
  if (!policy) throw new Error(`no policy ${input.id}`);
  const c = compile(policy);
  if (!c.value) throw new Error(c.errors.map((e) => e.message).join('; '));
  return c.value;
}

/** A segment's tickets for this worker: parsed here, or lines from the worker that parsed them. */
type Batch = { tickets: Ticket[]; at: number[] } | PeerBatch;

const setup = workerData as WorkerSetup;
const { shard, shards, segmentBytes } = setup;
const port = parentPort as NonNullable<typeof parentPort>;
const peers = setup.peers as (MessagePort | null)[];
const decoder = new TextDecoder();
const badLines: { at: number; errors: EngineError[] }[] = [];
const lineCounts: number[] = [];
const pending = new Map<number, Batch>();
let badCount = 0;
/** Whether tickets are owned by property and issueKey; every worker decides alike from the same policies. */
let byIssue = false;
let simulation: Simulation | undefined;
let fd = -1;
let segments = 0;
let size = 0;
let nextParse = shard;
let nextSimulate = 0;
let finished = false;

function fail(message: string): void {
  if (finished) return;
  finished = true;
  port.postMessage({ failure: message });
}

/** Reads segment k, checks its lines and deals its tickets to their owners. */
function parseSegment(k: number): void {
  const text = decoder.decode(readSegment(fd, size, k * segmentBytes, (k + 1) * segmentBytes));
  const lines = linesOf(text);
  lineCounts.push(lines.length);
  const mine: Ticket[] = [];
  const mineAt: number[] = [];
  const theirs = Array.from({ length: shards }, () => ({ lines: [] as string[], at: [] as number[] }));
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      bad(k * POSITION_SEGMENT + i, { code: 'E201', message: `not JSON: ${(e as Error).message}`, pointer: '' });
      continue;
    }
    const problem = quickShapeError(value);
    if (problem) {
      bad(k * POSITION_SEGMENT + i, problem);
      continue;
    }
    const owner = ownerOf(value as Ticket, shards, byIssue);
    if (owner === shard) {
      mine.push(value as Ticket);
      mineAt.push(i);
    } else {
      theirs[owner]!.lines.push(line);
      theirs[owner]!.at.push(i);
    }
  }
  pending.set(k, { tickets: mine, at: mineAt });
  theirs.forEach((batch, owner) => {
    if (owner === shard) return;
    const at = Uint32Array.from(batch.at);
    const message: PeerBatch = { segment: k, lines: batch.lines.join('\n'), at };
    peers[owner]!.postMessage(message, [at.buffer]);
  });
}

function bad(at: number, error: EngineError): void {
  badCount++;
  if (badLines.length < MAX_BAD_LINES) badLines.push({ at, errors: [error] });
}

function simulateBatch(k: number, batch: Batch): void {
  const sim = simulation as Simulation;
  const base = k * POSITION_SEGMENT;
  if ('tickets' in batch) {
    for (let i = 0; i < batch.tickets.length; i++) sim.add(batch.tickets[i] as Ticket, base + (batch.at[i] as number));
    return;
  }
  if (batch.at.length === 0) return;
  // Lines another worker has already checked: they parse as they did there.
  const lines = batch.lines.split('\n');
  for (let i = 0; i < lines.length; i++) sim.add(JSON.parse(lines[i] as string) as Ticket, base + (batch.at[i] as number));
}

/** Does all the work it can without waiting for a peer. */
function pump(): void {
  if (finished) return;
  try {
    for (;;) {
      const batch = pending.get(nextSimulate);
      if (batch) {
        pending.delete(nextSimulate);
        simulateBatch(nextSimulate, batch);
        nextSimulate++;
      } else if (nextParse < segments && nextParse < nextSimulate + LOOKAHEAD) {
        parseSegment(nextParse);
        nextParse += shards;
      } else break;
    }
  } catch (e) {
    fail((e as Error).message);
    return;
  }
  if (nextSimulate >= segments) finish();
}

function finish(): void {
  finished = true;
  const sim = simulation as Simulation;
  const result: WorkerResult = { report: sim.result(), positions: sim.positions(), badLines, badCount, lineCounts };
  port.postMessage({ result });
  closeSync(fd);
  // The peer ports stay open: closing one could drop a batch still on its way to a peer.
  // The main thread ends every worker once all have reported.
}

try {
  const from = compiled(setup.job.from);
  const to = compiled(setup.job.to);
  byIssue = [from, to].every((p) => p.shareFields.every((f) => f === 'issueKey'));
  simulation = new Simulation(from, to, setup.job.at, {
    examples: setup.job.examples,
    progressEvery: 10_000,
    onProgress: (progress) => port.postMessage({ progress }),
  });
  size = statSync(setup.file).size;
  segments = segmentCount(size, segmentBytes);
  fd = openSync(setup.file, 'r');
} catch (e) {
  fail((e as Error).message);
}

for (const p of peers) {
  p?.on('message', (m: PeerBatch) => {
    pending.set(m.segment, m);
    pump();
  });
}
pump();
