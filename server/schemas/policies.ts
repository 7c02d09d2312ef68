// Policy versions: drafts, activation, rollback, history, diff and the effective policy
// with provenance (routes/policies.ts).
import type { Infer } from './infer.js';

const INSTANT = { type: 'string', description: 'ISO 8601 instant in UTC' } as const;

/** The longest comment on a draft, an activation or a rollback, in characters. */
export const POLICY_COMMENT_MAX = 500;

/**
 * A comment as a request gives it: one line or a few, no control characters but tab and line
 * breaks (NUL is refused for every string, with its own code, by refuseNul).
 */
const commentRequest = (what: string) =>
  ({
    type: 'string',
    maxLength: POLICY_COMMENT_MAX,
    pattern: '^[^\\u0001-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$',
    description: `${what} (at most ${POLICY_COMMENT_MAX} characters; no control characters but tab and line breaks). Shown in the version history.`,
  }) as const;

const versionInfoProperties = {
  id: { type: 'string' },
  scopeId: { type: 'string', description: 'The group, branch or property the version belongs to' },
  version: { type: 'integer', description: 'Numbered 1, 2, … per scope' },
  hash: { type: 'string', description: 'SHA-256 of the source' },
  baseVersionId: { type: ['string', 'null'], description: 'The version the draft was made from' },
  status: { enum: ['draft', 'active', 'retired'] },
  createdBy: { type: 'string', description: 'The user id of the author' },
  createdAt: INSTANT,
  comment: { type: ['string', 'null'], description: 'Why it was drafted, as its author said when saving it; null for none' },
} as const;

const versionInfoRequired = ['id', 'scopeId', 'version', 'hash', 'baseVersionId', 'status', 'createdBy', 'createdAt', 'comment'] as const;

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
  required: ['scope', 'versions', 'headVersionId'],
  properties: {
    scope: { type: 'string' },
    versions: {
      type: 'array',
      description: 'Newest first',
      items: {
        type: 'object',
        required: [...versionInfoRequired, 'authorName', 'lastActivation'],
        properties: {
          ...versionInfoProperties,
          authorName: { type: ['string', 'null'], description: "The author's user name; null when the author is not a user (`system`: the policies loaded at first start)" },
          lastActivation: {
            description: 'The last activation or rollback that made this version active; null if it never was',
            anyOf: [
              {
                type: 'object',
                required: ['kind', 'actor', 'actorName', 'at', 'comment'],
                properties: {
                  kind: { enum: ['activate', 'rollback'] },
                  actor: { type: 'string', description: 'The user id of who did it' },
                  actorName: { type: ['string', 'null'], description: 'Their user name; null when not a user' },
                  at: INSTANT,
                  comment: { type: ['string', 'null'], description: 'Why, as they said; null for none' },
                },
                additionalProperties: false,
              },
              { type: 'null' },
            ],
          },
        },
        additionalProperties: false,
      },
    },
    headVersionId: {
      type: ['string', 'null'],
      description: 'The version a new draft must be based on: the newest of the drafts made on the active version one on another, else the active version (never one a rollback retired); null for a scope without versions',
    },
  },
  additionalProperties: false,
} as const;

export const newDraftRequestSchema = {
  $id: 'https://beacon.example/schemas/new-draft-request.json',
  title: 'NewDraftRequest',
  type: 'object',
  required: ['baseVersionId', 'source'],
  properties: {
    baseVersionId: { type: ['string', 'null'], description: "The scope's latest version as the author saw it; null for the scope's first version" },
    source: { type: 'string', minLength: 1, description: 'The whole .sla text of the scope, at most 512 KiB (UTF-8; 413 past it)' },
    comment: commentRequest('Optional: why this draft'),
  },
  additionalProperties: false,
} as const;

const failedTestSchema = {
  type: 'object',
  required: ['scope', 'name', 'line', 'column', 'failures', 'errors'],
  properties: {
    scope: { type: 'string', description: 'The scope the test is written in: the draft\'s, or (for a group or branch draft) a scope extending it' },
    name: { type: 'string' },
    line: { type: 'integer', description: 'Where the test begins (in that scope\'s source)' },
    column: { type: 'integer' },
    failures: {
      type: 'array',
      description: 'Each expectation that does not hold',
      items: {
        type: 'object',
        required: ['line', 'column', 'expected', 'actual'],
        properties: { line: { type: 'integer' }, column: { type: 'integer' }, expected: { type: 'string' }, actual: { type: 'string' } },
        additionalProperties: false,
      },
    },
    errors: {
      type: 'array',
      description: 'Why the test could not run at all (its ticket is invalid, or the policy it is written in does not compile)',
      items: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } }, additionalProperties: false },
    },
  },
  additionalProperties: false,
} as const;

export const testReportSchema = {
  $id: 'https://beacon.example/schemas/policy-test-report.json',
  title: 'PolicyTestReport',
  description: "The outcome of the version's `test` blocks, and for a group or branch those of the scopes extending it. A version activates only when none fails (or an admin forces it).",
  type: 'object',
  required: ['passed', 'failed'],
  properties: { passed: { type: 'integer', description: 'How many tests pass' }, failed: { type: 'array', items: failedTestSchema } },
  additionalProperties: false,
} as const;

export const newDraftResponseSchema = {
  $id: 'https://beacon.example/schemas/new-draft-response.json',
  title: 'NewDraftResponse',
  description: 'The draft version, with its test results.',
  type: 'object',
  required: [...versionInfoRequired, 'source', 'tests'],
  properties: { ...versionInfoProperties, source: { type: 'string' }, tests: { $ref: testReportSchema.$id } },
  additionalProperties: false,
} as const;

export const activateRequestSchema = {
  $id: 'https://beacon.example/schemas/activate-request.json',
  title: 'ActivateRequest',
  description: 'Optional. An admin may activate a version whose tests fail with force and a reason; the audit entry records both and the failing tests.',
  type: 'object',
  properties: {
    force: { type: 'boolean', description: 'Activate even though tests fail (admins only; never when the version does not check)' },
    reason: { type: 'string', minLength: 1, maxLength: 500, description: 'Why; required with force' },
    comment: commentRequest('Optional: why it goes live'),
  },
  additionalProperties: false,
} as const;

export const rollbackRequestSchema = {
  $id: 'https://beacon.example/schemas/rollback-request.json',
  title: 'RollbackRequest',
  description: 'Optional.',
  type: 'object',
  properties: { comment: commentRequest('Optional: why the scope goes back') },
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
export type ActivateRequest = Infer<typeof activateRequestSchema>;
export type RollbackRequest = Infer<typeof rollbackRequestSchema>;
