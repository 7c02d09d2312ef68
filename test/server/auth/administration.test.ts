// Issue 12, item 6: administration of users and keys. PATCH /v1/users/{id}, POST
// /v1/users/{id}/password-reset and GET /v1/keys for every kind of caller; disabling a
// user ends their session and their keys at once; the last enabled admin cannot be
// disabled or demoted; each change is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, ErrorItem, User } from '../../../server/index.js';
import { authorize, post, signInUsers, startTestServer, ticket, TEST_PASSWORD, type TestServer } from '../app/helper.js';

let server: TestServer;
let as: Record<string, Record<string, string>>;
let managerKey: Record<string, string>;
const ids: Record<string, string> = {};

const call = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
  fetch(`${server.url}${path}`, { method, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
const login = (name: string, password: string) => post(`${server.url}/v1/auth/login`, { name, password }, { authorization: '' });
const lastAudit = async (action: string): Promise<AuditEntry | undefined> => (await server.store.repository.listAudit({ limit: 50 })).find((e) => e.action === action);

beforeAll(async () => {
  server = await startTestServer();
  as = await signInUsers(server, { ada: { role: 'admin' }, quinn: { role: 'quality' }, mia: { role: 'manager', properties: ['jinxiu-garden'] }, vic: { role: 'viewer', properties: ['jinxiu-garden'] }, tom: { role: 'manager', properties: ['jinxiu-garden'] } });
  managerKey = await authorize(server.store.repository, 'mia-system', 'manager', ['jinxiu-garden']);
  for (const u of await server.store.repository.listUsers()) ids[u.name] = u.id;
  as['anonymous'] = {};
  as['key'] = managerKey;
});
afterAll(() => server.close());

describe('who may administer', () => {
  it.each(['quinn', 'mia', 'vic', 'key', 'anonymous'])('%s may not change users, reset passwords or list keys', async (who) => {
    const status = who === 'anonymous' ? 401 : 403;
    expect((await call('PATCH', `/v1/users/${ids['tom']}`, as[who]!, { disabled: true })).status).toBe(status);
    expect((await call('POST', `/v1/users/${ids['tom']}/password-reset`, as[who]!)).status).toBe(status);
    expect((await call('GET', '/v1/keys', as[who]!)).status).toBe(status);
    expect((await server.store.repository.getUser(ids['tom']!)).disabledAt).toBeNull();
  });
});

describe('PATCH /v1/users/{id}', () => {
  it('changes the role and properties, audited with what was before', async () => {
    const res = await call('PATCH', `/v1/users/${ids['vic']}`, as['ada']!, { role: 'manager', properties: ['jinxiu-garden', 'xinghe-tower'] });
    expect(res.status).toBe(200);
    expect((await res.json()) as User).toMatchObject({ name: 'vic', role: 'manager', properties: ['jinxiu-garden', 'xinghe-tower'] });
    expect(await lastAudit('user.update')).toMatchObject({ actor: ids['ada'], detail: { userId: ids['vic'], before: { role: 'viewer', properties: ['jinxiu-garden'] }, changes: { role: 'manager' } } });
  });

  it('disabling ends the session and the keys of the user at once; enabling lets them sign in again', async () => {
    const tomKey = await authorize(server.store.repository, 'tom-system', 'manager', ['jinxiu-garden']);
    const tom = (await server.store.repository.listUsers()).find((u) => u.name === 'tom-system')!;
    expect((await call('GET', '/v1/auth/me', as['tom']!)).status).toBe(200);
    expect((await post(`${server.url}/v1/evaluate`, { ticket: ticket() }, tomKey)).status).toBe(200);
    expect((await call('PATCH', `/v1/users/${ids['tom']}`, as['ada']!, { disabled: true })).status).toBe(200);
    expect((await call('PATCH', `/v1/users/${tom.id}`, as['ada']!, { disabled: true })).status).toBe(200);
    expect((await call('GET', '/v1/auth/me', as['tom']!)).status).toBe(401);
    expect((await post(`${server.url}/v1/evaluate`, { ticket: ticket() }, tomKey)).status).toBe(401);
    expect((await login('tom', TEST_PASSWORD)).status).toBe(401);
    expect(await lastAudit('user.disable')).toMatchObject({ detail: { userId: tom.id } });
    expect((await call('PATCH', `/v1/users/${ids['tom']}`, as['ada']!, { disabled: false })).status).toBe(200);
    expect((await login('tom', TEST_PASSWORD)).status).toBe(200);
  });

  it('answers 400 for an empty or unknown change, 404 for an unknown user or property', async () => {
    expect((await call('PATCH', `/v1/users/${ids['mia']}`, as['ada']!, {})).status).toBe(400);
    const wrong = await call('PATCH', `/v1/users/${ids['mia']}`, as['ada']!, { role: 'owner', password: 'x' });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { errors: ErrorItem[] }).errors.map((e) => e.pointer).sort()).toEqual(['/password', '/role']);
    expect((await call('PATCH', '/v1/users/nobody', as['ada']!, { disabled: true })).status).toBe(404);
    expect((await call('PATCH', `/v1/users/${ids['mia']}`, as['ada']!, { properties: ['atlantis'] })).status).toBe(404);
  });

  it('refuses to disable or demote the last enabled admin (409 H523), and allows it once another admin exists', async () => {
    for (const change of [{ disabled: true }, { role: 'quality' }]) {
      const res = await call('PATCH', `/v1/users/${ids['ada']}`, as['ada']!, change);
      expect(res.status).toBe(409);
      const body = (await res.json()) as { errors: ErrorItem[]; detail: string };
      expect(body.errors[0]).toMatchObject({ code: 'H523', pointer: 'disabled' in change ? '/disabled' : '/role' });
      expect(body.detail).toMatch(/last enabled admin/);
    }
    expect((await call('GET', '/v1/auth/me', as['ada']!)).status).toBe(200);
    expect((await call('PATCH', `/v1/users/${ids['quinn']}`, as['ada']!, { role: 'admin' })).status).toBe(200);
    expect((await call('PATCH', `/v1/users/${ids['ada']}`, as['ada']!, { role: 'quality' })).status).toBe(200);
    // ada is no admin now: quinn is the last one.
    expect((await call('PATCH', `/v1/users/${ids['quinn']}`, as['quinn']!, { disabled: true })).status).toBe(409);
    expect((await call('PATCH', `/v1/users/${ids['ada']}`, as['quinn']!, { role: 'admin' })).status).toBe(200);
  });

  it('of two admins demoting each other at once, exactly one succeeds', async () => {
    // ada and quinn are the two enabled admins here.
    const [a, b] = await Promise.all([call('PATCH', `/v1/users/${ids['quinn']}`, as['ada']!, { role: 'quality' }), call('PATCH', `/v1/users/${ids['ada']}`, as['quinn']!, { role: 'quality' })]);
    // The loser is refused as the last admin (409), or, when the winner committed before it
    // was even authenticated (PGlite serialises), as no admin any more (403).
    expect([a.status, b.status].filter((s) => s === 200)).toHaveLength(1);
    expect([a.status, b.status].some((s) => s === 409 || s === 403)).toBe(true);
    expect(await server.store.repository.countUsers('admin')).toBe(1);
  });
});

