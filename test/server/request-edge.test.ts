// Issue 9, item 12: malformed input answered 500. NUL (U+0000) in any string reaching the
// store, a compressed Content-Encoding on a plain body, a path that is not valid
// percent-encoding: each is a 4xx problem with a code and a pointer, and in a batch or an
// import only that ticket's or row's mistake.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorItem, Problem } from '../../server/index.js';
import { post, signInUsers, startTestServer, ticket, type TestServer } from './app/helper.js';

let server: TestServer;
let admin: Record<string, string>;
const NUL = '\u0000';

beforeAll(async () => {
  server = await startTestServer();
  admin = (await signInUsers(server, { ada: { role: 'admin' } }))['ada']!;
});
afterAll(() => server.close());

async function problem(res: Response, status: number): Promise<ErrorItem[]> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return ((await res.json()) as Problem).errors ?? [];
}
const nulAt = (pointer: string) => [expect.objectContaining({ pointer, code: 'H107' })];
const json = { 'content-type': 'application/json' };

describe('NUL in a string', () => {
  it('is a 400 at its pointer on the unauthenticated login, name and password', async () => {
    expect(await problem(await post(`${server.url}/v1/auth/login`, { name: `ada${NUL}`, password: 'whatever it is' }, { authorization: '' }), 400)).toEqual(nulAt('/name'));
    expect(await problem(await post(`${server.url}/v1/auth/login`, { name: 'ada', password: `pass${NUL}word` }, { authorization: '' }), 400)).toEqual(nulAt('/password'));
  });

  it('is a 400 at its pointer in users, keys and organisations', async () => {
    expect(await problem(await post(`${server.url}/v1/users`, { name: `kim${NUL}`, role: 'viewer', password: 'long enough password' }, admin), 400)).toEqual(nulAt('/name'));
    expect(await problem(await post(`${server.url}/v1/users`, { name: 'kim', role: 'viewer', password: 'long enough password', properties: [`x${NUL}`] }, admin), 400)).toEqual(nulAt('/properties/0'));
    expect(await problem(await post(`${server.url}/v1/keys`, { name: `crm${NUL}` }, admin), 400)).toEqual(nulAt('/name'));
    expect(await problem(await post(`${server.url}/v1/organisations`, { kind: 'group', id: `g${NUL}`, name: 'g' }, admin), 400)).toEqual(nulAt('/id'));
  });

  it('is a 400 in a policy draft, at /source', async () => {
    const res = await post(`${server.url}/v1/scopes/jinxiu-garden/policy/drafts`, { baseVersionId: null, source: `property jinxiu-garden${NUL}` }, admin);
    expect(await problem(res, 400)).toEqual(expect.arrayContaining(nulAt('/source')));
  });

  it('is a 400 naming the parameter in a query (audit filters) and a path', async () => {
    expect(await problem(await fetch(`${server.url}/v1/audit?property=x%00y`, { headers: admin }), 400)).toEqual(nulAt('?property'));
    expect(await problem(await fetch(`${server.url}/v1/tickets/T%00`, { headers: admin }), 400)).toEqual(nulAt('{id}'));
    expect(await problem(await fetch(`${server.url}/v1/keys/k%00`, { method: 'DELETE', headers: admin }), 400)).toEqual(nulAt('{id}'));
  });

  it('is a 400 at its pointer in a PUT ticket, nothing stored', async () => {
    const res = await fetch(`${server.url}/v1/tickets/T-NUL`, { method: 'PUT', headers: { ...json, ...server.auth }, body: JSON.stringify(ticket({ id: 'T-NUL', issueKey: `a${NUL}b` })) });
    expect(await problem(res, 400)).toEqual(nulAt('/issueKey'));
    await expect(server.store.repository.getTicket('T-NUL')).rejects.toThrow();
  });

  it("is that ticket's error in a JSON batch, wherever it is (the property too); the others are evaluated", async () => {
    const tickets = [ticket({ id: 'B-1' }), ticket({ id: 'B-2', property: `jinxiu${NUL}` }), ticket({ id: `B-3${NUL}` })];
    const res = await post(`${server.url}/v1/evaluate/batch`, { tickets });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: { result?: unknown; errors?: ErrorItem[] }[] };
    expect(results[0]!.result).toBeDefined();
    expect(results[1]!.errors).toEqual(nulAt('/tickets/1/property'));
    expect(results[2]!.errors).toEqual(nulAt('/tickets/2/id'));
  });

  it("is that line's error in an NDJSON batch, which goes on to the end", async () => {
    const lines = [ticket({ id: 'N-1', property: `x${NUL}` }), ticket({ id: 'N-2' })].map((t) => JSON.stringify(t)).join('\n');
    const res = await post(`${server.url}/v1/evaluate/batch`, lines, { 'content-type': 'application/x-ndjson' });
    const out = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as { line: number; result?: unknown; errors?: ErrorItem[] });
    expect(out).toHaveLength(2);
    expect(out[0]!.errors).toEqual(nulAt('/property'));
    expect(out[1]!.result).toBeDefined();
  });

  it("is that row's error in an import, NDJSON and CSV, which imports the rest", async () => {
    const send = (body: string, type: string) => fetch(`${server.url}/v1/tickets/import`, { method: 'POST', headers: { 'content-type': type, ...server.auth }, body });
    const ndjson = await (await send([ticket({ id: 'I-1', unit: `jinxiu-garden/e${NUL}` }), ticket({ id: 'I-2' })].map((t) => JSON.stringify(t)).join('\n'), 'application/x-ndjson')).text();
    const lines = ndjson.trim().split('\n').map((l) => JSON.parse(l) as { errors?: ErrorItem[]; done?: { created: number; rejected: number } });
    expect(lines[0]!.errors).toEqual(nulAt('/unit'));
    expect(lines.at(-1)!.done).toMatchObject({ created: 1, rejected: 1 });
    const csv = await (await send(`id,property,unit,category,priority,createdAt\nI-3,jinxiu-garden,jinxiu-garden/engineering,engin${NUL}eering,urgent,2026-03-02T07:55:00+08:00\n`, 'text/csv')).text();
    expect((JSON.parse(csv.trim().split('\n')[0]!) as { errors: ErrorItem[] }).errors).toEqual(nulAt('/category'));
  });
});

