// Issue 12, item 7: a warning raised reaches the channels serving its policy's notify
// roles through the outbox. The receiving server fails (500), then does not answer
// (timeout), then recovers; two dispatchers run each round; every entry is delivered
// exactly once, every attempt is recorded. Roles by hand from the group policy: blue
// (004《集团客服信息平台物业服务类信息管理办法》第十一条(一)1, a platform complaint whose second-complaint
// procedure the group started: flag second_complaint) notifies service_supervisor, branch_head,
// project_manager, not quality_head (yellow and red do).
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchOnce } from '../../../server/notifications/dispatcher.js';
import { dingtalkSign, requestFor } from '../../../server/notifications/requests.js';
import { signInUsers, startTestServer, ticket, type TestServer } from '../app/helper.js';

let server: TestServer;
let receiver: Server;
let receiverUrl = '';
let as: Record<string, Record<string, string>>;
const SECRET = 'a webhook secret';
/** Blue reaches only platform complaints; the second-complaint trigger is the flag (004 第十一条(一)1). */
const SECOND_PLATFORM_COMPLAINT = { kind: 'complaint', channel: 'platform', flags: ['second_complaint'] };
/** Requests per idempotency key, and the keys answered 200. */
const seen = new Map<string, number>();
const delivered: string[] = [];
const bodies: { key: string; timestamp: string; signature: string; body: string }[] = [];

function receive(req: IncomingMessage, res: ServerResponse): void {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString('utf8')));
  req.on('end', () => {
    const key = String(req.headers['idempotency-key']);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n === 1) return void res.writeHead(500).end('down');
    if (n === 2) return; // never answers: the dispatcher's timeout ends it
    delivered.push(key);
    bodies.push({ key, timestamp: String(req.headers['x-beacon-timestamp']), signature: String(req.headers['x-beacon-signature']), body });
    res.writeHead(200).end('ok');
  });
}