describe('POST /v1/users/{id}/password-reset', () => {
  it('gives a new password once, ends the sessions, and the old password stops working', async () => {
    const admin = (await server.store.repository.listUsers()).find((u) => u.role === 'admin' && u.disabledAt === null)!;
    const resetBy = as[admin.name]!;
    expect((await call('GET', '/v1/auth/me', as['mia']!)).status).toBe(200);
    const res = await call('POST', `/v1/users/${ids['mia']}/password-reset`, resetBy);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { temporaryPassword } = (await res.json()) as { temporaryPassword: string };
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(12);
    expect((await call('GET', '/v1/auth/me', as['mia']!)).status).toBe(401);
    expect((await login('mia', TEST_PASSWORD)).status).toBe(401);
    expect((await login('mia', temporaryPassword)).status).toBe(200);
    const entry = await lastAudit('user.password-reset');
    expect(entry).toMatchObject({ detail: { userId: ids['mia'] } });
    expect(JSON.stringify(entry)).not.toContain(temporaryPassword);
    expect((await call('POST', '/v1/users/nobody/password-reset', resetBy)).status).toBe(404);
  });
});

describe('GET /v1/keys', () => {
  it('lists every key with its owner and role, never a secret or a hash; a revoked key is refused by evaluate at once', async () => {
    const admin = (await server.store.repository.listUsers()).find((u) => u.role === 'admin' && u.disabledAt === null)!;
    const adminHeaders = as[admin.name]!;
    const created = await call('POST', '/v1/keys', adminHeaders, { name: 'crm', userId: ids['mia'] });
    const { key, apiKey } = (await created.json()) as { key: string; apiKey: { id: string } };
    const res = await call('GET', '/v1/keys', adminHeaders);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(key);
    expect(text).not.toMatch(/hash/i);
    const { keys } = JSON.parse(text) as { keys: { id: string; owner: string; role: string; revokedAt: string | null }[] };
    expect(keys.find((k) => k.id === apiKey.id)).toMatchObject({ owner: 'mia', role: 'manager', revokedAt: null });
    const bearer = { authorization: `Bearer ${key}` };
    expect((await post(`${server.url}/v1/evaluate`, { ticket: ticket() }, bearer)).status).toBe(200);
    expect((await call('DELETE', `/v1/keys/${apiKey.id}`, adminHeaders)).status).toBe(200);
    expect((await post(`${server.url}/v1/evaluate`, { ticket: ticket() }, bearer)).status).toBe(401);
    const after = (await (await call('GET', '/v1/keys', adminHeaders)).json()) as { keys: { id: string; revokedAt: string | null }[] };
    expect(after.keys.find((k) => k.id === apiKey.id)?.revokedAt).not.toBeNull();
    expect(await lastAudit('key.revoke')).toMatchObject({ detail: { keyId: apiKey.id, userId: ids['mia'] } });
  });
});
