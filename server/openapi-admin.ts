// The OpenAPI entries of issue 12's routes (the ticket list, user and key
// administration), kept beside openapi.ts so its list stays readable; openapi.ts adds
// them to ROUTES, COMPONENTS and the query parameters.
import { apiKeyListSchema, channelChangesSchema, channelSchema, newChannelRequestSchema, notificationListSchema, passwordResetResponseSchema, ticketListItemSchema, ticketListSchema, unitLedgerEntrySchema, unitLedgerSchema, userChangesSchema } from './schemas/index.js';
import type { RouteDoc } from './openapi.js';

export const ADMIN_COMPONENTS = {
  TicketListItem: ticketListItemSchema,
  TicketList: ticketListSchema,
  UserChanges: userChangesSchema,
  PasswordResetResponse: passwordResetResponseSchema,
  ApiKeyList: apiKeyListSchema,
  NewChannelRequest: newChannelRequestSchema,
  ChannelChanges: channelChangesSchema,
  NotificationChannel: channelSchema,
  NotificationList: notificationListSchema,
  UnitLedgerEntry: unitLedgerEntrySchema,
  UnitLedger: unitLedgerSchema,
} as const;

const problem = (description: string) => ({ description, schema: 'Problem' as const, contentType: 'application/problem+json' });

