// Instants outside 1970-2199 and impossible event histories, through the API and the
// sweep: each is a 400 at its pointer, and a row stored before these checks existed
// is skipped by the sweep instead of hanging it (year 0050 once sent the zone tables
// walking for ever). The vitest timeouts are hang guards, not timing assertions.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../engine/index.js';
import { hashPassword, hashToken, newToken } from '../../server/index.js';
import { sweepOnce } from '../../server/sweep.js';
import { NOW, post, startTestServer, ticket, type TestServer } from './app/helper.js';

let server: TestServer;
let admin: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  const user = await server.store.repository.createUser({ name: 'instants-admin', role: 'admin', passwordHash: await hashPassword(newToken()) });
  const key = newToken();
  await server.store.repository.createApiKey({ userId: user.id, name: 'instants-admin key', keyHash: hashToken(key) });
  admin = { authorization: `Bearer ${key}` };
});
afterAll(() => server.close());

const put = (body: Record<string, unknown>) =>
  fetch(`${server.url}/v1/tickets/${encodeURIComponent(String(body['id']))}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...admin }, body: JSON.stringify(body) });

async function mistakes(res: Response): Promise<[string, string][]> {
  const body = (await res.json()) as { errors?: { pointer: string; code: string }[] };
  return (body.errors ?? []).map((e) => [e.code, e.pointer]);
}

const YEAR_50 = '0050-03-02T07:55:00+08:00';

describe('POST /v1/evaluate', () => {
  it('answers 400 at /ticket/createdAt for a ticket created in year 0050', { timeout: 20_000 }, async () => {
    const res = await post(`${server.url}/v1/evaluate`, { ticket: ticket({ createdAt: YEAR_50 }), at: '2026-03-02T09:00:00+08:00' }, admin);
    expect(res.status).toBe(400);
    expect(await mistakes(res)).toEqual([['E208', '/ticket/createdAt']]);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('answers 400 at /at for an evaluation instant in year 0050', { timeout: 20_000 }, async () => {
    const res = await post(`${server.url}/v1/evaluate`, { ticket: ticket(), at: '0050-03-02T09:00:00+08:00' }, admin);
    expect(res.status).toBe(400);
    expect(await mistakes(res)).toEqual([['E208', '/at']]);
  });

  it('answers 400 at the event for a history that cannot have happened', async () => {
    // Resolved at 09:00, then accepted at 10:00: the resolution would stop clocks before they start.
    const t = ticket({
      events: [
        { type: 'received', at: '2026-03-02T07:55:00+08:00' },
        { type: 'resolved', at: '2026-03-02T09:00:00+08:00' },
        { type: 'accepted', at: '2026-03-02T10:00:00+08:00' },
      ],
    });
    const res = await post(`${server.url}/v1/evaluate`, { ticket: t, at: '2026-03-02T11:00:00+08:00' }, admin);
    expect(res.status).toBe(400);
    expect(await mistakes(res)).toEqual([['E209', '/ticket/events/1']]);
  });
});

describe('PUT /v1/tickets/{id}', () => {
  it('refuses a ticket with an instant out of range (400 at /createdAt) and stores nothing', { timeout: 20_000 }, async () => {
    const res = await put(ticket({ id: 'JX-Y50', createdAt: YEAR_50 }));
    expect(res.status).toBe(400);
    expect(await mistakes(res)).toEqual([['E208', '/createdAt']]);
    await expect(server.store.repository.getTicket('JX-Y50')).rejects.toThrow();
  });

  it('refuses an event before the ticket was created (400 at its instant)', async () => {
    const t = ticket({ id: 'JX-EARLY' });
    (t['events'] as { at: string }[])[0]!.at = '2026-03-01T07:55:00+08:00';
    const res = await put(t);
    expect(res.status).toBe(400);
    expect(await mistakes(res)).toEqual([['E209', '/events/0/at']]);
  });
});

describe('the sweep after a restart', () => {
  it('skips and logs a stored ticket from year 0050 instead of hanging, and sweeps the others', { timeout: 20_000 }, async () => {
    // As if stored before instants were bounded: the store refuses year 0050 now too, so the
    // row is stored in range and then moved to year 0050 behind the repository's back.
    await server.store.repository.upsertTicket(ticket({ id: 'JX-OLD-Y50', createdAt: '2026-03-02T07:55:00+08:00', events: [{ type: 'received', at: '2026-03-02T07:55:00+08:00' }] }) as Ticket);
    await server.store.db.query(`UPDATE tickets SET created_at = $1, body = jsonb_set(body, '{createdAt}', to_jsonb($2::text)) WHERE id = 'JX-OLD-Y50'`, ['0050-03-01T23:55:00Z', YEAR_50]);
    await server.store.db.query(`UPDATE ticket_events SET at = $2, occurred_at = $1 WHERE ticket_id = 'JX-OLD-Y50'`, ['0050-03-01T23:55:00Z', YEAR_50]);
    await server.store.repository.upsertTicket(ticket({ id: 'JX-FINE' }) as Ticket);
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    const report = await sweepOnce({ repository: server.store.repository, policies: server.app.locals.policies, logger }, NOW);
    expect(report.skipped).toBe(1);
    expect(report.evaluated).toBeGreaterThanOrEqual(1);
    const warned = lines.find((l) => l['msg'] === 'sweep: stored tickets that do not fit their active policy were skipped');
    expect(warned?.['examples']).toEqual([{ ticketId: 'JX-OLD-Y50', mistakes: expect.arrayContaining([expect.objectContaining({ code: 'E208', pointer: '/createdAt' })]) }]);
  });
});
