// One worker of a simulation. Worker w of n reads the file's segments w, w+n, w+2n...
// itself and hands every line to the worker that owns its ticket's property
// (simulate-owner.ts), found from the line's text: its own lines it keeps, the others'
// it joins in one string per segment and worker (posting a string is one copy). Each
// worker then parses, checks and simulates the lines it owns segment by segment, in file
// order, which share() and repeat counts need; it reads at most LOOKAHEAD segments ahead
// of the one it is simulating, so memory stays flat. The worker furthest behind always
// has its next segment read or can read it itself, so the ring never waits on itself.
import { closeSync, openSync, statSync } from 'node:fs';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { parse, type ParseResult } from '../grammar/index.js';
import { checkSources, compile, readQuickShape, Simulation, type CompiledPolicy, type EngineError, type ParsedTicket, type ParseSource, type Ticket } from '../engine/index.js';
import { linesOf, readSegment, segmentCount } from './ndjson-segments.js';
import { ownerOf, ownerOfBytes, ownerOfLine } from './simulate-owner.js';
import { POSITION_SEGMENT, type PeerBatch, type PolicyInput, type WorkerSetup, type WorkerResult } from './simulate-protocol.js';

const LOOKAHEAD = 4;
const MAX_BAD_LINES = 100;

/**
 * Each source text parsed once for both policies: a draft repeats every file of the
 * policy it changes but one, and parsing them twice was most of a worker's start.
 */
const parsedTexts = new Map<string, ParseResult>();
const parseOnce: ParseSource = (source) => {
  let parsed = parsedTexts.get(source.text);
  if (!parsed) {
    parsed = parse(source.text);
    parsedTexts.set(source.text, parsed);
  }
  return parsed;
};

function compiled(input: PolicyInput): CompiledPolicy {
  const policy = checkSources(input.sources, { parse: parseOnce }).policies.get(input.id);
  if (!policy) throw new Error(`no policy ${input.id}`);
  const c = compile(policy);
  if (!c.value) throw new Error(c.errors.map((e) => e.message).join('; '));
  return c.value;
}

/** A segment's lines for this worker: read here, or joined by the worker that read them. */
type Batch = { lines: string[]; at: number[] } | PeerBatch;

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

/**
 * Reads segment k and deals its lines to their owners, found from each line's text
 * (ownerOfLine) without parsing it: a line is parsed once, by its owner, when it is
 * simulated, so the tickets of the segments read ahead are still text (parsed objects
 * kept that long outlived the young generation and made a sixth of the worker's time
 * garbage collection). A line the scan cannot place is parsed here to find its owner,
 * or reported here when it is not a ticket.
 */
function parseSegment(k: number): void {
  const bytes = readSegment(fd, size, k * segmentBytes, (k + 1) * segmentBytes);
  const lines = linesOf(decoder.decode(bytes));
  lineCounts.push(lines.length);
  const mine: string[] = [];
  const mineAt: number[] = [];
  const theirs = Array.from({ length: shards }, () => ({ lines: [] as string[], at: [] as number[] }));
  // Line i of the text is line i of the bytes: decoding makes and drops no newline.
  let start = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const newline = bytes.indexOf(10, start);
    const end = newline < 0 ? bytes.length : newline;
    let owner = shards === 1 ? -1 : ownerOfBytes(bytes, start, end, shards, byIssue);
    start = end + 1;
    if (owner < 0) {
      if (line.trim() === '') continue;
      owner = ownerOfLine(line, shards, byIssue);
    }
    if (owner < 0) {
      const ticket = ticketOf(line, k * POSITION_SEGMENT + i);
      if (!ticket) continue;
      owner = ownerOf(ticket, shards, byIssue);
    }
    if (owner === shard) {
      mine.push(line);
      mineAt.push(i);
    } else {
      theirs[owner]!.lines.push(line);
      theirs[owner]!.at.push(i);
    }
  }
  pending.set(k, { lines: mine, at: mineAt });
  theirs.forEach((batch, owner) => {
    if (owner === shard) return;
    const at = Uint32Array.from(batch.at);
    const message: PeerBatch = { segment: k, lines: batch.lines.join('\n'), at };
    peers[owner]!.postMessage(message, [at.buffer]);
  });
}

/**
 * The ticket on a line, checked; null (and the line reported) when it is not JSON or not of
 * a ticket's shape. `read` is then set to its parsed instants and event ids, which the
 * one-pass check (readQuickShape) read.
 */
function ticketOf(line: string, at: number): Ticket | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    bad(at, { code: 'E201', message: `not JSON: ${(e as Error).message}`, pointer: '' });
    return null;
  }
  const shape = readQuickShape(value);
  read = shape.parsed;
  if (shape.error) {
    bad(at, shape.error);
    return null;
  }
  return value as Ticket;
}

/** ticketOf's reading of the ticket it last returned, if it made one. */
let read: ParsedTicket | undefined;

function bad(at: number, error: EngineError): void {
  badCount++;
  if (badLines.length < MAX_BAD_LINES) badLines.push({ at, errors: [error] });
}

function simulateBatch(k: number, batch: Batch): void {
  const sim = simulation as Simulation;
  const base = k * POSITION_SEGMENT;
  if (batch.at.length === 0) return;
  const lines = typeof batch.lines === 'string' ? batch.lines.split('\n') : batch.lines;
  for (let i = 0; i < lines.length; i++) {
    const at = base + (batch.at[i] as number);
    const ticket = ticketOf(lines[i] as string, at);
    if (ticket) sim.add(ticket, at, read);
  }
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
  // The syntax trees are not needed once both policies are compiled.
  parsedTexts.clear();
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
