// The OpenAPI 3.1 document, generated from the request and response schemas (OpenAPI
// 3.1 speaks JSON Schema 2020-12, so they go in as they are, their $ids turned into
// component references), and a readable HTML page of the same routes.
import { evaluationResultSchema, ticketSchema } from '../engine/index.js';
import {
  batchRequestSchema,
  batchResponseSchema,
  evaluateRequestSchema,
  evaluateResponseSchema,
  healthSchema,
  MAX_BATCH,
  ndjsonLineSchema,
  problemSchema,
  readySchema,
  apiKeySchema,
  loginRequestSchema,
  meResponseSchema,
  newKeyRequestSchema,
  newKeyResponseSchema,
  newUserRequestSchema,
  sessionResponseSchema,
  setupRequestSchema,
  userListSchema,
  organisationSchema,
  organisationListSchema,
  newOrganisationRequestSchema,
  propertyChangesSchema,
  unitsRequestSchema,
  userSchema,
  activationResponseSchema,
  effectivePolicySchema,
  newDraftRequestSchema,
  newDraftResponseSchema,
  activateRequestSchema,
  rollbackRequestSchema,
  testReportSchema,
  policyDiffSchema,
  policyHistorySchema,
  librariesSchema,
  policyVersionInfoSchema,
  policyVersionSchema,
  ledgerEntrySchema,
  importLineSchema,
  ticketUpsertResponseSchema,
  unitScoresSchema,
  simulateRequestSchema,
  simulateResponseSchema,
  simulateNdjsonLineSchema,
  MAX_SIMULATE_TICKETS,
  dutyBoardSchema,
  dutyDoneRequestSchema,
  dutyFulfilmentSchema,
} from './schemas/index.js';
import { ADMIN_COMPONENTS, ADMIN_QUERY_PARAMETERS, ADMIN_ROUTES } from './openapi-admin.js';

/** Each named schema becomes #/components/schemas/<name>; references to its $id point there. */
const COMPONENTS = {
  Ticket: ticketSchema,
  EvaluationResult: evaluationResultSchema,
  EvaluateRequest: evaluateRequestSchema,
  EvaluateResponse: evaluateResponseSchema,
  BatchRequest: batchRequestSchema,
  BatchResponse: batchResponseSchema,
  NdjsonResultLine: ndjsonLineSchema,
  Problem: problemSchema,
  Health: healthSchema,
  Ready: readySchema,
  User: userSchema,
  ApiKey: apiKeySchema,
  SetupRequest: setupRequestSchema,
  LoginRequest: loginRequestSchema,
  SessionResponse: sessionResponseSchema,
  MeResponse: meResponseSchema,
  NewUserRequest: newUserRequestSchema,
  UserList: userListSchema,
  Organisation: organisationSchema,
  OrganisationList: organisationListSchema,
  NewOrganisationRequest: newOrganisationRequestSchema,
  PropertyChanges: propertyChangesSchema,
  UnitsRequest: unitsRequestSchema,
  NewKeyRequest: newKeyRequestSchema,
  NewKeyResponse: newKeyResponseSchema,
  PolicyVersion: policyVersionSchema,
  PolicyVersionInfo: policyVersionInfoSchema,
  PolicyHistory: policyHistorySchema,
  Libraries: librariesSchema,
  NewDraftRequest: newDraftRequestSchema,
  NewDraftResponse: newDraftResponseSchema,
  PolicyTestReport: testReportSchema,
  ActivateRequest: activateRequestSchema,
  RollbackRequest: rollbackRequestSchema,
  ActivationResponse: activationResponseSchema,
  PolicyDiff: policyDiffSchema,
  EffectivePolicy: effectivePolicySchema,
  LedgerEntry: ledgerEntrySchema,
  TicketUpsertResponse: ticketUpsertResponseSchema,
  ImportLine: importLineSchema,
  UnitScores: unitScoresSchema,
  SimulateRequest: simulateRequestSchema,
  SimulateResponse: simulateResponseSchema,
  SimulateNdjsonLine: simulateNdjsonLineSchema,
  DutyBoard: dutyBoardSchema,
  DutyDoneRequest: dutyDoneRequestSchema,
  DutyFulfilment: dutyFulfilmentSchema,
  ...ADMIN_COMPONENTS,
} as const;

type Name = keyof typeof COMPONENTS;

const exampleTicket = {
  id: 'JX-20261009-0001',
  property: 'jinxiu-garden',
  unit: 'jinxiu-garden/engineering',
  category: 'engineering',
  priority: 'general',
  kind: 'repair',
  channel: 'wechat',
  createdAt: '2026-10-09T08:00:00+08:00',
  events: [
    { type: 'received', at: '2026-10-09T08:00:00+08:00' },
    { type: 'accepted', at: '2026-10-09T08:05:00+08:00' },
    { type: 'contacted', at: '2026-10-09T08:20:00+08:00' },
  ],
};

const examplePolicy = {
  property: 'jinxiu-garden',
  version: 1,
  hash: '3f0c…',
  chain: [
    { scope: 'huayu-group', version: 1, hash: '9a41…' },
    { scope: 'jinxiu-garden', version: 1, hash: 'c27e…' },
  ],
};

const exampleResult = {
  ticketId: 'JX-20261009-0001',
  policy: examplePolicy,
  at: '2026-10-09T12:00:00+08:00',
  clocks: [
    {
      name: 'contact',
      label: '联系报事人',
      state: 'met',
      startedAt: '2026-10-09T08:05:00+08:00',
      dueAt: '2026-10-09T08:35:00+08:00',
      stoppedAt: '2026-10-09T08:20:00+08:00',
      elapsedMinutes: 15,
      remainingMinutes: null,
      overdueMinutes: null,
      overdueWorkdays: null,
      target: '30m',
      reason: { zh: '联系报事人：10-09 08:35 到期，08:20 完成，按时', en: 'contact: due 10-09 08:35, done 10-09 08:20: on time' },
    },
  ],
  warning: { level: 'none', reasons: [], raisedAt: null },
  actions: { notify: [], planDueAt: null },
  penalty: { points: 0, unit: 'jinxiu-garden/engineering', levels: [] },
};

