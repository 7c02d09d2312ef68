// Notification channels (POST/PATCH /v1/notification-channels) and the outbox as read by
// GET /v1/notifications.
import type { Infer } from './infer.js';

/** http(s) only; bounded; the robots' URLs carry their key in the query. */
const URL_FIELD = { type: 'string', minLength: 10, maxLength: 2000, pattern: '^https?://[^\\s/@]+(/[^\\s]*)?$', description: 'http(s) URL: a webhook receiver, a WeCom robot (…/cgi-bin/webhook/send?key=…) or a DingTalk robot (…/robot/send?access_token=…)' } as const;
const ROLES = { type: 'array', minItems: 1, maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 100 }, description: "The policy's notify roles this channel serves (service_supervisor, quality_head…); * for every role" } as const;
const SECRET = { type: 'string', minLength: 8, maxLength: 200, description: 'webhook: the HMAC-SHA256 key of X-Beacon-Signature; dingtalk: the robot’s 加签 secret (SEC…). Never returned.' } as const;

export const newChannelRequestSchema = {
  $id: 'https://beacon.example/schemas/new-channel-request.json',
  title: 'NewChannelRequest',
  type: 'object',
  required: ['name', 'kind', 'url', 'roles'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    kind: { enum: ['webhook', 'wecom', 'dingtalk'] },
    url: URL_FIELD,
    secret: SECRET,
    roles: ROLES,
    propertyId: { type: 'string', minLength: 1, maxLength: 200, description: 'Only events of this property; every property when absent' },
  },
  additionalProperties: false,
} as const;

export const channelChangesSchema = {
  $id: 'https://beacon.example/schemas/channel-changes.json',
  title: 'ChannelChanges',
  type: 'object',
  minProperties: 1,
  properties: { name: newChannelRequestSchema.properties.name, url: URL_FIELD, secret: SECRET, roles: ROLES, enabled: { type: 'boolean' } },
  additionalProperties: false,
} as const;

export const channelSchema = {
  $id: 'https://beacon.example/schemas/notification-channel.json',
  title: 'NotificationChannel',
  description: 'A channel as stored: never its secret; the URL with its query values hidden (the robots’ keys ride there).',
  type: 'object',
  required: ['id', 'name', 'kind', 'url', 'roles', 'propertyId', 'enabled', 'hasSecret', 'createdAt'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    kind: { enum: ['webhook', 'wecom', 'dingtalk'] },
    url: { type: 'string' },
    roles: { type: 'array', items: { type: 'string' } },
    propertyId: { type: ['string', 'null'] },
    enabled: { type: 'boolean' },
    hasSecret: { type: 'boolean' },
    createdAt: { type: 'string' },
  },
  additionalProperties: false,
} as const;

export const notificationListSchema = {
  $id: 'https://beacon.example/schemas/notification-list.json',
  title: 'NotificationList',
  description: 'Outbox entries, newest first, each with its deliveries and every attempt (time, ok, response code, error).',
  type: 'object',
  required: ['entries', 'nextBefore'],
  properties: { entries: { type: 'array', items: { type: 'object' } }, nextBefore: { type: ['integer', 'null'] } },
} as const;

export type NewChannelRequest = Infer<typeof newChannelRequestSchema>;
export type ChannelChangesRequest = Infer<typeof channelChangesSchema>;
