// One shard of a simulation, in a worker thread: receives chunks of lines from
// simulate-shards.ts, parses and simulates them, acknowledges each chunk.
import { parentPort, workerData } from 'node:worker_threads';
import { checkSources, compile, quickShapeError, Simulation, type CompiledPolicy, type EngineError, type Ticket } from '../engine/index.js';
import type { Chunk, LineError, PolicyInput, ShardJob, ShardResult } from './simulate-shards.js';

function compiled(input: PolicyInput): CompiledPolicy {
  const policy = checkSources(input.sources).policies.get(input.id);
  if (!policy) throw new Error(`no policy ${input.id}`);
  const c = compile(policy);
  if (!c.value) throw new Error(c.errors.map((e) => e.message).join('; '));
  return c.value;
}

const job = workerData as ShardJob;
const port = parentPort;
const decoder = new TextDecoder();
const badLines: LineError[] = [];
let badCount = 0;
let simulation: Simulation | undefined;
let failure: string | undefined;

try {
  simulation = new Simulation(compiled(job.from), compiled(job.to), job.at, {
    examples: job.examples,
    onProgress: (progress) => port?.postMessage({ progress }),
  });
} catch (e) {
  failure = (e as Error).message;
}

function bad(line: number, error: EngineError): void {
  badCount++;
  if (badLines.length < 100) badLines.push({ line, errors: [error] });
}

function take(chunk: Chunk): void {
  if (!simulation) return;
  const text = decoder.decode(chunk.bytes);
  let start = 0;
  for (let i = 0; i < chunk.lines.length; i++) {
    const nl = text.indexOf('\n', start);
    const line = text.slice(start, nl);
    start = nl + 1;
    const n = chunk.lines[i] as number;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      bad(n, { code: 'E201', message: `not JSON: ${(e as Error).message}`, pointer: '' });
      continue;
    }
    const problem = quickShapeError(value);
    if (problem) bad(n, problem);
    else simulation.add(value as Ticket);
  }
}

port?.on('message', (m: { chunk?: Chunk; end?: true }) => {
  if (m.chunk) {
    try {
      take(m.chunk);
    } catch (e) {
      failure ??= (e as Error).message;
    }
    port.postMessage({ ack: true });
  }
  if (m.end) {
    const result: ShardResult = failure || !simulation ? { badLines, badCount, error: failure ?? 'no simulation' } : { report: simulation.result(), badLines, badCount };
    port.postMessage({ result });
    port.close();
  }
});
