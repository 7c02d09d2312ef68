// One worker of a simulation. Worker w of n reads the file's segments w, w+n, w+2n...
// itself and hands every line to the worker that owns its ticket's property
// (simulate-owner.ts), found from the line's bytes: it copies each owner's lines, still
// bytes, into one buffer per segment and owner, keeps its own and moves the others' to
// their owners (a transfer, not a copy), so a line is decoded once, by its owner. Each
// worker then decodes, parses, checks and simulates the lines it owns segment by segment,
// in file order, which share() and repeat counts need; it reads at most LOOKAHEAD
// segments ahead of the one it is simulating, so memory stays flat. The worker furthest
// behind always has its next segment read or can read it itself, so the ring never waits
// on itself.
import { isAscii } from 'node:buffer';
import { closeSync, openSync, statSync } from 'node:fs';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { parse, type ParseResult } from '../grammar/index.js';
import { checkSources, compile, readQuickShape, Simulation, type CompiledPolicy, type EngineError, type ParsedTicket, type ParseSource, type Ticket } from '../engine/index.js';
import { linesOf, readSegment, segmentCount } from './ndjson-segments.js';
import { ANY_OWNER, ownerOf, ownerOfBytes, ownerOfLine, segmentText, shardsByIssue } from './simulate-owner.js';
import { POSITION_SEGMENT, type PeerBatch, type PolicyInput, type WorkerSetup, type WorkerResult } from './simulate-protocol.js';

const LOOKAHEAD = 4;
const NEWLINE = 10;
const OPEN_BRACE = 123;
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

const setup = workerData as WorkerSetup;
const { shard, shards, segmentBytes } = setup;
const port = parentPort as NonNullable<typeof parentPort>;
const peers = setup.peers as (MessagePort | null)[];
// A byte order mark is taken off the file's first line alone (dealSegment): a line that
// comes first in a batch must decode as it would anywhere else.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const badLines: { at: number; errors: EngineError[] }[] = [];
const lineCounts: number[] = [];
const pending = new Map<number, PeerBatch>();
let badCount = 0;
/** Whether tickets are owned by property and issueKey; every worker decides alike from the same policies. */
let byIssue = false;
/** Tickets this worker has dealt to each worker, for those any worker may simulate (ANY_OWNER). */
const dealt = new Array<number>(shards).fill(0);

/** The worker this one has dealt fewest tickets (the first of a tie): every worker evens out what it deals. */
function leastDealt(): number {
  let least = 0;
  for (let w = 1; w < shards; w++) if ((dealt[w] as number) < (dealt[least] as number)) least = w;
  return least;
}
let simulation: Simulation | undefined;
let fd = -1;
let segments = 0;
let size = 0;
let nextDeal = shard;
let nextSimulate = 0;
let finished = false;

function fail(message: string): void {
  if (finished) return;
  finished = true;
  port.postMessage({ failure: message });
}

/**
 * Reads segment k and deals its lines to their owners, found from each line's bytes
 * (ownerOfBytes) without decoding or parsing it: a line is decoded and parsed once, by its
 * owner, when it is simulated, so the tickets of the segments read ahead are still bytes
 * (parsed objects kept that long outlived the young generation and made a sixth of the
 * worker's time garbage collection). A line the byte scan cannot place is decoded here to
 * find its owner (and parsed, when the text scan cannot place it either), or reported here
 * when it is not a ticket. Blank lines go to no one.
 */
