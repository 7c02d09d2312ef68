import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, start } from '../../../server/index.js';
import { authorize, POLICIES, post, ticket } from './helper.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('loadConfig', () => {
  it('binds 127.0.0.1:8080 on PGlite in ./data by default', () => {
    expect(loadConfig({}, {})).toMatchObject({ host: '127.0.0.1', port: 8080, store: { backend: 'pglite', dir: './data' }, policiesDir: './policies' });
  });

  it('takes flags over the environment', () => {
    const config = loadConfig({ port: '9000', host: '0.0.0.0', data: '/srv/beacon' }, { PORT: '1', HOST: 'x', BEACON_DATA_DIR: '/elsewhere' });
    expect(config).toMatchObject({ host: '0.0.0.0', port: 9000, store: { backend: 'pglite', dir: '/srv/beacon' } });
    expect(loadConfig({}, { DATABASE_URL: 'postgres://u:p@db/beacon' }).store).toEqual({ backend: 'postgres', url: 'postgres://u:p@db/beacon' });
    expect(loadConfig({ memory: true }, {}).store).toEqual({ backend: 'memory' });
  });

  it('refuses a bad port or log level with every problem named', () => {
    expect(() => loadConfig({ port: '80a' }, { LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    try {
      loadConfig({ port: '70000' }, { LOG_LEVEL: 'loud' });
    } catch (e) {
      expect((e as ConfigError).problems.join('\n')).toMatch(/port[\s\S]*logLevel/);
    }
  });
});

describe('start and stop on PGlite', () => {
  it('imports the shipped policies on the first start only, and keeps them across a restart', async () => {
    const data = mkdtempSync(join(tmpdir(), 'beacon-serve-'));
    dirs.push(data);
    const config = { ...loadConfig({ port: '0', data, policies: POLICIES }, {}), logLevel: 'silent' as const };
    const logger = pino({ level: 'silent' });

    const first = await start(config, { logger, print: () => undefined });
    try {
      expect(first.imported.imported).toBe(true);
      expect(first.imported.organisations).toEqual(['huayu-group', 'default', 'jinxiu-garden', 'xinghe-tower']);
      await authorize(first.store.repository);
      const res = await post(`${first.url}/v1/evaluate`, { ticket: ticket(), at: '2026-03-02T09:00:00+08:00' });
      expect(res.status).toBe(200);
    } finally {
      await first.stop();
    }

    const second = await start(config, { logger, print: () => undefined });
    try {
      expect(second.imported.imported).toBe(false);
      const jinxiu = await second.store.repository.lineage('jinxiu-garden');
      expect(jinxiu.map((o) => o.id)).toEqual(['jinxiu-garden', 'default', 'huayu-group']);
      expect(jinxiu[0]).toMatchObject({ households: 1860, timeZone: 'Asia/Shanghai' });
      expect((await second.store.repository.history('jinxiu-garden')).map((v) => v.version)).toEqual([1]);
      const res = await post(`${second.url}/v1/evaluate`, { ticket: ticket(), at: '2026-03-02T09:00:00+08:00' });
      expect(((await res.json()) as { policy: { version: number } }).policy.version).toBe(1);
    } finally {
      await second.stop();
    }
  });

  it('lets a request in flight finish when stopping', async () => {
    const config = { ...loadConfig({ port: '0', memory: true, policies: POLICIES }, {}), logLevel: 'silent' as const };
    let printed = '';
    const running = await start(config, { logger: pino({ level: 'silent' }), print: (t) => (printed += t) });
    // No admin in a fresh store: a one-time setup link is printed.
    expect(running.setupUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/setup#token=[A-Za-z0-9_-]{43}$/);
    expect(printed).toContain(running.setupUrl);
    await authorize(running.store.repository);
    const inFlight = post(`${running.url}/v1/evaluate/batch`, { tickets: Array.from({ length: 300 }, (_, i) => ticket({ id: `T-${i}` })), at: '2026-03-02T09:00:00+08:00' });
    await new Promise((ok) => setTimeout(ok, 20));
    const stopped = running.stop();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { results: unknown[] }).results).toHaveLength(300);
    await stopped;
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
  });
});
