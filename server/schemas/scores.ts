// The parts of GET /v1/units/{unit}/scores beyond points and compliance: the ledger's
// parts (server/store/score-parts.ts) and the rates of 002 (server/scores/rates.ts).
const PART = {
  type: 'object',
  required: ['points', 'counts'],
  properties: { points: { type: 'number' }, counts: { type: 'object', additionalProperties: { type: 'integer' } } },
  additionalProperties: false,
} as const;

export const scoreExtrasProperties = {
  parts: {
    type: 'object',
    description: 'What points and counts net: levels charged to the unit in the period, those voided since (reversed, never deleted: an accepted non-responsibility statement), late or missing duties, and (for a branch company) the reds of a problem reported by 5% of its households (004 第十一条(三)2). points = charged - voided + duties + company.',
    required: ['charged', 'voided', 'duties', 'company'],
    properties: { charged: PART, voided: PART, duties: PART, company: PART },
    additionalProperties: false,
  },
  rates: {
    type: ['object', 'null'],
    description: "002's rates over the unit's tickets created in the period; null in a month without tickets",
    required: ['revisit', 'validComplaints'],
    properties: {
      revisit: {
        type: 'object',
        description: '002 回访处理率达100%: tickets resolved by now, and of those revisited after their last resolution',
        required: ['resolved', 'revisited', 'percent', 'target', 'met'],
        properties: { resolved: { type: 'integer' }, revisited: { type: 'integer' }, percent: { type: ['number', 'null'] }, target: { type: 'number' }, met: { type: ['boolean', 'null'] } },
        additionalProperties: false,
      },
      validComplaints: {
        type: 'object',
        description: "002 有效投诉率力争在1‰以下: complaints not made invalid, per thousand of the property's households; advice, never charged",
        required: ['complaints', 'invalid', 'valid', 'households', 'perMille', 'limitPerMille', 'advisory', 'within'],
        properties: {
          complaints: { type: 'integer' },
          invalid: { type: 'integer' },
          valid: { type: 'integer' },
          households: { type: 'integer' },
          perMille: { type: ['number', 'null'] },
          limitPerMille: { type: 'number' },
          advisory: { const: true },
          within: { type: ['boolean', 'null'] },
        },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  },
} as const;

export interface ScorePartBody {
  points: number;
  counts: Record<string, number>;
}

export interface ScoreExtrasBody {
  parts: { charged: ScorePartBody; voided: ScorePartBody; duties: ScorePartBody; company: ScorePartBody };
  rates: {
    revisit: { resolved: number; revisited: number; percent: number | null; target: number; met: boolean | null };
    validComplaints: { complaints: number; invalid: number; valid: number; households: number; perMille: number | null; limitPerMille: number; advisory: true; within: boolean | null };
  } | null;
}
