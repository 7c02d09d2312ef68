// One shard of a simulation, in a worker thread (see simulate-shards.ts).
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { parentPort, workerData } from 'node:worker_threads';
import { checkSources, compile, quickShapeError, Simulation, type CompiledPolicy, type EngineError, type Ticket } from '../engine/index.js';
import { shardOf, type LineError, type PolicyInput, type ShardJob, type ShardResult } from './simulate-shards.js';

function compiled(input: PolicyInput): CompiledPolicy {
  const policy = checkSources(input.sources).policies.get(input.id);
  if (!policy) throw new Error(`no policy ${input.id}`);
  const c = compile(policy);
  if (!c.value) throw new Error(c.errors.map((e) => e.message).join('; '));
  return c.value;
}

/** The lines of a file, read in large blocks: readline's per-line events cost more than the parsing. */
function* lines(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  const block = Buffer.allocUnsafe(4 << 20);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for (;;) {
      const n = readSync(fd, block, 0, block.length, null);
      if (n === 0) break;
      const text = rest + decoder.write(block.subarray(0, n));
      let start = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        yield text.charCodeAt(nl - 1) === 13 ? text.slice(start, nl - 1) : text.slice(start, nl);
        start = nl + 1;
      }
      rest = text.slice(start);
    }
    rest += decoder.end();
    if (rest.length > 0) yield rest;
  } finally {
    closeSync(fd);
  }
}

function run(job: ShardJob): ShardResult {
  const simulation = new Simulation(compiled(job.from), compiled(job.to), job.at, {
    examples: job.examples,
    onProgress: (progress) => parentPort?.postMessage({ progress }),
  });
  const badLines: LineError[] = [];
  let badCount = 0;
  const bad = (line: number, error: EngineError) => {
    badCount++;
    if (badLines.length < 100) badLines.push({ line, errors: [error] });
  };
  let n = 0;
  for (const line of lines(job.file)) {
    n++;
    if (line.trim() === '' || shardOf(line, job.shards) !== job.shard) continue;
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
  return { report: simulation.result(), badLines, badCount };
}

try {
  parentPort?.postMessage({ result: run(workerData as ShardJob) });
} catch (e) {
  parentPort?.postMessage({ result: { badLines: [], badCount: 0, error: (e as Error).message } satisfies ShardResult });
}
