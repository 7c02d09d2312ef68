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
