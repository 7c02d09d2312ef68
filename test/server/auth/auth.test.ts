import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, hashToken, newToken, type Problem } from '../../../server/index.js';
import { setupTokenIfNoAdmin } from '../../../server/main.js';
import { post, startTestServer, TEST_COST, ticket, type TestServer } from '../app/helper.js';

let server: TestServer;
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  server = await startTestServer({ auth: { loginAttempts: { max: 3, windowMs: 60_000 } } });
  const repo = server.store.repository;
  await repo.createUser({ name: 'ada', role: 'admin', passwordHash: await hashPassword(PASSWORD, TEST_COST) });
  await repo.createUser({ name: 'vic', role: 'viewer', passwordHash: await hashPassword(PASSWORD, TEST_COST), properties: ['jinxiu-garden'] });
});
afterAll(() => server.close());

/** Signs in and returns the Cookie header to send back. */
async function login(name: string, password = PASSWORD): Promise<{ res: Response; cookie: string }> {
  const res = await post(`${server.url}/v1/auth/login`, { name, password }, { authorization: '' });
  const set = res.headers.get('set-cookie') ?? '';
  return { res, cookie: set.split(';')[0] ?? '' };
}

const asUser = (cookie: string) => ({ cookie, authorization: '' });
const nobody = { authorization: '' };

describe('POST /v1/evaluate without credentials', () => {
  it('responds 401 problem+json with a Bearer challenge', async () => {
    const res = await post(`${server.url}/v1/evaluate`, { ticket: ticket() }, nobody);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(((await res.json()) as Problem).type).toBe('https://beacon.example/problems/unauthenticated');
    const batch = await post(`${server.url}/v1/evaluate/batch`, { tickets: [ticket()] }, nobody);
    expect(batch.status).toBe(401);
  });

  it('responds 401 to an unknown or revoked API key', async () => {
    expect((await post(`${server.url}/v1/evaluate`, { ticket: ticket() }, { authorization: `Bearer ${newToken()}` })).status).toBe(401);
  });

  it('leaves the public routes open', async () => {
    // /metrics is not (issue 9): it names the properties and the traffic.
    for (const path of ['/healthz', '/readyz', '/v1/openapi.json', '/v1/docs']) expect((await fetch(`${server.url}${path}`)).status, path).toBe(200);
  });
});

describe('API keys', () => {
  it('evaluate with a key, but may not list users (403)', async () => {
    expect((await post(`${server.url}/v1/evaluate`, { ticket: ticket() }, server.auth)).status).toBe(200);
    const res = await fetch(`${server.url}/v1/users`, { headers: server.auth });
    expect(res.status).toBe(403);
    expect(((await res.json()) as Problem).detail).toMatch(/admin role; API keys may only evaluate/);
  });

  it('are made by an admin, shown once, work at once, and stop working when revoked', async () => {
    const { cookie } = await login('ada');
    const made = await post(`${server.url}/v1/keys`, { name: 'crm' }, asUser(cookie));
    expect(made.status).toBe(201);
    const { key, apiKey } = (await made.json()) as { key: string; apiKey: { id: string; name: string } };
    expect(apiKey.name).toBe('crm');
    expect(JSON.stringify(apiKey)).not.toContain(key);
    const me = await fetch(`${server.url}/v1/auth/me`, { headers: { authorization: `Bearer ${key}` } });
    expect(await me.json()).toMatchObject({ kind: 'key', key: { id: apiKey.id } });
    const revoked = await fetch(`${server.url}/v1/keys/${apiKey.id}`, { method: 'DELETE', headers: asUser(cookie) });
    expect(revoked.status).toBe(200);
    expect((await post(`${server.url}/v1/evaluate`, { ticket: ticket() }, { authorization: `Bearer ${key}` })).status).toBe(401);
  });
});

describe('POST /v1/auth/login', () => {
  it('sets an HttpOnly SameSite=Lax session cookie that signs the user in', async () => {
    const { res, cookie } = await login('ada');
    expect(res.status).toBe(200);
    const set = res.headers.get('set-cookie') ?? '';
    expect(set).toMatch(/^beacon_session=[A-Za-z0-9_-]{43};/);
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Lax/);
    expect(set).toMatch(/Expires=/);
    expect(set).not.toMatch(/Secure/); // plain http here
    const me = await fetch(`${server.url}/v1/auth/me`, { headers: asUser(cookie) });
    expect(await me.json()).toMatchObject({ kind: 'user', user: { name: 'ada', role: 'admin' } });
    // The store keeps the hash only.
    expect(await server.store.repository.findSession(cookie.split('=')[1]!)).toBeNull();
    expect(await server.store.repository.findSession(hashToken(cookie.split('=')[1]!))).not.toBeNull();
  });

  it('responds 401 to a wrong password or an unknown name, without a cookie', async () => {
    for (const [name, password] of [['vic', 'wrong password!'], ['nobody', PASSWORD]] as const) {
      const { res } = await login(name, password);
      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/); // every 401 says how to authenticate
      expect(((await res.json()) as Problem).type).toBe('https://beacon.example/problems/bad-credentials');
    }
  });

  it('refuses with 429 and Retry-After after too many failures for one name, even the right password', async () => {
    for (let i = 0; i < 3; i++) expect((await login('limited', 'wrong')).res.status).toBe(401);
    await server.store.repository.createUser({ name: 'limited', role: 'viewer', passwordHash: await hashPassword(PASSWORD, TEST_COST) });
    const { res } = await login('limited');
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another name from the same address is not affected.
    expect((await login('vic')).res.status).toBe(200);
  });

  it('ends the session the browser held before: a new sign-in never keeps an old (perhaps planted) session', async () => {
    const before = await login('vic');
    const res = await post(`${server.url}/v1/auth/login`, { name: 'ada', password: PASSWORD }, asUser(before.cookie));
    expect(res.status).toBe(200);
    expect((await fetch(`${server.url}/v1/auth/me`, { headers: asUser(before.cookie) })).status).toBe(401);
  });

  it('responds 400 naming a missing field', async () => {
    const res = await post(`${server.url}/v1/auth/login`, { name: 'ada' }, nobody);
    expect(res.status).toBe(400);
    expect(((await res.json()) as Problem).errors?.map((e) => e.pointer)).toEqual(['/password']);
  });
});

