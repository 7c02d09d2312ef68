// Requests at an even pace, whatever the answers do (an open loop): request i is due at
// start + i / rate and sent then on a pooled keep-alive connection, however many are
// still waiting for their answers, so a queue in the server shows in the latencies.
// Latency runs from the send to the last byte of the answer. This is how "p99 at 1,000
// requests per second" is meant: autocannon's pacing sends each connection's share of a
// second back to back and then waits, which measures bursts.
import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LoadOptions, LoadResult } from './http-load.js';

export interface PacedOptions {
  url: string;
  requests: LoadOptions['requests'];
  headers: Record<string, string>;
  /** Requests per second. */
  rate: number;
  seconds: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

export async function paced(options: PacedOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const { hostname, port } = new URL(options.url);
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  let non2xx = 0;

  const send = (r: PacedOptions['requests'][number]): Promise<void> =>
    new Promise((done) => {
      const sent = performance.now();
      const req = request(
        { agent, hostname, port, method: 'POST', path: r.path, headers: { ...options.headers, 'content-type': r.contentType, 'content-length': Buffer.byteLength(r.body) } },
        (res) => {
          res.resume();
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            statusCodes[status] = (statusCodes[status] ?? 0) + 1;
            if (status >= 200 && status < 300) latencies.push(performance.now() - sent);
            else non2xx++;
            done();
          });
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        errors++;
        done();
      });
      req.end(r.body);
    });

  const inFlight: Promise<void>[] = [];
  const start = performance.now() + 10;
  for (let i = 0; i < total; ) {
    const now = performance.now();
    while (i < total && start + i * interval <= now) {
      inFlight.push(send(options.requests[i % options.requests.length]!));
      i++;
    }
    // Sleeping, not spinning: on two cores a spinning generator would take the server's
    // CPU. A timer that fires late sends the requests due meanwhile at once.
    await sleep(Math.max(0, start + i * interval - performance.now()));
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    ok: latencies.length,
    seconds,
    requestsPerSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies[latencies.length - 1] ?? Number.NaN,
    non2xx,
    errors,
    statusCodes,
  };
}
