// Issue 12, item 7: a duty missed reaches the roles its warning names, through the outbox,
// like a ticket's warning. The Friday summary of 004 第十条(一)3(4) (helpers.ts: due 17:00
// Shanghai, 09:00Z, a miss raises blue) is first seen by the sweep of Monday 2026-03-02;
// the Friday 03-06 is never done (missing), the Friday 03-13 is done at 17:01 (late by a
// minute). Blue notifies service_supervisor, branch_head and project_manager
// (policies/group.sla `warning blue`), not quality_head. The receiving server fails each
// delivery's first request and takes the second: each charge arrives exactly once.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchOnce } from '../../../server/notifications/dispatcher.js';
import { requestFor } from '../../../server/notifications/requests.js';
import { sweepOnce } from '../../../server/sweep.js';
import type { PolicyService } from '../../../server/policies.js';
import { signInUsers, startTestServer, type TestServer } from '../app/helper.js';
import { weeklySummary, withDuties, dailyReview } from './helpers.js';

let server: TestServer;
let receiver: Server;
let receiverUrl = '';
let users: Record<string, Record<string, string>>;
let clock = new Date('2026-03-02T01:00:00Z');
const requests = new Map<string, number>();
const delivered: { key: string; body: Record<string, unknown> }[] = [];

function receive(req: IncomingMessage, res: ServerResponse): void {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString('utf8')));
  req.on('end', () => {
    const key = String(req.headers['idempotency-key']);
    const n = (requests.get(key) ?? 0) + 1;
    requests.set(key, n);
    if (n === 1) return void res.writeHead(503).end('busy');
    delivered.push({ key, body: JSON.parse(body) as Record<string, unknown> });
    res.writeHead(200).end('ok');
  });
}

const post = (path: string, who: string, body: unknown) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...users[who] }, body: JSON.stringify(body) });
const outbox = async () =>
  ((await (await fetch(`${server.url}/v1/notifications`, { headers: users['ada']! })).json()) as { entries: { key: string; kind: string; roles: string[]; deliveries: { channelName: string }[] }[] }).entries;

beforeAll(async () => {
  receiver = createServer(receive);
  await new Promise<void>((ok) => receiver.listen(0, '127.0.0.1', ok));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  server = await startTestServer({ now: () => clock });
  withDuties(server.app.locals.policies, ['jinxiu-garden'], [weeklySummary, dailyReview]);
  users = await signInUsers(server, { ada: { role: 'admin' } });
  for (const [name, roles] of [['客服主管', ['service_supervisor']], ['品质部', ['quality_head']]] as const) {
    expect((await post('/v1/notification-channels', 'ada', { name, kind: 'webhook', url: receiverUrl, roles })).status).toBe(201);
  }
}, 120_000);
afterAll(async () => {
  receiver?.closeAllConnections();
  await new Promise((ok) => receiver?.close(ok));
  await server?.close();
});

