// Requests at an even pace, whatever the answers do (an open loop): request i is due at
// start + i / rate and sent then on an idle keep-alive connection (a new one is opened
// when all are waiting), however many are still waiting for their answers, so a queue in
// the server shows in the latencies. Latency runs from the send to the last byte of the
// answer. This is how "p99 at 1,000 requests per second" is meant: autocannon's pacing
// sends each connection's share of a second back to back and then waits, which measures
// bursts.
//
// The generator shares the machine with the server it measures (two cores here), so it
// is kept light: each request is encoded once up front and written to a raw socket, and
// only the status line and the framing of the answer are read (node:http's client cost
// a third of a millisecond per request, half of what the server spends). It runs in a
// worker thread of its own (own-thread.ts).
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadResult, type LoadOptions, type LoadResult } from './http-load.js';
import { inOwnThread, serveOwnThread } from './own-thread.js';

export interface PacedOptions {
  url: string;
  requests: LoadOptions['requests'];
  headers: Record<string, string>;
  /** Requests per second. */
  rate: number;
  seconds: number;
}

export interface PacedResult extends LoadResult {
  /** The latest a request left after it was due, in milliseconds: how well the generator kept pace. */
  lateMaxMs: number;
}

/** Connections opened before the first request, so the first ones pay no handshake. */
const WARM_CONNECTIONS = 8;
const MAX_CONNECTIONS = 512;
/** Idle connections older than this are closed, not reused: the server closes them at 5 s (its keep-alive timeout), and a request written as it does would fail. */
const IDLE_MS = 4000;
const TIMEOUT_MS = 30_000;

/** One HTTP/1.1 request, ready to write. */
export function encodeRequest(host: string, r: PacedOptions['requests'][number], headers: Record<string, string>): Buffer {
  const body = Buffer.from(r.body);
  const lines = [`POST ${r.path} HTTP/1.1`, `host: ${host}`, 'connection: keep-alive', `content-type: ${r.contentType}`, `content-length: ${body.length}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), body]);
}

/** Where an answer in `data` ends, and its status; undefined until it is whole. Throws on framing this client does not read. */
export function answerEnd(data: Buffer): { end: number; status: number } | undefined {
  const head = data.indexOf('\r\n\r\n');
  if (head < 0) return undefined;
  const headers = data.toString('latin1', 0, head);
  const status = Number(headers.slice(9, 12));
  const length = /\r\ncontent-length: *(\d+)/i.exec(headers);
  if (length) {
    const end = head + 4 + Number(length[1]);
    return data.length >= end ? { end, status } : undefined;
  }
  if (/\r\ntransfer-encoding: *chunked/i.test(headers)) {
    const last = data.indexOf('\r\n0\r\n\r\n', head);
    return last < 0 ? undefined : { end: last + 7, status };
  }
  throw new Error(`an answer with neither content-length nor chunked framing: ${headers.split('\r\n')[0] ?? ''}`);
}

interface Connection {
  socket: Socket;
  /** When its last answer came. */
  idleSince: number;
  pending: Buffer;
  done?: (status: number) => void;
}

/** One paced run, in a worker thread of its own (own-thread.ts). */
export function paced(options: PacedOptions): Promise<PacedResult> {
  return inOwnThread(import.meta.url, 'paced', options, pacedHere);
}

serveOwnThread('paced', pacedHere);

async function pacedHere(options: PacedOptions): Promise<PacedResult> {
  const { hostname, port, host } = new URL(options.url);
  const encoded = options.requests.map((r) => encodeRequest(host, r, options.headers));
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  const idle: Connection[] = [];
  const all = new Set<Connection>();
  let errors = 0;
  let non2xx = 0;
  let lateMaxMs = 0;

  const open = (): Promise<Connection> =>
    new Promise((ready, fail) => {
      const socket = connect({ host: hostname, port: Number(port), noDelay: true });
      const c: Connection = { socket, idleSince: performance.now(), pending: Buffer.alloc(0) };
      const drop = (): void => {
        all.delete(c);
        const at = idle.indexOf(c);
        if (at >= 0) idle.splice(at, 1);
      };
      all.add(c);
      socket.setTimeout(TIMEOUT_MS, () => socket.destroy(new Error('timeout')));
      socket.once('connect', () => ready(c));
      socket.on('data', (chunk: Buffer) => {
        c.pending = c.pending.length === 0 ? chunk : Buffer.concat([c.pending, chunk]);
        const answer = answerEnd(c.pending);
        if (!answer) return;
        c.pending = c.pending.subarray(answer.end);
        const finish = c.done;
        c.done = undefined;
        finish?.(answer.status);
      });
      socket.on('error', (err) => {
        drop();
        const finish = c.done;
        c.done = undefined;
        if (finish) finish(-1);
        else fail(err);
      });
      socket.on('close', () => {
        drop();
        const finish = c.done;
        c.done = undefined;
        finish?.(-1);
      });
    });

  /** The connection that answered last (the one most likely warm), closing any left idle too long. */
  const idleConnection = (): Connection | undefined => {
    const now = performance.now();
    for (let c = idle.pop(); c; c = idle.pop()) {
      if (now - c.idleSince < IDLE_MS && !c.socket.destroyed) return c;
      all.delete(c);
      c.socket.destroy();
    }
    return undefined;
  };

  const send = async (request: Buffer, due: number): Promise<void> => {
    const c = idleConnection() ?? (all.size < MAX_CONNECTIONS ? await open().catch(() => undefined) : undefined);
    if (!c) {
      errors++;
      return;
    }
    const sent = performance.now();
    lateMaxMs = Math.max(lateMaxMs, sent - due);
    await new Promise<void>((answered) => {
      c.done = (status) => {
        if (status < 0) errors++;
        else {
          statusCodes[status] = (statusCodes[status] ?? 0) + 1;
          c.idleSince = performance.now();
          if (status >= 200 && status < 300) latencies.push(c.idleSince - sent);
          else non2xx++;
          idle.push(c);
        }
        answered();
      };
      c.socket.write(request);
    });
  };

  for (let i = 0; i < WARM_CONNECTIONS; i++) idle.push(await open());
  const inFlight: Promise<void>[] = [];
  const start = performance.now() + 10;
  for (let i = 0; i < total; ) {
    const now = performance.now();
    while (i < total && start + i * interval <= now) {
      inFlight.push(send(encoded[i % encoded.length] as Buffer, start + i * interval));
      i++;
    }
    // Sleeping, not spinning: on two cores a spinning generator would take the server's
    // CPU. A timer that fires late sends the requests due meanwhile at once.
    await sleep(Math.max(0, start + i * interval - performance.now()));
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - start) / 1000;
  for (const c of all) c.socket.destroy();
  return { ...loadResult(latencies, seconds, { non2xx, errors, statusCodes }), lateMaxMs };
}
