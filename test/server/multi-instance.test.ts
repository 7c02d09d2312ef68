// Two server processes on one PostgreSQL database, started together as a deployment
// would start them: they migrate and import once between them, and a policy activated
// through one is what the other evaluates with within a second.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, hashToken, newToken, openStore } from '../../server/index.js';
import { POLICIES, ticket } from './app/helper.js';

const url = process.env.TEST_DATABASE_URL;
const ROOT = resolve(import.meta.dirname, '../..');
const PROCESS_START_MS = 60_000;

interface Instance {
  child: ChildProcess;
  url: string;
  output: string[];
}

/** `beacon serve` in a process of its own; resolves with its address once it listens. */
function serve(databaseUrl: string): Promise<Instance> {
  const child = spawn(process.execPath, [resolve(ROOT, 'bin/beacon.mjs'), 'serve', '--port', '0', '--policies', POLICIES], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'info', SWEEP_INTERVAL_MS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`no "listening" line within ${PROCESS_START_MS} ms:\n${output.join('\n')}`)), PROCESS_START_MS);
    createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      try {
        const entry = JSON.parse(line) as { url?: string; msg?: string };
        if (entry.url && entry.msg?.startsWith('Beacon listening')) {
          clearTimeout(timer);
          ok({ child, url: entry.url, output });
        }
      } catch {
        // not a log line
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`beacon serve ended with ${code}:\n${output.join('\n')}`));
    });
  });
}

async function stop(instance: Instance | undefined): Promise<void> {
  const child = instance?.child;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((ok) => child.once('exit', ok));
  child.kill('SIGTERM');
  await exited;
}

if (!url) {
  describe.skip('two server processes on one PostgreSQL (skipped: TEST_DATABASE_URL is not set)', () => {
    it('see one activation', () => undefined);
  });
} else {
  describe('two server processes on one PostgreSQL', () => {
    const database = `beacon_multi_${randomBytes(5).toString('hex')}`;
    const databaseUrl = Object.assign(new URL(url), { pathname: `/${database}` }).toString();
    const admin = new pg.Client({ connectionString: url });
    let a: Instance | undefined;
    let b: Instance | undefined;

    beforeAll(async () => {
      await admin.connect();
      await admin.query(`CREATE DATABASE ${database}`);
      [a, b] = await Promise.all([serve(databaseUrl), serve(databaseUrl)]);
    }, PROCESS_START_MS * 2);

    afterAll(async () => {
      await Promise.all([stop(a), stop(b)]);
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    }, PROCESS_START_MS);

    it('import the shipped policies once between them, and each sees an activation through the other within a second', async () => {
      const store = await openStore({ backend: 'postgres', url: databaseUrl });
      const key = newToken();
      try {
        expect((await store.repository.history('jinxiu-garden')).map((v) => v.version)).toEqual([1]);
        const boss = await store.repository.createUser({ name: 'quality-lead', role: 'quality', passwordHash: await hashPassword('a long enough secret') });
        await store.repository.createApiKey({ userId: boss.id, name: 'call centre', keyHash: hashToken(key) });
      } finally {
        await store.close();
      }
      const evaluate = async (on: Instance): Promise<number> => {
        const res = await fetch(`${on.url}/v1/evaluate`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({ ticket: ticket(), at: '2026-03-02T09:00:00+08:00' }),
        });
        expect(res.status).toBe(200);
        return ((await res.json()) as { policy: { version: number } }).policy.version;
      };
      // Both have served (and so cached) version 1.
      expect(await evaluate(a!)).toBe(1);
      expect(await evaluate(b!)).toBe(1);

      const login = await fetch(`${a!.url}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'quality-lead', password: 'a long enough secret' }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const current = (await (await fetch(`${a!.url}/v1/scopes/jinxiu-garden/policy`, { headers: { cookie } })).json()) as { id: string; source: string };
      const draft = await fetch(`${a!.url}/v1/scopes/jinxiu-garden/policy/drafts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ baseVersionId: current.id, source: `${current.source}\n// reviewed by the quality department\n` }),
      });
      expect(draft.status).toBe(201);
      const { id } = (await draft.json()) as { id: string };
      const activated = await fetch(`${a!.url}/v1/policy-versions/${id}/activate`, { method: 'POST', headers: { cookie } });
      expect(activated.status).toBe(200);
      const activatedAt = Date.now();

      expect(await evaluate(a!)).toBe(2); // the writer's own next request
      let seen = await evaluate(b!);
      while (seen !== 2 && Date.now() - activatedAt < 1000) seen = await evaluate(b!);
      expect(seen, `instance B still evaluates with version ${seen} one second after the activation`).toBe(2);
    });
  });
}
