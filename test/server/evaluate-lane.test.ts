// The evaluate lane answers POST /v1/evaluate as the Express app does: each case is sent
// to a server running the lane (app.listen) and to one running the app alone, and the
// two answers must agree. A unit part pins what the lane takes and what it hands over.
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateLane, laneServed, laneTakes, type EvaluateLaneOptions } from '../../server/evaluate-lane.js';
import { startTestServer, signInUsers, ticket, type TestServer } from './app/helper.js';

async function listen(handler: RequestListener): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const close = (server: Server): Promise<void> => new Promise((ok) => server.close(() => ok()));

interface Answer {
  status: number;
  type: string | null;
  challenge: string | null;
  security: (string | null)[];
  hasRequestId: boolean;
  body: unknown;
}

async function send(url: string, body: string, headers: Record<string, string>, path = '/v1/evaluate'): Promise<Answer> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    // not JSON: compared as text
  }
  if (parsed && typeof parsed === 'object' && 'requestId' in parsed) delete (parsed as { requestId?: string }).requestId;
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    challenge: res.headers.get('www-authenticate'),
    security: ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'strict-transport-security'].map((h) => res.headers.get(h)),
    hasRequestId: res.headers.has('x-request-id'),
    body: parsed,
  };
}

describe('POST /v1/evaluate through the lane and through the app alone', () => {
  let lane: TestServer;
  let appAlone: { url: string; server: Server };
  let users: Record<string, Record<string, string>>;

  beforeAll(async () => {
    lane = await startTestServer({ jsonLimit: 4096 });
    appAlone = await listen(lane.app);
    users = await signInUsers(lane, { mgr: { role: 'manager', properties: ['jinxiu-garden'] } });
  });
  afterAll(async () => {
    await close(appAlone.server);
    await lane.close();
  });

  const json = { 'content-type': 'application/json' };
  // Whether the lane serves the case itself (true) or hands it to the app (false): the
  // counter proves which, so the comparison cannot pass with the lane switched off.
  const cases: [string, boolean, () => { body: string; headers: Record<string, string>; path?: string }][] = [
    ['a ticket from a key', true, () => ({ body: JSON.stringify({ ticket: ticket() }), headers: { ...json, ...lane.auth } })],
    ['with explain and at', true, () => ({ body: JSON.stringify({ ticket: ticket(), at: '2026-03-02T12:00:00+08:00', explain: true }), headers: { ...json, ...lane.auth } })],
    ['a charset parameter', true, () => ({ body: JSON.stringify({ ticket: ticket() }), headers: { 'content-type': 'application/json; charset=UTF-8', ...lane.auth } })],
    ['a manager, own property', true, () => ({ body: JSON.stringify({ ticket: ticket() }), headers: { ...json, ...users['mgr']! } })],
    ["a manager, another's property", true, () => ({ body: JSON.stringify({ ticket: ticket({ property: 'xinghe-tower', unit: 'xinghe-tower/engineering' }) }), headers: { ...json, ...users['mgr']! } })],
    ['a ticket with a missing field', true, () => ({ body: JSON.stringify({ ticket: ticket({ createdAt: undefined }) }), headers: { ...json, ...lane.auth } })],
    ['an unknown property', true, () => ({ body: JSON.stringify({ ticket: ticket({ property: 'nowhere' }) }), headers: { ...json, ...lane.auth } })],
    ['an envelope with an unknown field', true, () => ({ body: JSON.stringify({ ticket: ticket(), extra: 1 }), headers: { ...json, ...lane.auth } })],
    ['an array', true, () => ({ body: '[1]', headers: { ...json, ...lane.auth } })],
    ['a byte-order mark before the JSON', true, () => ({ body: `\uFEFF${JSON.stringify({ ticket: ticket() })}`, headers: { ...json, ...lane.auth } })],
    ['no credential', false, () => ({ body: JSON.stringify({ ticket: ticket() }), headers: json })],
    ['a key that does not exist', false, () => ({ body: JSON.stringify({ ticket: ticket() }), headers: { ...json, authorization: 'Bearer nope' } })],
    ['a body over the limit', false, () => ({ body: JSON.stringify({ ticket: ticket({ note: 'x'.repeat(5000) }) }), headers: { ...json, ...lane.auth } })],
    ['another content type', false, () => ({ body: 'ticket', headers: { 'content-type': 'text/plain', ...lane.auth } })],
    ['another charset', false, () => ({ body: JSON.stringify({ ticket: ticket() }), headers: { 'content-type': 'application/json; charset=latin1', ...lane.auth } })],
    ['a query string', false, () => ({ body: JSON.stringify({ ticket: ticket() }), headers: { ...json, ...lane.auth }, path: '/v1/evaluate?x=1' })],
  ];

  /** Requests the lane of the test server served itself so far. */
  const servedByLane = (): number | undefined => laneServed(lane.app.locals.handler);

  it.each(cases)('%s: the same answer (served by the lane: %s)', async (_name, byLane, make) => {
    const { body, headers, path } = make();
    const before = servedByLane();
    const viaLane = await send(lane.url, body, headers, path);
    expect(servedByLane()).toBe((before ?? Number.NaN) + (byLane ? 1 : 0));
    const viaApp = await send(appAlone.url, body, headers, path);
    expect(servedByLane()).toBe((before ?? Number.NaN) + (byLane ? 1 : 0)); // the app alone never reaches the lane
    expect(viaLane).toEqual(viaApp);
    expect(viaLane.hasRequestId).toBe(true);
    expect(viaLane.security.every((h) => h !== null)).toBe(true);
  });

  it('answers the first case 200 with a result, so the comparison above compares results', async () => {
    const answer = await send(lane.url, JSON.stringify({ ticket: ticket() }), { ...json, ...lane.auth });
    expect(answer).toMatchObject({ status: 200, type: 'application/json; charset=utf-8', body: { ticketId: 'JX-1', policy: { property: 'jinxiu-garden' } } });
  });

  it.each([
    ['not JSON', '{"ticket": '],
    ['a JSON string, not an object', '"ticket"'],
    ['a number', ' 12'],
  ])('refuses a body that is %s as malformed JSON (H100), as the app does', async (_name, body) => {
    const headers = { ...json, ...lane.auth };
    const before = servedByLane() ?? Number.NaN;
    const [viaLane, viaApp] = [await send(lane.url, body, headers), await send(appAlone.url, body, headers)];
    expect(servedByLane()).toBe(before + 1); // the lane's own error answer, not the app's
    for (const a of [viaLane, viaApp]) {
      expect(a).toMatchObject({ status: 400, type: 'application/problem+json; charset=utf-8', body: { type: 'https://beacon.example/problems/malformed-json', errors: [{ code: 'H100', pointer: '' }] } });
    }
  });

  it("is what the app's listen serves", async () => {
    const served: string[] = [];
    const handler = lane.app.locals.handler;
    lane.app.locals.handler = (req, res) => {
      served.push(`${req.method} ${req.url}`);
      handler(req, res);
    };
    const server = lane.app.listen(0, '127.0.0.1');
    await new Promise((ok) => server.once('listening', ok));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect((await send(url, JSON.stringify({ ticket: ticket() }), { ...json, ...lane.auth })).status).toBe(200);
      expect(served).toEqual(['POST /v1/evaluate']);
    } finally {
      lane.app.locals.handler = handler;
      await close(server);
    }
  });

  it("tells app.listen's callback, once, when the port is taken, as Express's listen does", async () => {
    const taken = Number(new URL(lane.url).port);
    const heard: unknown[][] = [];
    const server = lane.app.listen(taken, '127.0.0.1', (...args: unknown[]) => heard.push(args));
    await new Promise((ok) => setTimeout(ok, 100));
    expect(heard).toHaveLength(1);
    expect((heard[0]?.[0] as NodeJS.ErrnoException | undefined)?.code).toBe('EADDRINUSE');
    expect(server.listening).toBe(false);
  });

  it('counts its answers in the latency histogram under the route, as the app does', async () => {
    await send(lane.url, JSON.stringify({ ticket: ticket() }), { ...json, ...lane.auth });
    const metrics = await lane.app.locals.metrics.registry.getSingleMetricAsString('beacon_http_request_duration_seconds');
    expect(metrics).toMatch(/beacon_http_request_duration_seconds_count\{method="POST",route="\/v1\/evaluate",status="200"\} [1-9]/);
  });
});

