// Policy versions: drafts, activation, rollback, history, diff and the effective policy
// with provenance (routes/policies.ts).
import type { Infer } from './infer.js';

const INSTANT = { type: 'string', description: 'ISO 8601 instant in UTC' } as const;

const versionInfoProperties = {
  id: { type: 'string' },
  scopeId: { type: 'string', description: 'The group, branch or property the version belongs to' },
  version: { type: 'integer', description: 'Numbered 1, 2, … per scope' },
  hash: { type: 'string', description: 'SHA-256 of the source' },
  baseVersionId: { type: ['string', 'null'], description: 'The version the draft was made from' },
  status: { enum: ['draft', 'active', 'retired'] },
  createdBy: { type: 'string', description: 'The user id of the author' },
  createdAt: INSTANT,
} as const;

const versionInfoRequired = ['id', 'scopeId', 'version', 'hash', 'baseVersionId', 'status', 'createdBy', 'createdAt'] as const;

export const policyVersionInfoSchema = {
  $id: 'https://beacon.example/schemas/policy-version-info.json',
  title: 'PolicyVersionInfo',
  description: 'A policy version without its source.',
  type: 'object',
  required: versionInfoRequired,
  properties: versionInfoProperties,
  additionalProperties: false,
} as const;

export const policyVersionSchema = {
  $id: 'https://beacon.example/schemas/policy-version.json',
  title: 'PolicyVersion',
  description: 'An immutable policy version with its source text.',
  type: 'object',
  required: [...versionInfoRequired, 'source'],
  properties: { ...versionInfoProperties, source: { type: 'string', description: 'The .sla text' } },
  additionalProperties: false,
} as const;

export const librariesSchema = {
  $id: 'https://beacon.example/schemas/libraries.json',
  title: 'Libraries',
  description: "The libraries (holiday calendars) the service loaded from its policies folder: what a policy's `use` names. The admin UI checks and tests policies in the browser against them.",
  type: 'object',
  required: ['libraries'],
  properties: {
    libraries: {
      type: 'array',
      items: {
        type: 'object',
        required: ['uri', 'text'],
        properties: { uri: { type: 'string', description: 'Its path under the policies folder' }, text: { type: 'string', description: 'The .sla text' } },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
} as const;

export const policyHistorySchema = {
  $id: 'https://beacon.example/schemas/policy-history.json',
  title: 'PolicyHistory',
  type: 'object',
  required: ['scope', 'versions'],
  properties: { scope: { type: 'string' }, versions: { type: 'array', items: { $ref: policyVersionInfoSchema.$id }, description: 'Newest first' } },
  additionalProperties: false,
} as const;

export const newDraftRequestSchema = {
  $id: 'https://beacon.example/schemas/new-draft-request.json',
  title: 'NewDraftRequest',
  type: 'object',
  required: ['baseVersionId', 'source'],
  properties: {
    baseVersionId: { type: ['string', 'null'], description: "The scope's latest version as the author saw it; null for the scope's first version" },
    source: { type: 'string', minLength: 1, maxLength: 1_000_000, description: 'The whole .sla text of the scope' },
  },
  additionalProperties: false,
} as const;

export const activationResponseSchema = {
  $id: 'https://beacon.example/schemas/activation-response.json',
  title: 'ActivationResponse',
  type: 'object',
  required: ['active', 'previous'],
  properties: {
    active: { $ref: policyVersionInfoSchema.$id, description: 'The version now active' },
    previous: { anyOf: [{ $ref: policyVersionInfoSchema.$id }, { type: 'null' }], description: 'The version active before, now retired' },
  },
  additionalProperties: false,
} as const;

const diffLineSchema = {
  type: 'object',
  required: ['op', 'line'],
  properties: { op: { enum: [' ', '+', '-'], description: "' ' unchanged, '+' added, '-' removed" }, line: { type: 'string' } },
  additionalProperties: false,
} as const;

export const policyDiffSchema = {
  $id: 'https://beacon.example/schemas/policy-diff.json',
  title: 'PolicyDiff',
  description: 'A line diff from one version to another, as unified-style hunks with 3 lines of context.',
  type: 'object',
  required: ['from', 'to', 'added', 'removed', 'hunks'],
  properties: {
    from: { $ref: policyVersionInfoSchema.$id },
    to: { $ref: policyVersionInfoSchema.$id },
    added: { type: 'integer' },
    removed: { type: 'integer' },
    hunks: {
      type: 'array',
      items: {
        type: 'object',
        required: ['oldStart', 'oldLines', 'newStart', 'newLines', 'lines'],
        properties: { oldStart: { type: 'integer' }, oldLines: { type: 'integer' }, newStart: { type: 'integer' }, newLines: { type: 'integer' }, lines: { type: 'array', items: diffLineSchema } },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
} as const;

export const effectivePolicySchema = {
  $id: 'https://beacon.example/schemas/effective-policy.json',
  title: 'EffectivePolicy',
  description: 'Every deciding value of the scope\'s effective policy, with the file and line that set it.',
  type: 'object',
  required: ['scope', 'chain', 'rows'],
  properties: {
    scope: { type: 'string' },
    chain: {
      type: 'array',
      description: 'The active versions it is made of, root first',
      items: {
        type: 'object',
        required: ['scope', 'version', 'hash'],
        properties: { scope: { type: 'string' }, version: { type: 'integer' }, hash: { type: 'string' } },
        additionalProperties: false,
      },
    },
    rows: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'value', 'module', 'uri', 'line', 'scope', 'version'],
        properties: {
          path: { type: 'string', description: 'e.g. "param contact_within", "clock contact target engineering/urgent", "penalty red"' },
          value: { type: 'string', description: 'The value as written' },
          module: { type: 'string', description: 'The policy id that set it' },
          uri: { type: 'string', description: '<scope>@<version>.sla, or library:<file>' },
          line: { type: 'integer' },
          scope: { type: ['string', 'null'], description: 'The scope whose version set it; null for a library' },
          version: { type: ['integer', 'null'] },
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
} as const;

export type NewDraftRequest = Infer<typeof newDraftRequestSchema>;
