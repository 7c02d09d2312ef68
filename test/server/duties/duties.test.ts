// GET /v1/duties and POST /v1/duties/{id}/done, and the sweep's charges. 2026-03-01 is a
// Sunday, so March 2026's Fridays are the 6th, 13th, 20th and 27th; the Friday summary
// of 004 第十条(一)3(4) falls due at 17:00 Shanghai time (09:00Z) on each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepOnce } from '../../../server/sweep.js';
import { signInUsers, startTestServer, type TestServer } from '../app/helper.js';
import { dailyReview, weeklySummary, withDuties } from './helpers.js';

let server: TestServer;
let users: Record<string, Record<string, string>>;
let clock = new Date('2026-03-02T01:00:00Z');

const get = (path: string, headers: Record<string, string>) => fetch(`${server.url}${path}`, { headers });
const done = (id: string, body: unknown, headers: Record<string, string>) =>
  fetch(`${server.url}/v1/duties/${id}/done`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const codes = async (res: Response) => ((await res.json()) as { errors: { code: string; pointer: string }[] }).errors.map((e) => `${e.code} ${e.pointer}`);

beforeAll(async () => {
  server = await startTestServer({ now: () => clock });
  withDuties(server.app.locals.policies, ['jinxiu-garden'], [weeklySummary, dailyReview]);
  users = await signInUsers(server, {
    ada: { role: 'admin' },
    mia: { role: 'manager', properties: ['jinxiu-garden'] },
    tom: { role: 'manager', properties: ['xinghe-tower'] },
    quinn: { role: 'quality' },
    vic: { role: 'viewer', properties: ['jinxiu-garden'] },
    val: { role: 'viewer', properties: ['xinghe-tower'] },
  });
}, 120_000);
afterAll(async () => server?.close());

describe('GET /v1/duties', () => {
  it('lists each Friday of the month with its due instant, pending before it is due', async () => {
    clock = new Date('2026-03-02T01:00:00Z');
    const res = await get('/v1/duties?property=jinxiu-garden&period=2026-03', users['vic']!);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { duties: { id: string; unit: string; warning: unknown; occurrences: { occurrence: string; dueAt: string; state: string }[] }[] };
    const summary = body.duties.find((d) => d.id === 'weekly_summary')!;
    expect(summary.unit).toBe('jinxiu-garden/liaison');
    expect(summary.warning).toEqual({ level: 'blue', points: 0.2 });
    expect(summary.occurrences.map((o) => [o.occurrence, o.dueAt, o.state])).toEqual([
      ['2026-03-06', '2026-03-06T09:00:00.000Z', 'pending'],
      ['2026-03-13', '2026-03-13T09:00:00.000Z', 'pending'],
      ['2026-03-20', '2026-03-20T09:00:00.000Z', 'pending'],
      ['2026-03-27', '2026-03-27T09:00:00.000Z', 'pending'],
    ]);
    // The daily review: one a day, 31 in March; the 1st (10:00, before now) is already missing.
    const review = body.duties.find((d) => d.id === 'daily_review')!;
    expect(review.occurrences).toHaveLength(31);
    expect(review.occurrences[0]).toMatchObject({ occurrence: '2026-03-01', state: 'missing', breached: false });
  });

  it('is refused to a viewer of another property, to an API key and without sign-in; 400 without a period', async () => {
    expect((await get('/v1/duties?property=jinxiu-garden&period=2026-03', users['val']!)).status).toBe(403);
    expect((await get('/v1/duties?property=jinxiu-garden&period=2026-03', server.auth)).status).toBe(403);
    expect((await get('/v1/duties?property=jinxiu-garden&period=2026-03', {})).status).toBe(401);
    const bad = await get('/v1/duties?property=jinxiu-garden', users['ada']!);
    expect(bad.status).toBe(400);
    expect(await codes(bad)).toEqual(['H101 /period']);
    expect(await codes(await get('/v1/duties?period=2026-03', users['ada']!))).toEqual(['H101 ?property']);
    expect((await get('/v1/duties?property=nowhere&period=2026-03', users['ada']!)).status).toBe(404);
  });
});

describe('POST /v1/duties/{id}/done', () => {
  it('records the Friday summary done on time for the property’s manager, once, and audits it', async () => {
    clock = new Date('2026-03-06T08:00:00Z'); // 16:00 in Shanghai, an hour before due
    const first = await done('weekly_summary', { property: 'jinxiu-garden', occurrence: '2026-03-06', note: '已签字' }, users['mia']!);
    expect(first.status).toBe(201);
    const recorded = await first.json();
    expect(recorded).toMatchObject({ duty: 'weekly_summary', unit: 'jinxiu-garden/liaison', occurrence: '2026-03-06', doneAt: '2026-03-06T08:00:00.000Z', state: 'met', lateMinutes: 0, note: '已签字' });
    clock = new Date('2026-03-06T10:00:00Z');
    const again = await done('weekly_summary', { property: 'jinxiu-garden', occurrence: '2026-03-06' }, users['mia']!);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(recorded);
    const audit = await server.store.repository.listAudit({ scopeId: 'jinxiu-garden' });
    expect(audit.filter((a) => a.action === 'duty.done')).toHaveLength(1);
    const board = (await (await get('/v1/duties?property=jinxiu-garden&period=2026-03', users['mia']!)).json()) as { duties: { id: string; occurrences: { occurrence: string; state: string }[] }[] };
    expect(board.duties[0]!.occurrences.slice(0, 2).map((o) => o.state)).toEqual(['met', 'pending']);
  });

  it('reports one minute after the due time as late', async () => {
    clock = new Date('2026-03-13T09:01:00Z');
    const res = await done('weekly_summary', { property: 'jinxiu-garden', occurrence: '2026-03-13' }, users['ada']!);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ state: 'late', lateMinutes: 1 });
  });

  it('is refused to quality, viewers, a manager of another property, API keys and without sign-in', async () => {
    clock = new Date('2026-03-20T01:00:00Z');
    const body = { property: 'jinxiu-garden', occurrence: '2026-03-20' };
    expect((await done('weekly_summary', body, users['quinn']!)).status).toBe(403);
    expect((await done('weekly_summary', body, users['vic']!)).status).toBe(403);
    expect((await done('weekly_summary', body, users['tom']!)).status).toBe(403);
    expect((await done('weekly_summary', body, server.auth)).status).toBe(403);
    expect((await done('weekly_summary', body, {})).status).toBe(401);
    expect(await server.store.repository.listFulfilments('jinxiu-garden', '2026-03-20', '2026-03-20')).toEqual([]);
  });

  it('refuses an unknown duty, a date off the schedule, one too far ahead and a malformed body, each with its code', async () => {
    clock = new Date('2026-03-20T01:00:00Z');
    const ada = users['ada']!;
    expect(await codes(await done('monthly_report', { property: 'jinxiu-garden', occurrence: '2026-03-20' }, ada))).toEqual(['H510 {id}']);
    expect(await codes(await done('weekly_summary', { property: 'jinxiu-garden', occurrence: '2026-03-19' }, ada))).toEqual(['H511 /occurrence']);
    // Due 03-27 09:00Z: 7 days and 8 hours ahead of now.
    expect(await codes(await done('weekly_summary', { property: 'jinxiu-garden', occurrence: '2026-03-27' }, ada))).toEqual(['H512 /occurrence']);
    expect((await done('weekly_summary', { property: 'jinxiu-garden', occurrence: '2026-03-20', extra: 1 }, ada)).status).toBe(400);
    expect((await done('weekly_summary', { property: 'jinxiu-garden', occurrence: '2026-03-20', note: 'x'.repeat(2001) }, ada)).status).toBe(400);
    expect((await done('weekly_summary', JSON.stringify({ property: 'jinxiu-garden', occurrence: '2026-03-20', note: 'x'.repeat(20_000) }), ada)).status).toBe(413);
    expect((await done('weekly_summary', { property: 'nowhere', occurrence: '2026-03-20' }, ada)).status).toBe(404);
  });

  it('takes doneAt from an admin only, never in the future, and keeps the first record', async () => {
    clock = new Date('2026-03-21T01:00:00Z');
    const late = { property: 'jinxiu-garden', occurrence: '2026-03-20', doneAt: '2026-03-20T16:30:00+08:00' };
    expect(await codes(await done('weekly_summary', late, users['mia']!))).toEqual(['H514 /doneAt']);
    expect(await codes(await done('weekly_summary', { ...late, doneAt: '2026-03-22T00:00:00+08:00' }, users['ada']!))).toEqual(['H514 /doneAt']);
    const made = await done('weekly_summary', late, users['ada']!);
    expect(made.status).toBe(201);
    expect(await made.json()).toMatchObject({ state: 'met', doneAt: '2026-03-20T08:30:00.000Z' });
    expect(await codes(await done('weekly_summary', { ...late, doneAt: '2026-03-20T16:00:00+08:00' }, users['ada']!))).toEqual(['H513 /doneAt']);
  });
});

