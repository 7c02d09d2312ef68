// Checks drafts in a worker thread, one at a time, so parsing and checking a large draft
// never blocks the event loop (every other request keeps being answered). One worker,
// started on first use and reused; a check that runs longer than `timeoutMs` (counted
// from when the worker starts it) ends the worker (the next check starts a new one) and
// is answered 422.
import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { DraftCheckJob, DraftCheckReport } from './draft-check.js';
import { DRAFT_CHECK_TIMEOUT, HttpError } from './errors.js';

export class DraftCheckTimeoutError extends HttpError {
  constructor(timeoutMs: number) {
    const message = `Checking the draft took longer than ${timeoutMs / 1000} s and was stopped; split the policy or remove what makes it slow.`;
    super(422, 'draft-check-timeout', 'The draft took too long to check', message, [{ pointer: '/source', message, code: DRAFT_CHECK_TIMEOUT }]);
  }
}

export class DraftCheckerBusyError extends HttpError {
  constructor(waiting: number) {
    super(503, 'draft-checker-busy', 'Too many drafts waiting', `${waiting} drafts are waiting to be checked; try again shortly.`);
  }
}

function workerUrl(): URL {
  // Compiled: the .js worker beside this file. From source: a bootstrap that loads the .ts worker through tsx.
  return new URL(import.meta.url.endsWith('.ts') ? './draft-check-worker-tsx.mjs' : './draft-check-worker.js', import.meta.url);
}

interface Pending {
  id: number;
  job: DraftCheckJob;
  timeoutMs: number;
  gate: Int32Array | undefined;
  resolve(report: DraftCheckReport): void;
  reject(e: unknown): void;
}

export interface DraftCheckerOptions {
  timeoutMs?: number;
  /** Checks waiting beyond this many are refused (503). */
  maxWaiting?: number;
  /** An idle worker is ended after this long (the next check starts another). */
  idleMs?: number;
}

/**
 * Events: `start` (a job went to the worker), `running` (the worker began it), `done`
 * (its answer came back). Tests use
 * them and `hold()` to order requests around a check without timing anything.
 */
export class DraftChecker extends EventEmitter {
  private worker: Worker | undefined;
  private running: (Pending & { timer?: NodeJS.Timeout }) | undefined;
  private readonly waiting: Pending[] = [];
  private nextId = 1;
  private gate: Int32Array | undefined;
  private readonly timeoutMs: number;
  private readonly maxWaiting: number;
  private readonly idleMs: number;
  private idle: NodeJS.Timeout | undefined;

  constructor(options: DraftCheckerOptions = {}) {
    super();
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxWaiting = options.maxWaiting ?? 32;
    this.idleMs = options.idleMs ?? 2_000;
  }

  /** The job's report; DraftCheckTimeoutError past `timeoutMs` (the checker's by default). */
  check(job: DraftCheckJob, options: { timeoutMs?: number } = {}): Promise<DraftCheckReport> {
    if (this.waiting.length >= this.maxWaiting) return Promise.reject(new DraftCheckerBusyError(this.waiting.length));
    return new Promise((resolve, reject) => {
      this.waiting.push({ id: this.nextId++, job, timeoutMs: options.timeoutMs ?? this.timeoutMs, gate: this.gate, resolve, reject });
      this.gate = undefined;
      this.pump();
    });
  }

  /**
   * The next check waits in the worker, before it starts, until the returned function is
   * called: the main thread meanwhile goes on serving (test/server/policies/draft-check.test.ts).
   */
  hold(): () => void {
    const gate = new Int32Array(new SharedArrayBuffer(4));
    this.gate = gate;
    return () => {
      Atomics.store(gate, 0, 1);
      Atomics.notify(gate, 0);
    };
  }

  /** Ends the worker; waiting checks are refused. */
  async close(): Promise<void> {
    clearTimeout(this.idle);
    for (const p of this.waiting.splice(0)) p.reject(new Error('the draft checker was closed'));
    const worker = this.worker;
    this.worker = undefined;
    this.fail(new Error('the draft checker was closed'));
    await worker?.terminate();
  }

  private spawn(): Worker {
    const worker = new Worker(workerUrl());
    // An idle checker must not keep the process alive: unref() is not enough for a thread
    // started through tsx (its loader keeps the process up), so an idle worker is also ended.
    worker.unref();
    worker.on('message', (m: { id: number; started?: true; report?: DraftCheckReport; failure?: string }) => {
      const running = this.running;
      if (!running || running.id !== m.id) return;
      if (m.started) {
        running.timer = setTimeout(() => this.timedOut(running.timeoutMs), running.timeoutMs);
        this.emit('running', m.id);
        return;
      }
      this.finish();
      if (m.report) running.resolve(m.report);
      else running.reject(new Error(`the draft check failed: ${m.failure}`));
    });
    const lost = (e: Error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.fail(e);
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the draft checker stopped (exit code ${code})`)));
    return worker;
  }

  private pump(): void {
    if (this.running) return;
    const next = this.waiting.shift();
    clearTimeout(this.idle);
    if (!next) {
      this.idle = setTimeout(() => {
        const worker = this.worker;
        this.worker = undefined;
        void worker?.terminate();
      }, this.idleMs).unref();
      return;
    }
    this.worker ??= this.spawn();
    this.running = next;
    this.worker.postMessage({ id: next.id, job: next.job, gate: next.gate });
    this.emit('start', next.id);
  }

  private timedOut(timeoutMs: number): void {
    const worker = this.worker;
    this.worker = undefined;
    this.fail(new DraftCheckTimeoutError(timeoutMs));
    void worker?.terminate();
  }

  private finish(): void {
    if (!this.running) return;
    clearTimeout(this.running.timer);
    this.emit('done', this.running.id);
    this.running = undefined;
    queueMicrotask(() => this.pump());
  }

  private fail(e: unknown): void {
    const running = this.running;
    if (!running) return;
    this.finish();
    running.reject(e);
  }
}

let shared: DraftChecker | undefined;

/** The process's checker, shared by every app it builds. */
export function sharedDraftChecker(): DraftChecker {
  shared ??= new DraftChecker();
  return shared;
}