export const ADMIN_ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/v1/tickets',
    auth: 'key-or-user',
    summary: 'Tickets by next due',
    description:
      "Breached first, then by the next due of a running clock, closed and paused ones last; each ticket as it stood at its last evaluation (a write, an import, or the sweep: `evaluatedAt`), with a next due passed since then reported breached. Paged: pass `nextCursor` as `?cursor=`. A manager or viewer (or their key) sees their properties only; naming another property is a 403. Tickets stored before this list existed appear at their next evaluation (open ones at the next sweep).",
    responses: {
      '200': { description: 'A page', schema: 'TicketList' },
      '400': problem('A query parameter is not valid (H520), an instant outside 1970-2200 (H521), a cursor this list did not give (H522): pointer `?name`'),
      '401': problem('No credentials'),
      '403': problem("A property not assigned to the manager or viewer (or the key's owner)"),
    },
  },
  {
    method: 'patch',
    path: '/v1/users/{id}',
    auth: 'admin',
    summary: 'Change a user',
    description: 'Admins only; audited (`user.update`, `user.disable`, `user.enable`). The role, the assigned properties (replacing them), or `disabled`: a disabled user cannot sign in, and their sessions and API keys stop working at once. The last enabled admin cannot be disabled or demoted (409, H523).',
    request: { schema: 'UserChanges', example: { role: 'manager', properties: ['jinxiu-garden'] } },
    responses: {
      '200': { description: 'The user', schema: 'User' },
      '400': problem('No change, or a field is wrong'),
      '401': problem('Not signed in'),
      '403': problem('Not an admin, or an API key'),
      '404': problem('No such user, or an unknown property'),
      '409': problem('The last enabled admin would be disabled or demoted (H523)'),
    },
  },
  {
    method: 'post',
    path: '/v1/users/{id}/password-reset',
    auth: 'admin',
    summary: "Reset a user's password",
    description:
      "Admins only; audited (`user.password-reset`, never the password). A new random password, shown in this answer only; every session of the user ends and the old password stops working. Give it to the user by a channel you trust: Beacon has no change-password step yet, so the user keeps it until an admin resets it again.",
    responses: {
      '200': { description: 'The temporary password', schema: 'PasswordResetResponse' },
      '401': problem('Not signed in'),
      '403': problem('Not an admin, or an API key'),
      '404': problem('No such user'),
    },
  },
  {
    method: 'get',
    path: '/v1/keys',
    auth: 'admin',
    summary: 'List API keys',
    description: "Admins only. Every key with its owner and the role it acts with (its owner's), when it was made and last used (to about a minute), and whether it is revoked. Never the key or its hash.",
    responses: { '200': { description: 'The keys, oldest first', schema: 'ApiKeyList' }, '401': problem('Not signed in'), '403': problem('Not an admin, or an API key') },
  },
  {
    method: 'get',
    path: '/v1/notification-channels',
    auth: 'admin',
    summary: 'List notification channels',
    description: 'Admins only. Each channel without its secret, its URL with query values hidden (a robot’s key rides there).',
    responses: { '200': { description: '`{ channels: [NotificationChannel] }`' }, '401': problem('Not signed in'), '403': problem('Not an admin, or an API key') },
  },
  {
    method: 'post',
    path: '/v1/notification-channels',
    auth: 'admin',
    summary: 'Add a notification channel',
    description:
      "Admins only; audited. A warning raised (and any event for roles of a unit) goes to every enabled channel serving one of the roles its policy's `notify` names (`*`: all), of its property or of every property. `webhook`: the event as JSON with `X-Beacon-Timestamp` (Unix seconds), `X-Beacon-Signature: sha256=<hex HMAC-SHA256 of \"<timestamp>.<body>\">` and `Idempotency-Key`; `wecom`: a WeCom group robot (markdown); `dingtalk`: a DingTalk robot (markdown, signed with timestamp and sign when a secret is given). Retried with backoff until delivered; every attempt is kept (GET /v1/notifications).",
    request: { schema: 'NewChannelRequest', example: { name: '客服主管群', kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…', roles: ['service_supervisor'] } },
    responses: { '201': { description: 'The channel', schema: 'NotificationChannel' }, '400': problem('A field is wrong (a URL not http(s), too long, with credentials)'), '401': problem('Not signed in'), '403': problem('Not an admin, or an API key'), '404': problem('An unknown property') },
  },
  {
    method: 'patch',
    path: '/v1/notification-channels/{id}',
    auth: 'admin',
    summary: 'Change a notification channel',
    description: 'Admins only; audited (never the secret). Name, URL, secret, roles, enabled.',
    request: { schema: 'ChannelChanges', example: { enabled: false } },
    responses: { '200': { description: 'The channel', schema: 'NotificationChannel' }, '400': problem('No change, or a field is wrong'), '401': problem('Not signed in'), '403': problem('Not an admin, or an API key'), '404': problem('No such channel') },
  },
  {
    method: 'delete',
    path: '/v1/notification-channels/{id}',
    auth: 'admin',
    summary: 'Delete a notification channel',
    description: 'Admins only; audited. Its pending deliveries are cancelled (kept with their attempts).',
    responses: { '200': { description: 'The deleted channel', schema: 'NotificationChannel' }, '401': problem('Not signed in'), '403': problem('Not an admin, or an API key'), '404': problem('No such channel') },
  },
  {
    method: 'get',
    path: '/v1/notifications',
    auth: 'user',
    summary: 'The notifications outbox',
    description: 'Admins and quality. Entries newest first, each with its deliveries (pending, delivered, cancelled) and every attempt: time, success, response code, error. `?status=` keeps entries with a delivery in that status; `nextBefore` continues.',
    responses: { '200': { description: 'A page', schema: 'NotificationList' }, '400': problem('A query parameter is not valid'), '401': problem('Not signed in'), '403': problem('A manager, a viewer or an API key') },
  },
  {
    method: 'get',
    path: '/v1/units/{unit}/ledger',
    auth: 'key-or-user',
    summary: "The ledger entries behind a unit's scores",
    description:
      "A score's drill-down: every entry the unit's points net, oldest first (by the instant the level was reached, or the duty fell due): warning levels its tickets reached (`source: ticket`, with `voided` when reversed since: those no longer count), late or missing duties it owed (`duty`), a branch company's share reds (`company`). Each names its ticket (`GET /v1/tickets/{id}`) or duty occurrence. `?period=YYYY-MM`, or `?from=` and `?to=` (months, both included, at most 24; H560); `?level=` and `?property=` narrow it. Paged: pass `nextCursor` as `?cursor=`. With `Accept: text/csv`: every entry of the range as one CSV (RFC 4180, UTF-8 with a BOM), at most 10,000 (else 400, H561). Units contain a slash: encode it (`jinxiu-garden%2Fengineering`). Who may read it is who may read the unit's scores: API keys as their owner, managers and viewers for the units of their properties only.",
    responses: {
      '200': { description: 'A page', schema: 'UnitLedger' },
      '400': problem('No period or from, both given, to before from, over 24 months (H560); a query parameter not valid (H520), a cursor this list did not give (H522); a CSV over 10,000 entries (H561): pointer `?name`'),
      '401': problem('No credentials'),
      '403': problem("A manager's or viewer's unit (or their key's) of another property, or naming another property"),
      '404': problem('No property registers the unit and no stored ticket names it (H106, pointer {unit})'),
    },
  },
];

export const ADMIN_QUERY_PARAMETERS: Record<string, { name: string; required?: boolean; description: string; schema: Record<string, unknown> }[]> = {
  'get /v1/tickets': [
    { name: 'property', description: 'Only tickets of this property.', schema: { type: 'string', maxLength: 200 } },
    { name: 'unit', description: 'Only tickets of this unit.', schema: { type: 'string', maxLength: 200 } },
    { name: 'state', description: 'open, closed, or breached (open with a breached clock, or a next due passed).', schema: { enum: ['open', 'closed', 'breached'] } },
    { name: 'dueBefore', description: 'Only tickets breached, or next due, before this ISO 8601 instant (1970 to 2200).', schema: { type: 'string', format: 'date-time' } },
    { name: 'limit', description: 'Page size, 1 to 500 (100 by default).', schema: { type: 'integer', minimum: 1, maximum: 500 } },
    { name: 'cursor', description: 'The nextCursor of the previous page.', schema: { type: 'string' } },
  ],
  'get /v1/units/{unit}/ledger': [
    { name: 'period', description: 'One month, YYYY-MM (not with from and to).', schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' } },
    { name: 'from', description: 'The first month of a range, YYYY-MM.', schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' } },
    { name: 'to', description: 'The last month of a range, YYYY-MM (from by default; at most 24 months from it).', schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' } },
    { name: 'level', description: 'Only entries of this warning level (blue, yellow, red in the shipped policies).', schema: { type: 'string', maxLength: 200 } },
    { name: 'property', description: "Only entries of this property's tickets and duties (a company's reds belong to none).", schema: { type: 'string', maxLength: 200 } },
    { name: 'limit', description: 'Page size, 1 to 500 (100 by default).', schema: { type: 'integer', minimum: 1, maximum: 500 } },
    { name: 'cursor', description: 'The nextCursor of the previous page.', schema: { type: 'string' } },
  ],
  'get /v1/notifications': [
    { name: 'status', description: 'Entries with a delivery pending, delivered or cancelled.', schema: { enum: ['pending', 'delivered', 'cancelled'] } },
    { name: 'limit', description: 'Page size, 1 to 500 (100 by default).', schema: { type: 'integer', minimum: 1, maximum: 500 } },
    { name: 'before', description: 'The nextBefore of the previous page.', schema: { type: 'integer', minimum: 1 } },
  ],
};
