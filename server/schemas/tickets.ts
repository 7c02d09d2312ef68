// PUT/GET /v1/tickets/{id} and GET /v1/units/{unit}/scores: responses, and the ledger entry.
import type { LedgerEntry } from '../store/index.js';
import type { EvaluateResponse } from './evaluate.js';
import { scoreExtrasProperties, type ScoreExtrasBody } from './scores.js';

const EVALUATE_RESPONSE_REF = 'https://beacon.example/schemas/evaluate-response.json';

export const ledgerEntrySchema = {
  $id: 'https://beacon.example/schemas/ledger-entry.json',
  title: 'LedgerEntry',
  description: 'One warning level a ticket reached, charged once to its unit in the month (in the policy zone) the level was raised.',
  type: 'object',
  required: ['id', 'ticketId', 'level', 'points', 'unit', 'period', 'reachedAt', 'recordedAt'],
  properties: {
    id: { type: 'integer' },
    ticketId: { type: 'string' },
    level: { type: 'string' },
    points: { type: 'number' },
    unit: { type: 'string' },
    period: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
    reachedAt: { type: 'string', description: 'When the level was raised (UTC)' },
    recordedAt: { type: 'string' },
  },
  additionalProperties: false,
} as const;

export const ticketUpsertResponseSchema = {
  $id: 'https://beacon.example/schemas/ticket-upsert-response.json',
  title: 'TicketUpsertResponse',
  type: 'object',
  required: ['id', 'created', 'changed', 'result', 'recorded'],
  properties: {
    id: { type: 'string' },
    created: { type: 'boolean', description: 'The ticket was new (201)' },
    changed: { type: 'boolean', description: 'Something was written; false when the same ticket came again' },
    result: { $ref: EVALUATE_RESPONSE_REF },
    recorded: { type: 'array', items: { $ref: ledgerEntrySchema.$id }, description: 'Ledger entries newly recorded by this request' },
  },
  additionalProperties: false,
} as const;

export const unitScoresSchema = {
  $id: 'https://beacon.example/schemas/unit-scores.json',
  title: 'UnitScores',
  type: 'object',
  required: ['unit', 'period', 'points', 'counts', 'tickets', 'compliance', 'light'],
  properties: {
    unit: { type: 'string' },
    period: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
    points: { type: 'number', description: 'Points charged in the period' },
    counts: { type: 'object', additionalProperties: { type: 'integer' }, description: 'Ledger entries by warning level' },
    tickets: { type: 'integer', description: "The unit's tickets created in the period (in the policy zone)" },
    compliance: { type: ['number', 'null'], description: 'Percent of those tickets with no breached clock now; null without tickets' },
    light: { type: ['string', 'null'], description: "The policy's compliance light for that percent; null without tickets or compliance rules" },
    ...scoreExtrasProperties,
  },
  additionalProperties: false,
} as const;

export interface TicketUpsertResponse {
  id: string;
  created: boolean;
  changed: boolean;
  result: EvaluateResponse;
  recorded: LedgerEntry[];
}

export interface UnitScoresResponse {
  unit: string;
  period: string;
  points: number;
  counts: Record<string, number>;
  tickets: number;
  compliance: number | null;
  light: string | null;
  parts?: ScoreExtrasBody['parts'];
  rates?: ScoreExtrasBody['rates'];
}
