// The server the HTTP benchmark loads, run as a child process so the load generator
// (autocannon) does not share its thread. Starts the service on an in-memory store with
// the shipped policies, quiet logs and no sweep, on a free loopback port; creates a user
// and an API key; beside it, in the same process, starts the baseline: a bare node:http
// server that reads the request and answers `?bytes=N` bytes of JSON, so the figures can
// be read against what this machine does with no work per request; prints
// `{"url":…,"key":…,"baselineUrl":…}` as one line on standard output; and runs until
// SIGTERM or SIGINT, or until its standard input closes (the parent died).
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { hashPassword, hashToken, newToken, start, type ServerConfig } from '../server/index.js';

// The project root, whether this runs from bench/ (tsx) or dist/bench/ (compiled).
const root = fileURLToPath(new URL(import.meta.url.includes('/dist/bench/') ? '../..' : '..', import.meta.url));

export interface BenchServerInfo {
  url: string;
  key: string;
  baselineUrl: string;
}

const config: ServerConfig = {
  host: '127.0.0.1',
  port: 0,
  store: { backend: 'memory' },
  policiesDir: `${root}policies`,
  logLevel: 'silent',
  shutdownTimeoutMs: 1000,
  sweepIntervalMs: 0,
};

// No setup link on standard error: the bench signs in with its own key.
const running = await start(config, { logger: pino({ level: 'silent' }), print: () => undefined });
const key = newToken();
const user = await running.store.repository.createUser({ name: 'bench', role: 'admin', passwordHash: await hashPassword(randomBytes(24).toString('base64url')) });
await running.store.repository.createApiKey({ userId: user.id, name: 'bench', keyHash: hashToken(key) });

const filler = new Map<number, Buffer>();
const baseline = createServer((req, res) => {
  const bytes = Math.min(10_000_000, Number(new URL(req.url ?? '/', 'http://x').searchParams.get('bytes') ?? 2) || 2);
  let body = filler.get(bytes);
  if (!body) filler.set(bytes, (body = Buffer.from(JSON.stringify({ x: 'x'.repeat(Math.max(0, bytes - 8)) }))));
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    res.end(body);
  });
});
await new Promise<void>((ok) => baseline.listen(0, '127.0.0.1', ok));

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  baseline.close();
  baseline.closeAllConnections();
  running.stop().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();

const info: BenchServerInfo = { url: running.url, key, baselineUrl: `http://127.0.0.1:${(baseline.address() as AddressInfo).port}` };
process.stdout.write(`${JSON.stringify(info)}\n`);
