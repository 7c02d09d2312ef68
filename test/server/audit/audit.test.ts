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

describe('GET /v1/audit: issue 12 filters', () => {
  const entries = async (query: string) => {
    const res = await audit(query, 'quinn');
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as { entries: (AuditEntry & { diff: string | null })[]; nextBefore: number | null };
  };

  beforeAll(async () => {
    const repo = server.store.repository;
    await repo.audit({ actor: 'cli', action: 'policy.activate', scopeId: 'audit-scope', beforeVersionId: 'v-1', afterVersionId: 'v-2' });
    await repo.audit({ actor: 'cli', action: 'policy.draft', scopeId: 'audit-scope', beforeVersionId: null, afterVersionId: 'v-0' });
    await repo.audit({ actor: 'cli', action: 'key.create', detail: { keyId: 'k' } });
  });

  it('filters by action, exactly or by prefix', async () => {
    expect((await entries('?property=audit-scope&action=policy.activate')).entries.map((e) => e.action)).toEqual(['policy.activate']);
    expect((await entries('?property=audit-scope&action=policy.*')).entries.map((e) => e.action)).toEqual(['policy.draft', 'policy.activate']);
    const bad = await audit('?action=policy%25', 'quinn');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { pointer: string; code: string }[] }).errors[0]).toMatchObject({ pointer: '?action', code: 'H520' });
  });

  it('gives each policy change with both versions the path of its diff', async () => {
    const [draft, activate] = (await entries('?property=audit-scope&action=policy.*')).entries;
    expect(activate).toMatchObject({ beforeVersionId: 'v-1', afterVersionId: 'v-2', diff: '/v1/policy-versions/v-1/diff/v-2' });
    expect(draft).toMatchObject({ beforeVersionId: null, afterVersionId: 'v-0', diff: null });
  });

  it('filters by from and to (instants in range, from before to, not with period)', async () => {
    const all = (await entries('')).entries;
    const newest = all[0]!;
    expect((await entries(`?from=${encodeURIComponent(newest.at)}`)).entries.every((e) => e.at >= newest.at)).toBe(true);
    expect((await entries(`?to=${encodeURIComponent(newest.at)}`)).entries.every((e) => e.at < newest.at)).toBe(true);
    expect((await audit('?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z', 'quinn')).status).toBe(400);
    expect((await audit('?from=1800-01-01T00:00:00Z', 'quinn')).status).toBe(400);
    expect((await audit('?from=2026-03-01T00:00:00Z&period=2026-03', 'quinn')).status).toBe(400);
  });

  it('pages newest first with nextBefore, each entry once', async () => {
    const all = (await entries('')).entries.map((e) => e.id);
    const seen: number[] = [];
    let before: number | null = null;
    do {
      const page: { entries: AuditEntry[]; nextBefore: number | null } = await entries(`?limit=2${before === null ? '' : `&before=${before}`}`);
      seen.push(...page.entries.map((e) => e.id));
      before = page.nextBefore;
    } while (before !== null);
    expect(seen).toEqual(all);
  });
});
