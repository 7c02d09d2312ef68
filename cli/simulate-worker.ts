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

/**
 * The lines of a file that belong to one shard, with their line numbers, read
 * in large blocks: readline's per-line events cost more than the parsing.
 */
function* shardLines(path: string, keep: (text: string, from: number, to: number) => boolean): Generator<[number, string]> {
  const fd = openSync(path, 'r');
  const block = Buffer.allocUnsafe(4 << 20);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let n = 0;
  try {
    for (;;) {
      const read = readSync(fd, block, 0, block.length, null);
      const text = read === 0 ? rest + decoder.end() : rest + decoder.write(block.subarray(0, read));
      let start = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        n++;
        const end = text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        if (end > start && keep(text, start, end)) yield [n, text.slice(start, end)];
        start = nl + 1;
      }
      rest = text.slice(start);
      if (read === 0) {
        if (rest.trim().length > 0 && keep(rest, 0, rest.length)) yield [n + 1, rest];
        break;
      }
    }
  } finally {
    closeSync(fd);
  }
}

function run(job: ShardJob): ShardResult {
  const from = compiled(job.from);
  const to = compiled(job.to);
  const byIssue = [...from.shareFields, ...to.shareFields].every((f) => f === 'issueKey');
  const simulation = new Simulation(from, to, job.at, {
    examples: job.examples,
    onProgress: (progress) => parentPort?.postMessage({ progress }),
  });
  const badLines: LineError[] = [];
  let badCount = 0;
  const bad = (line: number, error: EngineError) => {
    badCount++;
    if (badLines.length < 100) badLines.push({ line, errors: [error] });
  };
  for (const [n, line] of shardLines(job.file, (text, from, end) => shardOf(text, job.shards, byIssue, from, end) === job.shard)) {
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
  return { report: simulation.result(), badLines, badCount };
}

try {
  parentPort?.postMessage({ result: run(workerData as ShardJob) });
} catch (e) {
  parentPort?.postMessage({ result: { badLines: [], badCount: 0, error: (e as Error).message } satisfies ShardResult });
}