describe('the sweep and duties', () => {
  it('charges a late or missing occurrence once, from the first sweep that saw the duty, never an advisory one', async () => {
    const deps = { repository: server.store.repository, policies: server.app.locals.policies };
    // First seen on 03-02: the 02-27 Friday, due before, is never charged.
    expect((await sweepOnce(deps, new Date('2026-03-02T02:00:00Z'))).duties).toEqual([]);
    // On 03-16: 03-06 met, 03-13 late by a minute (recorded above): one blue for 03-13.
    const swept = await sweepOnce(deps, new Date('2026-03-16T02:00:00Z'));
    expect(swept.duties.map((e) => [e.dutyId, e.occurrence, e.level, e.points, e.unit, e.period])).toEqual([['weekly_summary', '2026-03-13', 'blue', 0.2, 'jinxiu-garden/liaison', '2026-03']]);
    expect((await sweepOnce(deps, new Date('2026-03-16T03:00:00Z'))).duties).toEqual([]);
    // 03-27 missing by 03-28: charged; 03-20 was met (an admin's record).
    const later = await sweepOnce(deps, new Date('2026-03-28T02:00:00Z'));
    expect(later.duties.map((e) => e.occurrence)).toEqual(['2026-03-27']);
    expect(await server.store.repository.unitScores('jinxiu-garden/liaison', '2026-03')).toEqual({ unit: 'jinxiu-garden/liaison', period: '2026-03', points: 0.4, counts: { blue: 2 } });
  });
});
