import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createApp, openStore } from '../../../server/index.js';
import { run } from '../../cli/helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('beacon user add and beacon key add', () => {
  it('create a user who can sign in and a key that authenticates, never printing the password', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'beacon-user-'));
    dirs.push(cwd);
    process.env['BEACON_TEST_PASSWORD'] = 'a long enough secret';
    let token = '';
    try {
      const added = await run(cwd, 'user', 'add', '--role', 'admin', '--password-env', 'BEACON_TEST_PASSWORD', '--data', 'store', 'ada');
      expect(added.err).toBe('');
      expect(added.code).toBe(0);
      expect(added.out).toMatch(/^created admin ada \(/);
      expect(added.out + added.err).not.toContain('a long enough secret');

      const again = await run(cwd, 'user', 'add', '--role', 'viewer', '--password-env', 'BEACON_TEST_PASSWORD', '--data', 'store', 'ada');
      expect(again.code).toBe(1);
      expect(again.err).toMatch(/exists already/);

      const key = await run(cwd, 'key', 'add', '--data', 'store', 'crm');
      expect(key.code).toBe(0);
      token = key.out.trim();
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    } finally {
      delete process.env['BEACON_TEST_PASSWORD'];
    }

    // The store serve would open: the user signs in (as the login route checks), the key authenticates.
    const store = await openStore({ backend: 'pglite', dir: join(cwd, 'store') });
    try {
      const app = createApp({ repository: store.repository, logger: pino({ level: 'silent' }) });
      const server = await new Promise<Server>((ok) => {
        const s = app.listen(0, '127.0.0.1', () => ok(s));
      });
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        const res = await fetch(`${url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'ada', password: 'a long enough secret' }) });
        expect(res.status).toBe(200);
        expect(await res.json()).toMatchObject({ user: { name: 'ada', role: 'admin' } });
        const me = await fetch(`${url}/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
        expect(await me.json()).toMatchObject({ kind: 'key', key: { name: 'crm' } });
      } finally {
        await new Promise<void>((ok) => server.close(() => ok()));
      }
      const keys = await store.repository.listApiKeys((await store.repository.findCredentials('ada'))!.user.id);
      expect(keys.map((k) => k.name)).toEqual(['crm']);
    } finally {
      await store.close();
    }
  });

  it('refuses a role it does not know, or a password on the command line', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'beacon-user-'));
    dirs.push(cwd);
    expect((await run(cwd, 'user', 'add', '--role', 'root', '--password-stdin', 'x')).code).toBe(2);
    const res = await run(cwd, 'user', 'add', '--role', 'admin', '--password', 'secret', 'x');
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/Unknown option --password/);
  });

  it('says what to do, without a stack trace, when beacon serve holds the data folder', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'beacon-user-'));
    dirs.push(cwd);
    const serving = await openStore({ backend: 'pglite', dir: join(cwd, 'store') }); // as a running beacon serve holds it
    process.env['BEACON_TEST_PASSWORD'] = 'a long enough secret';
    try {
      const added = await run(cwd, 'user', 'add', '--role', 'admin', '--password-env', 'BEACON_TEST_PASSWORD', '--data', 'store', 'ada');
      expect(added.code).toBe(1);
      expect(added.err).toMatch(/^beacon user: data folder .* is in use by process \d+ \(this one\): .*stop that one .* first, or use PostgreSQL \(DATABASE_URL\)/);
      expect(added.err).not.toMatch(/\n\s+at /);
      expect((await run(cwd, 'key', 'add', '--data', 'store', 'crm')).err).toMatch(/^beacon key: data folder .* is in use/);
    } finally {
      delete process.env['BEACON_TEST_PASSWORD'];
      await serving.close();
    }
  });
});
