// Sends the outbox's due deliveries. Each round claims a few under a lease (longer than a
// send may take), sends each, and records the attempt: delivered, or due again after an
// exponential backoff with jitter (capped at an hour; a delivery is retried until it
// succeeds, or its channel is deleted). A delivery whose success was recorded is never
// sent again; two dispatchers never hold the same one (the lease). A process that dies
// between sending and recording leaves the lease to expire and the delivery is sent
// again: receivers drop the repeat by its Idempotency-Key (webhooks).
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { ClaimedDelivery, Repository } from '../store/index.js';
import { requestFor, succeeded } from './requests.js';

export interface DispatchOptions {
  /** Who holds the leases: this process by default. */
  owner?: string;
  now?: () => Date;
  /** A send that takes longer fails (and is retried). 10 s by default. */
  timeoutMs?: number;
  /** First retry after about this long, doubling each time; 30 s by default. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Deliveries claimed per round. */
  batch?: number;
  /** [0, 1): the jitter's source (tests fix it). */
  random?: () => number;
  logger?: Logger;
}

export const DISPATCHER_ID = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

/** The wait before attempt `attempts + 1`: base·2^(attempts−1), capped, times a jitter in [0.5, 1). */
export function backoffMs(attempts: number, base: number, max: number, random: () => number): number {
  const exponential = Math.min(max, base * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential * (0.5 + random() / 2));
}

async function send(d: ClaimedDelivery, nowMs: number, timeoutMs: number): Promise<{ ok: boolean; responseCode: number | null; error: string | null }> {
  const request = requestFor(d, nowMs);
  try {
    const res = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    const text = (await res.text()).slice(0, 10_000);
    return { ...succeeded(d.channel.kind, res.status, text), responseCode: res.status };
  } catch (e) {
    const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
    return { ok: false, responseCode: null, error: timedOut ? `no answer within ${timeoutMs} ms` : `${e instanceof Error ? e.message : String(e)}`.slice(0, 500) };
  }
}

/** One round: the deliveries sent and how many succeeded. */
export async function dispatchOnce(repository: Repository, options: DispatchOptions = {}): Promise<{ sent: number; delivered: number }> {
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 10_000;
  const owner = options.owner ?? DISPATCHER_ID;
  const random = options.random ?? Math.random;
  const start = now();
  const claimed = await repository.claimDeliveries(owner, start, new Date(start.getTime() + timeoutMs * 3 + 30_000), options.batch ?? 20);
  let delivered = 0;
  for (const d of claimed) {
    const result = await send(d, now().getTime(), timeoutMs);
    const at = now();
    const nextAt = new Date(at.getTime() + backoffMs(d.attempts + 1, options.backoffMs ?? 30_000, options.maxBackoffMs ?? 3_600_000, random));
    const kept = await repository.finishDelivery(owner, d.outboxId, d.channel.id, at, { ...result, nextAt });
    if (!kept) options.logger?.warn({ outboxId: d.outboxId, channel: d.channel.id }, 'notification: the lease ran out before the attempt was recorded');
    if (result.ok && kept) delivered++;
    if (!result.ok) options.logger?.warn({ outboxId: d.outboxId, channel: d.channel.id, error: result.error, status: result.responseCode }, 'notification attempt failed; retried later');
  }
  return { sent: claimed.length, delivered };
}

export interface Dispatcher {
  stop(): Promise<void>;
}

/** Runs dispatchOnce every `intervalMs` (again at once while rounds are full). */
export function startDispatcher(repository: Repository, intervalMs: number, options: DispatchOptions = {}): Dispatcher {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const schedule = (delay: number): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = dispatchOnce(repository, options)
        .then((r) => schedule(r.sent >= (options.batch ?? 20) ? 0 : intervalMs))
        .catch((err: unknown) => {
          options.logger?.error({ err }, 'notification dispatch failed');
          schedule(intervalMs);
        });
    }, delay);
    timer.unref();
  };
  schedule(intervalMs);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
