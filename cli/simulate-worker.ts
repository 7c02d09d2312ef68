// One shard of a simulation, in a worker thread (see simulate-shards.ts).
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parentPort, workerData } from 'node:worker_threads';
import { checkSources, compile, quickShapeError, simulate, type CompiledPolicy, type Ticket } from '../engine/index.js';
import { shardOf, type LineError, type PolicyInput, type ShardJob, type ShardResult } from './simulate-shards.js';

function compiled(input: PolicyInput): CompiledPolicy {
  const policy = checkSources(input.sources).policies.get(input.id);
  if (!policy) throw new Error(`no policy ${input.id}`);
  const c = compile(policy);
  if (!c.value) throw new Error(c.errors.map((e) => e.message).join('; '));
  return c.value;
}

async function run(job: ShardJob): Promise<ShardResult> {
  const from = compiled(job.from);
  const to = compiled(job.to);
  const badLines: LineError[] = [];
  let badCount = 0;
  async function* tickets(): AsyncGenerator<Ticket> {
    const lines = createInterface({ input: createReadStream(job.file, { encoding: 'utf8' }), crlfDelay: Infinity });
    let n = 0;
    for await (const line of lines) {
      n++;
      if (line.trim() === '' || shardOf(line, job.shards) !== job.shard) continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (e) {
        badCount++;
        if (badLines.length < 100) badLines.push({ line: n, errors: [{ code: 'E201', message: `not JSON: ${(e as Error).message}`, pointer: '' }] });
        continue;
      }
      const problem = quickShapeError(value);
      if (problem) {
        badCount++;
        if (badLines.length < 100) badLines.push({ line: n, errors: [problem] });
        continue;
      }
      yield value as Ticket;
    }
  }
  const report = await simulate(from, to, tickets(), job.at, { examples: job.examples, onProgress: (progress) => parentPort?.postMessage({ progress }) });
  return { report, badLines, badCount };
}

run(workerData as ShardJob).then(
  (result) => parentPort?.postMessage({ result }),
  (e: unknown) => parentPort?.postMessage({ result: { badLines: [], badCount: 0, error: (e as Error).message } satisfies ShardResult }),
);
