// Issue 9, item 18: no socket idle timeout. A client that stalls, in its headers or mid-body,
// must not hold a connection for ever. (No timing is asserted: each test waits for the
// server to close the socket, which without the timeout never happens.)
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOCKET_TIMEOUTS } from '../../../server/app.js';
import { startTestServer, type TestServer } from './helper.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ timeouts: { idleMs: 200 } });
});
afterAll(() => server.close());

/** Sends `text` and resolves when the server closes the connection, with what it answered. */
function stall(text: string): Promise<string> {
  const { port } = new URL(server.url);
  return new Promise((closed, fail) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.once('error', fail);
    socket.once('close', () => closed(answer));
  });
}

describe('a server of the app', () => {
  it('closes a connection whose headers stall', async () => {
    expect(await stall('POST /v1/tickets/import HTTP/1.1\r\nHost: x\r\n')).toBe('');
  });

  it('closes a connection whose body stalls, on the evaluate lane and through the app', async () => {
    for (const path of ['/v1/evaluate', '/v1/evaluate/batch']) {
      const head = `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n${server.auth['authorization'] ? `Authorization: ${server.auth['authorization']}\r\n` : ''}\r\n{"ticket":`;
      expect(await stall(head), path).toBe('');
    }
  });

  it('has sensible defaults: idle 2 min, headers 20 s, keep-alive 5 s', () => {
    expect(SOCKET_TIMEOUTS).toEqual({ idleMs: 120_000, headersMs: 20_000, keepAliveMs: 5_000 });
  });
});
