// Issue 9, items 14 and 18: the sign-in limit holds under concurrency and across names,
// password hashing is gated (a busy answer rather than every core on scrypt), and hashes
// are made at OWASP's cost while older, cheaper ones still verify and are raised at sign-in.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BusyError, createPasswords, createRateLimiter, type Passwords } from '../../../server/auth/index.js';
import { errorHandler } from '../../../server/errors.js';
import { authRoutes } from '../../../server/routes/auth.js';
import { hashPassword, openStore, PASSWORD_COST, verifyPassword, type Problem, type Store } from '../../../server/index.js';
import { post, startTestServer, TEST_COST, type TestServer } from '../app/helper.js';

const PASSWORD = 'correct horse battery';
const nobody = { authorization: '' };

describe('POST /v1/auth/login with attempts sent together', () => {
  let store: Store;
  let server: Server;
  let url: string;
  // Every password check waits until `release()`: so the test knows all attempts were in flight together, without timing.
  let held: (() => void)[] = [];
  let arrived = 0;
  const passwords: Passwords = {
    ...createPasswords({ cost: TEST_COST }),
    async verify(password, stored) {
      arrived++;
      await new Promise<void>((go) => held.push(go));
      return verifyPassword(password, stored);
    },
  };

  beforeAll(async () => {
    store = await openStore({ backend: 'memory' });
    await store.repository.createUser({ name: 'ada', role: 'admin', passwordHash: await hashPassword(PASSWORD, TEST_COST) });
    const app = express();
    app.set('trust proxy', false);
    app.use(
      authRoutes({
        repository: store.repository,
        session: { ttlMs: 60_000, now: () => new Date() },
        limiter: createRateLimiter({ max: 5, windowMs: 60_000 }),
        addressLimiter: createRateLimiter({ max: 1000, windowMs: 60_000 }),
        passwords,
      }),
    );
    app.use(errorHandler(pino({ level: 'silent' })));
    server = await new Promise<Server>((ok) => {
      const s = app.listen(0, '127.0.0.1', () => ok(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((ok) => server.close(() => ok()));
    await store.close();
  });

  it('checks at most the limit of 60 wrong passwords sent at once; the rest are 429 with Retry-After at once', async () => {
    let refused = 0;
    const attempts = Array.from({ length: 60 }, () =>
      post(`${url}/v1/auth/login`, { name: 'ada', password: 'wrong password!' }, nobody).then((res) => {
        if (res.status === 429) refused++;
        return res;
      }),
    );
    // Release the checks once every attempt is either being checked or answered.
    while (arrived + refused < 60) await new Promise((tick) => setImmediate(tick));
    for (const go of held) go();
    held = [];
    const statuses = (await Promise.all(attempts)).map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(55);
    expect(arrived).toBe(5);
  });
});

describe('POST /v1/auth/login from one address to many names', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ auth: { loginAttempts: { max: 5, windowMs: 60_000 }, addressAttempts: { max: 3, windowMs: 60_000 } } });
    await server.store.repository.createUser({ name: 'ada', role: 'admin', passwordHash: await hashPassword(PASSWORD, TEST_COST) });
  });
  afterAll(() => server.close());

  const login = (name: string, password: string) => post(`${server.url}/v1/auth/login`, { name, password }, nobody);

  it('does not count successes, and refuses any name once the address has failed too often', async () => {
    for (let i = 0; i < 5; i++) expect((await login('ada', PASSWORD)).status).toBe(200);
    for (const name of ['a1', 'a2', 'a3']) expect((await login(name, 'wrong password!')).status).toBe(401);
    const res = await login('a4', 'wrong password!');
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await res.json()) as Problem).detail).toMatch(/from this address/);
  });
});

describe('password hashing', () => {
  it('is gated: beyond the hashes running and waiting, a hash is refused at once (BusyError, a 503 with Retry-After)', async () => {
    const gate = createPasswords({ cost: TEST_COST, concurrency: 1, queue: 1 });
    const first = gate.hash('one password here');
    const second = gate.hash('two password here');
    await expect(gate.hash('three password here')).rejects.toBeInstanceOf(BusyError);
    expect(gate.load).toEqual({ running: 1, waiting: 1 });
    await Promise.all([first, second]);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
    expect(new BusyError(1)).toMatchObject({ status: 503, retryAfterSeconds: 1 });
  });

  it("makes hashes at OWASP's cost (N=2^17, r=8, p=1) by default", async () => {
    expect(PASSWORD_COST).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    const hash = await hashPassword(PASSWORD);
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword(PASSWORD, hash)).toBe(true);
  });

  it('still verifies a hash of a lower cost, and raises it at the next sign-in; sessions live on', async () => {
    const server = await startTestServer({ auth: { passwords: { cost: { N: 2 ** 11, r: 8, p: 1 } } } });
    try {
      const repo = server.store.repository;
      const old = await hashPassword(PASSWORD, { N: 2 ** 10, r: 8, p: 1 });
      await repo.createUser({ name: 'old', role: 'viewer', passwordHash: old });
      const first = await post(`${server.url}/v1/auth/login`, { name: 'old', password: PASSWORD }, nobody);
      expect(first.status).toBe(200);
      const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0]!;
      const raised = (await repo.findCredentials('old'))!.passwordHash;
      expect(raised).toMatch(/^scrypt\$2048\$8\$1\$/);
      expect((await post(`${server.url}/v1/auth/login`, { name: 'old', password: PASSWORD }, nobody)).status).toBe(200);
      expect((await repo.findCredentials('old'))!.passwordHash).toBe(raised); // at today's cost: left alone
      expect((await fetch(`${server.url}/v1/auth/me`, { headers: { cookie } })).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('behind a proxy (trustProxy, BEACON_TRUST_PROXY)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ trustProxy: 'loopback', auth: { addressAttempts: { max: 2, windowMs: 60_000 } } });
    await server.store.repository.createUser({ name: 'ada', role: 'admin', passwordHash: await hashPassword(PASSWORD, TEST_COST) });
  });
  afterAll(() => server.close());

  const login = (client: string, name: string, password: string, extra: Record<string, string> = {}) => post(`${server.url}/v1/auth/login`, { name, password }, { ...nobody, 'x-forwarded-for': client, ...extra });

  it('counts each client by its forwarded address, not the proxy: one client blocked, another not', async () => {
    for (const name of ['b1', 'b2']) expect((await login('10.0.0.1', name, 'wrong password!')).status).toBe(401);
    expect((await login('10.0.0.1', 'b3', 'wrong password!')).status).toBe(429);
    expect((await login('10.0.0.2', 'b3', 'wrong password!')).status).toBe(401);
  });

  it('makes the session cookie Secure when the proxy says https', async () => {
    const res = await login('10.0.0.3', 'ada', PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/; Secure/);
  });
});
