// JSON Schemas (2020-12) of the ticket and the evaluation result: the one
// source the engine validates with and the server will reuse for requests,
// responses and its OpenAPI document. engine/ticket.ts holds the matching types.

const instant = {
  type: 'string',
  // An offset is required: a ticket time without one would be read in whatever zone the reader is in.
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$',
  description: 'ISO 8601 instant with a UTC offset, e.g. 2026-03-02T08:05:00+08:00',
} as const;

/**
 * No control characters (U+0000-U+001F, U+007F) in a name: a NUL cannot be stored
 * (PostgreSQL refuses it) and the others only hide what a name says.
 */
export const NO_CONTROL_CHARACTERS = '^[^\\u0000-\\u001F\\u007F]*$';
/** Free text may break lines and indent (tab, line feed, carriage return), nothing else below U+0020. */
export const TEXT_CHARACTERS = '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$';

/** Ids, property, unit, words of the policy: one line, at most 200 characters. */
const name = { type: 'string', minLength: 1, maxLength: 200, pattern: NO_CONTROL_CHARACTERS } as const;
/** A short optional text on one line (who recorded an event, an issue key, a household). */
const shortText = { type: 'string', maxLength: 200, pattern: NO_CONTROL_CHARACTERS } as const;
/** A note: free text over several lines. */
const note = { type: 'string', maxLength: 2000, pattern: TEXT_CHARACTERS } as const;

/** Fields a ticket may carry besides its own: a policy's attributes (`attribute floor { … }`) and a system's extras. */
export const MAX_TICKET_FIELDS = 100;
/** Named instants a ticket may carry (`deadlines`): a policy declares a handful. */
export const MAX_TICKET_DEADLINES = 20;

export const ticketEventSchema = {
  $id: 'https://beacon.example/schemas/ticket-event.json',
  type: 'object',
  required: ['type', 'at'],
  properties: {
    type: { ...name, description: 'received, dispatched, accepted, contacted, arrived, resolved, revisited, closed, paused, resumed, reopened, or an event the policy declares' },
    at: instant,
    by: shortText,
    note,
    reason: { ...name, description: 'Why a pause event paused: one of the policy\'s `pause reasons`' },
  },
  additionalProperties: false,
} as const;

export const ticketSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://beacon.example/schemas/ticket.json',
  title: 'Ticket',
  description: 'A resident report (报事) with its timeline, as an external system sends it.',
  type: 'object',
  required: ['id', 'property', 'unit', 'category', 'priority', 'createdAt', 'events'],
  properties: {
    id: name,
    property: name,
    unit: { ...name, description: 'The responsible unit charged with penalties, e.g. sunrise-garden/engineering' },
    category: name,
    priority: { ...name, description: 'A tier the policy declares, e.g. urgent' },
    kind: name,
    channel: name,
    severity: name,
    createdAt: instant,
    appointmentAt: { anyOf: [instant, { type: 'null' }] },
    issueKey: { anyOf: [shortText, { type: 'null' }] },
    household: { anyOf: [shortText, { type: 'null' }] },
    repeatCount: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    flags: { type: 'array', items: name, uniqueItems: true, maxItems: 50 },
    deadlines: {
      type: 'object',
      description: 'Instants the ticket carries, by a name the policy declares in `deadlines { … }`, e.g. {"plan_completion": "2026-03-05T17:00:00+08:00"}',
      maxProperties: MAX_TICKET_DEADLINES,
      propertyNames: { minLength: 1, maxLength: 100, pattern: NO_CONTROL_CHARACTERS },
      additionalProperties: instant,
    },
    events: { type: 'array', items: ticketEventSchema, maxItems: 1000 },
  },
  // Policies declare their own attributes (`attribute floor { … }`), sent as further string fields.
  maxProperties: MAX_TICKET_FIELDS,
  propertyNames: { maxLength: 100, pattern: NO_CONTROL_CHARACTERS },
  additionalProperties: { type: ['string', 'number', 'boolean', 'null'], maxLength: 2000, pattern: TEXT_CHARACTERS },
} as const;

const reason = {
  type: 'object',
  required: ['zh', 'en'],
  properties: { zh: { type: 'string' }, en: { type: 'string' } },
  additionalProperties: false,
} as const;

const nullableInstant = { anyOf: [instant, { type: 'null' }] } as const;
const nullableNumber = { type: ['number', 'null'] } as const;