describe('POST /v1/auth/logout', () => {
  it('ends the session and clears the cookie', async () => {
    const { cookie } = await login('vic');
    expect((await fetch(`${server.url}/v1/auth/me`, { headers: asUser(cookie) })).status).toBe(200);
    const out = await fetch(`${server.url}/v1/auth/logout`, { method: 'POST', headers: asUser(cookie) });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^beacon_session=;/);
    expect((await fetch(`${server.url}/v1/auth/me`, { headers: asUser(cookie) })).status).toBe(401);
  });
});

describe('/v1/users', () => {
  it('lets an admin create a user who can then sign in, and list users', async () => {
    const { cookie } = await login('ada');
    const res = await post(`${server.url}/v1/users`, { name: 'mia', role: 'manager', password: PASSWORD, properties: ['jinxiu-garden'] }, asUser(cookie));
    expect(res.status).toBe(201);
    const user = (await res.json()) as Record<string, unknown>;
    expect(user).toMatchObject({ name: 'mia', role: 'manager', properties: ['jinxiu-garden'] });
    expect(JSON.stringify(user)).not.toMatch(/password|scrypt/);
    expect((await login('mia')).res.status).toBe(200);
    const list = (await (await fetch(`${server.url}/v1/users`, { headers: asUser(cookie) })).json()) as { users: { name: string }[] };
    expect(list.users.map((u) => u.name)).toContain('mia');
  });

  it('responds 403 naming the admin role to a viewer', async () => {
    const { cookie } = await login('vic');
    const res = await post(`${server.url}/v1/users`, { name: 'eve', role: 'admin', password: PASSWORD }, asUser(cookie));
    expect(res.status).toBe(403);
    const body = (await res.json()) as Problem;
    expect(body).toMatchObject({ status: 403, type: 'https://beacon.example/problems/forbidden' });
    expect(body.detail).toMatch(/needs the admin role; you are viewer/);
  });

  it('responds 400 to a short password and 409 to a taken name', async () => {
    const { cookie } = await login('ada');
    const short = await post(`${server.url}/v1/users`, { name: 'sam', role: 'viewer', password: 'short' }, asUser(cookie));
    expect(short.status).toBe(400);
    expect(((await short.json()) as Problem).errors?.map((e) => e.pointer)).toEqual(['/password']);
    expect((await post(`${server.url}/v1/users`, { name: 'vic', role: 'viewer', password: PASSWORD }, asUser(cookie))).status).toBe(409);
  });

  it('lets a signed-in viewer evaluate tickets of their property', async () => {
    const { cookie } = await login('vic');
    expect((await post(`${server.url}/v1/evaluate`, { ticket: ticket() }, asUser(cookie))).status).toBe(200);
  });
});

describe('first admin setup', () => {
  let fresh: TestServer;
  beforeAll(async () => {
    fresh = await startTestServer();
  });
  afterAll(() => fresh.close());

  it('serves a form, creates the admin with the token once, signs them in; the token is void after', async () => {
    const token = await setupTokenIfNoAdmin(fresh.store.repository);
    expect(token).toBeDefined();
    const page = await fetch(`${fresh.url}/v1/auth/setup?token=${token}`);
    expect(await page.text()).toContain(`value="${token}"`);

    const res = await post(`${fresh.url}/v1/auth/setup`, { token, name: 'root', password: PASSWORD }, nobody);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ user: { name: 'root', role: 'admin' } });
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(await (await fetch(`${fresh.url}/v1/auth/me`, { headers: asUser(cookie) })).json()).toMatchObject({ kind: 'user', user: { name: 'root' } });

    const again = await post(`${fresh.url}/v1/auth/setup`, { token, name: 'root2', password: PASSWORD }, nobody);
    expect(again.status).toBe(401);
    expect(((await again.json()) as Problem).type).toBe('https://beacon.example/problems/setup-token-invalid');
    // No new token once an admin exists.
    expect(await setupTokenIfNoAdmin(fresh.store.repository)).toBeUndefined();
  });

  it('accepts the HTML form as urlencoded', async () => {
    const other = await startTestServer();
    try {
      const token = (await setupTokenIfNoAdmin(other.store.repository))!;
      const res = await fetch(`${other.url}/v1/auth/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token, name: 'root', password: PASSWORD }).toString(),
      });
      expect(res.status).toBe(201);
    } finally {
      await other.close();
    }
  });

  it('responds 401 to an unknown token', async () => {
    const res = await post(`${fresh.url}/v1/auth/setup`, { token: newToken(), name: 'x', password: PASSWORD }, nobody);
    expect(res.status).toBe(401);
  });
});
