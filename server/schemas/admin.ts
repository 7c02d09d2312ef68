// Issue 12's schemas: the ticket list (GET /v1/tickets), user changes and password
// resets (PATCH /v1/users/{id}, POST /v1/users/{id}/password-reset), and the key list.
import type { Infer } from './infer.js';

const INSTANT = { type: 'string', description: 'ISO 8601 instant in UTC' } as const;

export const ticketListItemSchema = {
  $id: 'https://beacon.example/schemas/ticket-list-item.json',
  title: 'TicketListItem',
  description: "A ticket's standing at its last evaluation (a write, an import or the sweep, every 5 minutes by default): `evaluatedAt` says when.",
  type: 'object',
  required: ['id', 'propertyId', 'unit', 'category', 'priority', 'kind', 'channel', 'createdAt', 'state', 'nextDue', 'breached', 'warning', 'evaluatedAt'],
  properties: {
    id: { type: 'string' },
    propertyId: { type: 'string' },
    unit: { type: 'string' },
    category: { type: 'string' },
    priority: { type: 'string' },
    kind: { type: ['string', 'null'] },
    channel: { type: ['string', 'null'] },
    createdAt: { type: 'string', description: 'As the ticket was sent (with its offset)' },
    state: { enum: ['open', 'closed'] },
    nextDue: {
      oneOf: [{ type: 'null' }, { type: 'object', required: ['clock', 'at'], properties: { clock: { type: 'string' }, at: INSTANT }, additionalProperties: false }],
      description: 'The running clock due soonest; null when closed, paused or nothing is due',
    },
    breached: { type: 'array', items: { type: 'string' }, description: 'Clocks breached, with a next due that has passed since the evaluation' },
    warning: { type: ['string', 'null'], description: "The highest warning level reached, by its name in the policy (blue, yellow, red in the shipped policies)" },
    evaluatedAt: INSTANT,
  },
  additionalProperties: false,
} as const;

export const ticketListSchema = {
  $id: 'https://beacon.example/schemas/ticket-list.json',
  title: 'TicketList',
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: {
    items: { type: 'array', items: { $ref: ticketListItemSchema.$id } },
    nextCursor: { type: ['string', 'null'], description: 'Pass as ?cursor= for the next page; null on the last' },
  },
  additionalProperties: false,
} as const;

const ROLE = { enum: ['admin', 'quality', 'manager', 'viewer'] } as const;

export const userChangesSchema = {
  $id: 'https://beacon.example/schemas/user-changes.json',
  title: 'UserChanges',
  description: 'Any of: the role, the assigned properties (replacing them), disabled (true ends every session of the user at once; false enables).',
  type: 'object',
  minProperties: 1,
  properties: {
    role: ROLE,
    properties: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 200 }, maxItems: 1000, description: 'Property ids, replacing those assigned' },
    disabled: { type: 'boolean' },
  },
  additionalProperties: false,
} as const;

export const passwordResetResponseSchema = {
  $id: 'https://beacon.example/schemas/password-reset-response.json',
  title: 'PasswordResetResponse',
  description: 'A new password, shown this once; every session of the user has ended. Give it to the user by a channel you trust.',
  type: 'object',
  required: ['temporaryPassword'],
  properties: { temporaryPassword: { type: 'string' } },
  additionalProperties: false,
} as const;

export const apiKeyListSchema = {
  $id: 'https://beacon.example/schemas/api-key-list.json',
  title: 'ApiKeyList',
  description: 'Every key, never its secret: the owner by id and name, and the role the key acts with (its owner\'s).',
  type: 'object',
  required: ['keys'],
  properties: {
    keys: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'userId', 'owner', 'role', 'createdAt', 'lastUsedAt', 'revokedAt'],
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          userId: { type: 'string' },
          owner: { type: 'string', description: "The owner's user name" },
          role: ROLE,
          createdAt: INSTANT,
          lastUsedAt: { type: ['string', 'null'] },
          revokedAt: { type: ['string', 'null'] },
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
} as const;

export type TicketListItem = Infer<typeof ticketListItemSchema>;
export type UserChangesRequest = Infer<typeof userChangesSchema>;
export type ApiKeyListResponse = Infer<typeof apiKeyListSchema>;
