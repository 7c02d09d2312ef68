// Pause reasons, pause limits and voids over HTTP, with the shipped group (policies/group.sla):
// an undeclared pause reason is a 400 naming the event's reason (E330); a response with an E331
// note and voided levels matches the schema the OpenAPI document publishes.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluationResultSchema, ticketSchema } from '../../../engine/index.js';
import { schemas, type Problem } from '../../../server/index.js';
import { post, startTestServer, ticket, type TestServer } from './helper.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const ajv = new Ajv2020({ strict: false });
ajv.addSchema(ticketSchema);
ajv.addSchema(evaluationResultSchema);
const validResponse = ajv.compile(schemas.evaluateResponseSchema);

// A platform cleaning complaint received 03-02 10:00 and paused at 11:00, never resumed.
const paused = (reason: string, flags: string[] = []) =>
  ticket({
    category: 'cleaning',
    priority: 'general',
    kind: 'complaint',
    channel: 'platform',
    flags,
    createdAt: '2026-03-02T10:00:00+08:00',
    events: [
      { type: 'received', at: '2026-03-02T10:00:00+08:00' },
      { type: 'paused', at: '2026-03-02T11:00:00+08:00', reason },
    ],
  });

describe('POST /v1/evaluate with pauses and voids', () => {
  it('refuses a pause reason the group does not declare: 400, E330 at /ticket/events/1/reason', async () => {
    const res = await post(`${server.url}/v1/evaluate`, { ticket: paused('waiting_part'), at: '2026-03-02T12:00:00+08:00' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Problem;
    expect(body.errors).toEqual([expect.objectContaining({ pointer: '/ticket/events/1/reason', code: 'E330', help: "Did you mean 'waiting_parts'?" })]);
  });

  it('a declared reason is evaluated: the pause counts 7 days, resolve due 03-10 10:00 and 15 days late on 03-25, voided when the statement is accepted', async () => {
    const res = await post(`${server.url}/v1/evaluate`, { ticket: paused('waiting_parts', ['not_responsible', 'statement_accepted']), at: '2026-03-25T10:00:00+08:00' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as schemas.EvaluateResponse;
    expect(validResponse(body), JSON.stringify(validResponse.errors)).toBe(true);
    expect(body.clocks.find((c) => c.name === 'resolve')).toMatchObject({ state: 'breached', dueAt: '2026-03-10T10:00:00+08:00' });
    // One note per capped clock: 001's resolve and 004's platform_resolve both pause.
    const capped = body.notes?.filter((n) => n.code === 'E331').map((n) => body.clocks[Number(n.pointer?.split('/')[2])]?.name);
    expect(capped?.sort()).toEqual(['platform_resolve', 'resolve']);
    expect(body.warning.level).toBe('red');
    expect(body.penalty.points).toBe(0);
    expect((body as { voided?: { level: string }[] }).voided?.map((v) => v.level)).toEqual(['blue', 'yellow', 'red']);
  });
});
