// Issue 12, item 4: a score drilled down to its ledger entries and their tickets
// (GET /v1/units/{unit}/ledger). By hand: a platform complaint whose second-complaint
// procedure the group started (flag second_complaint) raises blue (004 第十一条(一)1),
// 0.2 points (第十二条(一)); the same complaint without the flag raises none. Three flagged
// tickets of jinxiu-garden/engineering in March 2026 (test server clock 2026-03-02), one of
// them voided afterwards: March's entries are L-1, L-2 (voided), L-3, and the score is
// 3 × 0.2 − 0.2 = 0.4. L-4 (no flag) is never in the ledger; X-1 of xinghe-tower is
// another property's unit. The liaison's missed Friday summary (a duty charge, 0.2 blue)
// is an entry of jinxiu-garden/liaison only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorize, signInUsers, startTestServer, ticket, type TestServer } from '../app/helper.js';

let server: TestServer;
let as: Record<string, Record<string, string>>;
const UNIT = 'jinxiu-garden/engineering';
const COMPLAINT = { kind: 'complaint', channel: 'platform' };
const ledger = (query: string, unit = UNIT) => `/v1/units/${encodeURIComponent(unit)}/ledger?${query}`;
const get = (p: string, who: string, extra: Record<string, string> = {}) => fetch(`${server.url}${p}`, { headers: { ...as[who], ...extra } });

type Entry = { source: string; ticketId: string | null; level: string; points: number; period: string; propertyId: string | null; voided: unknown; duty: { id: string; occurrence: string } | null };
type Page = { unit: string; from: string; to: string; items: Entry[]; nextCursor: string | null };
const page = async (p: string, who = 'ada') => {
  const res = await get(p, who);
  expect(res.status, p).toBe(200);
  return (await res.json()) as Page;
};
const codes = async (res: Response) => ((await res.json()) as { errors: { code: string; pointer: string }[] }).errors.map((e) => `${e.code} ${e.pointer}`);

