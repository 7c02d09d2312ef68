// Issue 9, item 15: a cross-site form POST with the session cookie (activate, rollback,
// logout; SameSite=Lax alone let them through) is refused, 403 H113; the service's own
// pages, non-browser clients and API keys go on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyVersion, PolicyVersionInfo, Problem } from '../../../server/index.js';
import { signInUsers, startTestServer, ticket, type TestServer } from '../app/helper.js';

let server: TestServer;
let ada: Record<string, string>;
const EVIL = { origin: 'http://evil.example' };
const SCOPE = 'jinxiu-garden';

beforeAll(async () => {
  server = await startTestServer();
  ada = (await signInUsers(server, { ada: { role: 'admin' } }))['ada']!;
});
afterAll(() => server.close());

const send = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
  fetch(`${server.url}${path}`, { method, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
const get = async <T>(path: string): Promise<T> => (await (await send('GET', path, ada)).json()) as T;
const activeId = async (): Promise<string> => (await get<PolicyVersion>(`/v1/scopes/${SCOPE}/policy`)).id;

async function expectCrossSite(res: Response): Promise<void> {
  expect(res.status).toBe(403);
  const problem = (await res.json()) as Problem;
  expect(problem.errors).toEqual([expect.objectContaining({ pointer: '', code: 'H113' })]);
}

/** A draft on the scope's latest version that changes nothing but a comment. */
async function draft(headers: Record<string, string> = ada): Promise<PolicyVersion> {
  const [latest] = (await get<{ versions: PolicyVersionInfo[] }>(`/v1/scopes/${SCOPE}/policy/history`)).versions;
  const base = await get<PolicyVersion>(`/v1/policy-versions/${latest!.id}`);
  const res = await send('POST', `/v1/scopes/${SCOPE}/policy/drafts`, headers, { baseVersionId: base.id, source: `${base.source}\n// ${Math.random()}\n` });
  expect(res.status).toBe(201);
  return (await res.json()) as PolicyVersion;
}

describe('a state-changing request with the session cookie from another site', () => {
  it('is refused for the bodiless ones: activate, rollback, logout (403 H113), and nothing changes', async () => {
    const before = await activeId();
    const version = await draft();
    await expectCrossSite(await send('POST', `/v1/policy-versions/${version.id}/activate`, { ...ada, ...EVIL }));
    await expectCrossSite(await send('POST', `/v1/scopes/${SCOPE}/policy/rollback`, { ...ada, ...EVIL }));
    await expectCrossSite(await send('POST', '/v1/auth/logout', { ...ada, ...EVIL }));
    expect(await activeId()).toBe(before);
    expect((await send('GET', '/v1/auth/me', ada)).status).toBe(200); // still signed in
  });

  it('is refused when the browser says cross-site or same-site (Sec-Fetch-Site), even without Origin', async () => {
    for (const site of ['cross-site', 'same-site']) await expectCrossSite(await send('POST', '/v1/auth/logout', { ...ada, 'sec-fetch-site': site }));
  });

  it('is refused for a body too, and for a sign-in (login CSRF)', async () => {
    await expectCrossSite(await send('POST', '/v1/keys', { ...ada, ...EVIL }, { name: 'stolen' }));
    await expectCrossSite(await send('POST', '/v1/auth/login', EVIL, { name: 'ada', password: 'correct horse battery' }));
    await expectCrossSite(await send('POST', '/v1/evaluate', { ...ada, ...EVIL }, { ticket: ticket() })); // the lane hands it over
  });
});

describe('the legitimate ones', () => {
  it("pass from the service's own origin, by Origin or Sec-Fetch-Site", async () => {
    const version = await draft({ ...ada, origin: server.url });
    expect((await send('POST', `/v1/policy-versions/${version.id}/activate`, { ...ada, origin: server.url })).status).toBe(200);
    expect((await send('POST', `/v1/scopes/${SCOPE}/policy/rollback`, { ...ada, 'sec-fetch-site': 'same-origin', ...EVIL })).status).toBe(200);
  });

  it('pass without Origin (not a browser), and with an API key whatever the Origin', async () => {
    expect((await send('POST', '/v1/keys', ada, { name: 'crm' })).status).toBe(201);
    expect((await send('PUT', '/v1/tickets/JX-O1', { ...server.auth, ...EVIL }, ticket({ id: 'JX-O1' }))).status).toBe(201);
    expect((await send('POST', '/v1/evaluate', { ...server.auth, ...EVIL }, { ticket: ticket() })).status).toBe(200);
  });
});

describe('with a configured public origin (BEACON_PUBLIC_ORIGIN, behind a proxy)', () => {
  it('takes that origin and refuses the Host the proxy forwards to', async () => {
    const proxied = await startTestServer({ publicOrigin: 'https://beacon.example.com' });
    try {
      const res = await fetch(`${proxied.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://beacon.example.com' }, body: JSON.stringify({ name: 'nobody', password: 'wrong password!' }) });
      expect(res.status).toBe(401); // past the check: judged
      await expectCrossSite(await fetch(`${proxied.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: proxied.url }, body: JSON.stringify({ name: 'nobody', password: 'x' }) }));
    } finally {
      await proxied.close();
    }
  });
});
