// GET /v1/tickets (issue 12, item 3): open tickets by where they stand, breached first,
// then by next due, from each ticket's standing at its last evaluation.
//
// Expected dues are read from the shipped group policy, not from the engine: an inquiry
// by phone starts `inquiry_reply` (001 一(二)：“业主咨询类问题1小时内回复解决方案”, calendar
// always, 1h) and, being general, `measures` (4h) and `resolve` (24h) at `received`. The
// server's clock is 2026-03-02 09:00 in Shanghai (01:00Z) unless a test moves it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorItem } from '../../../server/index.js';
import { authorize, NOW, signInUsers, startTestServer, ticket, type TestServer } from '../app/helper.js';

let server: TestServer;
let clock = NOW;
let users: Record<string, Record<string, string>>;
const keys: Record<string, Record<string, string>> = {};

interface Item {
  id: string;
  propertyId: string;
  state: string;
  nextDue: { clock: string; at: string } | null;
  breached: string[];
  warning: string | null;
  kind: string | null;
  channel: string | null;
}
interface Page {
  items: Item[];
  nextCursor: string | null;
}

const inquiry = (id: string, receivedAt: string, overrides: Record<string, unknown> = {}) =>
  ticket({ id, kind: 'inquiry', channel: 'phone', category: 'customer_service', priority: 'general', createdAt: receivedAt, events: [{ type: 'received', at: receivedAt }], ...overrides });

