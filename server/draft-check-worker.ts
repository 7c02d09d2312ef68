// The draft checker's thread: runs each job it is sent (draft-check.ts) and answers with
// its report, or with the error's message when the check itself failed. A job may come
// with a gate (DraftChecker.hold): the thread waits on it before starting, and says when it starts.
import { parentPort } from 'node:worker_threads';
import { runDraftCheck, type DraftCheckJob } from './draft-check.js';

parentPort?.on('message', (m: { id: number; job: DraftCheckJob; gate?: Int32Array }) => {
  if (m.gate) Atomics.wait(m.gate, 0, 0);
  // The time limit runs from here: loading this thread's modules (through tsx, from source) is not the draft's cost.
  parentPort?.postMessage({ id: m.id, started: true });
  try {
    parentPort?.postMessage({ id: m.id, report: runDraftCheck(m.job) });
  } catch (e) {
    parentPort?.postMessage({ id: m.id, failure: e instanceof Error ? e.message : String(e) });
  }
});
