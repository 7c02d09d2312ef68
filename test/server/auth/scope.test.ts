// Managers and viewers see the data of their own properties only (and the policies of
// the branch and group above them); admins and quality see every property.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW, startTestServer, ticket, signInUsers, type TestServer } from '../app/helper.js';

let server: TestServer;
const as: Record<string, Record<string, string>> = {};
const JINXIU_UNIT = 'jinxiu-garden/engineering';
const XINGHE_UNIT = 'xinghe-tower/engineering';

const xingheTicket = () =>
  ticket({ id: 'XH-1', property: 'xinghe-tower', unit: XINGHE_UNIT, createdAt: '2026-03-02T08:55:00+08:00', events: [{ type: 'received', at: '2026-03-02T08:55:00+08:00' }] });

beforeAll(async () => {
  server = await startTestServer();
  Object.assign(as, await signInUsers(server, { quinn: { role: 'quality' }, mia: { role: 'manager', properties: ['jinxiu-garden'] }, vic: { role: 'viewer', properties: ['xinghe-tower'] } }));
  // Written by the ticketing system's key, which serves every property.
  for (const t of [ticket(), xingheTicket()]) {
    const res = await fetch(`${server.url}/v1/tickets/${t['id'] as string}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...server.auth }, body: JSON.stringify(t) });
    expect(res.status).toBe(201);
  }
});
afterAll(() => server.close());

const get = (who: string, path: string) => fetch(`${server.url}${path}`, { headers: as[who] });

describe('what a manager or viewer may see', () => {
  it('tickets: their properties only', async () => {
    expect((await get('mia', '/v1/tickets/JX-1')).status).toBe(200);
    const refused = await get('mia', '/v1/tickets/XH-1');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/xinghe-tower/);
    expect((await get('vic', '/v1/tickets/XH-1')).status).toBe(200);
    expect((await get('vic', '/v1/tickets/JX-1')).status).toBe(403);
    expect((await get('quinn', '/v1/tickets/XH-1')).status).toBe(200);
  });

  it('ticket writes: a manager only into their properties', async () => {
    const put = (t: Record<string, unknown>) =>
      fetch(`${server.url}/v1/tickets/${t['id'] as string}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...as['mia'] }, body: JSON.stringify(t) });
    expect((await put(ticket({ id: 'JX-2' }))).status).toBe(201);
    expect((await put({ ...xingheTicket(), id: 'XH-2' })).status).toBe(403);
    expect((await get('quinn', '/v1/tickets/XH-2')).status).toBe(404); // nothing was written
  });

  it("ticket writes: a manager cannot take another property's ticket by naming their own property", async () => {
    const takeover = ticket({ id: 'XH-1' }); // jinxiu-garden, mia's, under the id of xinghe-tower's ticket
    const res = await fetch(`${server.url}/v1/tickets/XH-1`, { method: 'PUT', headers: { 'content-type': 'application/json', ...as['mia'] }, body: JSON.stringify(takeover) });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ errors: [{ pointer: '/id', code: 'H403', message: expect.stringMatching(/'XH-1' belongs to property 'xinghe-tower'/) }] });
    expect(((await (await get('quinn', '/v1/tickets/XH-1')).json()) as { property: string }).property).toBe('xinghe-tower');

    const imported = await fetch(`${server.url}/v1/tickets/import`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', ...as['mia'] }, body: `${JSON.stringify(takeover)}\n` });
    expect(await imported.text()).toContain('"code":"H403"');
    const dry = await fetch(`${server.url}/v1/tickets/import?dryRun=true`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', ...as['mia'] }, body: `${JSON.stringify(takeover)}\n` });
    expect(await dry.text()).toContain('"code":"H403"');
    expect(((await (await get('quinn', '/v1/tickets/XH-1')).json()) as { property: string }).property).toBe('xinghe-tower');
  });

  it('unit scores: the units of their properties only', async () => {
    const path = (unit: string) => `/v1/units/${encodeURIComponent(unit)}/scores?period=2026-03`;
    expect((await get('mia', path(JINXIU_UNIT))).status).toBe(200);
    expect((await get('mia', path(XINGHE_UNIT))).status).toBe(403);
    expect((await get('vic', path(XINGHE_UNIT))).status).toBe(200);
    expect((await get('quinn', path(XINGHE_UNIT))).status).toBe(200);
    expect(NOW.toISOString().slice(0, 7)).toBe('2026-03');
  });

  it('evaluation: their properties only; in a batch the others are refused ticket by ticket', async () => {
    const postAs = (who: string, path: string, body: string, type = 'application/json') =>
      fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': type, ...as[who] }, body });
    expect((await postAs('vic', '/v1/evaluate', JSON.stringify({ ticket: xingheTicket() }))).status).toBe(200);
    const single = await postAs('vic', '/v1/evaluate', JSON.stringify({ ticket: ticket() }));
    expect(single.status).toBe(403);
    expect(((await single.json()) as { detail: string }).detail).toMatch(/jinxiu-garden/);
    const batch = await postAs('vic', '/v1/evaluate/batch', JSON.stringify({ tickets: [xingheTicket(), ticket()] }));
    expect(batch.status).toBe(200);
    const { results } = (await batch.json()) as { results: { index: number; result?: unknown; errors?: { pointer: string; code: string }[] }[] };
    expect(results[0]!.result).toBeDefined();
    expect(results[1]!.errors).toEqual([expect.objectContaining({ pointer: '/tickets/1/property', code: 'H403' })]);
    const lines = await postAs('vic', '/v1/evaluate/batch', `${JSON.stringify(ticket())}\n${JSON.stringify(xingheTicket())}\n`, 'application/x-ndjson');
    const [first, second] = (await lines.text()).trim().split('\n').map((l) => JSON.parse(l) as { errors?: { code: string }[]; result?: unknown });
    expect(first!.errors?.[0]?.code).toBe('H403');
    expect(second!.result).toBeDefined();
    expect((await postAs('quinn', '/v1/evaluate', JSON.stringify({ ticket: xingheTicket() }))).status).toBe(200);
  });

  it('unit scores: a unit that nothing ties to any property is unknown (404 at /unit), to them as to quality', async () => {
    // Issue 9: unknown units were 403 to a manager and all-zero scores to quality.
    for (const who of ['mia', 'quinn']) {
      const unknown = await get(who, `/v1/units/${encodeURIComponent('nowhere/engineering')}/scores?period=2026-03`);
      expect(unknown.status, who).toBe(404);
      expect(((await unknown.json()) as { errors: { pointer: string; code: string }[] }).errors).toEqual([expect.objectContaining({ pointer: '/unit', code: 'H106' })]);
    }
  });

  it('policies: their properties and the branch and group above, not a sibling property', async () => {
    for (const scope of ['jinxiu-garden', 'default', 'huayu-group']) expect((await get('mia', `/v1/scopes/${scope}/policy/history`)).status, scope).toBe(200);
    expect((await get('mia', '/v1/scopes/huayu-group/policy')).status).toBe(200);
    for (const path of ['/policy', '/policy/history', '/policy/effective']) expect((await get('mia', `/v1/scopes/xinghe-tower${path}`)).status, path).toBe(403);
    const xinghe = (await (await get('quinn', '/v1/scopes/xinghe-tower/policy')).json()) as { id: string };
    const jinxiu = (await (await get('quinn', '/v1/scopes/jinxiu-garden/policy')).json()) as { id: string };
    expect((await get('mia', `/v1/policy-versions/${xinghe.id}`)).status).toBe(403);
    expect((await get('mia', `/v1/policy-versions/${jinxiu.id}/diff/${xinghe.id}`)).status).toBe(403);
    expect((await get('vic', `/v1/policy-versions/${xinghe.id}`)).status).toBe(200);
    expect((await get('quinn', `/v1/policy-versions/${jinxiu.id}/diff/${xinghe.id}`)).status).toBe(200);
  });
});
