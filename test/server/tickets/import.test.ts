import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../../server/index.js';
import type { ImportCounters, ImportLine } from '../../../server/schemas/index.js';
import { run, tempTree } from '../../cli/helpers.js';
import { NOW, startTestServer, ticket, signInUsers, type TestServer } from '../app/helper.js';

let server: TestServer;
const cookies: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  server = await startTestServer({ now: () => NOW });
  Object.assign(cookies, await signInUsers(server, { ada: { role: 'admin' }, vic: { role: 'viewer' }, mia: { role: 'manager', properties: ['jinxiu-garden'] } }));
});
afterAll(() => server.close());

const NDJSON = 'application/x-ndjson';
const CSV = 'text/csv';

function send(body: BodyInit, type = NDJSON, options: { headers?: Record<string, string>; query?: string } = {}): Promise<Response> {
  const init = { method: 'POST', headers: { 'content-type': type, ...(options.headers ?? server.auth) }, body, duplex: 'half' };
  return fetch(`${server.url}/v1/tickets/import${options.query ?? ''}`, init as RequestInit);
}
const ndjson = (tickets: unknown[]): string => tickets.map((t) => (typeof t === 'string' ? t : JSON.stringify(t))).join('\n');
async function answer(res: Response): Promise<ImportLine[]> {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
  return (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as ImportLine);
}
const doneOf = (lines: ImportLine[]): ImportCounters => (lines.at(-1) as { done: ImportCounters }).done;
const rejected = (lines: ImportLine[]) => lines.filter((l): l is Extract<ImportLine, { errors: unknown }> => 'errors' in l);
const stored = (id: string) => server.store.repository.getTicket(id).catch(() => undefined);
const ledgerOf = (ticketId: string) => server.store.repository.listLedger({ ticketId });

const HEADER = 'id,property,unit,category,priority,kind,channel,createdAt,event:received,event:accepted,event:contacted,events';
function csvRow(id: string, over: Partial<Record<'category' | 'property' | 'accepted' | 'events', string>> = {}): string {
  const property = over.property ?? 'jinxiu-garden';
  const cells = [id, property, `${property}/engineering`, over.category ?? 'engineering', 'urgent', 'repair', 'phone', '2026-03-02T07:55:00+08:00', '2026-03-02T07:55:00+08:00', over.accepted ?? '2026-03-02T08:00:00+08:00', '2026-03-02T08:12:00+08:00', over.events ?? ''];
  return cells.join(',');
}

/**
 * A platform complaint the platform marks as a second complaint: blue from intake under
 * 004《集团客服信息平台物业服务类信息管理办法》第十一条(一)1, which reaches platform complaints only
 * and reads the platform's flag, not the engine's repeatCount.
 */
const SECOND_COMPLAINT = { kind: 'complaint', channel: 'platform', flags: ['second_complaint'] };

