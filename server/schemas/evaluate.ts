// POST /v1/evaluate and /v1/evaluate/batch: requests and responses.
import { evaluationResultSchema } from '../../engine/index.js';
import { errorItemSchema, instantSchema } from './common.js';
import { TICKET_REF, type Infer } from './infer.js';

export const MAX_BATCH = 10_000;

const ticketRef = { $ref: TICKET_REF } as const;

export const evaluateRequestSchema = {
  $id: 'https://beacon.example/schemas/evaluate-request.json',
  title: 'EvaluateRequest',
  type: 'object',
  required: ['ticket'],
  properties: {
    ticket: ticketRef,
    at: { ...instantSchema, description: 'The instant to evaluate at; the server clock when absent' },
    explain: { type: 'boolean', description: 'Add the trace: each decision with its rule file:line:col' },
  },
  additionalProperties: false,
} as const;

/** The single request as the route checks it: the envelope; the engine checks the ticket (once). */
export const evaluateEnvelopeSchema = {
  ...evaluateRequestSchema,
  $id: 'https://beacon.example/schemas/evaluate-envelope.json',
  properties: { ...evaluateRequestSchema.properties, ticket: {} },
} as const;

export const policyRefSchema = {
  type: 'object',
  required: ['property', 'version', 'hash', 'chain'],
  properties: {
    property: { type: 'string' },
    version: { type: 'integer', description: "The property's active policy version" },
    hash: { type: 'string', description: 'SHA-256 of the effective policy: every active version in the chain and the libraries; changes when any of them changes' },
    chain: {
      type: 'array',
      description: 'The active versions it was compiled from, group first',
      items: {
        type: 'object',
        required: ['scope', 'version', 'hash'],
        properties: { scope: { type: 'string' }, version: { type: 'integer' }, hash: { type: 'string' } },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
} as const;

const { $schema: _s, $id: _i, title: _t, ...result } = evaluationResultSchema;

export const evaluateResponseSchema = {
  ...result,
  $id: 'https://beacon.example/schemas/evaluate-response.json',
  title: 'EvaluateResponse',
  required: ['ticketId', 'policy', 'at', 'clocks', 'warning', 'actions', 'penalty'],
  properties: { ...result.properties, policy: policyRefSchema },
} as const;

export const batchRequestSchema = {
  $id: 'https://beacon.example/schemas/batch-request.json',
  title: 'BatchRequest',
  type: 'object',
  required: ['tickets'],
  properties: {
    tickets: { type: 'array', maxItems: MAX_BATCH, items: ticketRef },
    at: { ...instantSchema, description: 'The instant to evaluate every ticket at; the server clock when absent' },
  },
  additionalProperties: false,
} as const;

/**
 * The batch request as the route checks it: the envelope only. Each ticket is checked
 * once, by the engine as it is evaluated, and its mistakes are its own result, so the
 * documented schema's per-ticket check would only repeat that work.
 */
export const batchEnvelopeSchema = {
  ...batchRequestSchema,
  $id: 'https://beacon.example/schemas/batch-envelope.json',
  properties: { ...batchRequestSchema.properties, tickets: { type: 'array', maxItems: MAX_BATCH } },
} as const;

const errorsSchema = { type: 'array', minItems: 1, items: errorItemSchema } as const;

export const batchResponseSchema = {
  $id: 'https://beacon.example/schemas/batch-response.json',
  title: 'BatchResponse',
  type: 'object',
  required: ['results'],
  properties: {
    results: {
      type: 'array',
      description: 'One entry per ticket, in request order; a ticket that cannot be evaluated has its errors, the others are evaluated',
      items: {
        oneOf: [
          { type: 'object', required: ['index', 'ticketId', 'result'], properties: { index: { type: 'integer' }, ticketId: { type: 'string' }, result: evaluateResponseSchema }, additionalProperties: false },
          { type: 'object', required: ['index', 'errors'], properties: { index: { type: 'integer' }, errors: errorsSchema }, additionalProperties: false },
        ],
      },
    },
  },
  additionalProperties: false,
} as const;

/** One line of an application/x-ndjson batch response; `line` is 1-based. */
export const ndjsonLineSchema = {
  $id: 'https://beacon.example/schemas/ndjson-result-line.json',
  title: 'NdjsonResultLine',
  oneOf: [
    { type: 'object', required: ['line', 'ticketId', 'result'], properties: { line: { type: 'integer' }, ticketId: { type: 'string' }, result: evaluateResponseSchema }, additionalProperties: false },
    { type: 'object', required: ['line', 'errors'], properties: { line: { type: 'integer' }, errors: errorsSchema }, additionalProperties: false },
  ],
} as const;

export const ndjsonQuerySchema = {
  type: 'object',
  properties: { at: instantSchema, explain: { enum: ['true', 'false'] } },
  additionalProperties: false,
} as const;

export type EvaluateRequest = Infer<typeof evaluateRequestSchema>;
export type EvaluateResponse = Infer<typeof evaluateResponseSchema>;
export type PolicyRef = Infer<typeof policyRefSchema>;
export type BatchRequest = Infer<typeof batchRequestSchema>;
export type BatchResponse = Infer<typeof batchResponseSchema>;
export type BatchResultItem = BatchResponse['results'][number];
export type NdjsonLine = Infer<typeof ndjsonLineSchema>;
export type NdjsonQuery = Infer<typeof ndjsonQuerySchema>;