describe('Content-Encoding: gzip on a plain body', () => {
  const plain = JSON.stringify({ ticket: ticket() });
  const gzip = { 'content-encoding': 'gzip' };

  it('is a 400 (H109) on the JSON routes: evaluate (handed over by the lane), batch, PUT, login', async () => {
    for (const [method, path, body, headers] of [
      ['POST', '/v1/evaluate', plain, server.auth],
      ['POST', '/v1/evaluate/batch', JSON.stringify({ tickets: [ticket()] }), server.auth],
      ['PUT', '/v1/tickets/JX-1', JSON.stringify(ticket()), server.auth],
      ['POST', '/v1/auth/login', JSON.stringify({ name: 'ada', password: 'correct horse battery' }), {}],
    ] as const) {
      const res = await fetch(`${server.url}${path}`, { method, headers: { ...json, ...gzip, ...headers }, body });
      expect(await problem(res, 400), path).toEqual([expect.objectContaining({ pointer: '', code: 'H109' })]);
    }
  });

  it('is a 415 (H109) on the streamed routes, and a real gzip body is read on a JSON route', async () => {
    const ndjson = await fetch(`${server.url}/v1/evaluate/batch`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', ...gzip, ...server.auth }, body: JSON.stringify(ticket()) });
    expect(await problem(ndjson, 415)).toEqual([expect.objectContaining({ code: 'H109' })]);
    const imported = await fetch(`${server.url}/v1/tickets/import`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', ...gzip, ...server.auth }, body: JSON.stringify(ticket()) });
    expect(await problem(imported, 415)).toEqual([expect.objectContaining({ code: 'H109' })]);
    const real = await fetch(`${server.url}/v1/evaluate`, { method: 'POST', headers: { ...json, ...gzip, ...server.auth }, body: gzipSync(plain) });
    expect(real.status).toBe(200);
  });
});

describe('a path that is not valid percent-encoding', () => {
  it('is a 400 naming the path parameter (H108), on any method', async () => {
    expect(await problem(await fetch(`${server.url}/v1/tickets/%ff`, { headers: admin }), 400)).toEqual([expect.objectContaining({ pointer: '{id}', code: 'H108' })]);
    expect(await problem(await fetch(`${server.url}/v1/tickets/%ff`, { method: 'PUT', headers: { ...json, ...server.auth }, body: '{}' }), 400)).toEqual([expect.objectContaining({ pointer: '{id}', code: 'H108' })]);
    expect(await problem(await fetch(`${server.url}/v1/units/a%e4%b8/scores?period=2026-03`, { headers: admin }), 400)).toEqual([expect.objectContaining({ pointer: '{unit}', code: 'H108' })]);
  });
});

describe('every problem', () => {
  it('has errors[] with a code and a pointer: 404, 413, 415, 401', async () => {
    expect(await problem(await fetch(`${server.url}/v1/nowhere`), 404)).toEqual([expect.objectContaining({ pointer: '', code: 'H404' })]);
    expect(await problem(await post(`${server.url}/v1/evaluate`, JSON.stringify({ ticket: ticket({ note: 'x'.repeat(1_100_000) }) })), 413)).toEqual([expect.objectContaining({ pointer: '', code: 'H413' })]);
    expect(await problem(await post(`${server.url}/v1/evaluate`, 'x', { 'content-type': 'text/plain' }), 415)).toEqual([expect.objectContaining({ pointer: '', code: 'H415' })]);
    expect(await problem(await post(`${server.url}/v1/evaluate`, { ticket: ticket() }, { authorization: '' }), 401)).toEqual([expect.objectContaining({ pointer: '', code: 'H401' })]);
  });
});
