// The two halves of an HTTP benchmark: the server in a child process (http-server.ts),
// killed on every way out, and a load run with autocannon whose latencies are kept at
// full precision.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { BenchServerInfo } from './http-server.js';
import { inOwnThread, serveOwnThread } from './own-thread.js';

export interface BenchServer extends BenchServerInfo {
  pid: number;
}

const READY_TIMEOUT_MS = 60_000;

/**
 * Runs `use` against a fresh server in a child process and stops the child afterwards,
 * whether `use` returned or threw. The child also stops by itself when this process
 * dies (its standard input closes), and an exit handler kills it if this process exits
 * in the middle. Node flags for the child (`--cpu-prof`, say) come from
 * BEACON_BENCH_SERVER_ARGS.
 */
export async function withServer<T>(use: (server: BenchServer) => Promise<T>): Promise<T> {
  // Beside this file: dist/bench/http-server.js when compiled, bench/http-server.ts under tsx.
  const script = beside(import.meta.url.endsWith('.ts') ? './http-server.ts' : './http-server.js');
  const flags = (process.env['BEACON_BENCH_SERVER_ARGS'] ?? '').split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...process.execArgv, ...flags, script], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, LOG_LEVEL: 'silent' },
  });
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.on('exit', killOnExit);
  try {
    const info = await readyLine(child);
    return await use({ ...info, pid: child.pid as number });
  } finally {
    await stopChild(child);
    process.off('exit', killOnExit);
  }
}

function beside(relative: string): string {
  return fileURLToPath(new URL(relative, import.meta.url));
}

async function readyLine(child: ChildProcess): Promise<BenchServerInfo> {
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  let timer: NodeJS.Timeout | undefined;
  try {
    const line = await Promise.race([
      once(lines, 'line').then(([text]) => text as string),
      once(child, 'exit').then(([code, signal]) => Promise.reject(new Error(`the bench server exited before it was ready (code ${String(code)}, signal ${String(signal)})`))),
      new Promise<never>((_, fail) => {
        timer = setTimeout(() => fail(new Error(`the bench server was not ready within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
      }),
    ]);
    return JSON.parse(line) as BenchServerInfo;
  } finally {
    clearTimeout(timer);
    lines.close();
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

export interface LoadOptions {
  url: string;
  /** The requests, taken in turn by each connection. */
  requests: { path: string; body: string; contentType: string }[];
  headers: Record<string, string>;
  connections: number;
  /** How long to run, or how many requests to make (requests wait for their answers). */
  length: { seconds: number } | { requests: number };
  /** Requests per second over all connections; unthrottled when absent. */
  overallRate?: number;
}

export interface LoadResult {
  /** 2xx responses. */
  ok: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Non-2xx responses, and connection errors (timeouts included): any is a failed run. */
  non2xx: number;
  errors: number;
  statusCodes: Record<string, number>;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

/** A run's result from the latencies of its 2xx answers (sorted here) and its counts. */
export function loadResult(latencies: number[], seconds: number, counts: Pick<LoadResult, 'non2xx' | 'errors' | 'statusCodes'>): LoadResult {
  latencies.sort((a, b) => a - b);
  return {
    ok: latencies.length,
    seconds,
    requestsPerSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies[latencies.length - 1] ?? Number.NaN,
    ...counts,
  };
}

/** One autocannon run, in a worker thread of its own (own-thread.ts). */
export function load(options: LoadOptions): Promise<LoadResult> {
  return inOwnThread(import.meta.url, 'load', options, loadHere);
}

serveOwnThread('load', loadHere);

/**
 * One autocannon run. The latencies are taken from each response at full precision:
 * autocannon's own histogram keeps whole milliseconds and, under a rate, adds
 * synthetic samples for coordinated omission at a 1 ms interval, which would make a
 * sub-millisecond median read 1 ms or less than it is.
 */
async function loadHere(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        ...('seconds' in options.length ? { duration: options.length.seconds } : { amount: options.length.requests }),
        ...(options.overallRate !== undefined ? { overallRate: options.overallRate } : {}),
        headers: options.headers,
        requests: options.requests.map((r) => ({ method: 'POST' as const, path: r.path, body: r.body, headers: { ...options.headers, 'content-type': r.contentType } })),
        timeout: 30,
      },
      (err: unknown, res: autocannon.Result) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(res)),
    );
    instance.on('response', (_client, statusCode, _bytes, ms) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(ms);
    });
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stat.count ?? 0;
  return loadResult(latencies, result.duration, { non2xx: result.non2xx, errors: result.errors, statusCodes });
}