export const evaluationResultSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://beacon.example/schemas/evaluation-result.json',
  title: 'EvaluationResult',
  type: 'object',
  required: ['ticketId', 'at', 'clocks', 'warning', 'actions', 'penalty'],
  properties: {
    ticketId: { type: 'string' },
    at: instant,
    clocks: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'state', 'startedAt', 'dueAt', 'stoppedAt', 'elapsedMinutes', 'remainingMinutes', 'overdueMinutes', 'overdueWorkdays', 'target', 'reason'],
        properties: {
          name: { type: 'string' },
          label: { type: 'string' },
          state: { enum: ['not_started', 'running', 'paused', 'met', 'breached', 'late'] },
          startedAt: nullableInstant,
          dueAt: nullableInstant,
          stoppedAt: nullableInstant,
          elapsedMinutes: { type: 'number' },
          remainingMinutes: nullableNumber,
          overdueMinutes: nullableNumber,
          overdueWorkdays: nullableNumber,
          target: { type: ['string', 'null'] },
          reason,
          advisory: { const: true },
        },
        additionalProperties: false,
      },
    },
    warning: {
      type: 'object',
      required: ['level', 'reasons', 'raisedAt'],
      properties: {
        level: { type: 'string', description: 'none, or a level the policy declares (blue, yellow, red)' },
        label: { type: 'string' },
        reasons: { type: 'array', items: { type: 'object', required: ['level', 'reason'], properties: { level: { type: 'string' }, reason } } },
        raisedAt: nullableInstant,
      },
    },
    actions: {
      type: 'object',
      required: ['notify', 'planDueAt'],
      properties: { notify: { type: 'array', items: { type: 'string' } }, planDueAt: nullableInstant },
    },
    penalty: {
      type: 'object',
      required: ['points', 'unit', 'levels'],
      properties: {
        points: { type: 'number' },
        unit: { type: 'string' },
        levels: { type: 'array', items: { type: 'object', required: ['level', 'points'], properties: { level: { type: 'string' }, points: { type: 'number' } } } },
      },
    },
    notes: {
      type: 'array',
      items: {
        oneOf: [
          {
            type: 'object',
            required: ['code', 'pointer', 'year', 'calendar', 'message'],
            properties: { code: { const: 'E301' }, pointer: { type: 'string' }, year: { type: 'integer' }, calendar: { type: 'string' }, message: reason },
            additionalProperties: false,
          },
          {
            type: 'object',
            description: 'E331: a pause counted only up to its clock\'s `pause at most`; resumedAt is null for a pause never resumed.',
            required: ['code', 'pointer', 'pausedAt', 'resumedAt', 'countedUntil', 'message'],
            properties: { code: { const: 'E331' }, pointer: { type: 'string' }, pausedAt: { type: 'string' }, resumedAt: { type: ['string', 'null'] }, countedUntil: { type: 'string' }, message: reason },
            additionalProperties: false,
          },
          {
            type: 'object',
            required: ['code', 'pointer', 'rules', 'message'],
            properties: { code: { const: 'E340' }, pointer: { type: 'string' }, rules: { type: 'array', items: { type: 'string' } }, message: reason },
            additionalProperties: false,
          },
        ],
      },
    },
    routes: {
      type: 'array',
      description: 'The routes whose conditions hold: the roles the ticket goes to, and why (route declarations).',
      items: {
        type: 'object',
        required: ['route', 'to', 'reason', 'source'],
        properties: { route: { type: 'string' }, label: { type: 'string' }, to: { type: 'array', items: { type: 'string' } }, reason, source: { type: 'string' } },
        additionalProperties: false,
      },
    },
    voided: {
      type: 'array',
      description: 'Levels reached that a `void … when …` rule of the policy voids (004 第十条(二)4), with why: they cost nothing.',
      items: { type: 'object', required: ['level', 'reason'], properties: { level: { type: 'string' }, reason }, additionalProperties: false },
    },
    trace: {
      type: 'array',
      items: {
        type: 'object',
        required: ['rule', 'source', 'inputs', 'outcome'],
        properties: { rule: { type: 'string' }, source: { type: ['string', 'null'] }, inputs: { type: 'object' }, outcome: { type: 'string' }, reason },
      },
    },
  },
} as const;