const invalidProblem = {
  type: 'https://beacon.example/problems/invalid-request',
  title: 'The request is not valid',
  status: 400,
  detail: 'The ticket has 1 mistake; each is listed in errors with its JSON pointer.',
  errors: [{ pointer: '/ticket/category', code: 'E202', message: "/ticket/category 'enginering' is not a category of this policy.", help: "Did you mean 'engineering'?" }],
};

export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Who may call: omitted for public routes. */
  auth?: 'key-or-user' | 'user' | 'admin';
  path: string;
  summary: string;
  description: string;
  request?: { schema: Name; example: unknown; contentTypes?: Record<string, { schema?: Name; example: string; description: string }>; /** false: the body is only one of contentTypes (`schema` then describes each item). */ json?: false; /** The route also takes no body. */ optional?: true };
  responses: Record<string, { description: string; schema?: Name; contentType?: string; example?: unknown }>;
}

const problem = (description: string, example?: unknown) => ({ description, schema: 'Problem' as const, contentType: 'application/problem+json', example });

export const ROUTES: RouteDoc[] = [
  {
    method: 'post',
    path: '/v1/evaluate',
    auth: 'key-or-user',
    summary: 'Evaluate one ticket',
    description:
      "Evaluates the ticket under its property's active policy at `at` (the server's clock when absent): each clock's due time and state, the warning level and why, who is told, and the penalty. `explain: true` adds the trace.",
    request: { schema: 'EvaluateRequest', example: { ticket: exampleTicket, at: '2026-10-09T12:00:00+08:00' } },
    responses: {
      '200': { description: 'The evaluation, with the policy version it used', schema: 'EvaluateResponse', example: exampleResult },
      '400': problem("The body is not JSON, or the request or ticket is not valid (a unit not of the ticket's property: H105 at /ticket/unit): each mistake with its JSON pointer (under /ticket for the ticket) and code", invalidProblem),
      '401': problem('No API key and no session, or one that is not valid'),
      '404': problem('The ticket names a property this service does not know, or one without an active policy'),
      '409': problem("The property's active policy cannot be compiled"),
      '413': problem('The body is larger than 1 MB'),
      '415': problem('The body is not application/json'),
    },
  },
  {
    method: 'post',
    path: '/v1/evaluate/batch',
    auth: 'key-or-user',
    summary: 'Evaluate many tickets',
    description: `As JSON: up to ${MAX_BATCH.toLocaleString('en')} tickets (10 MB), one result or list of errors per ticket, in order; a ticket's mistakes do not fail the others. As NDJSON (\`Content-Type: application/x-ndjson\`, \`at\` and \`explain\` in the query): one ticket per line in, one result per line out (\`line\` is 1-based), streamed as the lines arrive, with no limit on the number of lines.`,
    request: {
      schema: 'BatchRequest',
      example: { tickets: [exampleTicket], at: '2026-10-09T12:00:00+08:00' },
      contentTypes: {
        'application/x-ndjson': { example: `${JSON.stringify(exampleTicket)}\n`, description: 'One ticket (JSON) per line' },
      },
    },
    responses: {
      '200': { description: 'One entry per ticket (JSON); or one NdjsonResultLine per input line (NDJSON)', schema: 'BatchResponse', example: { results: [{ index: 0, ticketId: exampleResult.ticketId, result: exampleResult }] } },
      '400': problem(`The body is not JSON, \`tickets\` is not a list, or it holds more than ${MAX_BATCH.toLocaleString('en')} tickets`),
      '401': problem('No API key and no session, or one that is not valid'),
      '409': problem("A property's active policy cannot be compiled"),
      '413': problem('The body is larger than 10 MB'),
      '415': problem('The body is neither application/json nor application/x-ndjson'),
    },
  },
  {
    method: 'get',
    path: '/v1/auth/setup',
    summary: 'The setup form',
    description: 'The page the setup link opens (`?token=` from the link): a form for the first admin\'s name and password, posted to `POST /v1/auth/setup`. Never cached, never sent as a referrer.',
    responses: { '200': { description: 'HTML', contentType: 'text/html' } },
  },
  {
    method: 'post',
    path: '/v1/auth/setup',
    summary: 'Create the first admin',
    description:
      'With the one-time token of the setup link the service prints when it starts with no admin (`GET /v1/auth/setup?token=…` serves a form for it): creates the admin, voids the token and signs them in. Also accepts the form as application/x-www-form-urlencoded.',
    request: { schema: 'SetupRequest', example: { token: 'the token from the setup link', name: 'ada', password: 'a long passphrase' } },
    responses: {
      '201': { description: 'The admin; the session is the beacon_session cookie', schema: 'SessionResponse' },
      '400': problem('A field is missing, or the password is shorter than 12 characters'),
      '401': problem('The token is unknown, expired or used already'),
      '409': problem('An admin exists already, or the name is taken'),
    },
  },
  {
    method: 'post',
    path: '/v1/auth/login',
    summary: 'Sign in',
    description:
      'Sets the session cookie `beacon_session` (HttpOnly, SameSite=Lax, Secure on https; 8 hours), ending any session the request came with. Each attempt counts before its password is checked (attempts sent together count together; a success is taken back): after 5 for one name from one address within 15 minutes, or 30 from one address whatever the name, sign-ins are refused for a while. Password checks are few at a time: past those waiting, a 503.',
    request: { schema: 'LoginRequest', example: { name: 'ada', password: 'a long passphrase' } },
    responses: {
      '200': { description: 'Signed in', schema: 'SessionResponse' },
      '400': problem('A field is missing'),
      '401': problem('The name or the password is wrong'),
      '403': problem('Sent by a browser from another site (H113)'),
      '429': problem('Too many failed sign-ins for the name or from the address: Retry-After says how many seconds to wait'),
      '503': problem('Too many sign-ins being checked at once: Retry-After says when to try again'),
    },
  },
  {
    method: 'post',
    path: '/v1/auth/logout',
    summary: 'Sign out',
    description: 'Ends the session of the cookie sent and clears the cookie.',
    responses: { '204': { description: 'Signed out' } },
  },
  {
    method: 'get',
    path: '/v1/auth/me',
    auth: 'key-or-user',
    summary: 'Who am I',
    description: 'The signed-in user, or the API key the request came with.',
    responses: { '200': { description: 'The caller', schema: 'MeResponse' }, '401': problem('No credentials, or not valid ones') },
  },
  {
    method: 'post',
    path: '/v1/users',
    auth: 'admin',
    summary: 'Create a user',
    description: 'Admins only. Roles: admin, quality, manager, viewer; `properties` assigns the user to properties.',
    request: { schema: 'NewUserRequest', example: { name: 'mia', role: 'manager', password: 'a long passphrase', properties: ['jinxiu-garden'] } },
    responses: {
      '201': { description: 'The user (never the password)', schema: 'User' },
      '400': problem('A field is missing or wrong'),
      '401': problem('Not signed in'),
      '403': problem('Not an admin, or an API key'),
      '404': problem('A property is unknown'),
      '409': problem('The name is taken'),
    },
  },
  {
    method: 'get',
    path: '/v1/users',
    auth: 'admin',
    summary: 'List users',
    description: 'Admins only.',
    responses: { '200': { description: 'Every user, by name', schema: 'UserList' }, '401': problem('Not signed in'), '403': problem('Not an admin, or an API key') },
  },
  {
    method: 'get',
    path: '/v1/organisations',
    auth: 'user',
    summary: 'List organisations',
    description: 'The group, its branches and their properties (households, time zone, units), groups first. Managers and viewers see their properties and the branch and group above them.',
    responses: { '200': { description: 'The organisations', schema: 'OrganisationList' }, '401': problem('Not signed in'), '403': problem('An API key') },
  },
  {
    method: 'post',
    path: '/v1/organisations',
    auth: 'admin',
    summary: 'Create a group, branch or property',
    description: 'Admins only; audited. A branch names its group (`parentId`), a property its branch, its households and its time zone. Its policy is then drafted and activated like any other (`/v1/scopes/{id}/policy/drafts`).',
    request: { schema: 'NewOrganisationRequest', example: { kind: 'property', id: 'lanting-court', name: '兰亭苑', parentId: 'default', households: 920, timeZone: 'Asia/Shanghai', units: [{ id: 'lanting-court/engineering', name: '工程部' }] } },
    responses: {
      '201': { description: 'The organisation', schema: 'Organisation' },
      '400': problem('A field is missing or wrong for the kind, or the parent is of the wrong kind: each with its pointer'),
      '401': problem('Not signed in'),
      '403': problem('Not an admin, or an API key'),
      '404': problem('The parent does not exist'),
      '409': problem('The id is taken'),
    },
  },
  {
    method: 'patch',
    path: '/v1/properties/{id}',
    auth: 'admin',
    summary: 'Change a property',
    description: 'Admins only; audited. Its name, households or time zone.',
    request: { schema: 'PropertyChanges', example: { households: 1900 } },
    responses: {
      '200': { description: 'The property', schema: 'Organisation' },
      '400': problem('A field is wrong, or the id is not a property'),
      '401': problem('Not signed in'),
      '403': problem('Not an admin, or an API key'),
      '404': problem('No such organisation'),
    },
  },
  {
    method: 'put',
    path: '/v1/properties/{id}/units',
    auth: 'admin',
    summary: "Replace a property's units",
    description: 'Admins only; audited. The responsible units tickets name and penalties are charged to.',
    request: { schema: 'UnitsRequest', example: { units: [{ id: 'jinxiu-garden/engineering', name: '工程部' }] } },
    responses: {
      '200': { description: '`{ units: [{ id, propertyId, name }] }`' },
      '400': problem('A field is wrong, or the id is not a property'),
      '401': problem('Not signed in'),
      '403': problem('Not an admin, or an API key'),
      '404': problem('No such organisation'),
      '409': problem('A unit id belongs to another property'),
    },
  },
  {
    method: 'post',
    path: '/v1/keys',
    auth: 'admin',
    summary: 'Create an API key',
    description: 'Admins only. For a system: a key may evaluate tickets and nothing else. The key is in this response only; the store keeps its hash. Send it as `Authorization: Bearer <key>`.',
    request: { schema: 'NewKeyRequest', example: { name: 'crm' } },
    responses: {
      '201': { description: 'The key, shown once', schema: 'NewKeyResponse' },
      '401': problem('Not signed in'),
      '403': problem('Not an admin, or an API key'),
      '404': problem('No such user'),
    },
  },
  {
    method: 'delete',
    path: '/v1/keys/{id}',
    auth: 'admin',
    summary: 'Revoke an API key',
    description: 'Admins only. The key stops working at once; revoking again is harmless.',
    responses: { '200': { description: 'The revoked key', schema: 'ApiKey' }, '401': problem('Not signed in'), '403': problem('Not an admin, or an API key'), '404': problem('No such key') },
  },
  {
    method: 'get',
    path: '/v1/scopes/{scope}/policy',
    auth: 'user',
    summary: 'The active policy version',
    description: 'The active version of a group, branch or property, with its source.',
    responses: { '200': { description: 'The active version', schema: 'PolicyVersion' }, '401': problem('Not signed in'), '404': problem('No such scope, or it has no active version') },
  },
  {
    method: 'get',
    path: '/v1/scopes/{scope}/policy/history',
    auth: 'user',
    summary: 'Policy version history',
    description: "The scope's versions, newest first, without their source, each with its comment, its author's name and the last activation or rollback that made it active (who, when, their comment), and `headVersionId`: the version a new draft must be based on.",
    responses: { '200': { description: 'The versions', schema: 'PolicyHistory' }, '401': problem('Not signed in'), '404': problem('No such scope') },
  },
  {
    method: 'get',
    path: '/v1/scopes/{scope}/policy/effective',
    auth: 'user',
    summary: 'The effective policy with provenance',
    description: 'Every deciding value of the effective policy (the active versions of the lineage and the libraries) with the scope, version and line that set it.',
    responses: { '200': { description: 'Provenance rows', schema: 'EffectivePolicy' }, '401': problem('Not signed in'), '404': problem('No such scope, or it has no active version') },
  },
  {
    method: 'get',
    path: '/v1/libraries',
    auth: 'user',
    summary: 'The libraries policies use',
    description: "The holiday calendars and other libraries loaded from the policies folder at start, with their text: what `use` resolves against. The admin UI checks drafts and runs their tests in the browser with them.",
    responses: { '200': { description: 'The libraries', schema: 'Libraries' }, '401': problem('Not signed in'), '403': problem('An API key') },
  },
  {
    method: 'post',
    path: '/v1/scopes/{scope}/policy/drafts',
    auth: 'user',
    summary: 'Create a draft version',
    description:
      "A new immutable version from source text (at most 512 KiB), based on the scope's head (`headVersionId` in the history: the newest of the drafts made on the active version one on another, else the active version; never a version a rollback retired), checked in a worker thread with the lineage's active versions and the libraries, and its `test` blocks run (for a group or branch, also those of the scopes extending it): the answer lists the failing ones, and such a draft cannot be activated. Who may change a section follows its effect: warnings, penalties and compliance, and whatever they read (a parameter, the clock `overdue(resolve)` measures, that clock's target parameters and calendar, the zone), are quality's; clocks and what they read are managers'; a section feeding both only an admin may change. Changes are found by comparing the ASTs section by section, not the text.",
    request: { schema: 'NewDraftRequest', example: { baseVersionId: '6f1c…', source: 'property jinxiu-garden "锦绣花园" extends huayu-group\n…', comment: '维修联系时限改为 25 分钟' } },
    responses: {
      '201': { description: 'The draft, with its test results', schema: 'NewDraftResponse' },
      '400': problem('A field is missing or wrong (pointer to it: e.g. /comment past 500 characters or with a control character)'),
      '401': problem('Not signed in'),
      '403': problem('The role may not draft here, or the draft changes sections the role does not own: each with why (code H432: "`param resolve_important`: it is read by the clock `resolve` at line …, which is read by the warning `blue` at line …")'),
      '404': problem('No such scope or base version'),
      '409': problem('The base version is not the head (code H409; latestVersionId names the head)'),
      '413': problem('The source is larger than 512 KiB (code H413, the limit in detail)'),
      '422': problem('The draft does not check: the first 200 errors with their code, line and column (pointer /source) and errorCount; or the check took longer than 10 s (H431)'),
      '503': problem('Too many drafts are waiting to be checked'),
    },
  },
  {
    method: 'post',
    path: '/v1/policy-versions/{id}/activate',
    auth: 'user',
    summary: 'Activate a version',
    description:
      "Atomically makes the version the active one of its scope and retires the previous; the next evaluation uses it. Only a version that checks and whose tests pass (and, for a group or branch, those of the scopes extending it) activates; an admin may force a version whose tests fail with `{\"force\": true, \"reason\": \"…\"}`, and the audit entry records the reason and the failing tests. Admins and quality; managers for their properties when the version changes, compared with the version active under the scope's lock (inside the transaction that switches it), nothing that is not theirs.",
    request: { schema: 'ActivateRequest', example: { force: true, reason: '总部批准：先上线，测试下周补', comment: '维修联系时限 25 分钟上线' }, optional: true },
    responses: {
      '200': { description: 'The active and the previous version', schema: 'ActivationResponse' },
      '400': problem('force without a reason (pointer /reason), a comment past 500 characters or with a control character (pointer /comment), or an unknown field'),
      '401': problem('Not signed in'),
      '403': problem('Not allowed: the role, the property, a section the role does not own (H432), or force by a non-admin'),
      '404': problem('No such version'),
      '409': problem('The version is active already'),
      '422': problem('The version does not check (each error with line and column), or its tests fail: each failing expectation with its test, scope, line, expected and actual (code H430)'),
    },
  },
  {
    method: 'post',
    path: '/v1/scopes/{scope}/policy/rollback',
    auth: 'user',
    summary: 'Roll back',
    description:
      "The version active before the current activation is active again (rolling back again walks further back). A manager's rollback is judged, inside the transaction, against the version active under the scope's lock. An optional comment says why; the history shows it.",
    request: { schema: 'RollbackRequest', example: { comment: '新版本误报过多，先回到上一版' }, optional: true },
    responses: {
      '200': { description: 'The active and the previous version', schema: 'ActivationResponse' },
      '400': problem('A comment past 500 characters or with a control character (pointer /comment), or an unknown field'),
      '401': problem('Not signed in'),
      '403': problem('Not allowed: the role, the property, or a section the role does not own (H432)'),
      '404': problem('No such scope'),
      '409': problem('There is no earlier active version'),
    },
  },
  {
    method: 'get',
    path: '/v1/policy-versions/{id}',
    auth: 'user',
    summary: 'A policy version',
    description: 'Any version, with its source.',
    responses: { '200': { description: 'The version', schema: 'PolicyVersion' }, '401': problem('Not signed in'), '404': problem('No such version') },
  },
  {
    method: 'get',
    path: '/v1/policy-versions/{a}/diff/{b}',
    auth: 'user',
    summary: 'Diff two versions',
    description: 'A line diff from version a to version b as unified-style hunks (3 lines of context).',
    responses: { '200': { description: 'The diff', schema: 'PolicyDiff' }, '401': problem('Not signed in'), '404': problem('No such version') },
  },
  {
    method: 'put',
    path: '/v1/tickets/{id}',
    auth: 'key-or-user',
    summary: 'Upsert a ticket',
    description:
      "Stores the ticket with its events (the same ticket again changes nothing), evaluates it now under its property's active policy with the stored tickets of the property as context for share and repeat conditions, and records each warning level reached in the penalty ledger, once per ticket and level (period: the month, in the policy's zone, the level was raised). An API key, or a signed-in user who is not a viewer.",
    request: { schema: 'Ticket', example: exampleTicket },
    responses: {
      '200': { description: 'Updated (`changed: true`) or the same ticket again (`changed: false`); the evaluation and the ledger entries newly recorded', schema: 'TicketUpsertResponse' },
      '201': { description: 'Created; the evaluation and the ledger entries newly recorded', schema: 'TicketUpsertResponse' },
      '400': problem("The body is not JSON, /id is not the id of the path (H103), the ticket's unit is not one of its property's (H105, at /unit, naming them), a string holds NUL (H107), or the ticket is not valid under the policy: each mistake with its pointer"),
      '401': problem('No API key and no session, or one that is not valid'),
      '403': problem("A viewer, or an API key of a viewer; a manager's (or a manager's key's) ticket of another property"),
      '404': problem('The ticket names a property this service does not know, or one without an active policy'),
      '409': problem("The property's active policy cannot be compiled"),
    },
  },
  {
    method: 'post',
    path: '/v1/tickets/import',
    auth: 'key-or-user',
    summary: 'Import tickets (NDJSON or CSV)',
    description:
      "Many tickets at once, each judged and stored as `PUT /v1/tickets/{id}` does (upserted, evaluated now, warning levels recorded in the ledger), the body read as it arrives. `Content-Type: application/x-ndjson`: one ticket per line. `text/csv` (UTF-8, optional BOM, RFC 4180 quoting): a header row of columns named as the ticket's fields (`id`, `property`, `unit`, `category`, `priority`, `createdAt` required; `kind`, `channel`, `severity`, `appointmentAt`, `issueKey`, `household`, `repeatCount`, `flags` separated by `;`), `event:<type>` columns holding that event's instant, `deadline:<name>` columns holding an instant the ticket carries (e.g. `deadline:plan_completion`), an `events` column holding a JSON list, `attr:<name>` for a policy's own attributes; empty cells are absent. An unknown, repeated or missing column refuses the file (400, H110, pointer the column). The answer streams as NDJSON (ImportLine): `{progress}` every 1,000 tickets, `{line, ticketId?, errors}` per rejected row (pointers into the ticket; for CSV `/<column>`), `{done}` last. A bad row never stops the import; a line over 1 MiB (H413) or an internal error (H500) ends the stream without `done`. `?dryRun=true` checks and counts, writing nothing. Importing the same file again reports every ticket unchanged. An API key or a signed-in user other than a viewer; a manager's rows of properties not assigned to them are rejected (H403).",
    request: {
      schema: 'Ticket',
      example: exampleTicket,
      json: false,
      contentTypes: {
        'application/x-ndjson': { example: `${JSON.stringify(exampleTicket)}\n`, description: 'One ticket (JSON) per line' },
        'text/csv': {
          example: 'id,property,unit,category,priority,kind,channel,createdAt,event:received,event:accepted,event:contacted\r\nJX-20261009-0001,jinxiu-garden,jinxiu-garden/engineering,engineering,general,repair,wechat,2026-10-09T08:00:00+08:00,2026-10-09T08:00:00+08:00,2026-10-09T08:05:00+08:00,2026-10-09T08:20:00+08:00\r\n',
          description: 'A header row, then one ticket per row',
        },
      },
    },
    responses: {
      '200': {
        description: 'NDJSON, one ImportLine per line: progress, rejected rows, done',
        schema: 'ImportLine',
        contentType: 'application/x-ndjson',
        example: { done: { lines: 2, created: 1, updated: 0, unchanged: 0, rejected: 0, recorded: 0 } },
      },
      '400': problem('A query parameter other than `dryRun=true|false`, or a CSV without a header or with a header naming an unknown, repeated or missing column (H110): each with its pointer'),
      '401': problem('No API key and no session, or one that is not valid'),
      '403': problem('A viewer'),
      '413': problem('The CSV header is longer than 1 MiB'),
      '415': problem('The body is neither application/x-ndjson nor text/csv, not UTF-8, or compressed'),
    },
  },
  {
    method: 'get',
    path: '/v1/tickets/{id}',
    auth: 'user',
    summary: 'A stored ticket',
    description: 'The ticket as last stored, with its events.',
    responses: { '200': { description: 'The ticket', schema: 'Ticket' }, '401': problem('Not signed in'), '403': problem('An API key'), '404': problem('No such ticket') },
  },
  {
    method: 'get',
    path: '/v1/units/{unit}/scores',
    auth: 'key-or-user',
    summary: "A unit's scores in a month",
    description:
      "`?period=YYYY-MM` (required). The unit's penalty points and ledger entries by level in the period, and its compliance: the percent of the unit's tickets created in the month (policy zone) with no breached clock now, with the policy's compliance light for it (null without tickets). Units contain a slash: encode it (`jinxiu-garden%2Fengineering`). With `Accept: text/csv`: the same numbers as CSV (RFC 4180, UTF-8 with a BOM for Excel, a header row, a `count_<level>` column per warning level of the policy). API keys read it as their owner.",
    responses: {
      '200': { description: 'The scores', schema: 'UnitScores' },
      '400': problem('period is missing or not YYYY-MM'),
      '401': problem('Not signed in'),
      '403': problem("A manager's or viewer's unit (or their key's) of another property"),
      '404': problem('No property registers the unit and no stored ticket names it (H106, pointer {unit})'),
    },
  },
  {
    method: 'get',
    path: '/v1/duties',
    auth: 'user',
    summary: "A property's duties in a month",
    description:
      "`?property=` and `?period=YYYY-MM` (both required). Each duty of the property's active policy (obligations on a schedule that are not tickets: 004 第十条(一)3(4) the Friday 17:00 signed summary), the unit that owes it (`<property>/<owner role>`), and each occurrence due in the month (policy zone): its nominal date, the day and instant it is due (a day without service on the duty's calendar moves to the next working day), its state now (pending, met, late, missing), minutes late and who recorded it done. Managers and viewers see their assigned properties only.",
    responses: {
      '200': { description: 'The duties and their occurrences', schema: 'DutyBoard' },
      '400': problem('property or period is missing or malformed'),
      '401': problem('Not signed in'),
      '403': problem("An API key; a manager's or viewer's property of another"),
      '404': problem('No such property, or it has no active policy'),
    },
  },
  {
    method: 'post',
    path: '/v1/duties/{id}/done',
    auth: 'user',
    summary: 'Record a duty occurrence done',
    description:
      "Admins, and managers for their assigned properties (quality reviews, viewers read, API keys never). Records the occurrence (its nominal date, as GET /v1/duties lists it) done now; an admin may give `doneAt` for a record made on paper. Once: a repeat answers the first record (200); a repeat with another `doneAt` is a 409 (H513). Audited as `duty.done`. Occurrences due more than 7 days ahead are refused (H512). A late or missing occurrence raises the duty's warning in the ledger at the next sweep.",
    request: { schema: 'DutyDoneRequest', example: { property: 'jinxiu-garden', occurrence: '2026-12-04', note: '周汇总已签字上报品质管理部' } },
    responses: {
      '200': { description: 'Recorded before: the first record', schema: 'DutyFulfilment' },
      '201': { description: 'Recorded', schema: 'DutyFulfilment' },
      '400': problem('A field is missing or wrong; the date is not an occurrence of the duty (H511) or is too far ahead (H512); doneAt in the future (H514)'),
      '401': problem('Not signed in'),
      '403': problem('Not an admin or a manager of the property; an API key; doneAt from a manager (H514)'),
      '404': problem("No such property, or the duty is not in its active policy (H510, pointer {id})"),
      '409': problem('Recorded before with another doneAt (H513)'),
      '415': problem('The body is not JSON'),
    },
  },
  {
    method: 'get',
    path: '/v1/audit',
    auth: 'user',
    summary: 'The audit log',
    description:
      'Who did what and when, newest first: policy drafts, activations and rollbacks with the versions before and after, users and keys, ticket writes (`ticket.create`, `ticket.update` with the key that wrote them) and imports. Admins and the quality department only. Filters: `?property=` (the policy scope), `?user=` (name or id), `?action=` (exact, or a prefix as `policy.*`), `?period=YYYY-MM` (UTC month) or `?from=`/`?to=` (instants), `?limit=` (1 to 1000, default 100), `?before=` (the previous answer\'s `nextBefore`). A policy change with versions before and after carries `diff`, the path of their diff.',
    responses: { '200': { description: '`{ entries: [{ id, at, actor, actorName, action, scopeId, beforeVersionId, afterVersionId, detail, diff }], nextBefore }`' }, '400': problem('A filter is not valid: its pointer names it'), '401': problem('Not signed in'), '403': problem('A manager, a viewer or an API key') },
  },
  {
    method: 'post',
    path: '/v1/simulate',
    auth: 'user',
    summary: 'Simulate a draft over history',
    description: `What a draft would have done: the property's active policy (\`from\`) and the same chain with \`draft\` (a version of the property, its branch or its group) or an unsaved \`source\` of \`scope\` (the property by default) in place of that level (\`to\`), both evaluated at \`at\` over the property's stored tickets created in \`period\` (a month in the policy zone) or between \`from\` and \`to\`, or over up to ${MAX_SIMULATE_TICKETS.toLocaleString('en')} uploaded \`tickets\`, in creation order. The answer is the engine's difference report. With \`Accept: application/x-ndjson\`: \`{"progress":{"tickets","total"}}\` lines (at 0, then every 1,000 tickets) and a last \`{"report":…}\` line. Admins and quality; managers for their properties.`,
    request: { schema: 'SimulateRequest', example: { property: 'jinxiu-garden', draft: '0b7c…', period: '2026-10' } },
    responses: {
      '200': { description: 'The difference report (JSON); or progress lines and the report (NDJSON)', schema: 'SimulateResponse' },
      '400': problem('The body is not JSON, a field is not valid, no or two histories or policies are given, or an uploaded ticket is not valid or of another property (H104): each mistake with its pointer'),
      '401': problem('Not signed in'),
      '403': problem('A viewer, an API key, or a manager of another property'),
      '404': problem('The property, or the draft version, does not exist; or the property has no active policy'),
      '409': problem("The property's active policy cannot be compiled"),
      '413': problem('The body is larger than 10 MB'),
      '415': problem('The body is not application/json'),
      '422': problem('The source does not check (each error with line and column, pointer /source), the chain with the draft does not compile, or the draft or scope is not in the property\'s lineage (H422)'),
    },
  },
  {
    method: 'get',
    path: '/healthz',
    summary: 'Liveness',
    description: 'The process is up and serving.',
    responses: { '200': { description: 'Up', schema: 'Health', example: { status: 'ok' } } },
  },
  {
    method: 'get',
    path: '/readyz',
    summary: 'Readiness',
    description: 'The store answers a query and its migrations were applied; 503 otherwise.',
    responses: {
      '200': { description: 'Ready', schema: 'Ready', example: { status: 'ready', checks: { store: true, migrations: true } } },
      '503': { description: 'Not ready', schema: 'Ready', example: { status: 'not_ready', checks: { store: false, migrations: false } } },
    },
  },
  {
    method: 'get',
    path: '/metrics',
    auth: 'key-or-user',
    summary: 'Prometheus metrics',
    description:
      'beacon_http_request_duration_seconds (by method, route, status), beacon_evaluations_total (by outcome), beacon_active_policy_version (by property). For a signed-in admin, an API key, or a scraper sending the configured metrics token (BEACON_METRICS_TOKEN) as Authorization: Bearer.',
    responses: {
      '200': { description: 'Prometheus text format', contentType: 'text/plain; version=0.0.4' },
      '401': problem('No credentials, or not valid ones'),
      '403': problem('A signed-in user other than an admin'),
    },
  },
  {
    method: 'get',
    path: '/v1/openapi.json',
    summary: 'This API as OpenAPI 3.1',
    description: 'Generated from the same schemas the server validates with.',
    responses: { '200': { description: 'The OpenAPI document' } },
  },
  {
    method: 'get',
    path: '/v1/docs',
    summary: 'This API as a page',
    description: 'Each route, its schemas and examples.',
    responses: { '200': { description: 'HTML', contentType: 'text/html' } },
  },
  ...ADMIN_ROUTES,
];

