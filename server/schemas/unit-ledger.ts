// GET /v1/units/{unit}/ledger: the entries behind a unit's score (store/unit-ledger.ts).
import type { Infer } from './infer.js';

const INSTANT = { type: 'string', description: 'ISO 8601 instant in UTC' } as const;
const NULLABLE_TEXT = { type: ['string', 'null'] } as const;

export const unitLedgerEntrySchema = {
  $id: 'https://beacon.example/schemas/unit-ledger-entry.json',
  title: 'UnitLedgerEntry',
  description:
    "One entry behind a unit's score: a warning level a ticket reached (`source` ticket; `voided` set when reversed since, so it no longer counts), a late or missing duty occurrence (`duty`), or a branch company's share red (`company`, 004 第十一条(三)2). The score's points are the sum of the entries not voided.",
  type: 'object',
  required: ['source', 'id', 'unit', 'period', 'level', 'points', 'reachedAt', 'recordedAt', 'propertyId', 'ticketId', 'category', 'duty', 'company', 'voided'],
  properties: {
    source: { enum: ['ticket', 'duty', 'company'] },
    id: { type: 'integer', description: "The entry's id in its own ledger" },
    unit: { type: 'string' },
    period: { type: 'string', description: 'The month (policy zone) it counts in, YYYY-MM' },
    level: { type: 'string' },
    points: { type: 'number' },
    reachedAt: INSTANT,
    recordedAt: INSTANT,
    propertyId: { ...NULLABLE_TEXT, description: "The ticket's or duty's property; null for a company's red" },
    ticketId: { ...NULLABLE_TEXT, description: 'The ticket charged (GET /v1/tickets/{id}), or the one whose households crossed the share; null for a duty' },
    category: NULLABLE_TEXT,
    duty: {
      oneOf: [{ type: 'null' }, { type: 'object', required: ['id', 'occurrence'], properties: { id: { type: 'string' }, occurrence: { type: 'string', description: 'The nominal local date, YYYY-MM-DD' } }, additionalProperties: false }],
    },
    company: {
      oneOf: [
        { type: 'null' },
        { type: 'object', required: ['id', 'cluster', 'households', 'total'], properties: { id: { type: 'string' }, cluster: { type: 'string' }, households: { type: 'integer' }, total: { type: 'integer' } }, additionalProperties: false },
      ],
    },
    voided: {
      oneOf: [
        { type: 'null' },
        {
          type: 'object',
          required: ['reason', 'reversedAt'],
          properties: { reason: { type: 'object', required: ['zh', 'en'], properties: { zh: { type: 'string' }, en: { type: 'string' } }, additionalProperties: false }, reversedAt: INSTANT },
          additionalProperties: false,
        },
      ],
    },
  },
  additionalProperties: false,
} as const;

export const unitLedgerSchema = {
  $id: 'https://beacon.example/schemas/unit-ledger.json',
  title: 'UnitLedger',
  type: 'object',
  required: ['unit', 'from', 'to', 'items', 'nextCursor'],
  properties: {
    unit: { type: 'string' },
    from: { type: 'string', description: 'First month, YYYY-MM' },
    to: { type: 'string', description: 'Last month, YYYY-MM' },
    items: { type: 'array', items: { $ref: unitLedgerEntrySchema.$id } },
    nextCursor: { type: ['string', 'null'], description: 'Pass as ?cursor= for the next page; null on the last' },
  },
  additionalProperties: false,
} as const;

export type UnitLedgerEntryBody = Infer<typeof unitLedgerEntrySchema>;
