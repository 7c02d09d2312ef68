// Every documented route (ROUTES, the list the OpenAPI document is made from) answered
// four ways: a request that succeeds, one with bad input, one without credentials, and
// one from a caller who may not (a role, a property, or an API key where keys are
// refused). A route without one of these says why. Only statuses, content types and the
// 401's challenge are checked here; each route's own tests check its answers in detail.
// Rows do not depend on each other: a row that changes state makes what it needs itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../../engine/index.js';
import { hashPassword, hashToken, newToken, ROUTES, type PolicyVersion, type PolicyVersionInfo, type Problem } from '../../../server/index.js';
import { setupTokenIfNoAdmin } from '../../../server/main.js';
import { startTestServer, TEST_COST, ticket, type TestServer } from './helper.js';
import { weeklySummary, withDuties } from '../duties/helpers.js';

/** Who sends a request: a signed-in user of each role, the system's API key, or nobody. */
type Who = 'admin' | 'quality' | 'manager' | 'viewer' | 'key' | 'nobody';

interface Request {
  /** The path, its parameters and query filled in. */
  path: string;
  /** Sent as JSON, or as it is when a string with `type`. */
  body?: unknown;
  type?: string;
  /** Over the credentials of `as` (a session of the request's own). */
  headers?: Record<string, string>;
  /** Another server than the matrix's. */
  url?: string;
}

interface Probe<Status extends number> {
  as: Who;
  status: Status;
  /** The request; a function when it must first read or make something. */
  request: Request | (() => Promise<Request>);
}

/** Why a route has no such request. */
interface None {
  none: string;
}

interface Row {
  success: Probe<200 | 201 | 204>;
  badInput: Probe<400 | 404 | 415 | 422> | None;
  /** The request sent without credentials (401 with a Bearer challenge), or why anyone may call. */
  unauthorised: Request | { public: string };
  forbidden: Probe<403> | None;
}

let server: TestServer;
const cleanups: (() => Promise<void>)[] = [];
const PASSWORD = 'correct horse battery';
const USERS = { admin: 'ada', quality: 'quinn', manager: 'mia', viewer: 'vic' } as const;
const credentials: Record<Who, Record<string, string>> = { admin: {}, quality: {}, manager: {}, viewer: {}, key: {}, nobody: {} };
const MINE = 'jinxiu-garden'; // mia's property
const THEIRS = 'xinghe-tower'; // vic's property, not mia's
let serial = 0;
const unique = (prefix: string): string => `${prefix}-${++serial}`;

