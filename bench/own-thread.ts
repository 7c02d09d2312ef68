// Load generators run in a worker thread of their own, so that the bench's heap (the
// sample tickets, the in-process runs' garbage, earlier results) never stops them with a
// collection while answers wait to be read. A generator that reads late slows the server
// it measures: a streamed answer waits for the client to take each chunk.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

/**
 * Runs `here(options)` in a new worker that loads `moduleUrl` (which must call
 * `serveOwnThread(task, here)` at its top level), or here when `moduleUrl` is TypeScript
 * (under a test runner, where a worker could not load it).
 */
export async function inOwnThread<O, R>(moduleUrl: string, task: string, options: O, here: (options: O) => Promise<R>): Promise<R> {
  if (moduleUrl.endsWith('.ts')) return here(options);
  const worker = new Worker(new URL(moduleUrl), { workerData: { task, options } });
  try {
    return await new Promise<R>((done, fail) => {
      worker.once('message', (result: R) => done(result));
      worker.once('error', fail);
      worker.once('exit', (code) => fail(new Error(`the ${task} worker stopped (exit code ${code}) before it reported`)));
    });
  } finally {
    await worker.terminate();
  }
}

/** In a worker started by inOwnThread for `task`: runs it and reports the result. */
export function serveOwnThread<O, R>(task: string, here: (options: O) => Promise<R>): void {
  const data = workerData as { task?: string; options?: O } | null;
  if (isMainThread || data?.task !== task) return;
  void here(data.options as O).then((result) => parentPort?.postMessage(result));
}
