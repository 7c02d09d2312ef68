// Issue 12, item 4: unit scores as CSV (Accept: text/csv) with the JSON's numbers, and
// read by API keys as their owner. Points by hand: a platform complaint whose second-complaint
// procedure the group started (flag second_complaint) raises blue (004《集团客服信息平台物业服务类
// 信息管理办法》第十一条(一)1), 0.2 points a blue warning (第十二条(一)); the same complaint without
// the flag raises none.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvField, csvText } from '../../../server/routes/csv.js';
import { authorize, signInUsers, startTestServer, ticket, type TestServer } from '../app/helper.js';

/** RFC 4180 as a reader sees it: records of fields, quotes doubled inside quoted fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  return rows;
}

describe('csvText', () => {
  it('starts with the BOM, ends each record with CRLF, quotes only what needs it', () => {
    const text = csvText(['a', 'b'], [['锦绣花园/工程部', 'say "hi", then\nleave'], [1.5, null]]);
    expect(text).toBe('\uFEFFa,b\r\n锦绣花园/工程部,"say ""hi"", then\nleave"\r\n1.5,\r\n');
  });

  it("prefixes text that a spreadsheet would run as a formula with '", () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)'].map(csvField)).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)"]);
    expect(csvField(-1)).toBe('-1');
  });

  it('reads back as the rows written, whatever the text (but formula prefixes)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '工', ',', '"', '\r', '\n', ' ', '=', 'x') });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { maxLength: 5 }), (rows) => {
        const text = csvText(['h1', 'h2'], rows);
        expect(parseCsv(text.slice(1))).toEqual([['h1', 'h2'], ...rows.map((r) => r.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)))]);
      }),
    );
  });
});

let server: TestServer;
let as: Record<string, Record<string, string>>;
const UNIT = 'jinxiu-garden/工程部';
const path = (unit = UNIT) => `/v1/units/${encodeURIComponent(unit)}/scores?period=2026-03`;
const get = (p: string, headers: Record<string, string>) => fetch(`${server.url}${p}`, { headers });

beforeAll(async () => {
  server = await startTestServer();
  as = await signInUsers(server, { ada: { role: 'admin' } });
  const units = await fetch(`${server.url}/v1/properties/jinxiu-garden/units`, { method: 'PUT', headers: { 'content-type': 'application/json', ...as['ada'] }, body: JSON.stringify({ units: [{ id: UNIT, name: '工程部' }] }) });
  expect(units.status).toBe(200);
  for (const [id, flags] of [['S-1', ['second_complaint']], ['S-2', []]] as const) {
    const res = await fetch(`${server.url}/v1/tickets/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...server.auth }, body: JSON.stringify(ticket({ id, unit: UNIT, kind: 'complaint', channel: 'platform', flags })) });
    expect(res.status).toBe(201);
  }
  as['managerKey'] = await authorize(server.store.repository, 'mia-system', 'manager', ['jinxiu-garden']);
  as['otherKey'] = await authorize(server.store.repository, 'vic-system', 'viewer', ['xinghe-tower']);
});
afterAll(() => server.close());

describe('GET /v1/units/{unit}/scores as CSV', () => {
  it('has the JSON numbers, a column per warning level in the policy order, UTF-8 with BOM', async () => {
    const json = (await (await get(path(), as['ada']!)).json()) as { points: number; tickets: number; compliance: number | null; light: string | null; counts: Record<string, number> };
    expect(json.points).toBe(0.2);
    expect(json.counts).toEqual({ blue: 1 });
    const res = await get(path(), { ...as['ada'], accept: 'text/csv' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('vary')).toMatch(/Accept/i);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder('utf-8').decode(bytes));
    expect(rows[0]).toEqual(['unit', 'period', 'points', 'tickets', 'compliance', 'light', 'count_blue', 'count_yellow', 'count_red']);
    expect(rows[1]).toEqual([UNIT, '2026-03', '0.2', String(json.tickets), json.compliance === null ? '' : String(json.compliance), json.light ?? '', '1', '0', '0']);
    expect(rows).toHaveLength(2);
  });

  it('is JSON for */* and application/json', async () => {
    for (const accept of ['*/*', 'application/json']) expect((await get(path(), { ...as['ada'], accept })).headers.get('content-type')).toMatch(/^application\/json/);
  });

  it("is read by an API key as its owner: a manager's key its units, not another property's", async () => {
    const csv = await get(path(), { ...as['managerKey'], accept: 'text/csv' });
    expect(csv.status).toBe(200);
    expect((await get(path(), as['otherKey']!)).status).toBe(403);
    expect((await get(path(), {})).status).toBe(401);
  });
});
