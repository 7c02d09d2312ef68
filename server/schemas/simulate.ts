// POST /v1/simulate: what a draft (or an unsaved edit) would have done to a property's
// ticket history, as the engine's difference report (engine/simulate.ts).
import type { SimulationReport } from '../../engine/index.js';
import { instantSchema, problemSchema } from './common.js';
import { TICKET_REF, type Infer } from './infer.js';

/** Uploaded tickets per request, as for a JSON batch. */
export const MAX_SIMULATE_TICKETS = 10_000;
/** Changed tickets reported with explanations; all are counted. */
export const MAX_SIMULATE_EXAMPLES = 500;

export const simulateRequestSchema = {
  $id: 'https://beacon.example/schemas/simulate-request.json',
  title: 'SimulateRequest',
  description:
    'The property, what to try (`draft`: a stored version of a scope in its lineage; or `source`: an unsaved text of `scope`, the property by default) and the history (`period`, or `from` and `to`, or uploaded `tickets`).',
  type: 'object',
  required: ['property'],
  properties: {
    property: { type: 'string', minLength: 1, maxLength: 200 },
    draft: { type: 'string', minLength: 1, maxLength: 200, description: "A policy version id of the property or of its branch or group: it replaces that level's active version" },
    source: { type: 'string', minLength: 1, maxLength: 1_000_000, description: 'The whole .sla text of `scope`, unsaved' },
    scope: { type: 'string', minLength: 1, maxLength: 200, description: 'With `source`: the scope it is for (the property, its branch or its group); the property by default' },
    period: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'The stored tickets created in this month (YYYY-MM), in the policy zone' },
    from: { ...instantSchema, description: 'With `to`: the stored tickets created at or after this instant' },
    to: { ...instantSchema, description: 'With `from`: … and before this instant' },
    tickets: { type: 'array', maxItems: MAX_SIMULATE_TICKETS, items: { $ref: TICKET_REF }, description: 'Tickets to simulate instead of stored ones, all of the property; taken in creation order' },
    at: { ...instantSchema, description: 'The instant both policies are evaluated at; the server clock when absent' },
    examples: { type: 'integer', minimum: 0, maximum: MAX_SIMULATE_EXAMPLES, description: 'Changed tickets to report with explanations (50 by default)' },
  },
  additionalProperties: false,
} as const;

const count = { type: 'integer', minimum: 0 } as const;
const reasonSchema = { type: 'object', required: ['zh', 'en'], properties: { zh: { type: 'string' }, en: { type: 'string' } }, additionalProperties: false } as const;

const sideCountsSchema = {
  type: 'object',
  required: ['clocks', 'warnings', 'points'],
  properties: {
    clocks: { type: 'object', description: 'Tickets by clock and state', additionalProperties: { type: 'object', additionalProperties: count } },
    warnings: { type: 'object', description: "Tickets by warning level ('none' for none)", additionalProperties: count },
    points: { type: 'number' },
  },
  additionalProperties: false,
} as const;

const outcomeSchema = {
  type: 'object',
  required: ['warning', 'points', 'clocks'],
  properties: { warning: { type: 'string' }, points: { type: 'number' }, clocks: { type: 'object', additionalProperties: { type: 'string' } } },
  additionalProperties: false,
} as const;

const delta = (key: Record<string, { type: 'string' }>) =>
  ({
    type: 'object',
    required: [...Object.keys(key), 'from', 'to', 'delta'],
    properties: { ...key, from: { type: 'number' }, to: { type: 'number' }, delta: { type: 'number' } },
    additionalProperties: false,
  }) as const;

const chainItemSchema = {
  type: 'object',
  required: ['scope', 'id', 'version', 'hash'],
  properties: {
    scope: { type: 'string' },
    id: { type: ['string', 'null'], description: 'The version id; null for an unsaved source' },
    version: { type: ['integer', 'null'], description: 'null for an unsaved source' },
    hash: { type: 'string', description: 'SHA-256 of the source' },
  },
  additionalProperties: false,
} as const;

