import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, startTestServer, ticket, type TestServer } from './app/helper.js';

const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ logger: pino({ level: 'info' }, sink) });
});
afterAll(() => server.close());

const settle = () => new Promise((ok) => setTimeout(ok, 50));

describe('the request log', () => {
  it('writes one line per request: its id, method, path, status and time, never the credentials', async () => {
    lines.length = 0;
    const res = await post(`${server.url}/v1/evaluate`, { ticket: ticket() }, { 'x-request-id': 'req-log-1' });
    expect(res.status).toBe(200);
    await res.text();
    await settle();
    const line = lines.find((l) => l['reqId'] === 'req-log-1');
    expect(line).toMatchObject({ level: 30, msg: 'request completed', req: { method: 'POST', url: '/v1/evaluate' }, res: { statusCode: 200 } });
    expect(typeof line?.['responseTime']).toBe('number');
    expect(JSON.stringify(lines)).not.toContain(server.auth['authorization']!.slice(7));
  });

  it('logs a 4xx answer as a warning', async () => {
    lines.length = 0;
    const bad = await post(`${server.url}/v1/evaluate`, '{', { 'x-request-id': 'req-log-2' });
    expect(bad.status).toBe(400);
    await settle();
    expect(lines.find((l) => l['reqId'] === 'req-log-2')).toMatchObject({ level: 40, res: { statusCode: 400 } });
  });
});

describe('security headers', () => {
  it('give JSON answers the API set and HTML pages the set for documents', async () => {
    const json = await fetch(`${server.url}/healthz`);
    expect(json.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(json.headers.get('x-content-type-options')).toBe('nosniff');
    expect(json.headers.get('x-frame-options')).toBe('DENY');
    const page = await fetch(`${server.url}/v1/docs`);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('the setup token', () => {
  /** The log line of a request, once written. */
  async function lineOf(reqId: string): Promise<Record<string, unknown>> {
    for (let i = 0; i < 1000; i++) {
      const line = lines.find((l) => l['reqId'] === reqId);
      if (line) return line;
      await new Promise((tick) => setImmediate(tick));
    }
    throw new Error(`no log line for ${reqId}`);
  }

  it('is never written to the request log: the link is logged with its token redacted (issue 9)', async () => {
    lines.length = 0;
    const token = 'one-time-setup-token-value-0123456789';
    const page = await fetch(`${server.url}/v1/auth/setup?token=${token}&lang=zh`, { headers: { 'x-request-id': 'req-log-setup' } });
    expect(page.status).toBe(200);
    await page.text();
    const failed = await fetch(`${server.url}/v1/auth/setup?Token=${token}`, { method: 'POST', headers: { 'x-request-id': 'req-log-setup-2', 'content-type': 'application/json' }, body: JSON.stringify({ token, name: 'root', password: 'long enough password' }) });
    expect(failed.status).toBe(401);
    expect((await lineOf('req-log-setup'))['req']).toEqual({ method: 'GET', url: '/v1/auth/setup?token=[redacted]&lang=zh' });
    await lineOf('req-log-setup-2');
    expect(JSON.stringify(lines)).not.toContain(token);
  });
});
