// GET /healthz and /readyz.
import type { Infer } from './infer.js';

export const healthSchema = {
  $id: 'https://beacon.example/schemas/health.json',
  title: 'Health',
  type: 'object',
  required: ['status'],
  properties: { status: { const: 'ok' } },
  additionalProperties: false,
} as const;

export const readySchema = {
  $id: 'https://beacon.example/schemas/ready.json',
  title: 'Ready',
  type: 'object',
  required: ['status', 'checks'],
  properties: {
    status: { enum: ['ready', 'not_ready'] },
    checks: {
      type: 'object',
      required: ['store', 'migrations'],
      properties: {
        store: { type: 'boolean', description: 'The store answered a query' },
        migrations: { type: 'boolean', description: 'Every shipped migration was applied at start' },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const;

export type Health = Infer<typeof healthSchema>;
export type Ready = Infer<typeof readySchema>;