const sideSchema = {
  type: 'object',
  required: ['policy', 'property', 'chain'],
  properties: {
    policy: { type: 'string', description: 'The compiled policy id' },
    property: { type: 'string' },
    chain: { type: 'array', items: chainItemSchema, description: 'The versions compiled, group first' },
  },
  additionalProperties: false,
} as const;

export const simulateResponseSchema = {
  $id: 'https://beacon.example/schemas/simulate-response.json',
  title: 'SimulateResponse',
  description:
    "The engine's difference report: counts by clock state and warning level under each policy, penalty points by unit and by category/priority cell, and the tickets whose outcome changed (the first `examples` with why); `from` is the property's active chain, `to` the chain with the draft in place.",
  type: 'object',
  required: ['at', 'from', 'to', 'history', 'tickets', 'skipped', 'counts', 'penaltiesByUnit', 'penaltiesByCell', 'changed'],
  properties: {
    at: instantSchema,
    from: sideSchema,
    to: sideSchema,
    history: {
      type: 'object',
      required: ['source'],
      properties: {
        source: { enum: ['stored', 'uploaded'] },
        period: { type: 'string' },
        from: { type: 'string', description: 'UTC' },
        to: { type: 'string', description: 'UTC' },
      },
      additionalProperties: false,
    },
    tickets: { ...count, description: 'Tickets read' },
    skipped: {
      type: 'object',
      required: ['count', 'examples'],
      description: 'Tickets a policy cannot read (an unknown category, event…)',
      properties: {
        count,
        examples: {
          type: 'array',
          items: { type: 'object', required: ['ticketId', 'errors'], properties: { ticketId: { type: 'string' }, errors: { type: 'array', items: { type: 'object', required: ['code', 'message'] } } }, additionalProperties: false },
        },
      },
      additionalProperties: false,
    },
    counts: { type: 'object', required: ['from', 'to'], properties: { from: sideCountsSchema, to: sideCountsSchema }, additionalProperties: false },
    penaltiesByUnit: { type: 'array', items: delta({ unit: { type: 'string' } }) },
    penaltiesByCell: { type: 'array', items: delta({ category: { type: 'string' }, priority: { type: 'string' } }) },
    changed: {
      type: 'object',
      required: ['count', 'examples'],
      properties: {
        count,
        examples: {
          type: 'array',
          items: {
            type: 'object',
            required: ['ticketId', 'unit', 'from', 'to', 'explanation'],
            properties: {
              ticketId: { type: 'string' },
              unit: { type: 'string' },
              from: outcomeSchema,
              to: outcomeSchema,
              explanation: {
                type: 'object',
                required: ['from', 'to'],
                properties: { from: { type: 'array', items: reasonSchema }, to: { type: 'array', items: reasonSchema } },
                additionalProperties: false,
              },
            },
            additionalProperties: false,
          },
        },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const;

/** One line of the application/x-ndjson answer: progress lines, then the report (or an error). */
export const simulateNdjsonLineSchema = {
  $id: 'https://beacon.example/schemas/simulate-ndjson-line.json',
  title: 'SimulateNdjsonLine',
  oneOf: [
    {
      type: 'object',
      required: ['progress'],
      properties: {
        progress: { type: 'object', required: ['tickets'], properties: { tickets: count, total: count }, additionalProperties: false },
      },
      additionalProperties: false,
    },
    { type: 'object', required: ['report'], properties: { report: { $ref: simulateResponseSchema.$id } }, additionalProperties: false },
    { type: 'object', required: ['error'], properties: { error: { $ref: problemSchema.$id } }, additionalProperties: false, description: 'The run failed after the answer began' },
  ],
} as const;

export type SimulateRequest = Infer<typeof simulateRequestSchema>;

export interface ChainItem {
  scope: string;
  id: string | null;
  version: number | null;
  hash: string;
}

export interface SimulationSide {
  policy: string;
  property: string;
  chain: ChainItem[];
}

export type SimulateHistory = { source: 'stored'; from: string; to: string; period?: string } | { source: 'uploaded' };

export interface SimulateResponse extends Omit<SimulationReport, 'from' | 'to'> {
  from: SimulationSide;
  to: SimulationSide;
  history: SimulateHistory;
}
