// beacon user list|create|disable|enable|reset-password|set-role (issue 12): on the store
// beacon serve opens, audited as the API's changes, the last enabled admin kept.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, verifyPassword } from '../../../server/index.js';
import { run, runWith } from '../helpers.js';

const cwd = mkdtempSync(join(tmpdir(), 'beacon-user-cmd-'));
const PASSWORD = 'correct horse battery';
const user = (...args: string[]) => run(cwd, 'user', ...args, '--data', 'store');
const store = async <T>(fn: (s: Awaited<ReturnType<typeof openStore>>) => Promise<T>): Promise<T> => {
  const s = await openStore({ backend: 'pglite', dir: join(cwd, 'store') });
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
};

beforeAll(async () => {
  process.env['BEACON_TEST_PASSWORD'] = PASSWORD;
  expect((await user('create', '--role', 'admin', '--password-env', 'BEACON_TEST_PASSWORD', 'ada')).code).toBe(0);
  expect((await user('add', '--role', 'viewer', '--password-env', 'BEACON_TEST_PASSWORD', 'vic')).code).toBe(0);
}, 120_000);
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('beacon user', () => {
  it('lists users with role, properties and whether disabled', async () => {
    const listed = await user('list');
    expect(listed.code).toBe(0);
    expect(listed.out.split('\n')[0]).toMatch(/^name\s+role\s+properties\s+disabled$/);
    expect(listed.out).toMatch(/^ada\s+admin/m);
    expect(listed.out).toMatch(/^vic\s+viewer/m);
  });

  it('sets a role and properties; disables and enables; each audited with actor cli', async () => {
    const set = await user('set-role', 'vic', 'manager');
    expect(set).toMatchObject({ code: 0, out: 'vic is now manager\n' });
    const disabled = await user('disable', 'vic');
    expect(disabled.code).toBe(0);
    await store(async (s) => {
      const vic = (await s.repository.findCredentials('vic'))!.user;
      expect(vic).toMatchObject({ role: 'manager' });
      expect(vic.disabledAt).not.toBeNull();
      const actions = (await s.repository.listAudit({ actor: 'cli' })).map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['user.update', 'user.disable']));
    });
    expect((await user('enable', 'vic')).code).toBe(0);
    await store(async (s) => expect((await s.repository.findCredentials('vic'))!.user.disabledAt).toBeNull());
  });

  it('resets a password: the new one on stdout once, the old one no longer verifies', async () => {
    const reset = await user('reset-password', 'vic');
    expect(reset.code).toBe(0);
    const password = reset.out.trim();
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(reset.err).not.toContain(password);
    await store(async (s) => {
      const { passwordHash } = (await s.repository.findCredentials('vic'))!;
      expect(await verifyPassword(password, passwordHash)).toBe(true);
      expect(await verifyPassword(PASSWORD, passwordHash)).toBe(false);
    });
  });

  it('will not disable or demote the last enabled admin (exit 1, saying why)', async () => {
    for (const args of [['disable', 'ada'], ['set-role', 'ada', 'quality']]) {
      const res = await user(...args);
      expect(res.code).toBe(1);
      expect(res.err).toMatch(/last enabled admin/);
    }
  });

  it('answers an unknown user with 1, wrong usage with 2, in Chinese when asked', async () => {
    expect(await user('disable', 'nobody')).toMatchObject({ code: 1, err: 'beacon user: no user named "nobody"\n' });
    expect((await user('set-role', 'vic', 'owner')).code).toBe(2);
    expect((await user('frobnicate')).code).toBe(2);
    const zh = await runWith({ lang: 'zh' }, cwd, 'user', 'disable', 'nobody', '--data', 'store');
    expect(zh).toMatchObject({ code: 1, err: 'beacon user: 没有名为 "nobody" 的用户\n' });
    expect((await run(cwd, 'user', '--help')).out).toMatch(/reset-password/);
  });
});