const ID_TO_NAME = new Map<string, Name>(Object.entries(COMPONENTS).map(([name, schema]) => [schema.$id, name as Name]));

/** A schema as an OpenAPI component: $ids of known schemas become component references, $schema and $id go. */
function componentOf(value: unknown, root = true): unknown {
  if (Array.isArray(value)) return value.map((v) => componentOf(v, false));
  if (typeof value !== 'object' || value === null) return value;
  const obj = value as Record<string, unknown>;
  if (typeof obj['$ref'] === 'string') {
    const name = ID_TO_NAME.get(obj['$ref']);
    return name ? { $ref: `#/components/schemas/${name}` } : obj;
  }
  // A known schema embedded in another (the event in the ticket stays inline, unnamed).
  if (!root && typeof obj['$id'] === 'string' && ID_TO_NAME.has(obj['$id'])) return { $ref: `#/components/schemas/${ID_TO_NAME.get(obj['$id'])}` };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k === '$schema' || k === '$id') continue;
    out[k] = componentOf(v, false);
  }
  return out;
}

const ref = (name: Name) => ({ $ref: `#/components/schemas/${name}` });

/** The query parameters each route reads ("method path" as in ROUTES); test/server/openapi-query.test.ts keeps this list whole. */
const QUERY_PARAMETERS: Record<string, { name: string; required?: boolean; description: string; schema: Record<string, unknown> }[]> = {
  'post /v1/evaluate/batch': [
    { name: 'at', description: 'NDJSON only: the instant every ticket is evaluated at (ISO 8601 with offset); now when absent.', schema: { type: 'string', format: 'date-time' } },
    { name: 'explain', description: 'NDJSON only: true adds the trace to each result.', schema: { enum: ['true', 'false'] } },
  ],
  'post /v1/tickets/import': [{ name: 'dryRun', description: 'true: check every row and count what would change, writing nothing.', schema: { enum: ['true', 'false'] } }],
  'get /v1/auth/setup': [{ name: 'token', required: true, description: 'The one-time setup token printed at the first start.', schema: { type: 'string' } }],
  'get /v1/duties': [
    { name: 'property', required: true, description: 'The property id.', schema: { type: 'string' } },
    { name: 'period', required: true, description: 'The month, YYYY-MM (policy zone).', schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' } },
  ],
  'get /v1/units/{unit}/scores': [{ name: 'period', required: true, description: 'The month, YYYY-MM.', schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' } }],
  'get /v1/audit': [
    { name: 'property', description: 'Only entries about this property (or other scope) id.', schema: { type: 'string' } },
    { name: 'user', description: 'Only entries by this user (name or id).', schema: { type: 'string' } },
    { name: 'period', description: 'Only entries of this month (UTC), YYYY-MM.', schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' } },
    { name: 'limit', description: 'At most this many entries, 1 to 1000.', schema: { type: 'integer', minimum: 1, maximum: 1000 } },
    { name: 'before', description: 'Only entries older than the entry with this id (the next page: the answer\'s nextBefore).', schema: { type: 'integer', minimum: 1 } },
    { name: 'action', description: 'Only this action (policy.activate), or those under a prefix (policy.*).', schema: { type: 'string', maxLength: 200 } },
    { name: 'from', description: 'Only entries at or after this ISO 8601 instant (not with period).', schema: { type: 'string', format: 'date-time' } },
    { name: 'to', description: 'Only entries before this ISO 8601 instant (not with period).', schema: { type: 'string', format: 'date-time' } },
  ],
  ...ADMIN_QUERY_PARAMETERS,
};

let cached: Record<string, unknown> | undefined;

export function openApiDocument(): Record<string, unknown> {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const op: Record<string, unknown> = { summary: r.summary, description: r.description, operationId: `${r.method}${r.path.replace(/[^a-z0-9]+/gi, '_')}` };
    op['security'] = r.auth === undefined ? [] : r.auth === 'key-or-user' ? [{ apiKey: [] }, { session: [] }] : [{ session: [] }];
    const params = [
      ...[...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
      ...(QUERY_PARAMETERS[`${r.method} ${r.path}`] ?? []).map((q) => ({ in: 'query', required: false, ...q })),
    ];
    if (params.length > 0) op['parameters'] = params;
    if (r.request) {
      const content: Record<string, unknown> = r.request.json === false ? {} : { 'application/json': { schema: ref(r.request.schema), example: r.request.example } };
      for (const [type, c] of Object.entries(r.request.contentTypes ?? {})) content[type] = { schema: { type: 'string', description: c.description }, example: c.example };
      op['requestBody'] = { required: r.request.optional !== true, content };
    }
    op['responses'] = Object.fromEntries(
      Object.entries(r.responses).map(([status, resp]) => {
        const type = resp.contentType ?? 'application/json';
        const media: Record<string, unknown> = resp.schema ? { schema: ref(resp.schema) } : {};
        if (resp.example !== undefined) media['example'] = resp.example;
        const content: Record<string, unknown> = { [type]: media };
        if (r.path === '/v1/evaluate/batch' && status === '200') content['application/x-ndjson'] = { schema: ref('NdjsonResultLine') };
        if (r.path === '/v1/simulate' && status === '200') content['application/x-ndjson'] = { schema: ref('SimulateNdjsonLine') };
        if ((r.path === '/v1/units/{unit}/scores' || r.path === '/v1/units/{unit}/ledger') && status === '200') content['text/csv'] = { schema: { type: 'string', description: 'RFC 4180, UTF-8 with BOM, header row' } };
        return [status, { description: resp.description, content }];
      }),
    );
    (paths[r.path] ??= {})[r.method] = op;
  }
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Beacon',
      version: '0.1.0',
      description:
        "SLA and escalation policies as code for property service desks. Evaluation takes an API key (Authorization: Bearer) or a signed-in user; users and keys are for admins; a key acts with at most its owner's rights. Every problem (application/problem+json) lists errors[], each with a code and a pointer (into the body; `?name` a query parameter, `{name}` a path parameter; '' the request as a whole). On any route: H107 a string holds NUL, H108 a path that is not valid percent-encoding (400); H109 a body that is not what its Content-Encoding says (400), or compressed where the route reads it as it comes (415); H113 a state-changing request a browser sent from another site (403).",
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(COMPONENTS).map(([name, schema]) => [name, componentOf(schema)])),
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key (POST /v1/keys, beacon key add): evaluation only' },
        session: { type: 'apiKey', in: 'cookie', name: 'beacon_session', description: 'The session cookie of POST /v1/auth/login' },
      },
    },
  };
  return cached;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const block = (value: unknown): string => `<pre>${escapeHtml(typeof value === 'string' ? value : JSON.stringify(value, null, 2))}</pre>`;

/** The API as a page: each route with its description, schemas and examples; no script. */
export function docsPage(): string {
  const doc = openApiDocument();
  const schemas = (doc['components'] as { schemas: Record<string, unknown> }).schemas;
  const sections = ROUTES.map((r) => {
    const parts = [`<section id="${escapeHtml(r.method + r.path)}"><h2><code>${r.method.toUpperCase()} ${escapeHtml(r.path)}</code></h2>`, `<p><strong>${escapeHtml(r.summary)}.</strong> ${escapeHtml(r.description)}</p>`];
    if (r.request) {
      parts.push(`<h3>Request: <a href="#schema-${r.request.schema}">${r.request.schema}</a></h3>`, block(r.request.example));
      for (const [type, c] of Object.entries(r.request.contentTypes ?? {})) parts.push(`<h3>Request as <code>${escapeHtml(type)}</code></h3><p>${escapeHtml(c.description)}</p>`, block(c.example));
    }
    parts.push('<h3>Responses</h3><ul>');
    for (const [status, resp] of Object.entries(r.responses)) {
      parts.push(`<li><code>${status}</code> ${escapeHtml(resp.description)}${resp.schema ? `: <a href="#schema-${resp.schema}">${resp.schema}</a>` : ''}${resp.example !== undefined ? block(resp.example) : ''}</li>`);
    }
    parts.push('</ul></section>');
    return parts.join('\n');
  });
  const schemaSections = Object.entries(schemas).map(([name, schema]) => `<section id="schema-${name}"><h3>${name}</h3>${block(schema)}</section>`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Beacon API</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}pre{background:#f5f5f5;padding:.75rem;overflow:auto;font-size:13px}h2{border-top:1px solid #ddd;padding-top:1rem}</style>
</head><body>
<h1>Beacon API</h1>
<p>SLA and escalation policies as code for property service desks. Machine-readable: <a href="/v1/openapi.json">/v1/openapi.json</a> (OpenAPI 3.1). Errors are <code>application/problem+json</code> with a JSON pointer per mistake. Evaluation needs an API key (<code>Authorization: Bearer</code>) or a session (<code>POST /v1/auth/login</code>); users and keys are for admins.</p>
<nav><ul>${ROUTES.map((r) => `<li><a href="#${escapeHtml(r.method + r.path)}"><code>${r.method.toUpperCase()} ${escapeHtml(r.path)}</code></a> ${escapeHtml(r.summary)}</li>`).join('')}</ul></nav>
${sections.join('\n')}
<h2>Schemas</h2>
${schemaSections.join('\n')}
</body></html>
`;
}
