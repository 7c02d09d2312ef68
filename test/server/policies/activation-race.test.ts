// Issue 9, item 6: a manager's activation or rollback is judged inside the transaction
// that changes the active version, so an admin's activation committed in between is
// what it is judged against (and refused over), never silently overwritten. The race is
// made deterministic by running the admin's activation exactly between the route's
// first look and the store's transaction: the repository the app is given runs it just
// before delegating activate or rollback. On pg-mem, PGlite and (with
// TEST_DATABASE_URL) PostgreSQL.
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, importPolicies, librariesOf, readPropertyRecords, openStore, readPolicyFolder, type PolicyVersion, type Repository, type Store, type StoreConfig } from '../../../server/index.js';
import { NOW, POLICIES, post, signInUsers, type TestServer } from '../app/helper.js';
import { SCOPE } from './helper.js';

const url = process.env.TEST_DATABASE_URL;

interface Backend {
  name: string;
  open(): Promise<{ config: StoreConfig; dispose(): Promise<void> }>;
}

const backends: Backend[] = [
  { name: 'pg-mem', open: async () => ({ config: { backend: 'memory' }, dispose: async () => undefined }) },
  {
    name: 'PGlite',
    async open() {
      const dir = await mkdtemp(join(tmpdir(), 'beacon-race-'));
      return { config: { backend: 'pglite', dir }, dispose: () => rm(dir, { recursive: true, force: true }) };
    },
  },
  ...(url
    ? [
        {
          name: 'PostgreSQL',
          async open() {
            const schema = `beacon_test_${randomBytes(6).toString('hex')}`;
            const admin = new pg.Pool({ connectionString: url, max: 1 });
            await admin.query(`CREATE SCHEMA ${schema}`);
            return {
              config: { backend: 'postgres' as const, url, options: { schema } },
              dispose: async () => {
                await admin.query(`DROP SCHEMA ${schema} CASCADE`);
                await admin.end();
              },
            };
          },
        },
      ]
    : []),
];

/** Runs `meanwhile` once, just before the next activate or rollback reaches the store. */
function interleaving(inner: Repository): { repository: Repository; next(meanwhile: () => Promise<unknown>): void } {
  let pending: (() => Promise<unknown>) | undefined;
  const repository = new Proxy(inner, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if ((key !== 'activate' && key !== 'rollback') || typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const run = pending;
        pending = undefined;
        await run?.();
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { repository, next: (meanwhile) => (pending = meanwhile) };
}

describe.each(backends)('a manager activating or rolling back while an admin activates ($name)', (backend) => {
  let server: TestServer;
  let store: Store;
  let dispose: () => Promise<void>;
  let race: ReturnType<typeof interleaving>;
  let cookies: Record<string, Record<string, string>>;

  beforeAll(async () => {
    const opened = await backend.open();
    dispose = opened.dispose;
    store = await openStore(opened.config);
    const files = readPolicyFolder(POLICIES);
    await importPolicies(store.repository, files, undefined, readPropertyRecords(POLICIES));
    race = interleaving(store.repository);
    const app = createApp({ repository: race.repository, libraries: librariesOf(files), now: () => NOW, logger: pino({ level: 'silent' }) });
    const listening = await new Promise<Server>((ok) => {
      const s = app.listen(0, '127.0.0.1', () => ok(s));
    });
    server = {
      url: `http://127.0.0.1:${(listening.address() as AddressInfo).port}`,
      app,
      store,
      auth: {},
      async close() {
        await new Promise<void>((ok) => listening.close(() => ok()));
        app.locals.close();
        await store.close();
      },
    };
    cookies = await signInUsers(server, { ada: { role: 'admin' }, mia: { role: 'manager', properties: [SCOPE] } });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await dispose?.();
  });

  const postAs = (as: string, path: string, body: unknown = {}) => post(`${server.url}${path}`, body, cookies[as]);
  const activate = (as: string, id: string) => postAs(as, `/v1/policy-versions/${id}/activate`);
  async function draftOnHead(as: string, edit: (source: string) => string): Promise<PolicyVersion> {
    const head = (await store.repository.headVersion(SCOPE))!;
    const res = await postAs(as, `/v1/scopes/${SCOPE}/policy/drafts`, { baseVersionId: head.id, source: edit(head.source) });
    expect(res.status).toBe(201);
    return (await res.json()) as PolicyVersion;
  }
  const cleaningTarget = (value: string) => (s: string) =>
    /cleaning\/urgent: \d+m/.test(s) ? s.replace(/cleaning\/urgent: \d+m/, `cleaning/urgent: ${value}`) : s.replace(/(engineering\/urgent: \d+m)/, `$1\n    cleaning/urgent: ${value}`);

  // The shipped policies have no parameter only warnings read any more (households is the
  // property's record): the admin changes the penalties, quality's and admins' section.
  const redPoints = (points: string) => (s: string) =>
    /\npenalties \{\n  red [\d.]+ points?\n\}\n/.test(s) ? s.replace(/(\npenalties \{\n  red )[\d.]+ points?/, `$1${points} points`) : `${s}\npenalties {\n  red ${points} points\n}\n`;

  it("refuses the manager's activation (403) when an admin's activation lands between the first look and the switch", async () => {
    const mine = await draftOnHead('mia', cleaningTarget('11m'));
    const admins = await draftOnHead('ada', redPoints('2'));
    race.next(async () => expect((await activate('ada', admins.id)).status).toBe(200));
    const res = await activate('mia', mine.id);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/penalt/);
    // The admin's version stays active.
    expect((await store.repository.activeVersion(SCOPE))!.id).toBe(admins.id);
  });

  it("refuses the manager's rollback (403) when it would now undo an admin's activation", async () => {
    const mine = await draftOnHead('mia', cleaningTarget('12m'));
    expect((await activate('mia', mine.id)).status).toBe(200);
    // The manager looks: rolling back undoes only their own target. Then the admin activates.
    const admins = await draftOnHead('ada', redPoints('3'));
    race.next(async () => expect((await activate('ada', admins.id)).status).toBe(200));
    const res = await postAs('mia', `/v1/scopes/${SCOPE}/policy/rollback`);
    expect(res.status).toBe(403);
    expect((await store.repository.activeVersion(SCOPE))!.id).toBe(admins.id);
  });
});
