import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../../server/index.js';
import type { TicketUpsertResponse, UnitScoresResponse } from '../../../server/schemas/index.js';
import { sweepOnce } from '../../../server/sweep.js';
import { NOW, startTestServer, ticket, signInUsers, type TestServer } from '../app/helper.js';

let server: TestServer;
let clock = NOW;
const cookies: Record<string, Record<string, string>> = {};
const UNIT = 'jinxiu-garden/engineering';
const DAY = 86_400_000;
/**
 * 004《集团客服信息平台物业服务类信息管理办法》第十一条's warnings reach only complaints made on the
 * group platform; blue comes from the platform's second-complaint flag (第十一条(一)1) or 3 days late.
 */
const PLATFORM_COMPLAINT = { kind: 'complaint', channel: 'platform' };

beforeAll(async () => {
  server = await startTestServer({ now: () => clock });
  Object.assign(cookies, await signInUsers(server, { ada: { role: 'admin' }, vic: { role: 'viewer', properties: ['jinxiu-garden'] } }));
});
afterAll(() => server.close());

const put = (id: string, body: unknown, headers: Record<string, string> = server.auth) =>
  fetch(`${server.url}/v1/tickets/${encodeURIComponent(id)}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const get = (path: string, as = 'vic') => fetch(`${server.url}${path}`, { headers: cookies[as] });
const ledgerOf = (ticketId: string): Promise<LedgerEntry[]> => server.store.repository.listLedger({ ticketId });
const deps = () => ({ repository: server.store.repository, policies: server.app.locals.policies });

describe('PUT /v1/tickets/{id}', () => {
  it('creates (201), then answers the same ticket with changed: false, then a changed one with changed: true', async () => {
    const t = ticket({ id: 'T-UP' });
    const first = await put('T-UP', t);
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe('/v1/tickets/T-UP');
    const body = (await first.json()) as TicketUpsertResponse;
    expect(body).toMatchObject({ id: 'T-UP', created: true, changed: true, recorded: [] });
    expect(body.result).toMatchObject({ ticketId: 'T-UP', policy: { property: 'jinxiu-garden' }, warning: { level: 'none' } });

    const again = await put('T-UP', t);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ created: false, changed: false });

    const events = [...(t['events'] as unknown[]), { type: 'arrived', at: '2026-03-02T08:30:00+08:00' }];
    const changed = await put('T-UP', { ...t, events });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ created: false, changed: true });

    const stored = await get('/v1/tickets/T-UP');
    expect(stored.status).toBe(200);
    expect(((await stored.json()) as { events: unknown[] }).events).toHaveLength(4);

    // Who wrote it: the key's user, and the key; the unchanged second PUT left no entry.
    const audited = (await server.store.repository.listAudit({ scopeId: 'jinxiu-garden' })).filter((e) => e.detail?.['ticketId'] === 'T-UP');
    expect(audited.map((e) => e.action)).toEqual(['ticket.update', 'ticket.create']);
    expect(audited[0]?.detail).toMatchObject({ keyId: expect.any(String) });
  });

  it('refuses an id that is not the path id (400 /id), an unknown property (404) and an invalid ticket (400 with pointer)', async () => {
    const mismatch = await put('T-OTHER', ticket({ id: 'T-X' }));
    expect(mismatch.status).toBe(400);
    expect(((await mismatch.json()) as { errors: { pointer: string }[] }).errors.map((e) => e.pointer)).toEqual(['/id']);

    const unknown = await put('T-NOWHERE', ticket({ id: 'T-NOWHERE', property: 'nowhere' }));
    expect(unknown.status).toBe(404);

    const invalid = await put('T-BAD', ticket({ id: 'T-BAD', category: 'enginering' }));
    expect(invalid.status).toBe(400);
    const problem = (await invalid.json()) as { errors: { pointer: string; code: string }[] };
    expect(problem.errors.map((e) => e.pointer)).toContain('/category');

    const shape = await put('T-SHAPE', ticket({ id: 'T-SHAPE', createdAt: 'yesterday' }));
    expect(shape.status).toBe(400);
    expect(((await shape.json()) as { errors: { pointer: string }[] }).errors.map((e) => e.pointer)).toContain('/createdAt');
    expect((await get('/v1/tickets/T-BAD')).status).toBe(404);
  });

  it('lets API keys and users other than viewers write; viewers get 403, strangers 401', async () => {
    expect((await put('T-AUTH', ticket({ id: 'T-AUTH' }), cookies['vic'])).status).toBe(403);
    expect((await put('T-AUTH', ticket({ id: 'T-AUTH' }), {})).status).toBe(401);
    expect((await put('T-AUTH', ticket({ id: 'T-AUTH' }), cookies['ada'])).status).toBe(201);
    expect((await put('T-AUTH', ticket({ id: 'T-AUTH' }))).status).toBe(200);
    // Reading is for users, not keys.
    expect((await fetch(`${server.url}/v1/tickets/T-AUTH`, { headers: server.auth })).status).toBe(403);
  });

  it('records a warning level once with its points, across repeated PUTs', async () => {
    const t = ticket({ id: 'T-REPEAT', ...PLATFORM_COMPLAINT, flags: ['second_complaint'] });
    const first = (await (await put('T-REPEAT', t)).json()) as TicketUpsertResponse;
    expect(first.result.warning.level).toBe('blue');
    expect(first.recorded).toMatchObject([{ ticketId: 'T-REPEAT', level: 'blue', points: 0.2, unit: UNIT, period: '2026-03' }]);
    const again = (await (await put('T-REPEAT', t)).json()) as TicketUpsertResponse;
    expect(again.recorded).toEqual([]);
    const changed = (await (await put('T-REPEAT', { ...t, flags: [] })).json()) as TicketUpsertResponse;
    expect(changed).toMatchObject({ changed: true, recorded: [] });
    expect(await ledgerOf('T-REPEAT')).toHaveLength(1);
  });

  it('records one ledger row per level under concurrent PUTs of one ticket', async () => {
    const t = ticket({ id: 'T-RACE', ...PLATFORM_COMPLAINT, flags: ['second_complaint'] });
    const answers = await Promise.all(Array.from({ length: 6 }, () => put('T-RACE', t)));
    const bodies = (await Promise.all(answers.map((a) => a.json()))) as TicketUpsertResponse[];
    expect(answers.every((a) => a.status === 200 || a.status === 201)).toBe(true);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(bodies.flatMap((b) => b.recorded).map((e) => e.level)).toEqual(['blue']);
    expect(await ledgerOf('T-RACE')).toHaveLength(1);
  });
});

describe('the sweep', () => {
  it('records a level reached as time passes, once, also with two sweeps at a time', async () => {
    // An urgent platform complaint, accepted and contacted, never resolved: the completion time its plan
    // reported, 03-02 11:55 (004's ladder counts from it: platform_resolve), is after NOW (09:00), so no
    // warning yet; 5 days later it is 4d21h late: blue (>= 3d), not yet yellow (7d).
    const t = ticket({ id: 'T-SWEEP', ...PLATFORM_COMPLAINT, deadlines: { plan_completion: '2026-03-02T11:55:00+08:00' } });
    const created = (await (await put('T-SWEEP', t)).json()) as TicketUpsertResponse;
    expect(created.result.warning.level).toBe('none');
    expect((await sweepOnce(deps(), NOW)).recorded.filter((e) => e.ticketId === 'T-SWEEP')).toEqual([]);

    const later = new Date(NOW.getTime() + 5 * DAY);
    const [a, b] = await Promise.all([sweepOnce(deps(), later), sweepOnce(deps(), later)]);
    const mine = [...a.recorded, ...b.recorded].filter((e) => e.ticketId === 'T-SWEEP');
    expect(mine).toMatchObject([{ level: 'blue', points: 0.2, period: '2026-03' }]);
    expect(a.evaluated).toBeGreaterThan(0);
    expect((await sweepOnce(deps(), later)).recorded.filter((e) => e.ticketId === 'T-SWEEP')).toEqual([]);
    expect((await ledgerOf('T-SWEEP')).map((e) => e.level)).toEqual(['blue']);
  });

  it('leaves closed tickets alone', async () => {
    const events = [...(ticket()['events'] as unknown[]), { type: 'closed', at: '2026-03-02T08:40:00+08:00' }];
    await put('T-CLOSED', ticket({ id: 'T-CLOSED', events }));
    const report = await sweepOnce(deps(), new Date(NOW.getTime() + 20 * DAY));
    expect(report.recorded.filter((e) => e.ticketId === 'T-CLOSED')).toEqual([]);
  });
});

describe('GET /v1/units/{unit}/scores', () => {
  it("sums the unit's points and counts by level in the period, with a compliance light", async () => {
    const ledger = await server.store.repository.listLedger({ unit: UNIT, period: '2026-03' });
    expect(ledger.length).toBeGreaterThan(0);
    const res = await get(`/v1/units/${encodeURIComponent(UNIT)}/scores?period=2026-03`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as UnitScoresResponse;
    const points = Math.round(ledger.reduce((s, e) => s + e.points, 0) * 100) / 100;
    expect(body).toMatchObject({ unit: UNIT, period: '2026-03', points });
    expect(body.counts['blue']).toBe(ledger.filter((e) => e.level === 'blue').length);
    expect(body.tickets).toBeGreaterThan(0);
    expect(body.compliance).toEqual(expect.any(Number));
    expect(['green', 'yellow', 'red']).toContain(body.light);
  });

  it('answers an empty month with zeros and no light; a bad period is 400; keys read as their owner (issue 12)', async () => {
    const empty = (await (await get(`/v1/units/${encodeURIComponent(UNIT)}/scores?period=2026-11`)).json()) as UnitScoresResponse;
    const zero = { points: 0, counts: {} };
    expect(empty).toEqual({ unit: UNIT, period: '2026-11', points: 0, counts: {}, tickets: 0, compliance: null, light: null, parts: { charged: zero, voided: zero, duties: zero, company: zero }, rates: null });
    expect((await get(`/v1/units/${encodeURIComponent(UNIT)}/scores?period=2026-13`)).status).toBe(400);
    expect((await get(`/v1/units/${encodeURIComponent(UNIT)}/scores`)).status).toBe(400);
    expect((await fetch(`${server.url}/v1/units/x/scores?period=2026-03`, { headers: server.auth })).status).toBe(404);
    const byKey = await fetch(`${server.url}/v1/units/${encodeURIComponent(UNIT)}/scores?period=2026-11`, { headers: server.auth });
    expect(await byKey.json()).toEqual(empty);
  });
});
