// GET /v1/duties and POST /v1/duties/{id}/done: duty occurrences with their state, and a fulfilment.
import { instantSchema } from './common.js';
import type { Infer } from './infer.js';

const DATE = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'A local date, YYYY-MM-DD' } as const;
const STATE = { enum: ['pending', 'met', 'late', 'missing'], description: 'pending: not done, not yet due; met: done by the due time; late: done after it; missing: past due, not done' } as const;

export const dutyDoneRequestSchema = {
  $id: 'https://beacon.example/schemas/duty-done-request.json',
  title: 'DutyDoneRequest',
  type: 'object',
  required: ['property', 'occurrence'],
  properties: {
    property: { type: 'string', minLength: 1, maxLength: 200 },
    occurrence: { ...DATE, description: 'The occurrence: its nominal date as GET /v1/duties lists it (a Friday for a Friday duty, even when a holiday moved it)' },
    doneAt: { ...instantSchema, description: 'Admins only: when it was done, for a record made on paper; otherwise the service records now' },
    note: { type: 'string', maxLength: 2000 },
  },
  additionalProperties: false,
} as const;
export type DutyDoneRequest = Infer<typeof dutyDoneRequestSchema>;

export const dutyFulfilmentSchema = {
  $id: 'https://beacon.example/schemas/duty-fulfilment.json',
  title: 'DutyFulfilment',
  type: 'object',
  required: ['duty', 'property', 'unit', 'occurrence', 'dueAt', 'doneAt', 'by', 'note', 'state', 'lateMinutes'],
  properties: {
    duty: { type: 'string' },
    property: { type: 'string' },
    unit: { type: 'string', description: 'The unit that owes it: `<property>/<owner role>`' },
    occurrence: DATE,
    dueAt: { type: 'string' },
    doneAt: { type: 'string' },
    by: { type: 'string', description: 'The id of the user who recorded it' },
    note: { type: ['string', 'null'] },
    state: { enum: ['met', 'late'] },
    lateMinutes: { type: 'integer' },
  },
  additionalProperties: false,
} as const;

export interface DutyFulfilmentResponse {
  duty: string;
  property: string;
  unit: string;
  occurrence: string;
  dueAt: string;
  doneAt: string;
  by: string;
  note: string | null;
  state: 'met' | 'late';
  lateMinutes: number;
}

const OCCURRENCE = {
  type: 'object',
  required: ['occurrence', 'dueDay', 'dueAt', 'state', 'lateMinutes', 'breached', 'doneAt', 'doneBy'],
  properties: {
    occurrence: DATE,
    dueDay: { ...DATE, description: 'The day it is due on, after a move past days without service' },
    dueAt: { type: 'string' },
    state: STATE,
    lateMinutes: { type: 'integer' },
    breached: { type: 'boolean', description: 'Late or missing and not advisory' },
    doneAt: { type: ['string', 'null'] },
    doneBy: { type: ['string', 'null'] },
  },
  additionalProperties: false,
} as const;

export const dutyBoardSchema = {
  $id: 'https://beacon.example/schemas/duty-board.json',
  title: 'DutyBoard',
  type: 'object',
  required: ['property', 'period', 'at', 'duties'],
  properties: {
    property: { type: 'string' },
    period: { type: 'string' },
    at: { type: 'string', description: 'The instant the states are judged at' },
    duties: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'label', 'owner', 'unit', 'schedule', 'calendar', 'warning', 'advisory', 'occurrences'],
        properties: {
          id: { type: 'string' },
          label: { type: ['string', 'null'] },
          owner: { type: 'string' },
          unit: { type: 'string' },
          schedule: { type: 'object' },
          calendar: { type: ['string', 'null'] },
          warning: { type: ['object', 'null'], properties: { level: { type: 'string' }, points: { type: 'number' } } },
          advisory: { type: 'boolean' },
          occurrences: { type: 'array', items: OCCURRENCE },
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
} as const;
