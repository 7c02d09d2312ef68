import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation, Problem } from '../../../server/index.js';
import { signInUsers, startTestServer, type TestServer } from '../app/helper.js';

let server: TestServer;
let as: Record<string, Record<string, string>>;

beforeAll(async () => {
  server = await startTestServer();
  as = await signInUsers(server, { ada: { role: 'admin' }, vic: { role: 'viewer', properties: ['xinghe-tower'] } });
});
afterAll(() => server.close());

const send = (who: string, method: string, path: string, body?: unknown) =>
  fetch(`${server.url}${path}`, { method, headers: { 'content-type': 'application/json', ...as[who] }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

describe('organisations', () => {
  it('lists everything to an admin, and to a viewer their property with the branch and group above it', async () => {
    const all = (await (await send('ada', 'GET', '/v1/organisations')).json()) as { organisations: Organisation[] };
    expect(all.organisations.map((o) => o.id)).toEqual(['huayu-group', 'default', 'jinxiu-garden', 'xinghe-tower']);
    const theirs = (await (await send('vic', 'GET', '/v1/organisations')).json()) as { organisations: Organisation[] };
    expect(theirs.organisations.map((o) => o.id)).toEqual(['huayu-group', 'default', 'xinghe-tower']);
  });

  it('creates a branch and a property under it, audited, and refuses what a kind lacks with pointers', async () => {
    const branch = await send('ada', 'POST', '/v1/organisations', { kind: 'branch', id: 'east', name: '华东分公司', parentId: 'huayu-group' });
    expect(branch.status).toBe(201);
    const property = await send('ada', 'POST', '/v1/organisations', { kind: 'property', id: 'lanting-court', name: '兰亭苑', parentId: 'east', households: 920, timeZone: 'Asia/Shanghai', units: [{ id: 'lanting-court/engineering', name: '工程部' }] });
    expect(property.status).toBe(201);
    expect(property.headers.get('location')).toBe('/v1/organisations/lanting-court');
    expect(await property.json()).toMatchObject({ kind: 'property', parentId: 'east', households: 920, units: [{ id: 'lanting-court/engineering', propertyId: 'lanting-court' }] });
    const audited = await server.store.repository.listAudit({ scopeId: 'lanting-court' });
    expect(audited.map((e) => e.action)).toEqual(['organisation.create']);

    const lacking = await send('ada', 'POST', '/v1/organisations', { kind: 'property', id: 'half-built', name: 'x' });
    expect(lacking.status).toBe(400);
    expect(((await lacking.json()) as Problem).errors?.map((e) => e.pointer)).toEqual(['/parentId', '/households', '/timeZone']);
    expect((await send('ada', 'POST', '/v1/organisations', { kind: 'branch', id: 'east', name: 'again', parentId: 'huayu-group' })).status).toBe(409);
    expect((await send('ada', 'POST', '/v1/organisations', { kind: 'property', id: 'wrong-parent', name: 'x', parentId: 'huayu-group', households: 1, timeZone: 'Asia/Shanghai' })).status).toBe(400);
    expect((await send('ada', 'POST', '/v1/organisations', { kind: 'branch', id: 'orphan', name: 'x', parentId: 'nowhere' })).status).toBe(404);
    expect((await send('ada', 'POST', '/v1/organisations', { kind: 'group', id: 'Bad Id', name: 'x' })).status).toBe(400);
  });

  it('changes a property and its units, audited; a unit of another property is a conflict', async () => {
    const changed = await send('ada', 'PATCH', '/v1/properties/xinghe-tower', { households: 42 });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ id: 'xinghe-tower', households: 42 });
    expect((await send('ada', 'PATCH', '/v1/properties/default', { households: 1 })).status).toBe(400);
    expect((await send('ada', 'PATCH', '/v1/properties/nowhere', { households: 1 })).status).toBe(404);
    expect((await send('ada', 'PATCH', '/v1/properties/xinghe-tower', { timeZone: 'Mars/Olympus' })).status).toBe(400);

    const units = await send('ada', 'PUT', '/v1/properties/xinghe-tower/units', { units: [{ id: 'xinghe-tower/engineering', name: '工程部' }, { id: 'xinghe-tower/security', name: '秩序部' }] });
    expect(units.status).toBe(200);
    expect(((await units.json()) as { units: { id: string }[] }).units.map((u) => u.id)).toEqual(['xinghe-tower/engineering', 'xinghe-tower/security']);
    const taken = await send('ada', 'PUT', '/v1/properties/jinxiu-garden/units', { units: [{ id: 'xinghe-tower/security', name: '秩序部' }] });
    expect(taken.status).toBe(409);
    const actions = (await server.store.repository.listAudit({ scopeId: 'xinghe-tower' })).map((e) => e.action);
    expect(actions.slice(0, 2)).toEqual(['property.units', 'property.update']);
  });
});
