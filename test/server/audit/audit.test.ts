import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../server/index.js';
import { startTestServer, signInUsers, TEST_PASSWORD, type TestServer } from '../app/helper.js';

let server: TestServer;
const cookies: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  server = await startTestServer();
  Object.assign(cookies, await signInUsers(server, { ada: { role: 'admin' }, quinn: { role: 'quality' }, mia: { role: 'manager', properties: ['jinxiu-garden'] } }));
  // Something to read: ada creates a user, which is audited.
  const created = await fetch(`${server.url}/v1/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...cookies['ada'] },
    body: JSON.stringify({ name: 'vic', role: 'viewer', password: TEST_PASSWORD }),
  });
  expect(created.status).toBe(201);
});
afterAll(() => server.close());

const audit = async (query: string, as: string) => fetch(`${server.url}/v1/audit${query}`, { headers: cookies[as] });

describe('GET /v1/audit', () => {
  it('lists who did what for admins and the quality department', async () => {
    for (const as of ['ada', 'quinn']) {
      const res = await audit('', as);
      expect(res.status).toBe(200);
      const { entries } = (await res.json()) as { entries: AuditEntry[] };
      expect(entries.some((e) => e.action === 'user.create' && e.actorName === 'ada')).toBe(true);
    }
  });

  it('filters by user and by period', async () => {
    const byAda = (await (await audit('?user=ada', 'quinn')).json()) as { entries: AuditEntry[] };
    expect(byAda.entries.length).toBeGreaterThan(0);
    expect(byAda.entries.every((e) => e.actorName === 'ada')).toBe(true);
    const nobody = (await (await audit('?user=nobody', 'quinn')).json()) as { entries: AuditEntry[] };
    expect(nobody.entries).toEqual([]);
    const longAgo = (await (await audit('?period=2001-01', 'quinn')).json()) as { entries: AuditEntry[] };
    expect(longAgo.entries).toEqual([]);
  });

  it('filters by property: the policy scope of the entry', async () => {
    const res = await audit('?property=no-such-property', 'ada');
    expect(((await res.json()) as { entries: AuditEntry[] }).entries).toEqual([]);
  });

  it('refuses managers (403), strangers (401), and bad parameters (400 naming them)', async () => {
    expect((await audit('', 'mia')).status).toBe(403);
    expect((await fetch(`${server.url}/v1/audit`)).status).toBe(401);
    const bad = await audit('?period=2026-13', 'ada');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('/period');
    expect((await audit('?limit=0', 'ada')).status).toBe(400);
  });
});
