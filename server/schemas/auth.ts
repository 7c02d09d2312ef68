// Users, sessions and API keys: POST /v1/auth/setup, /v1/auth/login, GET /v1/auth/me,
// /v1/users and /v1/keys.
import type { Infer } from './infer.js';

const ROLE = { enum: ['admin', 'quality', 'manager', 'viewer'], description: 'admin: everything; quality, manager, viewer: read and work on their properties' } as const;
const NAME = { type: 'string', minLength: 1, maxLength: 100, description: 'The sign-in name' } as const;
/** Long enough to resist guessing; bounded so scrypt is not fed megabytes. */
export const PASSWORD_MIN = 12;
const PASSWORD = { type: 'string', minLength: PASSWORD_MIN, maxLength: 1024, description: `At least ${PASSWORD_MIN} characters` } as const;
const INSTANT = { type: 'string', description: 'ISO 8601 instant in UTC' } as const;

export const userSchema = {
  $id: 'https://beacon.example/schemas/user.json',
  title: 'User',
  type: 'object',
  required: ['id', 'name', 'role', 'properties', 'createdAt', 'disabledAt'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    role: ROLE,
    properties: { type: 'array', items: { type: 'string' }, description: 'Assigned property ids, sorted' },
    createdAt: INSTANT,
    disabledAt: { type: ['string', 'null'] },
  },
  additionalProperties: false,
} as const;

export const apiKeySchema = {
  $id: 'https://beacon.example/schemas/api-key.json',
  title: 'ApiKey',
  description: 'An API key as stored: never the key itself, which is shown once at creation.',
  type: 'object',
  required: ['id', 'userId', 'name', 'createdAt', 'lastUsedAt', 'revokedAt'],
  properties: {
    id: { type: 'string' },
    userId: { type: 'string', description: 'The user the key was made for' },
    name: { type: 'string' },
    createdAt: INSTANT,
    lastUsedAt: { type: ['string', 'null'] },
    revokedAt: { type: ['string', 'null'] },
  },
  additionalProperties: false,
} as const;

export const setupRequestSchema = {
  $id: 'https://beacon.example/schemas/setup-request.json',
  title: 'SetupRequest',
  type: 'object',
  required: ['token', 'name', 'password'],
  properties: {
    token: { type: 'string', minLength: 1, maxLength: 200, description: 'The one-time token from the setup link printed at the first start' },
    name: NAME,
    password: PASSWORD,
  },
  additionalProperties: false,
} as const;

export const loginRequestSchema = {
  $id: 'https://beacon.example/schemas/login-request.json',
  title: 'LoginRequest',
  type: 'object',
  required: ['name', 'password'],
  properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, password: { type: 'string', minLength: 1, maxLength: 1024 } },
  additionalProperties: false,
} as const;

export const sessionResponseSchema = {
  $id: 'https://beacon.example/schemas/session-response.json',
  title: 'SessionResponse',
  description: 'The signed-in user; the session itself is the HttpOnly cookie beacon_session.',
  type: 'object',
  required: ['user', 'expiresAt'],
  properties: { user: { $ref: userSchema.$id }, expiresAt: INSTANT },
  additionalProperties: false,
} as const;

export const meResponseSchema = {
  $id: 'https://beacon.example/schemas/me-response.json',
  title: 'MeResponse',
  description: 'Who is calling: a signed-in user, or a system with an API key.',
  oneOf: [
    { type: 'object', required: ['kind', 'user'], properties: { kind: { const: 'user' }, user: { $ref: userSchema.$id } }, additionalProperties: false },
    { type: 'object', required: ['kind', 'key'], properties: { kind: { const: 'key' }, key: { $ref: apiKeySchema.$id } }, additionalProperties: false },
  ],
} as const;

export const newUserRequestSchema = {
  $id: 'https://beacon.example/schemas/new-user-request.json',
  title: 'NewUserRequest',
  type: 'object',
  required: ['name', 'role', 'password'],
  properties: {
    name: NAME,
    role: ROLE,
    password: PASSWORD,
    properties: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 1000, description: 'Property ids the user is assigned' },
  },
  additionalProperties: false,
} as const;

export const userListSchema = {
  $id: 'https://beacon.example/schemas/user-list.json',
  title: 'UserList',
  type: 'object',
  required: ['users'],
  properties: { users: { type: 'array', items: { $ref: userSchema.$id } } },
  additionalProperties: false,
} as const;

export const newKeyRequestSchema = {
  $id: 'https://beacon.example/schemas/new-key-request.json',
  title: 'NewKeyRequest',
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100, description: 'What the key is for, e.g. the system that uses it' },
    userId: { type: 'string', minLength: 1, description: 'The user the key is made for; the calling admin by default' },
  },
  additionalProperties: false,
} as const;

export const newKeyResponseSchema = {
  $id: 'https://beacon.example/schemas/new-key-response.json',
  title: 'NewKeyResponse',
  description: 'The key, shown this once: send it as `Authorization: Bearer <key>`. Only its hash is stored.',
  type: 'object',
  required: ['key', 'apiKey'],
  properties: { key: { type: 'string' }, apiKey: { $ref: apiKeySchema.$id } },
  additionalProperties: false,
} as const;

export type SetupRequest = Infer<typeof setupRequestSchema>;
export type LoginRequest = Infer<typeof loginRequestSchema>;
export type NewUserRequest = Infer<typeof newUserRequestSchema>;
export type NewKeyRequest = Infer<typeof newKeyRequestSchema>;
