// Issue 9, item 5: an API key acts with at most its owner's rights. Every route a key can
// reach, with a key of each role: evaluate (single and batch), PUT a ticket, import, me;
// and the routes keys never reach stay closed to every key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorItem, Role } from '../../../server/index.js';
import { authorize, post, startTestServer, ticket, type TestServer } from '../app/helper.js';

let server: TestServer;
const MINE = 'jinxiu-garden';
const THEIRS = 'xinghe-tower';
const keys = {} as Record<Role, Record<string, string>>;

beforeAll(async () => {
  server = await startTestServer();
  for (const role of ['admin', 'quality', 'manager', 'viewer'] as const) keys[role] = await authorize(server.store.repository, `${role}-system`, role, role === 'manager' || role === 'viewer' ? [MINE] : []);
});
afterAll(() => server.close());

let serial = 0;
const ticketOf = (property: string) => ticket({ id: `K-${++serial}`, property, unit: `${property}/engineering` });
const put = (t: Record<string, unknown>, as: Record<string, string>) =>
  fetch(`${server.url}/v1/tickets/${String(t['id'])}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...as }, body: JSON.stringify(t) });
const importOne = async (t: Record<string, unknown>, as: Record<string, string>): Promise<{ status: number; lines: { errors?: ErrorItem[]; done?: { created: number } }[] }> => {
  const res = await fetch(`${server.url}/v1/tickets/import`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', ...as }, body: JSON.stringify(t) });
  const text = await res.text();
  return { status: res.status, lines: res.status === 200 ? text.trim().split('\n').map((l) => JSON.parse(l)) : [] };
};

describe("a viewer's API key", () => {
  it('may not PUT or import tickets, even of its own property (403)', async () => {
    const res = await put(ticketOf(MINE), keys.viewer);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/belongs to a viewer/);
    expect((await importOne(ticketOf(MINE), keys.viewer)).status).toBe(403);
  });

  it("evaluates its owner's properties only", async () => {
    expect((await post(`${server.url}/v1/evaluate`, { ticket: ticketOf(MINE) }, keys.viewer)).status).toBe(200);
    expect((await post(`${server.url}/v1/evaluate`, { ticket: ticketOf(THEIRS) }, keys.viewer)).status).toBe(403);
    const batch = (await (await post(`${server.url}/v1/evaluate/batch`, { tickets: [ticketOf(MINE), ticketOf(THEIRS)] }, keys.viewer)).json()) as { results: { errors?: ErrorItem[] }[] };
    expect(batch.results.map((r) => r.errors?.[0]?.code)).toEqual([undefined, 'H403']);
  });
});

describe("a manager's API key", () => {
  it("writes tickets of the manager's properties only: PUT 403 and an import row H403 for another's", async () => {
    expect((await put(ticketOf(MINE), keys.manager)).status).toBe(201);
    expect((await put(ticketOf(THEIRS), keys.manager)).status).toBe(403);
    const own = await importOne(ticketOf(MINE), keys.manager);
    expect(own.lines.at(-1)).toMatchObject({ done: { created: 1 } });
    const other = await importOne(ticketOf(THEIRS), keys.manager);
    expect(other.lines[0]?.errors).toEqual([expect.objectContaining({ pointer: '/property', code: 'H403' })]);
  });

  it("evaluates the manager's properties only, on the single route and as NDJSON", async () => {
    expect((await post(`${server.url}/v1/evaluate`, { ticket: ticketOf(THEIRS) }, keys.manager)).status).toBe(403);
    const res = await post(`${server.url}/v1/evaluate/batch`, `${JSON.stringify(ticketOf(MINE))}\n${JSON.stringify(ticketOf(THEIRS))}`, { ...keys.manager, 'content-type': 'application/x-ndjson' });
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as { errors?: ErrorItem[] });
    expect(lines.map((l) => l.errors?.[0]?.code)).toEqual([undefined, 'H403']);
  });

  it('may not overwrite a stored ticket of another property by naming its own', async () => {
    const theirs = ticketOf(THEIRS);
    expect((await put(theirs, keys.quality)).status).toBe(201);
    expect((await put({ ...theirs, property: MINE, unit: `${MINE}/engineering` }, keys.manager)).status).toBe(403);
  });
});

describe('keys of admin and quality users', () => {
  it('write tickets of every property', async () => {
    for (const role of ['admin', 'quality'] as const) {
      for (const property of [MINE, THEIRS]) expect((await put(ticketOf(property), keys[role])).status, `${role} ${property}`).toBe(201);
      expect((await importOne(ticketOf(THEIRS), keys[role])).lines.at(-1), role).toMatchObject({ done: { created: 1 } });
    }
  });
});

describe('every key', () => {
  it('answers who it is, and never reaches the routes for signed-in users', async () => {
    for (const role of ['admin', 'quality', 'manager', 'viewer'] as const) {
      expect((await fetch(`${server.url}/v1/auth/me`, { headers: keys[role] })).status, role).toBe(200);
      // Issue 12: keys read scores (a reporting system's use) and the ticket list, as their owner.
      for (const path of ['/v1/users', '/v1/organisations', `/v1/scopes/${MINE}/policy`, '/v1/audit', '/v1/keys']) {
        expect((await fetch(`${server.url}${path}`, { headers: keys[role] })).status, `${role} ${path}`).toBe(403);
      }
      expect((await post(`${server.url}/v1/keys`, { name: 'another' }, keys[role])).status, role).toBe(403);
    }
  });
});