describe('the sweep charging a duty', () => {
  it('enqueues one notification per charge for the roles of its warning, delivered once through a failure', async () => {
    const deps = { repository: server.store.repository, policies: server.app.locals.policies };
    expect((await sweepOnce(deps, new Date('2026-03-02T02:00:00Z'))).duties).toEqual([]);
    clock = new Date('2026-03-16T01:00:00Z');
    expect((await post('/v1/duties/weekly_summary/done', 'ada', { property: 'jinxiu-garden', occurrence: '2026-03-13', doneAt: '2026-03-13T17:01:00+08:00' })).status).toBe(201);
    const swept = await sweepOnce(deps, new Date('2026-03-16T02:00:00Z'));
    expect(swept.duties.map((e) => e.occurrence)).toEqual(['2026-03-06', '2026-03-13']);
    // A second sweep charges nothing new and enqueues nothing new.
    expect((await sweepOnce(deps, new Date('2026-03-16T03:00:00Z'))).duties).toEqual([]);
    const entries = (await outbox()).filter((e) => e.kind === 'duty-missed');
    expect(entries.map((e) => e.key).sort()).toEqual(['duty:jinxiu-garden:weekly_summary:2026-03-06', 'duty:jinxiu-garden:weekly_summary:2026-03-13']);
    for (const e of entries) {
      expect(e.roles).toEqual(['service_supervisor', 'branch_head', 'project_manager']);
      // Blue does not notify quality_head: only the service supervisor's channel gets a delivery.
      expect(e.deliveries.map((d) => d.channelName)).toEqual(['客服主管']);
    }

    let at = Date.now(); // deliveries are due by the store's (system) clock
    for (let round = 0; round < 4; round++) {
      await Promise.all([dispatchOnce(server.store.repository, { owner: 'A', now: () => new Date(at), timeoutMs: 2000, backoffMs: 1000, random: () => 0.5 }), dispatchOnce(server.store.repository, { owner: 'B', now: () => new Date(at), timeoutMs: 2000, backoffMs: 1000, random: () => 0.5 })]);
      at += 60 * 60 * 1000;
    }
    expect([...requests.values()]).toEqual([2, 2]);
    const byOccurrence = Object.fromEntries(delivered.map((d) => [(d.body['data'] as { occurrence: string }).occurrence, d.body]));
    expect(Object.keys(byOccurrence).sort()).toEqual(['2026-03-06', '2026-03-13']);
    expect(byOccurrence['2026-03-06']).toMatchObject({ kind: 'duty-missed', property: 'jinxiu-garden', unit: 'jinxiu-garden/liaison', data: { dutyId: 'weekly_summary', state: 'missing', level: 'blue', points: 0.2, dueAt: '2026-03-06T09:00:00.000Z' } });
    expect(byOccurrence['2026-03-13']).toMatchObject({ data: { state: 'late', dueAt: '2026-03-13T09:00:00.000Z' } });
  });

  it('records no charge when its notification cannot be written (one transaction)', async () => {
    // A policy whose blue names a role the outbox refuses (longer than a name may be):
    // the enqueue fails, so the Friday 03-20's charge must be rolled back with it.
    const policies = server.app.locals.policies as PolicyService;
    const forProperty = policies.forProperty.bind(policies);
    const broken: PolicyService = Object.create(policies) as PolicyService;
    broken.forProperty = async (id, pointer) => {
      const active = await forProperty(id, pointer);
      return { ...active, compiled: { ...active.compiled, warnings: active.compiled.warnings.map((w) => (w.name === 'blue' ? { ...w, notify: ['r'.repeat(201)] } : w)) } };
    };
    await expect(sweepOnce({ repository: server.store.repository, policies: broken }, new Date('2026-03-23T02:00:00Z'))).rejects.toThrow();
    expect((await server.store.repository.listDutyLedger({ propertyId: 'jinxiu-garden' })).map((e) => e.occurrence)).toEqual(['2026-03-06', '2026-03-13']);
    // With the policy as it is, the next sweep charges it and notifies.
    const swept = await sweepOnce({ repository: server.store.repository, policies }, new Date('2026-03-23T02:00:00Z'));
    expect(swept.duties.map((e) => e.occurrence)).toEqual(['2026-03-20']);
    expect((await outbox()).some((e) => e.key === 'duty:jinxiu-garden:weekly_summary:2026-03-20')).toBe(true);
  });
});

describe('a duty-missed message to the robots', () => {
  it('names the duty, its due time, its state and its points in Chinese and English', () => {
    const r = requestFor(
      {
        outboxId: 1,
        attempts: 0,
        channel: { id: 'c', name: 'c', kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', roles: ['*'], propertyId: null, enabled: true, hasSecret: false, createdAt: '', secret: null },
        event: { key: 'duty:p:weekly_summary:2026-03-06', kind: 'duty-missed', propertyId: 'jinxiu-garden', unit: 'jinxiu-garden/liaison', roles: ['service_supervisor'], payload: { dutyId: 'weekly_summary', dutyLabel: '每周五平台问题汇总签字版', occurrence: '2026-03-06', dueAt: '2026-03-06T09:00:00.000Z', state: 'missing', level: 'blue', label: '蓝色预警', points: 0.2 }, createdAt: '' },
      },
      0,
    );
    const content = (JSON.parse(r.body) as { markdown: { content: string } }).markdown.content;
    expect(content).toContain('职责未按时完成');
    expect(content).toContain('每周五平台问题汇总签字版');
    expect(content).toContain('2026-03-06T09:00:00.000Z');
    expect(content).toContain('未完成 missing');
    expect(content).toContain('扣分 Points: 0.2');
  });
});
