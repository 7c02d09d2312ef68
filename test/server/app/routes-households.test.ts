// POST /v1/evaluate carries the routes the engine found (001 二(一): an urgent report at night
// goes to the duty manager), and divides 004's 5% share by the property's households as the
// store records them (PATCH /v1/properties/{id}), never a number in the property's policy.
// A single evaluation sees only its own ticket, so its household is 1 of the property's count:
// with 320 households (xinghe-tower's record) that is 0.3%, with a record of 1 it is 100%.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluationResultSchema, ticketSchema } from '../../../engine/index.js';
import { schemas } from '../../../server/index.js';
import { post, signInUsers, startTestServer, ticket, type TestServer } from './helper.js';

let server: TestServer;
let as: Record<string, Record<string, string>>;
beforeAll(async () => {
  server = await startTestServer();
  as = await signInUsers(server, { ada: { role: 'admin' } });
});
afterAll(() => server.close());

const ajv = new Ajv2020({ strict: false });
ajv.addSchema(ticketSchema);
ajv.addSchema(evaluationResultSchema);
const validResponse = ajv.compile(schemas.evaluateResponseSchema);

async function evaluate(body: unknown): Promise<schemas.EvaluateResponse> {
  const res = await post(`${server.url}/v1/evaluate`, body);
  expect(res.status).toBe(200);
  const result = (await res.json()) as schemas.EvaluateResponse;
  expect(validResponse(result), JSON.stringify(validResponse.errors)).toBe(true);
  return result;
}

describe('POST /v1/evaluate: routes', () => {
  it('an urgent repair received at 23:30 is routed to duty_manager, with the rule and its source', async () => {
    const night = ticket({ id: 'JX-N', createdAt: '2026-03-02T23:30:00+08:00', events: [{ type: 'received', at: '2026-03-02T23:30:00+08:00' }] });
    const body = await evaluate({ ticket: night, at: '2026-03-03T00:00:00+08:00' });
    expect(body.routes).toEqual([expect.objectContaining({ route: 'night_urgent', to: ['duty_manager'], label: '夜间紧急诉求转接值班经理', source: expect.stringMatching(/^huayu-group@\d+\.sla:\d+:1$/) })]);
  });

  it('the same repair received at 10:00 has no route', async () => {
    const day = ticket({ id: 'JX-D', createdAt: '2026-03-02T10:00:00+08:00', events: [{ type: 'received', at: '2026-03-02T10:00:00+08:00' }] });
    expect((await evaluate({ ticket: day, at: '2026-03-02T11:00:00+08:00' })).routes).toEqual([]);
  });
});

describe('POST /v1/evaluate: households from the store', () => {
  const patch = (households: number) =>
    fetch(`${server.url}/v1/properties/xinghe-tower`, { method: 'PATCH', headers: { 'content-type': 'application/json', ...as['ada'] }, body: JSON.stringify({ households }) });
  const complaint = ticket({
    id: 'XH-C',
    property: 'xinghe-tower',
    unit: 'xinghe-tower/order',
    category: 'order',
    priority: 'general',
    kind: 'complaint',
    channel: 'platform',
    issueKey: 'lift-noise',
    household: 'F12-03',
    createdAt: '2026-03-02T10:00:00+08:00',
    events: [{ type: 'received', at: '2026-03-02T10:00:00+08:00' }],
  });
  const at = '2026-03-02T11:00:00+08:00';

  it('with the seeded 320 households one household is 0.3%: no red, no note', async () => {
    const body = await evaluate({ ticket: complaint, at });
    expect(body.warning.level).toBe('none');
    expect(body.notes).toBeUndefined();
  });

  it('after an admin records 1 household, the same household is 100%: red', async () => {
    expect((await patch(1)).status).toBe(200);
    const body = await evaluate({ ticket: complaint, at });
    expect(body.warning.level).toBe('red');
  });

  it('with 0 households recorded the share is not judged: no red, and the note E340', async () => {
    expect((await patch(0)).status).toBe(200);
    const body = await evaluate({ ticket: complaint, at });
    expect(body.warning.level).toBe('none');
    expect(body.notes).toEqual([expect.objectContaining({ code: 'E340', pointer: '/property/households', rules: ['warning blue', 'warning yellow', 'warning red'] })]);
    expect((await patch(320)).status).toBe(200);
  });
});
