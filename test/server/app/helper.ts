// An app on in-memory PGlite (started from a made, migrated database: test/server/store/pglite-template.ts)
// with the shipped policies imported, listening on an ephemeral port.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pino } from 'pino';
import { migratedPglite } from '../store/pglite-template.js';
import { createApp, hashPassword, hashToken, importPolicies, librariesOf, readPropertyRecords, newToken, openStore, readPolicyFolder, type App, type AppOptions, type Repository, type Role, type ScryptCost, type Store } from '../../../server/index.js';

export const POLICIES = resolve(import.meta.dirname, '../../../policies');
export const NOW = new Date('2026-03-02T01:00:00Z'); // 09:00 in Shanghai

export interface TestServer {
  url: string;
  app: App;
  store: Store;
  /** Headers of a system's API key: `{ authorization: 'Bearer …' }`. */
  auth: Record<string, string>;
  close(): Promise<void>;
}

/** Headers post() sends unless told otherwise: the last key authorize() made. */
let defaultAuth: Record<string, string> = {};

/**
 * A system user with an API key; post() sends the key from now on. Returns its headers.
 * The user is of the quality department: a key acts with at most its owner's rights, so a
 * system serving the whole group needs a key of a user who works across it (not an admin,
 * so that a test server still needs its first admin).
 * Its password hash verifies nothing: the system never signs in.
 */
export async function authorize(repository: Repository, name = 'test-system', role: Role = 'quality', properties: string[] = []): Promise<Record<string, string>> {
  const user = await repository.createUser({ name, role, passwordHash: 'scrypt$unusable', properties });
  const key = newToken();
  await repository.createApiKey({ userId: user.id, name: `${name} key`, keyHash: hashToken(key) });
  defaultAuth = { authorization: `Bearer ${key}` };
  return defaultAuth;
}

export async function startTestServer(options: Partial<AppOptions> = {}): Promise<TestServer> {
  const store = await openStore({ backend: 'memory', from: await migratedPglite() });
  const files = readPolicyFolder(POLICIES);
  await importPolicies(store.repository, files, undefined, readPropertyRecords(POLICIES));
  const app = createApp({
    repository: store.repository,
    libraries: librariesOf(files),
    now: () => NOW,
    logger: pino({ level: 'silent' }),
    ...options,
    auth: { passwords: { cost: TEST_COST }, ...options.auth },
  });
  const auth = await authorize(store.repository);
  const server = await new Promise<Server>((ok) => {
    const s = app.listen(0, '127.0.0.1', () => ok(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    app,
    store,
    auth,
    async close() {
      await new Promise<void>((ok) => server.close(() => ok()));
      app.locals.close();
      await store.close();
    },
  };
}

/** The password every user of signInUsers has. */
export const TEST_PASSWORD = 'correct horse battery';

/**
 * The scrypt cost of the tests' password hashes and of test servers' new ones: a
 * thousandth of the real cost (PASSWORD_COST, half a second a hash), which tests of the
 * cost itself use explicitly.
 */
export const TEST_COST: ScryptCost = { N: 2 ** 10, r: 8, p: 1 };

/**
 * Creates users (name -> role, and the properties assigned to them) and signs each in:
 * their request headers by name, a session cookie and no API key.
 */
export async function signInUsers(server: TestServer, users: Record<string, { role: Role; properties?: string[] }>): Promise<Record<string, Record<string, string>>> {
  const passwordHash = await hashPassword(TEST_PASSWORD, TEST_COST);
  const headers: Record<string, Record<string, string>> = {};
  for (const [name, { role, properties }] of Object.entries(users)) {
    await server.store.repository.createUser({ name, role, passwordHash, ...(properties ? { properties } : {}) });
    const res = await fetch(`${server.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password: TEST_PASSWORD }) });
    if (res.status !== 200) throw new Error(`${name} could not sign in: ${res.status} ${await res.text()}`);
    headers[name] = { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, authorization: '' };
  }
  return headers;
}

export function ticket(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'JX-1',
    property: 'jinxiu-garden',
    unit: 'jinxiu-garden/engineering',
    category: 'engineering',
    priority: 'urgent',
    kind: 'repair',
    channel: 'phone',
    createdAt: '2026-03-02T07:55:00+08:00',
    events: [
      { type: 'received', at: '2026-03-02T07:55:00+08:00' },
      { type: 'accepted', at: '2026-03-02T08:00:00+08:00' },
      { type: 'contacted', at: '2026-03-02T08:12:00+08:00' },
    ],
    ...overrides,
  };
}

export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...defaultAuth, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
