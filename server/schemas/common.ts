// Pieces every request and response schema shares: the instant, the problem document
// (RFC 9457 application/problem+json) and the error item with its JSON pointer.
import { ticketSchema } from '../../engine/index.js';
import type { Infer } from './infer.js';

/** The ticket contract's instant: ISO 8601 with a UTC offset. */
export const instantSchema = ticketSchema.properties.createdAt;

export const errorItemSchema = {
  type: 'object',
  required: ['pointer', 'message', 'code'],
  properties: {
    pointer: { type: 'string', description: "JSON pointer (RFC 6901) into the request body, or into the NDJSON line; `?name` a query parameter, `{name}` a path parameter; '' the request as a whole" },
    message: { type: 'string' },
    code: { type: 'string', description: 'E2xx: the ticket (see docs/engine.md); E103: no policy for the property; H1xx: the request; H4xx, H5xx without a more precise code: the status' },
    help: { type: 'string' },
  },
  additionalProperties: false,
} as const;

export const problemSchema = {
  $id: 'https://beacon.example/schemas/problem.json',
  title: 'Problem',
  description: 'RFC 9457 problem details; `errors` lists each mistake with its code and pointer (one for the whole request, pointer \'\', when nothing more precise is known).',
  type: 'object',
  required: ['type', 'title', 'status', 'errors'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    requestId: { type: 'string' },
    errors: { type: 'array', items: errorItemSchema },
  },
} as const;

export type ErrorItem = Infer<typeof errorItemSchema>;
export type Problem = Infer<typeof problemSchema>;
