import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../../server/index.js';
import { post, signInUsers, startTestServer, ticket, type TestServer } from './helper.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('GET /healthz', () => {
  it('says the process is up', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});

describe('GET /readyz', () => {
  it('is ready when the store answers', async () => {
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', checks: { store: true, migrations: true } });
  });
});

describe('GET /metrics', () => {
  it('has the latency histogram by route and status, the evaluations counter and the active version gauge', async () => {
    await post(`${server.url}/v1/evaluate`, { ticket: ticket() });
    await post(`${server.url}/v1/evaluate`, { ticket: ticket({ category: 'x' }) });
    const res = await fetch(`${server.url}/metrics`, { headers: server.auth });
    const text = await res.text();
    expect(text).toMatch(/beacon_http_request_duration_seconds_bucket\{le="[^"]+",method="POST",route="\/v1\/evaluate",status="200"\}/);
    expect(text).toContain('route="/v1/evaluate",status="400"');
    expect(text).toContain('beacon_evaluations_total{outcome="ok"} 1');
    expect(text).toContain('beacon_evaluations_total{outcome="invalid"} 1');
    expect(text).toContain('beacon_active_policy_version{property="jinxiu-garden"} 1');
  });
});

describe('GET /metrics, who may read it', () => {
  it('is refused to nobody (401) and to a signed-in user other than an admin (403); an API key reads it', async () => {
    const users = await signInUsers(server, { ada: { role: 'admin' }, quinn: { role: 'quality' } });
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: users['quinn'] })).status).toBe(403);
    expect((await fetch(`${server.url}/metrics`, { headers: users['ada'] })).status).toBe(200);
    expect((await fetch(`${server.url}/metrics`, { headers: server.auth })).status).toBe(200);
  });

  it('is read with the configured metrics token (BEACON_METRICS_TOKEN), and not with another', async () => {
    const token = 'a-scraper-token-of-some-length';
    const scraped = await startTestServer({ metricsToken: token });
    try {
      expect((await fetch(`${scraped.url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
      expect((await fetch(`${scraped.url}/metrics`, { headers: { authorization: `Bearer ${token}x` } })).status).toBe(401);
    } finally {
      await scraped.close();
    }
  });
});

describe('GET /v1/openapi.json', () => {
  it('is an OpenAPI 3.1 document with every route and the schemas', async () => {
    const res = await fetch(`${server.url}/v1/openapi.json`);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/evaluate', '/v1/evaluate/batch', '/healthz', '/readyz', '/metrics']));
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Ticket', 'EvaluateRequest', 'EvaluateResponse', 'BatchRequest', 'BatchResponse', 'Problem']));
    // Every reference resolves inside the document.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(doc.components.schemas[ref.replace('#/components/schemas/', '')], ref).toBeDefined();
  });

  it('has examples that match their schemas', async () => {
    const doc = (await (await fetch(`${server.url}/v1/openapi.json`)).json()) as { components: { schemas: Record<string, object> } };
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema({ $id: 'doc', components: doc.components });
    let checked = 0;
    for (const route of ROUTES) {
      const cases = [...(route.request ? [[route.request.schema, route.request.example] as const] : []), ...Object.values(route.responses).flatMap((r) => (r.schema && r.example !== undefined ? [[r.schema, r.example] as const] : []))];
      for (const [schema, example] of cases) {
        const validate = ajv.compile({ $ref: `doc#/components/schemas/${schema}` });
        expect(validate(example), `${route.path} ${schema}: ${JSON.stringify(validate.errors)}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });
});

describe('GET /v1/docs', () => {
  it('is an HTML page listing each route', async () => {
    const res = await fetch(`${server.url}/v1/docs`);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    for (const route of ROUTES) expect(html).toContain(`${route.method.toUpperCase()} ${route.path}`);
    expect(html).toContain('EvaluateRequest');
  });
});