describe('what the lane takes', () => {
  const request = (method: string, url: string, headers: Record<string, string>): IncomingMessage => ({ method, url, headers }) as unknown as IncomingMessage;
  const plain = { 'content-type': 'application/json', 'content-length': '100' };

  it.each([
    ['a plain request', request('POST', '/v1/evaluate', plain), true],
    ['charset utf-8, quoted, any case', request('POST', '/v1/evaluate', { ...plain, 'content-type': 'Application/JSON; charset="UTF-8"' }), true],
    ['another method', request('PUT', '/v1/evaluate', plain), false],
    ['the batch route', request('POST', '/v1/evaluate/batch', plain), false],
    ['a query string', request('POST', '/v1/evaluate?x', plain), false],
    ['a +json type', request('POST', '/v1/evaluate', { ...plain, 'content-type': 'application/merge-patch+json' }), false],
    ['no length', request('POST', '/v1/evaluate', { 'content-type': 'application/json' }), false],
    ['an empty body', request('POST', '/v1/evaluate', { ...plain, 'content-length': '0' }), false],
    ['over the limit', request('POST', '/v1/evaluate', { ...plain, 'content-length': '1001' }), false],
    ['chunked', request('POST', '/v1/evaluate', { ...plain, 'transfer-encoding': 'chunked' }), false],
    ['compressed', request('POST', '/v1/evaluate', { ...plain, 'content-encoding': 'gzip' }), false],
  ])('%s: %s', (_name, req, takes) => {
    expect(laneTakes(req, 1000)).toBe(takes);
  });

  describe('handing over', () => {
    let handedOver: string[];
    let evaluated: unknown[];
    let server: { url: string; server: Server };
    let caller: 'yes' | 'none' | 'fails';

    beforeAll(async () => {
      const options: EvaluateLaneOptions = {
        resolveCaller: async () => {
          if (caller === 'fails') throw new Error('store down');
          return caller === 'yes' ? { caller: { kind: 'user', user: { id: 'u1', name: 'u', role: 'admin', properties: [], createdAt: '', disabledAt: null } } } as never : {};
        },
        evaluate: async (body) => {
          evaluated.push(body);
          return { ticketId: 't' } as never;
        },
        begin: () => undefined,
        fail: (_err, _req, res: ServerResponse) => res.writeHead(400).end('failed'),
        send: (res, body) => res.end(JSON.stringify(body)),
        limit: 1000,
        fallback: (req, res) => {
          handedOver.push(`${req.method} ${req.url}`);
          // The body must still be there to read.
          let body = '';
          req.setEncoding('utf8');
          req.on('data', (c: string) => (body += c));
          req.on('end', () => res.end(`app:${body}`));
        },
      };
      server = await listen(evaluateLane(options));
    });
    afterAll(() => close(server.server));

    const sendRaw = async (body: string, type = 'application/json'): Promise<string> => {
      const res = await fetch(`${server.url}/v1/evaluate`, { method: 'POST', headers: { 'content-type': type }, body });
      return res.text();
    };

    it('serves the plain case itself, evaluating the parsed body', async () => {
      [handedOver, evaluated, caller] = [[], [], 'yes'];
      expect(await sendRaw('{"a":1}')).toBe('{"ticketId":"t"}');
      expect(handedOver).toEqual([]);
      expect(evaluated).toEqual([{ a: 1 }]);
    });

    it('hands a request with no caller to the app, body unread', async () => {
      [handedOver, evaluated, caller] = [[], [], 'none'];
      expect(await sendRaw('{"a":1}')).toBe('app:{"a":1}');
      expect(handedOver).toEqual(['POST /v1/evaluate']);
      expect(evaluated).toEqual([]);
    });

    it('hands a request to the app when finding its caller fails', async () => {
      [handedOver, evaluated, caller] = [[], [], 'fails'];
      expect(await sendRaw('{"a":2}')).toBe('app:{"a":2}');
      expect(handedOver).toEqual(['POST /v1/evaluate']);
    });

    it('hands over what the headers rule out, without asking who sent it', async () => {
      [handedOver, evaluated, caller] = [[], [], 'fails'];
      expect(await sendRaw('x', 'text/plain')).toBe('app:x');
      expect(handedOver).toEqual(['POST /v1/evaluate']);
    });

    it('lets a client go half way through its body, and goes on serving', async () => {
      [handedOver, evaluated, caller] = [[], [], 'yes'];
      const { hostname, port } = new URL(server.url);
      const socket = connect({ host: hostname, port: Number(port) });
      await new Promise((ok) => socket.once('connect', ok));
      socket.write('POST /v1/evaluate HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"a":');
      await new Promise((ok) => setTimeout(ok, 20));
      socket.destroy();
      expect(await sendRaw('{"a":3}')).toBe('{"ticketId":"t"}');
      expect(evaluated).toEqual([{ a: 3 }]);
    });

    it('answers malformed JSON through the app\'s error answer', async () => {
      [handedOver, evaluated, caller] = [[], [], 'yes'];
      expect(await sendRaw('{"a":')).toBe('failed');
      expect(handedOver).toEqual([]);
      expect(evaluated).toEqual([]);
    });
  });
});