describe('POST /v1/tickets/import', () => {
  describe('as NDJSON', () => {
    it('imports each ticket, records the levels reached, and reports everything unchanged when the same file comes again', async () => {
      const file = ndjson([ticket({ id: 'N-1' }), '', ticket({ id: 'N-2', repeatCount: 1, ...SECOND_COMPLAINT }), ticket({ id: 'N-3' })]);
      const first = await answer(await send(file));
      expect(first).toEqual([{ done: { lines: 4, created: 3, updated: 0, unchanged: 0, rejected: 0, recorded: 1 } }]);
      expect((await stored('N-2'))?.repeatCount).toBe(1);
      expect((await ledgerOf('N-2')).map((e) => e.level)).toEqual(['blue']);

      const again = await answer(await send(`${file}\n`));
      expect(doneOf(again)).toEqual({ lines: 4, created: 0, updated: 0, unchanged: 3, rejected: 0, recorded: 0 });
      expect(await ledgerOf('N-2')).toHaveLength(1);

      const changed = await answer(await send(ndjson([ticket({ id: 'N-1', channel: 'wechat' })])));
      expect(doneOf(changed)).toMatchObject({ created: 0, updated: 1 });
      const audit = await server.store.repository.listAudit({ scopeId: 'jinxiu-garden' });
      expect(audit.filter((a) => a.action === 'tickets.import').map((a) => a.detail)).toEqual(expect.arrayContaining([expect.objectContaining({ format: 'ndjson', created: 3, updated: 0 })]));
      // Each ticket written has its own entry, as PUT writes it; the unchanged ones none.
      const perTicket = audit.filter((a) => ['ticket.create', 'ticket.update'].includes(a.action) && ['N-1', 'N-2', 'N-3'].includes(String(a.detail?.['ticketId'])));
      expect(perTicket.map((a) => `${a.action} ${String(a.detail?.['ticketId'])}`).sort()).toEqual(['ticket.create N-1', 'ticket.create N-2', 'ticket.create N-3', 'ticket.update N-1']);
      expect(perTicket.every((a) => a.detail?.['via'] === 'import' && typeof a.detail['requestId'] === 'string' && typeof a.detail['keyId'] === 'string')).toBe(true);
    });

    it('rejects bad rows with their line and pointers, and imports the rest', async () => {
      const { property: _, ...noProperty } = ticket({ id: 'B-4' });
      const file = ndjson([ticket({ id: 'B-1' }), '{"id": ', ticket({ id: 'B-3', category: 'enginering' }), noProperty, ticket({ id: 'B-5', property: 'nowhere' }), ticket({ id: 'B-6' })]);
      const lines = await answer(await send(file));
      expect(rejected(lines)).toEqual([
        { line: 2, errors: [expect.objectContaining({ pointer: '', code: 'H100' })] },
        { line: 3, ticketId: 'B-3', errors: [expect.objectContaining({ pointer: '/category', code: 'E202', help: "Did you mean 'engineering'?" })] },
        { line: 4, ticketId: 'B-4', errors: [expect.objectContaining({ pointer: '/property', code: 'E201' })] },
        { line: 5, ticketId: 'B-5', errors: [expect.objectContaining({ pointer: '/property', code: 'E103' })] },
      ]);
      expect(doneOf(lines)).toEqual({ lines: 6, created: 2, updated: 0, unchanged: 0, rejected: 4, recorded: 0 });
      expect(await stored('B-3')).toBeUndefined();
      expect(await stored('B-6')).toBeDefined();
    });

    it('sends a progress line every 1,000 tickets while the body is still coming', async () => {
      let push!: (text: string | null) => void;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          push = (text) => (text === null ? controller.close() : controller.enqueue(new TextEncoder().encode(text)));
        },
      });
      // 100 tickets, each sent 11 times: the store's writes are what take time on pg-mem, and a repeat costs a read.
      const many = (from: number, n: number): string => Array.from({ length: n }, (_, i) => `${JSON.stringify(ticket({ id: `P-${(from + i) % 100}` }))}\n`).join('');
      const pending = send(body);
      push(many(0, 1000));
      const res = await pending;
      const reader = res.body!.getReader();
      const first = await reader.read();
      expect(JSON.parse(new TextDecoder().decode(first.value))).toEqual({ progress: { lines: 1000, created: 100, updated: 0, unchanged: 900, rejected: 0, recorded: 0 } });
      push(many(1000, 100));
      push(null);
      let rest = '';
      for (let r = await reader.read(); !r.done; r = await reader.read()) rest += new TextDecoder().decode(r.value);
      expect(rest.trim().split('\n').map((l) => JSON.parse(l) as unknown)).toEqual([{ done: { lines: 1100, created: 100, updated: 0, unchanged: 1000, rejected: 0, recorded: 0 } }]);
    });

    it('ends the stream with H500 at an internal error, without done, hiding the cause', async () => {
      const repository = server.store.repository;
      const upsert = repository.upsertTicket;
      repository.upsertTicket = async (t) => (t.id === 'E-2' ? Promise.reject(new Error('connection lost: secret detail')) : upsert.call(repository, t));
      try {
        const lines = await answer(await send(ndjson([ticket({ id: 'E-1' }), ticket({ id: 'E-2' }), ticket({ id: 'E-3' })])));
        expect(lines).toEqual([{ line: 2, errors: [expect.objectContaining({ pointer: '', code: 'H500', message: expect.not.stringContaining('secret') })] }]);
      } finally {
        repository.upsertTicket = upsert;
      }
      expect(await stored('E-1')).toBeDefined();
      expect(await stored('E-3')).toBeUndefined();
    });

    it('ends the stream at a line longer than 1 MiB, after importing what came before, without done', async () => {
      const lines = await answer(await send(ndjson([ticket({ id: 'L-1' }), ticket({ id: 'L-2', note: 'x'.repeat(1024 * 1024) }), ticket({ id: 'L-3' })])));
      expect(lines).toEqual([{ line: 2, errors: [expect.objectContaining({ code: 'H413' })] }]);
      expect(await stored('L-1')).toBeDefined();
      expect(await stored('L-3')).toBeUndefined();
    });
  });

  describe('as CSV', () => {
    it('imports rows with a BOM, quoted cells, event columns and an events list, the events in time order', async () => {
      const events = `"[{""type"":""paused"",""at"":""2026-03-02T08:05:00+08:00"",""note"":""resident away, back at 9""}]"`;
      const file = `\uFEFF${HEADER}\r\n${csvRow('C-1')}\r\n${csvRow('C-2', { events })}\r\n\r\n`;
      const lines = await answer(await send(file, CSV));
      expect(lines).toEqual([{ done: { lines: 4, created: 2, updated: 0, unchanged: 0, rejected: 0, recorded: 0 } }]);
      expect((await stored('C-2'))?.events.map((e) => e.type)).toEqual(['received', 'accepted', 'paused', 'contacted']);
      expect((await stored('C-1'))).toMatchObject({ kind: 'repair', channel: 'phone', unit: 'jinxiu-garden/engineering' });
      expect(doneOf(await answer(await send(file, CSV)))).toMatchObject({ created: 0, unchanged: 2, recorded: 0 });
    });

    it('rejects a bad row naming its column, and the line the row begins on', async () => {
      const file = [HEADER, csvRow('CB-1', { category: 'enginering' }), csvRow('CB-2', { accepted: 'soon' }), `"CB-3\nstill the id",jinxiu-garden`, csvRow('CB-4', { events: '"[{"' }), csvRow('CB-5', { property: 'xinghe-tower' })].join('\n');
      const lines = await answer(await send(file, CSV));
      expect(rejected(lines)).toEqual([
        { line: 2, ticketId: 'CB-1', errors: [expect.objectContaining({ pointer: '/category', code: 'E202' })] },
        { line: 3, ticketId: 'CB-2', errors: [expect.objectContaining({ pointer: '/event:accepted', code: 'E201', message: expect.stringMatching(/^\/event:accepted /) })] },
        { line: 4, errors: [expect.objectContaining({ pointer: '', code: 'H111', message: expect.stringMatching(/has 2 cells; the header has 12/) })] },
        { line: 6, ticketId: 'CB-4', errors: [expect.objectContaining({ pointer: '/events', code: 'H100' })] },
      ]);
      expect(doneOf(lines)).toEqual({ lines: 7, created: 1, updated: 0, unchanged: 0, rejected: 4, recorded: 0 });
    });

    it("rejects a value in an attr: column the row's policy does not declare (H112)", async () => {
      const file = `${HEADER},attr:floor\n${csvRow('CA-1')},12\n${csvRow('CA-2')},\n`;
      const lines = await answer(await send(file, CSV));
      expect(rejected(lines)).toEqual([{ line: 2, ticketId: 'CA-1', errors: [expect.objectContaining({ pointer: '/attr:floor', code: 'H112' })] }]);
      expect(doneOf(lines)).toMatchObject({ created: 1, rejected: 1 });
    });

    it('refuses a header with an unknown or missing column (400 naming it), importing nothing', async () => {
      const res = await send(`id,property,unit,categroy,priority,createdAt\n${csvRow('CU-1')}\n`, CSV);
      expect(res.status).toBe(400);
      const problem = (await res.json()) as Problem;
      expect(problem.errors?.map((e) => [e.pointer, e.code])).toEqual([
        ['/categroy', 'H110'],
        ['/category', 'H110'],
      ]);
      expect(await stored('CU-1')).toBeUndefined();
      expect((await send('', CSV)).status).toBe(400);
    });
  });

  describe('with ?dryRun=true', () => {
    it('checks and counts what would change, writing nothing', async () => {
      const file = ndjson([ticket({ id: 'D-1', repeatCount: 1, ...SECOND_COMPLAINT }), ticket({ id: 'N-3' }), ticket({ id: 'N-1', channel: 'app' }), ticket({ id: 'D-4', priority: 'urgnt' })]);
      const lines = await answer(await send(file, NDJSON, { query: '?dryRun=true' }));
      expect(rejected(lines)).toEqual([{ line: 4, ticketId: 'D-4', errors: [expect.objectContaining({ pointer: '/priority', code: 'E203' })] }]);
      expect(doneOf(lines)).toEqual({ lines: 4, created: 1, updated: 1, unchanged: 1, rejected: 1, recorded: 0 });
      expect(await stored('D-1')).toBeUndefined();
      expect(await ledgerOf('D-1')).toEqual([]);
      expect((await stored('N-1'))?.channel).toBe('wechat');
    });

    it('refuses another query parameter with 400', async () => {
      expect((await send(ndjson([ticket()]), NDJSON, { query: '?dryRun=yes' })).status).toBe(400);
      expect((await send(ndjson([ticket()]), NDJSON, { query: '?at=2026-03-02T00:00:00Z' })).status).toBe(400);
    });
  });

  describe('who may import', () => {
    it('wants a credential (401), refuses viewers (403) and bodies that are neither NDJSON nor CSV (415)', async () => {
      const file = ndjson([ticket({ id: 'A-1' })]);
      expect((await send(file, NDJSON, { headers: {} })).status).toBe(401);
      const viewer = await send(file, NDJSON, { headers: cookies['vic'] });
      expect(viewer.status).toBe(403);
      expect(((await viewer.json()) as Problem).detail).toMatch(/other than a viewer/);
      expect((await send(file, 'application/json')).status).toBe(415);
      expect((await send(file, 'text/csv; charset=latin1')).status).toBe(415);
      expect(await stored('A-1')).toBeUndefined();
      expect(doneOf(await answer(await send(file, NDJSON, { headers: cookies['ada'] })))).toMatchObject({ created: 1 });
    });

    it("lets a manager import their properties' tickets, rejecting other properties' rows (H403)", async () => {
      const file = ndjson([ticket({ id: 'M-1' }), ticket({ id: 'M-2', property: 'xinghe-tower', unit: 'xinghe-tower/engineering' })]);
      const lines = await answer(await send(file, NDJSON, { headers: cookies['mia'] }));
      expect(rejected(lines)).toEqual([{ line: 2, ticketId: 'M-2', errors: [expect.objectContaining({ pointer: '/property', code: 'H403' })] }]);
      expect(doneOf(lines)).toMatchObject({ created: 1, rejected: 1 });
      expect(await stored('M-2')).toBeUndefined();
      // An API key is a system's, and writes anywhere, as with PUT.
      expect(doneOf(await answer(await send(file)))).toMatchObject({ created: 1, unchanged: 1, rejected: 0 });
    });
  });
});