async function signIn(name: string): Promise<string> {
  const res = await fetch(`${server.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password: PASSWORD }) });
  expect(res.status, `sign-in of ${name}`).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

beforeAll(async () => {
  server = await startTestServer();
  withDuties(server.app.locals.policies, [MINE, THEIRS], [weeklySummary]);
  const repo = server.store.repository;
  const passwordHash = await hashPassword(PASSWORD, TEST_COST);
  await repo.createUser({ name: USERS.admin, role: 'admin', passwordHash });
  await repo.createUser({ name: USERS.quality, role: 'quality', passwordHash });
  await repo.createUser({ name: USERS.manager, role: 'manager', passwordHash, properties: [MINE] });
  await repo.createUser({ name: USERS.viewer, role: 'viewer', passwordHash, properties: [THEIRS] });
  for (const [role, name] of Object.entries(USERS)) credentials[role as keyof typeof USERS] = { cookie: await signIn(name) };
  credentials.key = server.auth;
});
afterAll(async () => {
  for (const close of cleanups) await close();
  await server.close();
});

async function send(method: string, as: Who, request: Request): Promise<Response> {
  const headers: Record<string, string> = { ...credentials[as], ...request.headers };
  let body: string | undefined;
  if (request.body !== undefined) {
    headers['content-type'] = request.type ?? 'application/json';
    body = typeof request.body === 'string' && request.type !== undefined ? request.body : JSON.stringify(request.body);
  }
  return fetch(`${request.url ?? server.url}${request.path}`, { method, headers, body });
}

/** An admin's read of the store through the API. */
async function read<T>(path: string): Promise<T> {
  const res = await send('GET', 'admin', { path });
  expect(res.status, `GET ${path}`).toBe(200);
  return (await res.json()) as T;
}

const activeOf = (scope: string) => read<PolicyVersion>(`/v1/scopes/${scope}/policy`);

/** The scope's latest version (a draft may be newer than the active one), with its source. */
async function latestOf(scope: string): Promise<PolicyVersion> {
  const [latest] = (await read<{ versions: PolicyVersionInfo[] }>(`/v1/scopes/${scope}/policy/history`)).versions;
  return read<PolicyVersion>(`/v1/policy-versions/${latest!.id}`);
}

/** A draft request on the scope's latest version, its source edited. */
async function draftRequest(scope: string, edit: (source: string) => string): Promise<Request> {
  const latest = await latestOf(scope);
  return { path: `/v1/scopes/${scope}/policy/drafts`, body: { baseVersionId: latest.id, source: edit(latest.source) } };
}

/** A comment changes no section, so any writer of the scope may draft it. */
const comment = (source: string): string => `${source}\n// ${unique('routes matrix')}\n`;

/** A draft of the scope, by an admin. */
async function draftOf(scope: string): Promise<PolicyVersion> {
  const res = await send('POST', 'admin', await draftRequest(scope, comment));
  expect(res.status, `draft of ${scope}`).toBe(201);
  return (await res.json()) as PolicyVersion;
}

/** A ticket of the property, put in the store; its id. */
async function storedTicket(property: string): Promise<string> {
  const id = unique('MATRIX');
  await server.store.repository.upsertTicket(ticket({ id, property, unit: `${property}/engineering` }) as unknown as Ticket);
  return id;
}

const ndjson = (...tickets: unknown[]): string => tickets.map((t) => `${JSON.stringify(t)}\n`).join('');
const noInput = { none: 'takes no body, parameters or query' };
const anyCaller = { none: 'any API key or signed-in user, whatever the role, may call it' };
/** A public route without input. */
const open = (path: string): Row => ({ success: { as: 'nobody', status: 200, request: { path } }, badInput: noInput, unauthorised: { public: 'anyone may call it' }, forbidden: { none: 'public' } });

const MATRIX: Record<string, Row> = {
  'POST /v1/evaluate': {
    success: { as: 'key', status: 200, request: { path: '/v1/evaluate', body: { ticket: ticket() } } },
    badInput: { as: 'key', status: 400, request: { path: '/v1/evaluate', body: { ticket: ticket({ category: 'enginering' }) } } },
    unauthorised: { path: '/v1/evaluate', body: { ticket: ticket() } },
    forbidden: { as: 'viewer', status: 403, request: { path: '/v1/evaluate', body: { ticket: ticket() } } }, // the viewer's property is xinghe-tower
  },
  'POST /v1/evaluate/batch': {
    success: { as: 'key', status: 200, request: { path: '/v1/evaluate/batch', body: { tickets: [ticket()] } } },
    badInput: { as: 'key', status: 400, request: { path: '/v1/evaluate/batch', body: { tickets: 'all of them' } } },
    unauthorised: { path: '/v1/evaluate/batch', body: ndjson(ticket()), type: 'application/x-ndjson' },
    forbidden: { none: "a batch refuses a manager's or viewer's tickets of other properties one by one (H403 in their results), never the request" },
  },
  'POST /v1/auth/setup': {
    success: {
      as: 'nobody',
      status: 201,
      // Setup is for a store without an admin: a server of its own.
      request: async () => {
        const fresh = await startTestServer();
        cleanups.push(() => fresh.close());
        const token = await setupTokenIfNoAdmin(fresh.store.repository);
        return { url: fresh.url, path: '/v1/auth/setup', body: { token, name: 'root', password: PASSWORD } };
      },
    },
    badInput: { as: 'nobody', status: 400, request: { path: '/v1/auth/setup', body: { token: newToken(), name: 'root' } } },
    unauthorised: { public: 'the one-time token is the credential (a wrong one is a 401 without a challenge)' },
    forbidden: { none: 'whoever holds the setup token may use it' },
  },
  'POST /v1/auth/login': {
    success: { as: 'nobody', status: 200, request: { path: '/v1/auth/login', body: { name: USERS.viewer, password: PASSWORD } } },
    badInput: { as: 'nobody', status: 400, request: { path: '/v1/auth/login', body: { name: USERS.viewer } } },
    unauthorised: { public: 'signing in needs no session (a wrong password is a 401 without a challenge)' },
    forbidden: { none: 'every enabled user may sign in' },
  },
  'POST /v1/auth/logout': {
    // A session of its own: the viewer's shared one lives on.
    success: { as: 'viewer', status: 204, request: async () => ({ path: '/v1/auth/logout', headers: { cookie: await signIn(USERS.viewer) } }) },
    badInput: { none: 'takes no body; an unknown or missing session is signed out all the same' },
    unauthorised: { public: 'signing out without a session is harmless (204)' },
    forbidden: { none: 'anyone may end the session they hold' },
  },
  'GET /v1/auth/me': {
    success: { as: 'key', status: 200, request: { path: '/v1/auth/me' } },
    badInput: noInput,
    unauthorised: { path: '/v1/auth/me' },
    forbidden: anyCaller,
  },
  'POST /v1/users': {
    success: { as: 'admin', status: 201, request: async () => ({ path: '/v1/users', body: { name: unique('user'), role: 'manager', password: PASSWORD, properties: [MINE] } }) },
    badInput: { as: 'admin', status: 400, request: { path: '/v1/users', body: { name: 'kim', role: 'owner', password: PASSWORD } } },
    unauthorised: { path: '/v1/users', body: { name: 'kim', role: 'viewer', password: PASSWORD } },
    forbidden: { as: 'quality', status: 403, request: { path: '/v1/users', body: { name: 'kim', role: 'admin', password: PASSWORD } } },
  },
  'GET /v1/organisations': {
    success: { as: 'viewer', status: 200, request: { path: '/v1/organisations' } },
    badInput: noInput,
    unauthorised: { path: '/v1/organisations' },
    forbidden: { as: 'key', status: 403, request: { path: '/v1/organisations' } },
  },
  'POST /v1/organisations': {
    success: { as: 'admin', status: 201, request: async () => ({ path: '/v1/organisations', body: { kind: 'property', id: unique('court'), name: '兰亭苑', parentId: 'default', households: 920, timeZone: 'Asia/Shanghai' } }) },
    badInput: { as: 'admin', status: 400, request: { path: '/v1/organisations', body: { kind: 'property', id: 'no-households', name: 'x', parentId: 'default' } } },
    unauthorised: { path: '/v1/organisations', body: { kind: 'group', id: 'g', name: 'g' } },
    forbidden: { as: 'quality', status: 403, request: { path: '/v1/organisations', body: { kind: 'group', id: 'g', name: 'g' } } },
  },
  'PATCH /v1/properties/{id}': {
    success: { as: 'admin', status: 200, request: { path: `/v1/properties/${MINE}`, body: { name: '锦绣花园' } } },
    badInput: { as: 'admin', status: 400, request: { path: `/v1/properties/${MINE}`, body: { households: -1 } } },
    unauthorised: { path: `/v1/properties/${MINE}`, body: { name: 'x' } },
    forbidden: { as: 'manager', status: 403, request: { path: `/v1/properties/${MINE}`, body: { name: 'x' } } },
  },
  'PUT /v1/properties/{id}/units': {
    success: { as: 'admin', status: 200, request: { path: `/v1/properties/${MINE}/units`, body: { units: [{ id: `${MINE}/engineering`, name: '工程部' }] } } },
    badInput: { as: 'admin', status: 404, request: { path: '/v1/properties/nowhere/units', body: { units: [] } } },
    unauthorised: { path: `/v1/properties/${MINE}/units`, body: { units: [] } },
    forbidden: { as: 'viewer', status: 403, request: { path: `/v1/properties/${MINE}/units`, body: { units: [] } } },
  },
  'GET /v1/users': {
    success: { as: 'admin', status: 200, request: { path: '/v1/users' } },
    badInput: noInput,
    unauthorised: { path: '/v1/users' },
    forbidden: { as: 'key', status: 403, request: { path: '/v1/users' } },
  },
  'POST /v1/keys': {
    success: { as: 'admin', status: 201, request: async () => ({ path: '/v1/keys', body: { name: unique('crm') } }) },
    badInput: { as: 'admin', status: 400, request: { path: '/v1/keys', body: { label: 'crm' } } },
    unauthorised: { path: '/v1/keys', body: { name: 'crm' } },
    forbidden: { as: 'manager', status: 403, request: { path: '/v1/keys', body: { name: 'crm' } } },
  },
  'DELETE /v1/keys/{id}': {
    success: {
      as: 'admin',
      status: 200,
      request: async () => {
        const repo = server.store.repository;
        const owner = (await repo.listUsers()).find((u) => u.name === USERS.admin)!;
        const key = await repo.createApiKey({ userId: owner.id, name: unique('doomed'), keyHash: hashToken(newToken()) });
        return { path: `/v1/keys/${key.id}` };
      },
    },
    badInput: { as: 'admin', status: 404, request: { path: '/v1/keys/no-such-key' } },
    unauthorised: { path: '/v1/keys/no-such-key' },
    forbidden: { as: 'key', status: 403, request: { path: '/v1/keys/no-such-key' } },
  },
  'GET /v1/scopes/{scope}/policy': {
    success: { as: 'manager', status: 200, request: { path: `/v1/scopes/${MINE}/policy` } },
    badInput: { as: 'admin', status: 404, request: { path: '/v1/scopes/nowhere/policy' } },
    unauthorised: { path: `/v1/scopes/${MINE}/policy` },
    forbidden: { as: 'manager', status: 403, request: { path: `/v1/scopes/${THEIRS}/policy` } },
  },
  'GET /v1/scopes/{scope}/policy/history': {
    success: { as: 'viewer', status: 200, request: { path: '/v1/scopes/huayu-group/policy/history' } },
    badInput: { as: 'admin', status: 404, request: { path: '/v1/scopes/nowhere/policy/history' } },
    unauthorised: { path: `/v1/scopes/${MINE}/policy/history` },
    forbidden: { as: 'viewer', status: 403, request: { path: `/v1/scopes/${MINE}/policy/history` } },
  },
  'GET /v1/libraries': {
    success: { as: 'viewer', status: 200, request: { path: '/v1/libraries' } },
    badInput: { none: 'takes no input' },
    unauthorised: { path: '/v1/libraries' },
    forbidden: { as: 'key', status: 403, request: { path: '/v1/libraries' } },
  },
  'GET /v1/scopes/{scope}/policy/effective': {
    success: { as: 'quality', status: 200, request: { path: `/v1/scopes/${THEIRS}/policy/effective` } },
    badInput: { as: 'admin', status: 404, request: { path: '/v1/scopes/nowhere/policy/effective' } },
    unauthorised: { path: `/v1/scopes/${MINE}/policy/effective` },
    forbidden: { as: 'key', status: 403, request: { path: `/v1/scopes/${MINE}/policy/effective` } },
  },
  'POST /v1/scopes/{scope}/policy/drafts': {
    success: { as: 'manager', status: 201, request: () => draftRequest(MINE, comment) },
    badInput: { as: 'admin', status: 422, request: () => draftRequest(MINE, (s) => s.replace(/engineering\/urgent: \d+m/, 'engineering/urgent: oops')) },
    unauthorised: { path: `/v1/scopes/${MINE}/policy/drafts`, body: { baseVersionId: null, source: 'property x' } },
    forbidden: { as: 'manager', status: 403, request: { path: `/v1/scopes/${THEIRS}/policy/drafts`, body: { baseVersionId: null, source: 'property x' } } },
  },
  'POST /v1/policy-versions/{id}/activate': {
    success: { as: 'quality', status: 200, request: async () => ({ path: `/v1/policy-versions/${(await draftOf(MINE)).id}/activate` }) },
    badInput: { as: 'admin', status: 404, request: { path: '/v1/policy-versions/no-such-version/activate' } },
    unauthorised: { path: '/v1/policy-versions/no-such-version/activate' },
    forbidden: { as: 'manager', status: 403, request: async () => ({ path: `/v1/policy-versions/${(await draftOf(THEIRS)).id}/activate` }) },
  },
  'POST /v1/scopes/{scope}/policy/rollback': {
    success: {
      as: 'admin',
      status: 200,
      // An activation of its own to roll back.
      request: async () => {
        const res = await send('POST', 'admin', { path: `/v1/policy-versions/${(await draftOf(THEIRS)).id}/activate` });
        expect(res.status, 'activation before the rollback').toBe(200);
        return { path: `/v1/scopes/${THEIRS}/policy/rollback` };
      },
    },
    badInput: { as: 'admin', status: 404, request: { path: '/v1/scopes/nowhere/policy/rollback' } },
    unauthorised: { path: `/v1/scopes/${THEIRS}/policy/rollback` },
    forbidden: { as: 'viewer', status: 403, request: { path: `/v1/scopes/${THEIRS}/policy/rollback` } },
  },
  'GET /v1/policy-versions/{id}': {
    success: { as: 'viewer', status: 200, request: async () => ({ path: `/v1/policy-versions/${(await activeOf(THEIRS)).id}` }) },
    badInput: { as: 'admin', status: 404, request: { path: '/v1/policy-versions/no-such-version' } },
    unauthorised: { path: '/v1/policy-versions/no-such-version' },
    forbidden: { as: 'manager', status: 403, request: async () => ({ path: `/v1/policy-versions/${(await activeOf(THEIRS)).id}` }) },
  },
  'GET /v1/policy-versions/{a}/diff/{b}': {
    success: { as: 'quality', status: 200, request: async () => ({ path: `/v1/policy-versions/${(await activeOf(MINE)).id}/diff/${(await activeOf(THEIRS)).id}` }) },
    badInput: { as: 'admin', status: 404, request: async () => ({ path: `/v1/policy-versions/${(await activeOf(MINE)).id}/diff/no-such-version` }) },
    unauthorised: { path: '/v1/policy-versions/a/diff/b' },
    forbidden: { as: 'viewer', status: 403, request: async () => ({ path: `/v1/policy-versions/${(await activeOf(MINE)).id}/diff/${(await activeOf(THEIRS)).id}` }) },
  },
  'PUT /v1/tickets/{id}': {
    success: {
      as: 'key',
      status: 201,
      request: async () => {
        const id = unique('MATRIX');
        return { path: `/v1/tickets/${id}`, body: ticket({ id }) };
      },
    },
    badInput: { as: 'key', status: 400, request: { path: '/v1/tickets/JX-1', body: ticket({ id: 'JX-2' }) } },
    unauthorised: { path: '/v1/tickets/JX-1', body: ticket() },
    forbidden: { as: 'viewer', status: 403, request: { path: '/v1/tickets/XH-1', body: ticket({ id: 'XH-1', property: THEIRS, unit: `${THEIRS}/engineering` }) } },
  },
  'POST /v1/tickets/import': {
    success: { as: 'key', status: 200, request: async () => ({ path: '/v1/tickets/import', body: ndjson(ticket({ id: unique('MATRIX') })), type: 'application/x-ndjson' }) },
    badInput: { as: 'key', status: 400, request: { path: '/v1/tickets/import', body: 'id,property,colour\r\nJX-1,jinxiu-garden,red\r\n', type: 'text/csv' } },
    unauthorised: { path: '/v1/tickets/import', body: ndjson(ticket()), type: 'application/x-ndjson' },
    forbidden: { as: 'viewer', status: 403, request: { path: '/v1/tickets/import', body: ndjson(ticket()), type: 'application/x-ndjson' } },
  },
  'GET /v1/tickets/{id}': {
    success: { as: 'manager', status: 200, request: async () => ({ path: `/v1/tickets/${await storedTicket(MINE)}` }) },
    badInput: { as: 'admin', status: 404, request: { path: '/v1/tickets/NO-SUCH-TICKET' } },
    unauthorised: { path: '/v1/tickets/JX-1' },
    forbidden: { as: 'viewer', status: 403, request: async () => ({ path: `/v1/tickets/${await storedTicket(MINE)}` }) },
  },
  'GET /v1/units/{unit}/scores': {
    success: { as: 'quality', status: 200, request: { path: `/v1/units/${encodeURIComponent(`${MINE}/engineering`)}/scores?period=2026-03` } },
    badInput: { as: 'quality', status: 400, request: { path: `/v1/units/${encodeURIComponent(`${MINE}/engineering`)}/scores?period=March` } },
    unauthorised: { path: `/v1/units/${encodeURIComponent(`${MINE}/engineering`)}/scores?period=2026-03` },
    forbidden: {
      as: 'manager',
      status: 403,
      request: async () => {
        await storedTicket(THEIRS); // the unit is known to be of xinghe-tower once it has a ticket
        return { path: `/v1/units/${encodeURIComponent(`${THEIRS}/engineering`)}/scores?period=2026-03` };
      },
    },
  },
  'GET /v1/units/{unit}/ledger': {
    success: { as: 'quality', status: 200, request: { path: `/v1/units/${encodeURIComponent(`${MINE}/engineering`)}/ledger?period=2026-03` } },
    badInput: { as: 'quality', status: 400, request: { path: `/v1/units/${encodeURIComponent(`${MINE}/engineering`)}/ledger?period=March` } },
    unauthorised: { path: `/v1/units/${encodeURIComponent(`${MINE}/engineering`)}/ledger?period=2026-03` },
    forbidden: {
      as: 'manager',
      status: 403,
      request: async () => {
        await storedTicket(THEIRS);
        return { path: `/v1/units/${encodeURIComponent(`${THEIRS}/engineering`)}/ledger?period=2026-03` };
      },
    },
  },
  'GET /v1/duties': {
    success: { as: 'viewer', status: 200, request: { path: `/v1/duties?property=${THEIRS}&period=2026-03` } },
    badInput: { as: 'admin', status: 400, request: { path: `/v1/duties?property=${MINE}&period=March` } },
    unauthorised: { path: `/v1/duties?property=${MINE}&period=2026-03` },
    forbidden: { as: 'viewer', status: 403, request: { path: `/v1/duties?property=${MINE}&period=2026-03` } },
  },
  'POST /v1/duties/{id}/done': {
    success: { as: 'manager', status: 201, request: { path: '/v1/duties/weekly_summary/done', body: { property: MINE, occurrence: '2026-03-06' } } },
    badInput: { as: 'manager', status: 400, request: { path: '/v1/duties/weekly_summary/done', body: { property: MINE, occurrence: '2026-03-05' } } },
    unauthorised: { path: '/v1/duties/weekly_summary/done', body: { property: MINE, occurrence: '2026-03-06' } },
    forbidden: { as: 'manager', status: 403, request: { path: '/v1/duties/weekly_summary/done', body: { property: THEIRS, occurrence: '2026-03-06' } } },
  },
  'GET /v1/audit': {
    success: { as: 'admin', status: 200, request: { path: `/v1/audit?property=${MINE}&period=2026-03` } },
    badInput: { as: 'quality', status: 400, request: { path: '/v1/audit?limit=0' } },
    unauthorised: { path: '/v1/audit' },
    forbidden: { as: 'manager', status: 403, request: { path: `/v1/audit?property=${MINE}` } },
  },
  'POST /v1/simulate': {
    success: { as: 'quality', status: 200, request: async () => ({ path: '/v1/simulate', body: { property: MINE, source: (await activeOf(MINE)).source, tickets: [ticket()] } }) },
    badInput: { as: 'admin', status: 400, request: { path: '/v1/simulate', body: { property: MINE } } },
    unauthorised: { path: '/v1/simulate', body: { property: MINE, source: 'x', period: '2026-03' } },
    forbidden: { as: 'manager', status: 403, request: { path: '/v1/simulate', body: { property: THEIRS, source: 'x', period: '2026-03' } } },
  },
  // Issue 12.
  'GET /v1/tickets': {
    success: { as: 'manager', status: 200, request: { path: `/v1/tickets?property=${MINE}&state=open&limit=10` } },
    badInput: { as: 'key', status: 400, request: { path: '/v1/tickets?dueBefore=3000-01-01T00:00:00Z' } },
    unauthorised: { path: '/v1/tickets' },
    forbidden: { as: 'manager', status: 403, request: { path: `/v1/tickets?property=${THEIRS}` } },
  },
  'PATCH /v1/users/{id}': {
    success: {
      as: 'admin',
      status: 200,
      request: async () => {
        const user = await server.store.repository.createUser({ name: unique('patched'), role: 'viewer', passwordHash: 'scrypt$unusable' });
        return { path: `/v1/users/${user.id}`, body: { role: 'manager', properties: [MINE] } };
      },
    },
    badInput: { as: 'admin', status: 400, request: { path: '/v1/users/anyone', body: { role: 'owner' } } },
    unauthorised: { path: '/v1/users/anyone', body: { disabled: true } },
    forbidden: { as: 'quality', status: 403, request: { path: '/v1/users/anyone', body: { disabled: true } } },
  },
  'POST /v1/users/{id}/password-reset': {
    success: {
      as: 'admin',
      status: 200,
      request: async () => {
        const user = await server.store.repository.createUser({ name: unique('forgetful'), role: 'viewer', passwordHash: 'scrypt$unusable' });
        return { path: `/v1/users/${user.id}/password-reset` };
      },
    },
    badInput: { as: 'admin', status: 404, request: { path: '/v1/users/nobody/password-reset' } },
    unauthorised: { path: '/v1/users/anyone/password-reset' },
    forbidden: { as: 'manager', status: 403, request: { path: '/v1/users/anyone/password-reset' } },
  },
  'GET /v1/keys': {
    success: { as: 'admin', status: 200, request: { path: '/v1/keys' } },
    badInput: noInput,
    unauthorised: { path: '/v1/keys' },
    forbidden: { as: 'key', status: 403, request: { path: '/v1/keys' } },
  },
  'GET /v1/notification-channels': {
    success: { as: 'admin', status: 200, request: { path: '/v1/notification-channels' } },
    badInput: noInput,
    unauthorised: { path: '/v1/notification-channels' },
    forbidden: { as: 'quality', status: 403, request: { path: '/v1/notification-channels' } },
  },
  'POST /v1/notification-channels': {
    success: { as: 'admin', status: 201, request: { path: '/v1/notification-channels', body: { name: 'ops', kind: 'webhook', url: 'https://hooks.example.com/beacon', roles: ['*'] } } },
    badInput: { as: 'admin', status: 400, request: { path: '/v1/notification-channels', body: { name: 'ops', kind: 'webhook', url: 'file:///etc/passwd', roles: ['*'] } } },
    unauthorised: { path: '/v1/notification-channels', body: { name: 'ops', kind: 'webhook', url: 'https://hooks.example.com/beacon', roles: ['*'] } },
    forbidden: { as: 'key', status: 403, request: { path: '/v1/notification-channels', body: { name: 'ops', kind: 'webhook', url: 'https://hooks.example.com/beacon', roles: ['*'] } } },
  },
  'PATCH /v1/notification-channels/{id}': {
    success: {
      as: 'admin',
      status: 200,
      request: async () => {
        const c = await server.store.repository.createChannel({ name: unique('ch'), kind: 'webhook', url: 'https://hooks.example.com/x', roles: ['*'] });
        return { path: `/v1/notification-channels/${c.id}`, body: { enabled: false } };
      },
    },
    badInput: { as: 'admin', status: 400, request: { path: '/v1/notification-channels/any', body: {} } },
    unauthorised: { path: '/v1/notification-channels/any', body: { enabled: false } },
    forbidden: { as: 'manager', status: 403, request: { path: '/v1/notification-channels/any', body: { enabled: false } } },
  },
  'DELETE /v1/notification-channels/{id}': {
    success: {
      as: 'admin',
      status: 200,
      request: async () => {
        const c = await server.store.repository.createChannel({ name: unique('ch'), kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', roles: ['*'] });
        return { path: `/v1/notification-channels/${c.id}` };
      },
    },
    badInput: { as: 'admin', status: 404, request: { path: '/v1/notification-channels/no-such-channel' } },
    unauthorised: { path: '/v1/notification-channels/any' },
    forbidden: { as: 'quality', status: 403, request: { path: '/v1/notification-channels/any' } },
  },
  'GET /v1/notifications': {
    success: { as: 'quality', status: 200, request: { path: '/v1/notifications?status=pending' } },
    badInput: { as: 'admin', status: 400, request: { path: '/v1/notifications?limit=0' } },
    unauthorised: { path: '/v1/notifications' },
    forbidden: { as: 'manager', status: 403, request: { path: '/v1/notifications' } },
  },
  'GET /healthz': open('/healthz'),
  'GET /readyz': open('/readyz'),
  // Issue 9: it was open to anyone.
  'GET /metrics': {
    success: { as: 'admin', status: 200, request: { path: '/metrics' } },
    badInput: noInput,
    unauthorised: { path: '/metrics' },
    forbidden: { as: 'quality', status: 403, request: { path: '/metrics' } },
  },
  'GET /v1/openapi.json': open('/v1/openapi.json'),
  'GET /v1/docs': open('/v1/docs'),
  'GET /v1/auth/setup': open('/v1/auth/setup?token=from-the-link'),
};

/** Routes the app serves that ROUTES leaves out, each with why. */
const UNDOCUMENTED: Record<string, string> = {
};

const documented = ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path}`);

/** Every method and path the app routes, in OpenAPI's `{param}` form, read from Express's router. */
function servedRoutes(): string[] {
  interface Layer {
    route?: { path: string | string[]; methods: Record<string, boolean> };
    handle?: { stack?: Layer[] };
  }
  const out = new Set<string>();
  const walk = (stack: Layer[]): void => {
    for (const layer of stack) {
      if (layer.route) {
        for (const path of [layer.route.path].flat()) for (const method of Object.keys(layer.route.methods)) out.add(`${method.toUpperCase()} ${path.replace(/:(\w+)/g, '{$1}')}`);
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((server.app as unknown as { router: { stack: Layer[] } }).router.stack);
  return [...out];
}

const resolved = async (request: Probe<number>['request']): Promise<Request> => (typeof request === 'function' ? request() : request);
const isProblem = (res: Response): boolean => /^application\/problem\+json/.test(res.headers.get('content-type') ?? '');

async function expectProblem(res: Response, what: string, status: number): Promise<Problem> {
  expect(res.status, what).toBe(status);
  expect(res.headers.get('content-type'), what).toMatch(/^application\/problem\+json/);
  return (await res.json()) as Problem;
}

describe('the route matrix', () => {
  it('has one row per documented route, and no other', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...documented].sort());
  });

  it('documents every route the app serves, and the app serves every documented route', () => {
    expect(servedRoutes().sort()).toEqual([...documented, ...Object.keys(UNDOCUMENTED)].sort());
  });

  for (const [route, row] of Object.entries(MATRIX)) {
    const method = route.split(' ')[0]!;
    it(`${route}: success, bad input, unauthorised, forbidden`, async () => {
      const success = await send(method, row.success.as, await resolved(row.success.request));
      const what = `${route} succeeding as ${row.success.as}`;
      expect(success.status, `${what}: ${isProblem(success) ? await success.text() : ''}`).toBe(row.success.status);
      expect(isProblem(success), what).toBe(false);
      await success.arrayBuffer(); // a streamed answer ends

      if ('as' in row.badInput) {
        const problem = await expectProblem(await send(method, row.badInput.as, await resolved(row.badInput.request)), `${route} with bad input`, row.badInput.status);
        const named = (problem.errors ?? []).some((e) => typeof e.pointer === 'string') || (problem.detail ?? '') !== '';
        expect(named, `${route}: the problem names the mistake (errors[].pointer or detail)`).toBe(true);
      } else expect(row.badInput.none).not.toBe('');

      if ('path' in row.unauthorised) {
        const res = await send(method, 'nobody', row.unauthorised);
        await expectProblem(res, `${route} without credentials`, 401);
        expect(res.headers.get('www-authenticate'), `${route}: the 401's challenge`).toMatch(/^Bearer/);
      } else expect(row.unauthorised.public).not.toBe('');

      if ('as' in row.forbidden) await expectProblem(await send(method, row.forbidden.as, await resolved(row.forbidden.request)), `${route} as ${row.forbidden.as}`, 403);
      else expect(row.forbidden.none).not.toBe('');
    });
  }
});
