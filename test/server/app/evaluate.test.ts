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

// Responses are checked against the schemas the OpenAPI document publishes.
const ajv = new Ajv2020({ strict: false });
ajv.addSchema(ticketSchema);
ajv.addSchema(evaluationResultSchema);
const validResponse = ajv.compile(schemas.evaluateResponseSchema);
const validProblem = ajv.compile(schemas.problemSchema);

describe('POST /v1/evaluate', () => {
  it("evaluates the ticket under its property's active policy, naming the version", async () => {
    const res = await post(`${server.url}/v1/evaluate`, { ticket: ticket(), at: '2026-03-02T09:00:00+08:00' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as schemas.EvaluateResponse;
    expect(validResponse(body), JSON.stringify(validResponse.errors)).toBe(true);
    expect(body.ticketId).toBe('JX-1');
    expect(body.policy).toMatchObject({ property: 'jinxiu-garden', version: 1 });
    expect(body.policy.chain.map((c) => c.scope)).toEqual(['huayu-group', 'jinxiu-garden']);
    expect(body.policy.hash).toMatch(/^[0-9a-f]{64}$/);
    // jinxiu-garden tightens urgent engineering contact to 10 minutes: contacted after 12.
    expect(body.clocks.find((c) => c.name === 'contact')).toMatchObject({ state: 'breached', target: '10m', overdueMinutes: 2 });
    expect(body.trace).toBeUndefined();
  });

  it('evaluates at the injected now when at is absent, and adds the trace with explain', async () => {
    const res = await post(`${server.url}/v1/evaluate`, { ticket: ticket(), explain: true });
    const body = (await res.json()) as schemas.EvaluateResponse;
    expect(body.at).toBe('2026-03-02T09:00:00+08:00');
    expect(body.trace?.length).toBeGreaterThan(0);
  });

  describe('with an unknown category', () => {
    it('responds 400 problem+json naming /ticket/category with its code', async () => {
      const res = await post(`${server.url}/v1/evaluate`, { ticket: ticket({ category: 'enginering' }) });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const body = (await res.json()) as Problem;
      expect(validProblem(body)).toBe(true);
      expect(body).toMatchObject({ status: 400, type: 'https://beacon.example/problems/invalid-request' });
      expect(body.errors).toEqual([expect.objectContaining({ pointer: '/ticket/category', code: 'E202', help: "Did you mean 'engineering'?" })]);
    });
  });

  describe('with a ticket that breaks the contract', () => {
    it('names each field under /ticket with E201', async () => {
      const { createdAt: _, ...noCreatedAt } = ticket({ repeatCount: -1 });
      const res = await post(`${server.url}/v1/evaluate`, { ticket: noCreatedAt, extra: 1 });
      expect(res.status).toBe(400);
      const body = (await res.json()) as Problem;
      const pointers = body.errors?.map((e) => `${e.code} ${e.pointer}`).sort();
      expect(pointers).toEqual(['E201 /ticket/createdAt', 'E201 /ticket/repeatCount', 'H101 /extra']);
    });

    it('names /ticket when there is none, and /at when it has no offset', async () => {
      const res = await post(`${server.url}/v1/evaluate`, { at: '2026-03-02T09:00:00' });
      const body = (await res.json()) as Problem;
      expect(body.errors?.map((e) => e.pointer).sort()).toEqual(['/at', '/ticket']);
    });
  });

  describe('with an unknown property', () => {
    it('responds 404 naming /ticket/property', async () => {
      const res = await post(`${server.url}/v1/evaluate`, { ticket: ticket({ property: 'nowhere' }) });
      expect(res.status).toBe(404);
      const body = (await res.json()) as Problem;
      expect(body.type).toBe('https://beacon.example/problems/unknown-property');
      expect(body.errors).toEqual([expect.objectContaining({ pointer: '/ticket/property', code: 'E103' })]);
    });

    it('responds 404 for a group, which is not a property', async () => {
      const res = await post(`${server.url}/v1/evaluate`, { ticket: ticket({ property: 'huayu-group' }) });
      expect(res.status).toBe(404);
    });
  });

  describe('with a body that is not JSON', () => {
    it('responds 400 malformed-json', async () => {
      const res = await post(`${server.url}/v1/evaluate`, '{"ticket": ');
      expect(res.status).toBe(400);
      expect(((await res.json()) as Problem).type).toBe('https://beacon.example/problems/malformed-json');
    });

    it('responds 415 to another content type', async () => {
      const res = await post(`${server.url}/v1/evaluate`, 'ticket', { 'content-type': 'text/plain' });
      expect(res.status).toBe(415);
    });

    it('responds 413 beyond 1 MB', async () => {
      const res = await post(`${server.url}/v1/evaluate`, { ticket: ticket({ note: 'x'.repeat(1_100_000) }) });
      expect(res.status).toBe(413);
    });
  });
});

describe('an unknown route', () => {
  it('responds 404 problem+json', async () => {
    const res = await fetch(`${server.url}/v1/nothing`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await res.json()) as Problem).type).toBe('https://beacon.example/problems/not-found');
  });
});

describe('the request id', () => {
  it('echoes X-Request-Id, and makes one when there is none', async () => {
    const given = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers.get('x-request-id')).toBe('abc-123');
    const made = await fetch(`${server.url}/healthz`);
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is in problem bodies; helmet headers are set', async () => {
    const res = await post(`${server.url}/v1/evaluate`, '{', { 'x-request-id': 'req-9' });
    expect(((await res.json()) as Problem).requestId).toBe('req-9');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});

describe('POST /v1/evaluate with a bare ticket instead of the request envelope', () => {
  it('responds 400 with a help line saying how to wrap it', async () => {
    const res = await post(`${server.url}/v1/evaluate`, ticket());
    expect(res.status).toBe(400);
    const body = (await res.json()) as Problem;
    expect(validProblem(body)).toBe(true);
    const missing = body.errors?.find((e) => e.pointer === '/ticket');
    expect(missing?.help).toContain('{"ticket": <the ticket>');
  });

  it('gives no such help to a body that is not a ticket', async () => {
    const res = await post(`${server.url}/v1/evaluate`, { at: '2026-03-02T09:00:00+08:00' });
    const body = (await res.json()) as Problem;
    expect(body.errors?.some((e) => e.help?.includes('<the ticket>'))).toBe(false);
  });
});
