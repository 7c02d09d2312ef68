// beacon key list|create|revoke (issue 12): every key without its secret; a revoked key
// no longer authenticates.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken, openStore } from '../../../server/index.js';
import { run, runWith } from '../helpers.js';

const cwd = mkdtempSync(join(tmpdir(), 'beacon-key-cmd-'));
const key = (...args: string[]) => run(cwd, 'key', ...args, '--data', 'store');
let secret = '';

beforeAll(async () => {
  process.env['BEACON_TEST_PASSWORD'] = 'correct horse battery';
  expect((await run(cwd, 'user', 'add', '--role', 'admin', '--password-env', 'BEACON_TEST_PASSWORD', '--data', 'store', 'ada')).code).toBe(0);
  const created = await key('create', 'crm');
  expect(created.code).toBe(0);
  secret = created.out.trim();
}, 120_000);
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('beacon key', () => {
  it('lists every key with owner and role, never the secret', async () => {
    const listed = await key('list');
    expect(listed.code).toBe(0);
    expect(listed.out.split('\n')[0]).toMatch(/^id\s+name\s+owner\s+role\s+created\s+last used\s+revoked$/);
    expect(listed.out).toMatch(/\scrm\s+ada\s+admin\s/);
    expect(listed.out).not.toContain(secret);
  });

  it('revokes a key by id: it stops authenticating, and the revocation is audited', async () => {
    const id = (await key('list')).out.split('\n')[1]!.split(/\s+/)[0]!;
    const revoked = await key('revoke', id);
    expect(revoked).toMatchObject({ code: 0, out: `revoked API key crm (${id})\n` });
    const s = await openStore({ backend: 'pglite', dir: join(cwd, 'store') });
    try {
      expect(await s.repository.authenticateApiKey(hashToken(secret))).toBeNull();
      expect((await s.repository.listAudit({ actor: 'cli' })).some((e) => e.action === 'key.revoke')).toBe(true);
    } finally {
      await s.close();
    }
    expect((await key('list')).out).toMatch(/\scrm\s.*\d{4}-\d\d-\d\dT.*Z\s*$/m);
  });

  it('answers an unknown key with 1 (in Chinese when asked), wrong usage with 2', async () => {
    expect(await key('revoke', 'no-such-key')).toMatchObject({ code: 1, err: 'beacon key: no API key with id "no-such-key"\n' });
    expect((await runWith({ lang: 'zh' }, cwd, 'key', 'revoke', 'no-such-key', '--data', 'store')).err).toBe('beacon key: 没有编号为 "no-such-key" 的 API 密钥\n');
    expect((await key('revoke')).code).toBe(2);
    expect((await run(cwd, 'key')).code).toBe(2);
  });
});
