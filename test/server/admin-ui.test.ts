// The built admin UI served beside the API: pages get index.html (never cached), hashed
// assets a year's cache, every answer the UI's CSP without 'unsafe-eval', and the API's
// own paths keep their problem+json answers.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './app/helper.js';

const INDEX = '<!doctype html><html><body><beacon-app></beacon-app><script type="module" src="/assets/index-abc123.js"></script></body></html>';
const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

describe('the admin UI at /', () => {
  let dir: string;
  let server: TestServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'beacon-ui-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1);\n');
    writeFileSync(join(dir, '.build-stamp.json'), '{}');
    server = await startTestServer({ adminUi: { dir } });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const path of ['/', '/properties', '/policy/jinxiu-garden', '/setup']) {
    it(`answers GET ${path} with index.html, not cached`, async () => {
      const res = await fetch(`${server.url}${path}`, { headers: html });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toBe(INDEX);
    });
  }

  it('serves a rebuild made while it runs at once', async () => {
    const rebuilt = INDEX.replace('index-abc123.js', 'index-def456.js');
    writeFileSync(join(dir, 'index.html'), rebuilt);
    try {
      expect(await (await fetch(`${server.url}/properties`, { headers: html })).text()).toBe(rebuilt);
    } finally {
      writeFileSync(join(dir, 'index.html'), INDEX);
    }
  });

  it('sends a CSP that allows only this origin, with no unsafe-eval', async () => {
    const res = await fetch(`${server.url}/`, { headers: html });
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("worker-src 'self'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).not.toMatch(/https?:|\*/);
  });

  it('serves a hashed asset with a year of cache and the same CSP', async () => {
    const res = await fetch(`${server.url}/assets/index-abc123.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toBe('console.log(1);\n');
  });

  it('answers a missing asset, a file name and the stamp with 404', async () => {
    for (const path of ['/assets/nothing.js', '/favicon.ico', '/.build-stamp.json', '/assets/../index.html']) {
      const res = await fetch(`${server.url}${path}`, { headers: html });
      expect(res.status, path).toBe(404);
    }
  });

  it('leaves the API its problem+json 404, even when the caller asks for HTML', async () => {
    for (const path of ['/v1/nothing', '/v1', '/healthz/x']) {
      const res = await fetch(`${server.url}${path}`, { headers: html });
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/problem\+json/);
    }
  });

  it('answers a JSON client and a POST at an app path with the API 404', async () => {
    const json = await fetch(`${server.url}/properties`, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(404);
    const post = await fetch(`${server.url}/`, { method: 'POST', headers: html });
    expect(post.status).toBe(404);
  });

  it('keeps the API routes first: /v1/docs is still the API page', async () => {
    const res = await fetch(`${server.url}/v1/docs`, { headers: html });
    expect(res.status).toBe(200);
    expect(await res.text()).not.toBe(INDEX);
  });
});

describe('the admin UI when it is not built', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ adminUi: { dir: join(tmpdir(), 'beacon-ui-never-built') } });
  });
  afterAll(() => server.close());

  it('answers a page with 503 saying how to build it', async () => {
    const res = await fetch(`${server.url}/`, { headers: html });
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build:ui');
  });
});