const put = async (t: Record<string, unknown>) => {
  const res = await fetch(`${server.url}/v1/tickets/${String(t['id'])}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...server.auth }, body: JSON.stringify(t) });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
};
const list = (query: string, as: Record<string, string> = server.auth) => fetch(`${server.url}/v1/tickets${query}`, { headers: as });
const page = async (query: string, as?: Record<string, string>): Promise<Page> => {
  const res = await list(query, as);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Page;
};
const ids = (p: Page) => p.items.map((i) => i.id);

beforeAll(async () => {
  server = await startTestServer({ now: () => clock });
  const key = server.auth;
  // Breached: a platform complaint received 06:30, its workflow not started by 08:10 (004 第十条(一)3(1):
  // 10 minutes of the liaison's 08:00-20:00 duty); its general-tier measures (001 二(二), 4h) due 10:30;
  // the group started the second-complaint procedure (flag second_complaint): blue (004 第十一条(一)1).
  await put(inquiry('T1', '2026-03-02T06:30:00+08:00', { kind: 'complaint', channel: 'platform', flags: ['second_complaint'] }));
  await put(inquiry('T3', '2026-03-02T08:45:00+08:00')); // reply due 09:45
  await put(inquiry('T2', '2026-03-02T08:30:00+08:00')); // reply due 09:30
  await put(inquiry('X1', '2026-03-02T08:50:00+08:00', { property: 'xinghe-tower', unit: 'xinghe-tower/engineering' })); // 09:50
  await put(
    inquiry('T4', '2026-03-02T08:00:00+08:00', {
      events: [
        { type: 'received', at: '2026-03-02T08:00:00+08:00' },
        { type: 'replied', at: '2026-03-02T08:10:00+08:00' },
        { type: 'closed', at: '2026-03-02T08:40:00+08:00' },
      ],
    }),
  );
  users = await signInUsers(server, { mia: { role: 'manager', properties: ['jinxiu-garden'] }, vic: { role: 'viewer', properties: ['jinxiu-garden'] }, quinn: { role: 'quality' }, ada: { role: 'admin' } });
  keys['manager'] = await authorize(server.store.repository, 'mia-system', 'manager', ['jinxiu-garden']);
  keys['quality'] = key;
});
afterAll(() => server.close());

describe('GET /v1/tickets', () => {
  it('lists breached tickets first, then by next due, closed last', async () => {
    const p = await page('');
    expect(ids(p)).toEqual(['T1', 'T2', 'T3', 'X1', 'T4']);
    expect(p.nextCursor).toBeNull();
    const [t1, t2, , , t4] = p.items;
    expect(t1).toMatchObject({ state: 'open', breached: ['platform_start'], nextDue: { clock: 'measures', at: '2026-03-02T02:30:00.000Z' }, warning: 'blue', kind: 'complaint', channel: 'platform' });
    expect(t2).toMatchObject({ state: 'open', breached: [], nextDue: { clock: 'inquiry_reply', at: '2026-03-02T01:30:00.000Z' }, warning: null });
    expect(t4).toMatchObject({ state: 'closed', nextDue: null });
  });

  it('pages with an opaque cursor, each ticket once, in the same order', async () => {
    const seen: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const p: Page = await page(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(p.items.length).toBeLessThanOrEqual(2);
      seen.push(...ids(p));
      cursor = p.nextCursor;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(['T1', 'T2', 'T3', 'X1', 'T4']);
  });

  it('filters by property, unit, state and due before', async () => {
    expect(ids(await page('?property=xinghe-tower'))).toEqual(['X1']);
    expect(ids(await page('?unit=jinxiu-garden%2Fengineering'))).toEqual(['T1', 'T2', 'T3', 'T4']);
    expect(ids(await page('?state=closed'))).toEqual(['T4']);
    expect(ids(await page('?state=open'))).toEqual(['T1', 'T2', 'T3', 'X1']);
    expect(ids(await page('?state=breached'))).toEqual(['T1']);
    expect(ids(await page('?dueBefore=2026-03-02T09:40:00%2B08:00'))).toEqual(['T1', 'T2']);
  });

  it('reports a next due passed since the evaluation as breached, before the sweep runs', async () => {
    clock = new Date('2026-03-02T01:40:00Z'); // 09:40: T2's reply (09:30) is late, T3's (09:45) not yet
    try {
      const p = await page('?state=breached');
      expect(ids(p)).toEqual(['T1', 'T2']);
      expect(p.items[1]).toMatchObject({ breached: ['inquiry_reply'] });
      expect((await page('?state=open')).items.find((i) => i.id === 'T3')?.breached).toEqual([]);
    } finally {
      clock = NOW;
    }
  });

  it('shows a manager, a viewer and a manager\'s key only their properties; another property is 403', async () => {
    for (const as of [users['mia']!, users['vic']!, keys['manager']!]) {
      expect(ids(await page('', as))).toEqual(['T1', 'T2', 'T3', 'T4']);
      expect((await list('?property=xinghe-tower', as)).status).toBe(403);
    }
    for (const as of [users['quinn']!, users['ada']!]) expect(ids(await page('', as))).toContain('X1');
  });

  it('refuses a caller without credentials (401)', async () => {
    expect((await list('', {})).status).toBe(401);
  });

  it.each([
    ['?limit=0', '?limit', 'H520'],
    ['?limit=501', '?limit', 'H520'],
    ['?state=late', '?state', 'H520'],
    ['?dueBefore=tomorrow', '?dueBefore', 'H520'],
    ['?dueBefore=2200-01-01T00:00:00Z', '?dueBefore', 'H521'],
    ['?dueBefore=1969-12-31T23:59:59Z', '?dueBefore', 'H521'],
    ['?cursor=not-a-cursor', '?cursor', 'H522'],
    ['?property=a&property=b', '?property', 'H520'],
  ])('answers %s with 400 pointing at %s (%s)', async (query, pointer, code) => {
    const res = await list(query);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: ErrorItem[] };
    expect(body.errors).toEqual([expect.objectContaining({ pointer, code })]);
  });
});

describe('the stored standing', () => {
  const standing = (at: string) => ({ ticketId: 'T3', open: true, nextDue: null, breached: ['resolve'], breachedSince: new Date('2026-03-01T00:00:00Z'), warning: null, evaluatedAt: new Date(at) });

  it('is never overwritten by an earlier evaluation, nor by one of another version of the ticket', async () => {
    const repo = server.store.repository;
    const stored = await repo.getTicket('T3');
    expect(await repo.recordTicketStatus(stored, standing('2026-03-02T00:00:00Z'))).toBe(false); // before the PUT's evaluation at 01:00Z
    expect(await repo.recordTicketStatus({ ...stored, channel: 'app' }, standing('2026-03-02T05:00:00Z'))).toBe(false); // not the stored version
    expect((await page('?state=breached')).items.map((i) => i.id)).toEqual(['T1']);
  });
});