describe('beacon import', () => {
  it('streams a file to the service, printing rejected rows on stdout and the summary on stderr', async () => {
    const dir = tempTree({
      'day.csv': `${HEADER}\n${csvRow('CLI-1')}\n${csvRow('CLI-2', { category: 'enginering' })}\n`,
      'day.ndjson': ndjson([ticket({ id: 'CLI-3' })]),
    });
    const key = server.auth['authorization']!.replace('Bearer ', '');
    const csv = await run(dir, 'import', 'day.csv', '--url', server.url, '--key', key);
    expect(csv.code).toBe(1);
    expect(csv.out).toMatch(/^line 3 \(CLI-2\): \/category E202 .*Did you mean 'engineering'\?\n$/);
    expect(csv.err).toMatch(/3 lines: 1 created, 0 updated, 0 unchanged, 1 rejected/);

    const dry = await run(dir, 'import', 'day.ndjson', '--url', server.url, '--key', key, '--dry-run');
    expect(dry).toMatchObject({ code: 0, out: '' });
    expect(dry.err).toMatch(/^dry run, nothing written: 1 lines: 1 created/);
    expect(await stored('CLI-3')).toBeUndefined();

    const refused = await run(dir, 'import', 'day.ndjson', '--url', server.url, '--key', 'not-a-key');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^beacon import: 401 /);
    expect((await run(dir, 'import', 'day.txt', '--key', key)).code).toBe(2);
  });
});
