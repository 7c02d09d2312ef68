// POST /v1/tickets/import: the query, and the lines of its streamed NDJSON answer.
import { errorItemSchema } from './common.js';
import type { Infer } from './infer.js';

const count = { type: 'integer', minimum: 0 } as const;

export const importCountersSchema = {
  type: 'object',
  required: ['lines', 'created', 'updated', 'unchanged', 'rejected', 'recorded'],
  properties: {
    lines: { ...count, description: 'Input lines read so far (a CSV header and quoted line breaks included)' },
    created: { ...count, description: 'Tickets that were new' },
    updated: { ...count, description: 'Stored tickets that changed' },
    unchanged: { ...count, description: 'Tickets stored exactly so already' },
    rejected: { ...count, description: 'Rows not imported; each has its own line with errors' },
    recorded: { ...count, description: 'Ledger entries newly recorded' },
  },
  additionalProperties: false,
} as const;

export const importLineSchema = {
  $id: 'https://beacon.example/schemas/import-line.json',
  title: 'ImportLine',
  description:
    'One line of the answer to POST /v1/tickets/import: progress every 1,000 tickets, a rejected row with its mistakes (`line` is the 1-based input line the row begins on; pointers into the ticket, or `/<column>` for CSV), and `done` last. A stream that ends without `done` was cut short; its last line says why (H413, H500).',
  oneOf: [
    { type: 'object', required: ['progress'], properties: { progress: importCountersSchema }, additionalProperties: false },
    {
      type: 'object',
      required: ['line', 'errors'],
      properties: { line: { type: 'integer', minimum: 1 }, ticketId: { type: 'string' }, errors: { type: 'array', minItems: 1, items: errorItemSchema } },
      additionalProperties: false,
    },
    { type: 'object', required: ['done'], properties: { done: importCountersSchema }, additionalProperties: false },
  ],
} as const;

export const importQuerySchema = {
  type: 'object',
  properties: { dryRun: { enum: ['true', 'false'], description: 'true: check every row and count what would change, writing nothing' } },
  additionalProperties: false,
} as const;

export type ImportCounters = Infer<typeof importCountersSchema>;
export type ImportLine = Infer<typeof importLineSchema>;
export type ImportQuery = Infer<typeof importQuerySchema>;
