import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem, schemas } from '../../../server/index.js';
import { post, startTestServer, ticket, type TestServer } from './helper.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const AT = '2026-03-02T09:00:00+08:00';

describe('POST /v1/evaluate/batch', () => {
  describe('as JSON', () => {
    it("answers each ticket in order, a bad ticket's errors beside the others' results", async () => {
      const tickets = [ticket(), ticket({ id: 'JX-2', priority: 'urgnt' }), ticket({ id: 'XH-1', property: 'xinghe-tower', unit: 'xinghe-tower/engineering' }), ticket({ id: 'N-1', property: 'nowhere' }), 'not a ticket', ticket({ id: 'N-2', property: 'nowhere' })];
      const res = await post(`${server.url}/v1/evaluate/batch`, { tickets, at: AT });
      expect(res.status).toBe(200);
      const { results } = (await res.json()) as schemas.BatchResponse;
      expect(results.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(results[0]).toMatchObject({ ticketId: 'JX-1', result: { policy: { property: 'jinxiu-garden' } } });
      expect(results[1]).toEqual({ index: 1, errors: [expect.objectContaining({ pointer: '/tickets/1/priority', code: 'E203' })] });
      expect(results[2]).toMatchObject({ ticketId: 'XH-1', result: { policy: { property: 'xinghe-tower' } } });
      expect(results[3]).toEqual({ index: 3, errors: [expect.objectContaining({ pointer: '/tickets/3/property', code: 'E103' })] });
      expect(results[4]).toEqual({ index: 4, errors: [expect.objectContaining({ pointer: '/tickets/4', code: 'E201' })] });
      expect(results[5]).toEqual({ index: 5, errors: [expect.objectContaining({ pointer: '/tickets/5/property' })] });
    });

    it('answers a batch far larger than one write as one JSON document, every result in order', async () => {
      const tickets = Array.from({ length: 1500 }, (_, i) => ticket({ id: `JX-BIG-${i}` }));
      const res = await post(`${server.url}/v1/evaluate/batch`, { tickets, at: AT });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const text = await res.text();
      expect(text.length).toBeGreaterThan(1_000_000);
      const { results } = JSON.parse(text) as schemas.BatchResponse;
      expect(results.map((r) => ('ticketId' in r ? r.ticketId : null))).toEqual(tickets.map((t) => t['id']));
    });

    it('lets other requests in while a large batch is answered', async () => {
      const tickets = Array.from({ length: 4000 }, (_, i) => ticket({ id: `JX-LONG-${i}` }));
      const batch = await post(`${server.url}/v1/evaluate/batch`, { tickets, at: AT }); // resolves on the first chunk
      let batchDone = 0;
      const rest = batch.text().then(() => (batchDone = performance.now()));
      const single = await post(`${server.url}/v1/evaluate`, { ticket: ticket(), at: AT });
      const singleDone = performance.now();
      expect(single.status).toBe(200);
      await rest;
      expect(singleDone).toBeLessThan(batchDone);
    });

    it('refuses more than 10,000 tickets with 400 naming /tickets', async () => {
      const res = await post(`${server.url}/v1/evaluate/batch`, { tickets: Array.from({ length: 10_001 }, () => ({})) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as Problem).errors).toEqual([expect.objectContaining({ pointer: '/tickets' })]);
    });

    it('refuses a body that is not JSON, or without tickets', async () => {
      expect((await post(`${server.url}/v1/evaluate/batch`, '[1,')).status).toBe(400);
      const res = await post(`${server.url}/v1/evaluate/batch`, { at: AT });
      expect(((await res.json()) as Problem).errors?.map((e) => e.pointer)).toEqual(['/tickets']);
    });
  });

  describe('as NDJSON', () => {
    it('streams one result line per ticket line, with errors inline and the line number', async () => {
      const lines = [JSON.stringify(ticket()), '{"id": ', '', JSON.stringify(ticket({ id: 'JX-3', category: 'plumbing' })), JSON.stringify(ticket({ id: 'JX-4' }))];
      const res = await fetch(`${server.url}/v1/evaluate/batch?at=${encodeURIComponent(AT)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', ...server.auth },
        body: lines.join('\n'),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
      const out = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as schemas.NdjsonLine);
      expect(out.map((o) => o.line)).toEqual([1, 2, 4, 5]);
      expect(out[0]).toMatchObject({ ticketId: 'JX-1', result: { at: AT } });
      expect(out[1]).toMatchObject({ errors: [{ code: 'H100', pointer: '' }] });
      expect(out[2]).toMatchObject({ errors: [{ code: 'E202', pointer: '/category' }] });
      expect(out[3]).toMatchObject({ ticketId: 'JX-4' });
    });

    it('answers lines before the body has ended', async () => {
      let send!: (line: string | null) => void;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          send = (line) => (line === null ? controller.close() : controller.enqueue(new TextEncoder().encode(line)));
        },
      });
      const pending = fetch(`${server.url}/v1/evaluate/batch?at=${encodeURIComponent(AT)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', ...server.auth },
        body,
        duplex: 'half',
      } as RequestInit);
      send(`${JSON.stringify(ticket())}\n`);
      const res = await pending;
      const reader = res.body!.getReader();
      const first = await reader.read();
      expect(new TextDecoder().decode(first.value)).toContain('"line":1');
      send(`${JSON.stringify(ticket({ id: 'JX-9' }))}\n`);
      send(null);
      let rest = '';
      for (let r = await reader.read(); !r.done; r = await reader.read()) rest += new TextDecoder().decode(r.value);
      expect(rest).toContain('"ticketId":"JX-9"');
    });

    it('refuses a bad at in the query with 400', async () => {
      const res = await fetch(`${server.url}/v1/evaluate/batch?at=tomorrow`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', ...server.auth }, body: '' });
      expect(res.status).toBe(400);
    });
  });
});