function dealSegment(k: number): void {
  const bytes = readSegment(fd, size, k * segmentBytes, (k + 1) * segmentBytes);
  const starts: number[] = [];
  const ends: number[] = [];
  const owners: number[] = [];
  const lineAt: number[] = [];
  const bytesFor = new Array<number>(shards).fill(0);
  const countFor = new Array<number>(shards).fill(0);
  // Newlines found in the segment's Latin-1 text (the owner scan's too): a string's indexOf
  // is a builtin, a Buffer's a call into C++.
  const text = segmentText(bytes);
  let line = 0;
  for (let next = 0; next < bytes.length; line++) {
    let start = next;
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? bytes.length : newline;
    next = end + 1;
    if (k === 0 && line === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start += 3;
    let owner = shards === 1 ? (bytes[start] === OPEN_BRACE ? 0 : -1) : ownerOfBytes(bytes, start, end, shards, byIssue);
    if (owner === -1) owner = ownerOfText(decoder.decode(bytes.subarray(start, end)), k * POSITION_SEGMENT + line);
    if (owner === ANY_OWNER) owner = leastDealt();
    if (owner < 0) continue;
    dealt[owner] = (dealt[owner] as number) + 1;
    starts.push(start);
    ends.push(end);
    owners.push(owner);
    lineAt.push(line);
    bytesFor[owner] = (bytesFor[owner] as number) + end - start + 1;
    countFor[owner] = (countFor[owner] as number) + 1;
  }
  lineCounts.push(line);
  // Plain typed arrays, not Buffers: a small Buffer is a slice of a shared pool, and moving
  // its memory to a peer would take the pool with it.
  const batches: PeerBatch[] = bytesFor.map((n, owner) => ({ segment: k, bytes: new Uint8Array(n), at: new Uint32Array(countFor[owner] as number) }));
  const filled = new Array<number>(shards).fill(0);
  // A plain view of the segment: a Buffer's copy() and subarray() go through Node's wrappers
  // (half a microsecond a line, each line being one copy with two workers); a plain
  // Uint8Array's subarray and set are builtins.
  const raw = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  const counted = new Array<number>(shards).fill(0);
  for (let i = 0; i < owners.length; ) {
    const owner = owners[i] as number;
    const batch = batches[owner] as PeerBatch;
    // Lines of one owner that stand next to each other in the file go in one copy, with the
    // newlines between them: a copy is a call, and a line is short.
    let last = i;
    while (last + 1 < owners.length && owners[last + 1] === owner && starts[last + 1] === (ends[last] as number) + 1) last++;
    const at = filled[owner] as number;
    const start = starts[i] as number;
    const end = ends[last] as number;
    batch.bytes.set(raw.subarray(start, end), at);
    const after = at + end - start;
    batch.bytes[after] = NEWLINE;
    filled[owner] = after + 1;
    for (let j = i; j <= last; j++) {
      batch.at[counted[owner] as number] = lineAt[j] as number;
      counted[owner] = (counted[owner] as number) + 1;
    }
    i = last + 1;
  }
  batches.forEach((batch, owner) => {
    if (owner === shard) pending.set(k, batch);
    else peers[owner]!.postMessage(batch, [batch.bytes.buffer, batch.at.buffer]);
  });
}

/**
 * The text of UTF-8 bytes. Most histories are ASCII, whose bytes read as Latin-1 are the same
 * text, and reading them so takes a third of the time of a UTF-8 decode.
 */
function textOf(bytes: Uint8Array<ArrayBuffer>): string {
  return isAscii(bytes) ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1') : decoder.decode(bytes);
}

/** The owner of a line the byte scan could not place, from its text; -1 for a blank line or one that is no ticket (reported). */
function ownerOfText(text: string, at: number): number {
  const line = text.endsWith('\r') ? text.slice(0, -1) : text;
  if (line.trim() === '') return -1;
  const owner = ownerOfLine(line, shards, byIssue);
  if (owner !== -1) return owner;
  const ticket = ticketOf(line, at);
  return ticket ? ownerOf(ticket, shards, byIssue) : -1;
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

function simulateBatch(k: number, batch: PeerBatch): void {
  const sim = simulation as Simulation;
  const base = k * POSITION_SEGMENT;
  if (batch.at.length === 0) return;
  // Every line in a batch ends with \n, so the last piece of the split is the empty one linesOf drops.
  const lines = linesOf(textOf(batch.bytes));
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
      } else if (nextDeal < segments && nextDeal < nextSimulate + LOOKAHEAD) {
        dealSegment(nextDeal);
        nextDeal += shards;
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
  byIssue = shardsByIssue([from, to]);
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
