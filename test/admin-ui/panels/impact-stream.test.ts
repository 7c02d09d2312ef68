// The impact panel's reader against the real server: a month of stored tickets, the
// property's policy with a tighter urgent contact target as the unsaved draft.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../admin-ui/src/api/index.js';
import { ndjsonLines, runImpact, type ImpactProgress } from '../../../admin-ui/src/panels/impact/impact-stream.js';
import { signInUsers, startTestServer, type TestServer } from '../../server/app/helper.js';
import { AT, monthOfTickets, PERIOD, PROPERTY } from '../../server/simulate/fixtures.js';

let server: TestServer;
let cookie: Record<string, string>;
let active = '';
const TICKETS = 1100;

beforeAll(async () => {
  server = await startTestServer();
  cookie = (await signInUsers(server, { ada: { role: 'admin' } }))['ada']!;
  for (const t of monthOfTickets(TICKETS)) await server.store.repository.upsertTicket(t);
  active = (await server.store.repository.activeVersion(PROPERTY))!.source;
}, 120_000);
afterAll(() => server.close());

const withCookie: typeof fetch = (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...cookie } });
const base = () => server.url;

describe('runImpact', () => {
  it('reads the progress lines, then the report of the draft against the active policy', async () => {
    const tighter = active.replace('engineering/urgent: 10m', 'engineering/urgent: 5m');
    expect(tighter).not.toBe(active);
    const progress: ImpactProgress[] = [];
    const report = await runImpact({ property: PROPERTY, source: tighter, period: PERIOD, examples: 5, at: AT }, { base: base(), fetch: withCookie, onProgress: (p) => progress.push(p) });
    expect(report.tickets).toBe(TICKETS);
    // Progress from 0 to all of them, every 1,000 tickets.
    expect(progress).toEqual([{ tickets: 0, total: TICKETS }, { tickets: 1000, total: TICKETS }, { tickets: TICKETS, total: TICKETS }]);
    // Every third ticket is urgent (i % 3 === 0), contacted 2 + (i % 15) minutes after acceptance:
    // of those, i % 15 in {0, 3} make 2 and 5 minutes (met under 5m), {6, 9, 12} make 8, 11 and 14
    // (within 10m only for 8), judged at the end of the month when all have been contacted: tightening to 5m breaches the 8-minute ones (i % 15 === 6).
    const eightMinutes = Array.from({ length: TICKETS }, (_, i) => i).filter((i) => i % 15 === 6).length;
    const breached = (side: 'from' | 'to') => report.counts[side].clocks['contact']?.breached ?? 0;
    expect(breached('to') - breached('from')).toBe(eightMinutes);
    // Those tickets and no other change outcome; five are listed.
    expect(report.changed.count).toBe(eightMinutes);
    expect(report.changed.examples.map((t) => Number(t.ticketId.slice(4)) % 15)).toEqual([6, 6, 6, 6, 6]);
  });

  it('turns a problem answer into an ApiError with its pointer', async () => {
    const error = await runImpact({ property: PROPERTY, source: active, period: '2026-13' }, { base: base(), fetch: withCookie }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).errors.map((e) => e.pointer)).toContain('/period');
  });

  it('stops when its signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(runImpact({ property: PROPERTY, source: active, period: PERIOD }, { base: base(), fetch: withCookie, signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('ndjsonLines', () => {
  it('gives whole lines however the bytes are split, a character across chunks included', async () => {
    const bytes = new TextEncoder().encode('{"a":"锦绣"}\n\n{"b":2}\n{"c":3}');
    const chunks = [bytes.slice(0, 7), bytes.slice(7, 15), bytes.slice(15)];
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (const chunk of chunks) c.enqueue(chunk);
        c.close();
      },
    });
    const lines: string[] = [];
    for await (const line of ndjsonLines(stream)) lines.push(line);
    expect(lines).toEqual(['{"a":"锦绣"}', '{"b":2}', '{"c":3}']);
  });
});
