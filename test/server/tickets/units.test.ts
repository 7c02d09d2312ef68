// Issue 9, item 2: a ticket's unit must be one of its property's units, on every path a
// ticket enters (PUT, import as NDJSON and CSV, dry run, evaluate, batch as JSON and
// NDJSON); unknown units' scores are 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorItem, Problem } from '../../../server/index.js';
import type { ImportLine } from '../../../server/schemas/index.js';
import { post, signInUsers, startTestServer, ticket, type TestServer } from '../app/helper.js';

let server: TestServer;
let admin: Record<string, string>;
const FOREIGN = 'xinghe-tower/security';

beforeAll(async () => {
  server = await startTestServer();
  admin = (await signInUsers(server, { ada: { role: 'admin' } }))['ada']!;
  // xinghe-tower registers its units; jinxiu-garden registers none (as after the first-start import).
  const res = await fetch(`${server.url}/v1/properties/xinghe-tower/units`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...admin },
    body: JSON.stringify({ units: [{ id: 'xinghe-tower/engineering', name: '工程部' }, { id: FOREIGN, name: '秩序部' }] }),
  });
  expect(res.status).toBe(200);
});
afterAll(() => server.close());

const put = (body: Record<string, unknown>) =>
  fetch(`${server.url}/v1/tickets/${String(body['id'])}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...server.auth }, body: JSON.stringify(body) });
const errorsOf = async (res: Response): Promise<ErrorItem[]> => ((await res.json()) as Problem).errors ?? [];
const importLines = async (body: string, type: string, query = ''): Promise<ImportLine[]> => {
  const res = await fetch(`${server.url}/v1/tickets/import${query}`, { method: 'POST', headers: { 'content-type': type, ...server.auth }, body });
  expect(res.status).toBe(200);
  return (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as ImportLine);
};
const rejections = (lines: ImportLine[]) => lines.filter((l) => 'errors' in l);

describe('PUT /v1/tickets/{id}', () => {
  it("refuses a jinxiu-garden ticket charging xinghe-tower's unit: 400 at /unit (H105), nothing stored or charged", async () => {
    const res = await put(ticket({ id: 'U-FOREIGN', unit: FOREIGN }));
    expect(res.status).toBe(400);
    const errors = await errorsOf(res);
    expect(errors).toEqual([expect.objectContaining({ pointer: '/unit', code: 'H105' })]);
    expect(errors[0]!.message).toContain("'jinxiu-garden/'");
    await expect(server.store.repository.getTicket('U-FOREIGN')).rejects.toThrow();
    expect(await server.store.repository.listLedger({ ticketId: 'U-FOREIGN' })).toEqual([]);
  });

  it('names the registered units when the property has some, and takes one of them', async () => {
    const wrong = await put(ticket({ id: 'U-X1', property: 'xinghe-tower', unit: 'xinghe-tower/landscaping' }));
    expect(wrong.status).toBe(400);
    const [error] = await errorsOf(wrong);
    expect(error).toMatchObject({ pointer: '/unit', code: 'H105' });
    expect(error!.message).toContain("'xinghe-tower/engineering', 'xinghe-tower/security'");
    expect((await put(ticket({ id: 'U-X2', property: 'xinghe-tower', unit: FOREIGN }))).status).toBe(201);
  });

  it("takes a unit under the property's own name when it registers none", async () => {
    expect((await put(ticket({ id: 'U-OWN', unit: 'jinxiu-garden/engineering' }))).status).toBe(201);
  });
});

describe('POST /v1/tickets/import', () => {
  it('rejects an NDJSON row with a foreign unit at its /unit, and imports the rest; a dry run judges alike', async () => {
    const body = [ticket({ id: 'U-N1', unit: FOREIGN }), ticket({ id: 'U-N2' })].map((t) => JSON.stringify(t)).join('\n');
    for (const query of ['?dryRun=true', '']) {
      const lines = await importLines(body, 'application/x-ndjson', query);
      expect(rejections(lines), query).toEqual([{ line: 1, ticketId: 'U-N1', errors: [expect.objectContaining({ pointer: '/unit', code: 'H105' })] }]);
      expect(lines.at(-1), query).toMatchObject({ done: { rejected: 1 } });
    }
    await expect(server.store.repository.getTicket('U-N1')).rejects.toThrow();
  });

  it('rejects a CSV row with a foreign unit, pointing at its unit column', async () => {
    const header = 'id,property,unit,category,priority,createdAt,event:received,event:accepted';
    const row = (id: string, unit: string) => [id, 'jinxiu-garden', unit, 'engineering', 'urgent', '2026-03-02T07:55:00+08:00', '2026-03-02T07:55:00+08:00', '2026-03-02T08:00:00+08:00'].join(',');
    const lines = await importLines([header, row('U-C1', FOREIGN), row('U-C2', 'jinxiu-garden/engineering')].join('\n'), 'text/csv');
    expect(rejections(lines)).toEqual([{ line: 2, ticketId: 'U-C1', errors: [expect.objectContaining({ pointer: '/unit', code: 'H105' })] }]);
    expect(lines.at(-1)).toMatchObject({ done: { created: 1, rejected: 1 } });
  });
});

describe('POST /v1/evaluate and /v1/evaluate/batch', () => {
  it('refuses a foreign unit in a single evaluation: 400 at /ticket/unit', async () => {
    const res = await post(`${server.url}/v1/evaluate`, { ticket: ticket({ unit: FOREIGN }) });
    expect(res.status).toBe(400);
    expect(await errorsOf(res)).toEqual([expect.objectContaining({ pointer: '/ticket/unit', code: 'H105' })]);
  });

  it("makes a foreign unit that ticket's error in a JSON batch and an NDJSON one, evaluating the others", async () => {
    const tickets = [ticket({ id: 'B-1' }), ticket({ id: 'B-2', unit: FOREIGN })];
    const json = (await (await post(`${server.url}/v1/evaluate/batch`, { tickets })).json()) as { results: { index: number; errors?: ErrorItem[]; result?: unknown }[] };
    expect(json.results[0]!.result).toBeDefined();
    expect(json.results[1]!.errors).toEqual([expect.objectContaining({ pointer: '/tickets/1/unit', code: 'H105' })]);

    const res = await post(`${server.url}/v1/evaluate/batch`, tickets.map((t) => JSON.stringify(t)).join('\n'), { 'content-type': 'application/x-ndjson' });
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as { errors?: ErrorItem[]; result?: unknown });
    expect(lines[0]!.result).toBeDefined();
    expect(lines[1]!.errors).toEqual([expect.objectContaining({ pointer: '/unit', code: 'H105' })]);
  });
});

describe('GET /v1/units/{unit}/scores', () => {
  it('answers 404 with errors[] at /unit for a unit no property registers and no ticket names', async () => {
    const res = await fetch(`${server.url}/v1/units/${encodeURIComponent('nowhere/engineering')}/scores?period=2026-03`, { headers: admin });
    expect(res.status).toBe(404);
    expect(await errorsOf(res)).toEqual([expect.objectContaining({ pointer: '/unit', code: 'H106' })]);
    const known = await fetch(`${server.url}/v1/units/${encodeURIComponent(FOREIGN)}/scores?period=2026-03`, { headers: admin });
    expect(known.status).toBe(200);
  });
});

describe('PUT /v1/properties/{id}/units', () => {
  // Last in this file: it registers jinxiu-garden's units.
  it('takes effect at once: the next ticket is judged against the units just registered', async () => {
    expect((await put(ticket({ id: 'U-R1', unit: 'jinxiu-garden/engineering' }))).status).toBe(201); // the property's policy is cached now
    const set = await fetch(`${server.url}/v1/properties/jinxiu-garden/units`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...admin },
      body: JSON.stringify({ units: [{ id: 'jinxiu-garden/cleaning', name: '保洁部' }] }),
    });
    expect(set.status).toBe(200);
    const res = await put(ticket({ id: 'U-R2', unit: 'jinxiu-garden/engineering' }));
    expect(res.status).toBe(400);
    expect((await errorsOf(res))[0]!.message).toContain("its units are 'jinxiu-garden/cleaning'");
  });
});
