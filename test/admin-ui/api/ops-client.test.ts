// Issue 12's client calls with the HTTP layer faked at fetch: each call's method, path,
// query, headers and body, and what it makes of the answer (the contract api12 serves).
import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from '../../../admin-ui/src/api/index.js';

interface Seen {
  method: string;
  url: string;
  accept: string | undefined;
  body: unknown;
}

function fake(answer: { status?: number; body?: unknown; text?: string; type?: string }): { api: ApiClient; seen: Seen[] } {
  const seen: Seen[] = [];
  const api = new ApiClient({
    fetch: async (input, init) => {
      const headers = (init?.headers ?? {}) as Record<string, string>;
      seen.push({ method: init?.method ?? 'GET', url: String(input), accept: headers['accept'], body: init?.body === undefined ? undefined : JSON.parse(String(init.body)) });
      const status = answer.status ?? 200;
      if (status === 204) return new Response(null, { status });
      const text = answer.text ?? JSON.stringify(answer.body);
      return new Response(text, { status, headers: { 'content-type': answer.type ?? 'application/json' } });
    },
  });
  return { api, seen };
}

describe('GET /v1/tickets', () => {
  it('sends only the filters given, encoded, and gives the page', async () => {
    const page = { items: [], nextCursor: 'c2' };
    const { api, seen } = fake({ body: page });
    expect(await api.tickets({ property: 'jinxiu-garden', unit: 'jinxiu-garden/engineering', state: 'open', dueBefore: '2026-12-03T10:00:00.000Z', limit: 100 })).toEqual(page);
    const url = new URL(seen[0]!.url, 'http://x');
    expect(url.pathname).toBe('/v1/tickets');
    expect(Object.fromEntries(url.searchParams)).toEqual({ property: 'jinxiu-garden', unit: 'jinxiu-garden/engineering', state: 'open', dueBefore: '2026-12-03T10:00:00.000Z', limit: '100' });
    await api.tickets();
    expect(seen[1]!.url).toBe('/v1/tickets');
  });
});

describe('scores', () => {
  it('asks for a unit’s month as JSON, its slash encoded', async () => {
    const { api, seen } = fake({ body: { unit: 'a/b', period: '2026-11', points: 3, counts: { red: 1 }, tickets: 4, compliance: 75, light: 'yellow' } });
    expect((await api.unitScores('a/b', '2026-11')).points).toBe(3);
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/v1/units/a%2Fb/scores?period=2026-11', accept: 'application/json' });
  });
  it('asks for the same as CSV with Accept: text/csv and gives the text untouched', async () => {
    const csv = '\uFEFFunit,period,points\r\na/b,2026-11,3\r\n';
    const { api, seen } = fake({ text: csv, type: 'text/csv; charset=utf-8' });
    expect(await api.unitScoresCsv('a/b', '2026-11')).toBe(csv);
    expect(seen[0]).toMatchObject({ url: '/v1/units/a%2Fb/scores?period=2026-11', accept: 'text/csv' });
  });
  it('turns a refusal of the CSV into an ApiError, not text', async () => {
    const { api } = fake({ status: 403, body: { type: 'https://beacon.example/problems/forbidden', title: 'Forbidden', status: 403, detail: 'not yours' } });
    await expect(api.unitScoresCsv('a/b', '2026-11')).rejects.toMatchObject({ status: 403, code: 'forbidden' });
  });
});

describe('GET /v1/audit', () => {
  it('sends the filters and gives the entries', async () => {
    const { api, seen } = fake({ body: { entries: [{ id: 3 }] } });
    expect(await api.audit({ property: 'jinxiu-garden', user: 'ada', action: 'policy.activate', period: '2026-11', limit: 100, before: 40 })).toEqual([{ id: 3 }]);
    expect(seen[0]!.url).toBe('/v1/audit?property=jinxiu-garden&user=ada&action=policy.activate&period=2026-11&limit=100&before=40');
  });
});

describe('users', () => {
  it('changes a user with PATCH and only the fields given', async () => {
    const { api, seen } = fake({ body: { id: 'u1', name: 'bo' } });
    await api.changeUser('u1', { disabled: true });
    expect(seen[0]).toMatchObject({ method: 'PATCH', url: '/v1/users/u1', body: { disabled: true } });
  });
  it('resets a password and gives the temporary one', async () => {
    const { api, seen } = fake({ body: { temporaryPassword: 'tmp-123456789012' } });
    expect(await api.resetPassword('u 1')).toBe('tmp-123456789012');
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/v1/users/u%201/password-reset' });
  });
  it('passes a 409 (the last admin) on with its message', async () => {
    const { api } = fake({ status: 409, body: { type: 'https://beacon.example/problems/last-admin', title: 'Conflict', status: 409, detail: 'The last active admin cannot be disabled.' } });
    const error = await api.changeUser('u1', { disabled: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('The last active admin cannot be disabled.');
  });
});

describe('keys', () => {
  it('reads the contract’s { id, secret, ... }', async () => {
    const { api, seen } = fake({ body: { id: 'k1', secret: 's3cret', name: 'erp', userId: 'u1', createdAt: '2026-12-01T00:00:00Z', lastUsedAt: null, revokedAt: null } });
    const created = await api.createKey('erp');
    expect(created).toMatchObject({ id: 'k1', secret: 's3cret', key: { name: 'erp' } });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/v1/keys', body: { name: 'erp' } });
  });
  it('reads the first server’s { key, apiKey } too', async () => {
    const { api, seen } = fake({ body: { key: 's3cret', apiKey: { id: 'k1', name: 'erp', userId: 'u2', createdAt: '2026-12-01T00:00:00Z', lastUsedAt: null, revokedAt: null } } });
    expect(await api.createKey('erp', 'u2')).toMatchObject({ id: 'k1', secret: 's3cret' });
    expect(seen[0]!.body).toEqual({ name: 'erp', userId: 'u2' });
  });
  it('refuses an answer without a secret rather than show an empty one', async () => {
    const { api } = fake({ body: { id: 'k1' } });
    await expect(api.createKey('erp')).rejects.toThrow(/no secret/);
  });
  it('revokes with DELETE', async () => {
    const { api, seen } = fake({ body: { id: 'k1', revokedAt: '2026-12-01T00:00:00Z' } });
    await api.revokeKey('k1');
    expect(seen[0]).toMatchObject({ method: 'DELETE', url: '/v1/keys/k1' });
  });
});

describe('organisations', () => {
  it('creates, changes a property, and sets its units', async () => {
    const { api, seen } = fake({ body: { units: [] } });
    await api.createOrganisation({ kind: 'branch', id: 'north', name: '北区', parentId: 'huayu-group' });
    await api.changeProperty('jinxiu-garden', { households: 1200 });
    await api.setUnits('jinxiu-garden', [{ id: 'jinxiu-garden/engineering', name: '工程部' }]);
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['POST /v1/organisations', 'PATCH /v1/properties/jinxiu-garden', 'PUT /v1/properties/jinxiu-garden/units']);
    expect(seen[2]!.body).toEqual({ units: [{ id: 'jinxiu-garden/engineering', name: '工程部' }] });
  });
});
