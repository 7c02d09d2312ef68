// The evenly paced load generator: its framing of answers, and a run against a local
// server that counts what arrives. Nothing here times anything.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { answerEnd, encodeRequest, paced } from '../../bench/http-paced.js';

describe('answerEnd', () => {
  const head = (extra: string): string => `HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n${extra}\r\n`;

  it('waits for the whole head, then for Content-Length bytes of body', () => {
    expect(answerEnd(Buffer.from('HTTP/1.1 200 OK\r\nContent-Le'))).toBeUndefined();
    expect(answerEnd(Buffer.from(`${head('Content-Length: 4\r\n')}abc`))).toBeUndefined();
    const whole = Buffer.from(`${head('Content-Length: 4\r\n')}abcd`);
    expect(answerEnd(whole)).toEqual({ end: whole.length, status: 201 });
  });

  it('counts the length in bytes, not characters', () => {
    const body = '{"名":"值"}';
    const whole = Buffer.from(`${head(`content-length: ${Buffer.byteLength(body)}\r\n`)}${body}`);
    expect(answerEnd(whole.subarray(0, whole.length - 1))).toBeUndefined();
    expect(answerEnd(whole)?.end).toBe(whole.length);
  });

  it('reads a chunked answer to its last chunk', () => {
    const chunked = `${head('Transfer-Encoding: chunked\r\n')}3\r\nabc\r\n`;
    expect(answerEnd(Buffer.from(chunked))).toBeUndefined();
    const whole = Buffer.from(`${chunked}0\r\n\r\n`);
    expect(answerEnd(whole)).toEqual({ end: whole.length, status: 201 });
  });

  it('refuses an answer framed by closing the connection', () => {
    expect(() => answerEnd(Buffer.from(head('')))).toThrow(/neither content-length nor chunked/);
  });
});

describe('encodeRequest', () => {
  it('writes the request line, host, type, byte length and the extra headers before the body', () => {
    const text = encodeRequest('127.0.0.1:9', { path: '/v1/evaluate', body: '{"名":1}', contentType: 'application/json' }, { authorization: 'Bearer k' }).toString();
    expect(text).toBe('POST /v1/evaluate HTTP/1.1\r\nhost: 127.0.0.1:9\r\nconnection: keep-alive\r\ncontent-type: application/json\r\ncontent-length: 9\r\nauthorization: Bearer k\r\n\r\n{"名":1}');
  });
});

describe('paced', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
    server = undefined;
  });

  async function serve(answer: (body: string) => number, keepAliveMs?: number): Promise<{ url: string; bodies: string[] }> {
    const bodies: string[] = [];
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        bodies.push(body);
        res.writeHead(answer(body), { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    if (keepAliveMs !== undefined) server.keepAliveTimeout = keepAliveMs;
    await new Promise<void>((ok) => server?.listen(0, '127.0.0.1', ok));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies };
  }

  const requests = [1, 2, 3].map((n) => ({ path: '/x', body: `{"n":${n}}`, contentType: 'application/json' }));

  it('sends rate x seconds requests, the bodies in turn, and counts the answers by status', async () => {
    const { url, bodies } = await serve((body) => (body === '{"n":3}' ? 503 : 200));
    const result = await paced({ url, requests, headers: {}, rate: 60, seconds: 0.5 });
    expect(bodies).toHaveLength(30);
    expect(bodies.slice(0, 4)).toEqual(['{"n":1}', '{"n":2}', '{"n":3}', '{"n":1}']);
    expect(result).toMatchObject({ ok: 20, non2xx: 10, errors: 0, statusCodes: { 200: 20, 503: 10 } });
    expect(result.p50Ms).toBeLessThanOrEqual(result.p99Ms);
    expect(result.p99Ms).toBeLessThanOrEqual(result.maxMs);
  });

  it('does not reuse a connection the server closed while it was idle', async () => {
    // The server drops idle connections after 20 ms; requests come every 100 ms.
    const { url, bodies } = await serve(() => 200, 20);
    const result = await paced({ url, requests, headers: {}, rate: 10, seconds: 0.6 });
    expect(result).toMatchObject({ ok: 6, non2xx: 0, errors: 0 });
    expect(bodies).toHaveLength(6);
  });
});
