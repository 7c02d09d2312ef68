// An app on pg-mem with the shipped policies imported, listening on an ephemeral port.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pino } from 'pino';
import { createApp, importPolicies, librariesOf, openStore, readPolicyFolder, type App, type Store } from '../../../server/index.js';

export const POLICIES = resolve(import.meta.dirname, '../../../policies');
export const NOW = new Date('2026-03-02T01:00:00Z'); // 09:00 in Shanghai

export interface TestServer {
  url: string;
  app: App;
  store: Store;
  close(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const store = await openStore({ backend: 'memory' });
  const files = readPolicyFolder(POLICIES);
  await importPolicies(store.repository, files);
  const app = createApp({ repository: store.repository, libraries: librariesOf(files), now: () => NOW, logger: pino({ level: 'silent' }) });
  const server = await new Promise<Server>((ok) => {
    const s = app.listen(0, '127.0.0.1', () => ok(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    app,
    store,
    async close() {
      await new Promise<void>((ok) => server.close(() => ok()));
      await store.close();
    },
  };
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
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