const call = (method: string, path: string, who: string, body?: unknown) =>
  fetch(`${server.url}${path}`, { method, headers: { ...as[who], ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

beforeAll(async () => {
  receiver = createServer(receive);
  await new Promise<void>((ok) => receiver.listen(0, '127.0.0.1', ok));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  server = await startTestServer();
  as = await signInUsers(server, { ada: { role: 'admin' }, quinn: { role: 'quality' }, mia: { role: 'manager', properties: ['jinxiu-garden'] } });
  as['key'] = server.auth;
  as['anonymous'] = {};
});
afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((ok) => receiver.close(ok));
  await server.close();
});

describe('notification channels', () => {
  it('are created by admins only, with an http(s) URL, and never show their secret', async () => {
    for (const who of ['quinn', 'mia', 'key']) expect((await call('POST', '/v1/notification-channels', who, { name: 'x', kind: 'webhook', url: receiverUrl, roles: ['*'] })).status).toBe(403);
    expect((await call('POST', '/v1/notification-channels', 'anonymous', { name: 'x', kind: 'webhook', url: receiverUrl, roles: ['*'] })).status).toBe(401);
    for (const url of ['ftp://example.com/x', 'javascript:alert(1)', 'http://user:pw@example.com/x', `http://example.com/${'x'.repeat(2001)}`]) {
      const res = await call('POST', '/v1/notification-channels', 'ada', { name: 'bad', kind: 'webhook', url, roles: ['*'] });
      expect(res.status, url.slice(0, 40)).toBe(400);
    }
    const res = await call('POST', '/v1/notification-channels', 'ada', { name: '客服主管', kind: 'webhook', url: receiverUrl, secret: SECRET, roles: ['service_supervisor'] });
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(text).not.toContain(SECRET);
    expect(JSON.parse(text)).toMatchObject({ hasSecret: true, roles: ['service_supervisor'], enabled: true });
    expect((await call('POST', '/v1/notification-channels', 'ada', { name: '品质', kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SECRET-KEY', roles: ['quality_head'] })).status).toBe(201);
    const list = await (await call('GET', '/v1/notification-channels', 'ada')).text();
    expect(list).not.toContain(SECRET);
    expect(list).not.toContain('SECRET-KEY');
  });
});

describe('the outbox', () => {
  it('delivers each warning once to the channels of its roles, through failures and timeouts', async () => {
    for (const id of ['N-1', 'N-2', 'N-3']) {
      const res = await fetch(`${server.url}/v1/tickets/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...server.auth }, body: JSON.stringify(ticket({ id, ...SECOND_PLATFORM_COMPLAINT })) });
      expect(((await res.json()) as { recorded: { level: string }[] }).recorded.map((e) => e.level)).toEqual(['blue']);
    }
    let clock = Date.now(); // the store dates entries by its own (the system) clock
    const options = (owner: string) => ({ owner, now: () => new Date(clock), timeoutMs: 300, backoffMs: 1000, random: () => 0.5 });
    for (let round = 0; round < 8; round++) {
      await Promise.all([dispatchOnce(server.store.repository, options('A')), dispatchOnce(server.store.repository, options('B'))]);
      clock += 60 * 60 * 1000;
    }
    expect([...seen.values()]).toEqual([3, 3, 3]);
    expect(delivered).toHaveLength(3);
    expect(new Set(delivered).size).toBe(3);
    // Signed as documented: HMAC-SHA256 of "<timestamp>.<body>".
    for (const b of bodies) expect(b.signature).toBe(`sha256=${createHmac('sha256', SECRET).update(`${b.timestamp}.${b.body}`).digest('hex')}`);
    expect(JSON.parse(bodies[0]!.body)).toMatchObject({ kind: 'warning', property: 'jinxiu-garden', roles: ['service_supervisor', 'branch_head', 'project_manager'], data: { level: 'blue' } });
  });

  it('shows each entry with every attempt to admins and quality, not to managers or keys', async () => {
    const res = await call('GET', '/v1/notifications?status=delivered', 'quinn');
    expect(res.status).toBe(200);
    const { entries } = (await res.json()) as { entries: { key: string; deliveries: { channelName: string; status: string; tries: { ok: boolean; responseCode: number | null; error: string | null }[] }[] }[] };
    expect(entries.map((e) => e.key).sort()).toEqual(['warning:N-1:blue', 'warning:N-2:blue', 'warning:N-3:blue']);
    for (const e of entries) {
      // Only the service supervisor's channel: blue does not notify quality_head.
      expect(e.deliveries.map((d) => d.channelName)).toEqual(['客服主管']);
      expect(e.deliveries[0]!.tries.map((t) => [t.ok, t.responseCode])).toEqual([[false, 500], [false, null], [true, 200]]);
      expect(e.deliveries[0]!.tries[1]!.error).toMatch(/no answer within 300 ms/);
    }
    expect((await call('GET', '/v1/notifications?status=pending', 'ada')).status).toBe(200);
    expect((await call('GET', '/v1/notifications?status=lost', 'ada')).status).toBe(400);
    for (const who of ['mia', 'key']) expect((await call('GET', '/v1/notifications', who)).status).toBe(403);
  });

  it('does not enqueue a warning twice when its ticket is written again', async () => {
    await fetch(`${server.url}/v1/tickets/N-1`, { method: 'PUT', headers: { 'content-type': 'application/json', ...server.auth }, body: JSON.stringify(ticket({ id: 'N-1', ...SECOND_PLATFORM_COMPLAINT, severity: 'general' })) });
    const { entries } = (await (await call('GET', '/v1/notifications', 'ada')).json()) as { entries: { key: string }[] };
    expect(entries.filter((e) => e.key === 'warning:N-1:blue')).toHaveLength(1);
  });
});

describe('channel requests', () => {
  const claimed = (kind: 'webhook' | 'wecom' | 'dingtalk', url: string, secret: string | null) => ({
    outboxId: 7,
    attempts: 0,
    channel: { id: 'c', name: 'c', kind, url, roles: ['*'], propertyId: null, enabled: true, hasSecret: secret !== null, createdAt: '', secret },
    event: { key: 'warning:T:red', kind: 'warning', propertyId: 'p', unit: 'p/u', roles: ['general_manager'], payload: { level: 'red', label: '红色预警', ticketId: 'T' }, createdAt: '' },
  });

  it('WeCom: a markdown message to the robot URL', () => {
    const r = requestFor(claimed('wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', null), 0);
    expect(r.url).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k');
    const body = JSON.parse(r.body) as { msgtype: string; markdown: { content: string } };
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.content).toContain('红色预警');
  });

  it('DingTalk: timestamp and sign (Base64 HMAC-SHA256 of "timestamp\\nsecret", URL-encoded) in the query', () => {
    const ts = 1_700_000_000_000;
    const r = requestFor(claimed('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=t', 'SECabc'), ts);
    const expected = encodeURIComponent(createHmac('sha256', 'SECabc').update(`${ts}\nSECabc`).digest('base64'));
    expect(dingtalkSign('SECabc', ts)).toBe(expected);
    expect(r.url).toBe(`https://oapi.dingtalk.com/robot/send?access_token=t&timestamp=${ts}&sign=${expected}`);
    expect(JSON.parse(r.body)).toMatchObject({ msgtype: 'markdown', markdown: { title: expect.any(String), text: expect.stringContaining('红色预警') } });
  });
});

describe('changing and deleting a channel', () => {
  it('is audited without the secret; deleting cancels its pending deliveries, kept in the outbox', async () => {
    const created = (await (await call('POST', '/v1/notification-channels', 'ada', { name: 'all', kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=t', secret: 'SECsecret', roles: ['*'] })).json()) as { id: string };
    const patched = await call('PATCH', `/v1/notification-channels/${created.id}`, 'ada', { secret: 'SECanother', roles: ['*', 'general_manager'] });
    expect(patched.status).toBe(200);
    const audit = JSON.stringify(await server.store.repository.listAudit({ limit: 20 }));
    expect(audit).toContain('notification-channel.update');
    expect(audit).not.toContain('SECanother');
    expect(audit).not.toContain('access_token=t');
    await server.store.repository.enqueueNotifications([{ key: 'test:one', kind: 'duty-missed', propertyId: 'jinxiu-garden', unit: 'jinxiu-garden/engineering', roles: ['general_manager'], payload: {} }]);
    expect((await call('DELETE', `/v1/notification-channels/${created.id}`, 'ada')).status).toBe(200);
    expect((await call('DELETE', `/v1/notification-channels/${created.id}`, 'ada')).status).toBe(404);
    const { entries } = (await (await call('GET', '/v1/notifications?status=cancelled', 'ada')).json()) as { entries: { key: string; deliveries: { status: string }[] }[] };
    expect(entries.find((e) => e.key === 'test:one')?.deliveries).toEqual([expect.objectContaining({ status: 'cancelled' })]);
    expect(await server.store.repository.listAudit({ action: 'notification-channel.delete' })).toHaveLength(1);
  });
});