beforeAll(async () => {
  server = await startTestServer();
  as = await signInUsers(server, {
    ada: { role: 'admin' },
    quinn: { role: 'quality' },
    mia: { role: 'manager', properties: ['jinxiu-garden'] },
    tom: { role: 'manager', properties: ['xinghe-tower'] },
    vic: { role: 'viewer', properties: ['jinxiu-garden'] },
  });
  as['key'] = server.auth;
  as['tomKey'] = await authorize(server.store.repository, 'tom-system', 'manager', ['xinghe-tower']);
  as['anonymous'] = {};
  const put = (body: Record<string, unknown>) =>
    fetch(`${server.url}/v1/tickets/${String(body['id'])}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...server.auth }, body: JSON.stringify(ticket(body)) });
  for (const id of ['L-1', 'L-2', 'L-3']) expect((await put({ id, ...COMPLAINT, flags: ['second_complaint'] })).status).toBe(201);
  expect((await put({ id: 'L-4', ...COMPLAINT, flags: [] })).status).toBe(201);
  expect((await put({ id: 'X-1', property: 'xinghe-tower', unit: 'xinghe-tower/engineering', ...COMPLAINT, flags: ['second_complaint'] })).status).toBe(201);
  const repo = server.store.repository;
  expect(await repo.reverseLedger([{ ticketId: 'L-2', level: 'blue', reason: { zh: '非责任声明已受理', en: 'non-responsibility statement accepted' }, reversedAt: '2026-03-03T02:00:00Z' }])).toHaveLength(1);
  await repo.recordDutyLedger([{ propertyId: 'jinxiu-garden', dutyId: 'weekly_summary', occurrence: '2026-03-06', level: 'blue', points: 0.2, unit: 'jinxiu-garden/liaison', period: '2026-03', reachedAt: '2026-03-06T09:00:00Z' }]);
}, 120_000);
afterAll(async () => server?.close());

describe('GET /v1/units/{unit}/ledger', () => {
  it("lists the month's entries behind the score, each naming its ticket, the voided one marked", async () => {
    const body = await page(ledger('period=2026-03'));
    expect(body).toMatchObject({ unit: UNIT, from: '2026-03', to: '2026-03', nextCursor: null });
    expect(body.items.map((e) => [e.source, e.ticketId, e.level, e.points, e.period, e.propertyId, e.voided !== null])).toEqual([
      ['ticket', 'L-1', 'blue', 0.2, '2026-03', 'jinxiu-garden', false],
      ['ticket', 'L-2', 'blue', 0.2, '2026-03', 'jinxiu-garden', true],
      ['ticket', 'L-3', 'blue', 0.2, '2026-03', 'jinxiu-garden', false],
    ]);
    expect(body.items[1]!.voided).toEqual({ reason: { zh: '非责任声明已受理', en: 'non-responsibility statement accepted' }, reversedAt: '2026-03-03T02:00:00.000Z' });
    // The entries not voided add up to the score.
    const score = (await (await get(`/v1/units/${encodeURIComponent(UNIT)}/scores?period=2026-03`, 'ada')).json()) as { points: number };
    expect(score.points).toBe(0.4);
    expect(Math.round(body.items.filter((e) => e.voided === null).reduce((sum, e) => sum + e.points, 0) * 100) / 100).toBe(0.4);
  });

  it('narrows by level, property and months', async () => {
    expect((await page(ledger('period=2026-03&level=blue'))).items).toHaveLength(3);
    expect((await page(ledger('period=2026-03&level=red'))).items).toEqual([]);
    expect((await page(ledger('period=2026-04'))).items).toEqual([]);
    expect((await page(ledger('from=2026-01&to=2026-03'))).items.map((e) => e.ticketId)).toEqual(['L-1', 'L-2', 'L-3']);
    expect((await page(ledger('from=2026-03'))).to).toBe('2026-03');
    expect((await page(ledger('period=2026-03&property=jinxiu-garden'))).items).toHaveLength(3);
  });

  it("gives a duty's charge to the unit that owed it, naming the duty and occurrence", async () => {
    const body = await page(ledger('period=2026-03', 'jinxiu-garden/liaison'));
    expect(body.items.map((e) => [e.source, e.ticketId, e.duty, e.level, e.points])).toEqual([['duty', null, { id: 'weekly_summary', occurrence: '2026-03-06' }, 'blue', 0.2]]);
  });

  it('pages by cursor, and refuses a cursor of another list', async () => {
    const first = await page(ledger('period=2026-03&limit=2'));
    expect(first.items.map((e) => e.ticketId)).toEqual(['L-1', 'L-2']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await page(ledger(`period=2026-03&limit=2&cursor=${first.nextCursor!}`));
    expect(second.items.map((e) => e.ticketId)).toEqual(['L-3']);
    expect(second.nextCursor).toBeNull();
    const tickets = (await (await get('/v1/tickets?limit=1', 'ada')).json()) as { nextCursor: string };
    expect(await codes(await get(ledger(`period=2026-03&cursor=${tickets.nextCursor}`), 'ada'))).toEqual(['H522 ?cursor']);
  });

  it('refuses a missing, doubled, reversed or too long range, and bad parameters, each with its code and pointer', async () => {
    const cases: [string, string][] = [
      ['', 'H560 ?period'],
      ['to=2026-03', 'H560 ?from'],
      ['period=2026-03&from=2026-01', 'H560 ?period'],
      ['from=2026-03&to=2026-01', 'H560 ?to'],
      ['from=2024-01&to=2026-01', 'H560 ?to'],
      ['period=2026-13', 'H520 ?period'],
      ['period=2026-03&limit=0', 'H520 ?limit'],
      ['period=2026-03&limit=501', 'H520 ?limit'],
      ['period=2026-03&level=a&level=b', 'H520 ?level'],
    ];
    for (const [query, expected] of cases) {
      const res = await get(ledger(query), 'ada');
      expect(res.status, query).toBe(400);
      expect(await codes(res), query).toEqual([expected]);
    }
    // Two years exactly is allowed.
    expect((await get(ledger('from=2024-04&to=2026-03'), 'ada')).status).toBe(200);
    const unknown = await get(ledger('period=2026-03', 'jinxiu-garden/nobody'), 'ada');
    expect(unknown.status).toBe(404);
    expect(await codes(unknown)).toEqual(['H106 {unit}']);
  });

  it('is read by admins, quality, API keys and the property’s manager and viewer; refused to others', async () => {
    for (const who of ['ada', 'quinn', 'key', 'mia', 'vic']) expect((await get(ledger('period=2026-03'), who)).status, who).toBe(200);
    for (const who of ['tom', 'tomKey']) expect((await get(ledger('period=2026-03'), who)).status, who).toBe(403);
    expect((await get(ledger('period=2026-03'), 'anonymous')).status).toBe(401);
    // A manager names another property: refused, even for a unit of theirs.
    expect((await get(ledger('period=2026-03&property=xinghe-tower'), 'mia')).status).toBe(403);
    // The other property's own unit: its manager reads X-1 only.
    expect((await page(ledger('period=2026-03', 'xinghe-tower/engineering'), 'tom')).items.map((e) => e.ticketId)).toEqual(['X-1']);
  });

  it('answers every entry of the range as CSV with Accept: text/csv', async () => {
    const res = await get(ledger('period=2026-03&limit=1'), 'ada', { accept: 'text/csv' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('vary')).toMatch(/Accept/);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('source,unit,period,level,points,voided,reached_at,property,ticket,category,duty,occurrence,company,voided_reason');
    // limit pages the JSON only: the CSV holds all three.
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 6).concat(l.split(',')[8]!))).toEqual([
      ['ticket', UNIT, '2026-03', 'blue', '0.2', 'no', 'L-1'],
      ['ticket', UNIT, '2026-03', 'blue', '0.2', 'yes', 'L-2'],
      ['ticket', UNIT, '2026-03', 'blue', '0.2', 'no', 'L-3'],
    ]);
  });
});

describe('paging across ledgers', () => {
  it('walks entries of tickets and duties reached at one instant one page at a time, each once, in order', async () => {
    const first = (await page(ledger('period=2026-03'))).items[0] as Entry & { reachedAt: string };
    // A duty charge to the same unit at the very instant L-1 reached blue: it sorts after the tickets of that instant.
    await server.store.repository.recordDutyLedger([{ propertyId: 'jinxiu-garden', dutyId: 'daily_review', occurrence: '2026-03-02', level: 'blue', points: 0.2, unit: UNIT, period: '2026-03', reachedAt: first.reachedAt }]);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const p: Page = await page(ledger(`period=2026-03&limit=1${cursor ? `&cursor=${cursor}` : ''}`));
      seen.push(...p.items.map((e) => e.ticketId ?? `duty:${e.duty!.id}`));
      cursor = p.nextCursor;
      if (cursor === null) break;
    }
    const all = (await page(ledger('period=2026-03'))).items.map((e) => e.ticketId ?? `duty:${e.duty!.id}`);
    expect(seen).toEqual(all);
    expect([...all].sort()).toEqual(['L-1', 'L-2', 'L-3', 'duty:daily_review']);
  });
});

// The CSV is built in memory, so one export holds at most `csvMaxRows` entries (10,000 in
// service); beyond it the caller is asked to narrow the range (H561) and the JSON pages still
// answer. A server limited to 3 rows: 3 flagged complaints export, a 4th is refused.
describe('GET /v1/units/{unit}/ledger as CSV beyond its limit', () => {
  let small: TestServer;
  beforeAll(async () => {
    small = await startTestServer({ csvMaxRows: 3 });
  }, 120_000);
  afterAll(async () => small?.close());
  const putFlagged = (id: string) =>
    fetch(`${small.url}/v1/tickets/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...small.auth }, body: JSON.stringify(ticket({ id, ...COMPLAINT, flags: ['second_complaint'] })) });
  const csv = () => fetch(`${small.url}${ledger('period=2026-03')}`, { headers: { ...small.auth, accept: 'text/csv' } });

  it('exports at the limit, and refuses one entry more with 400 H561 while the JSON pages still answer', async () => {
    for (const id of ['C-1', 'C-2', 'C-3']) expect((await putFlagged(id)).status).toBe(201);
    const atLimit = await csv();
    expect(atLimit.status).toBe(200);
    expect((await atLimit.text()).trimEnd().split('\r\n')).toHaveLength(4);
    expect((await putFlagged('C-4')).status).toBe(201);
    const over = await csv();
    expect(over.status).toBe(400);
    expect(await codes(over)).toEqual(['H561 ?from']);
    const json = await fetch(`${small.url}${ledger('period=2026-03')}`, { headers: small.auth });
    expect(((await json.json()) as Page).items).toHaveLength(4);
  });
});
