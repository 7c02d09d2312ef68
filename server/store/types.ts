// The records the repository takes and returns. Instants are ISO 8601 text in UTC
// ("2026-03-02T00:05:00.000Z"); a ticket keeps the offsets it was sent with.

export type OrganisationKind = 'group' | 'branch' | 'property';

export interface Unit {
  id: string;
  propertyId: string;
  name: string;
}

interface OrganisationBase {
  id: string;
  name: string;
  createdAt: string;
}

export interface Group extends OrganisationBase {
  kind: 'group';
  parentId: null;
}

export interface Branch extends OrganisationBase {
  kind: 'branch';
  /** The group. */
  parentId: string;
}

export interface Property extends OrganisationBase {
  kind: 'property';
  /** The branch. */
  parentId: string;
  households: number;
  /** IANA zone, e.g. Asia/Shanghai. */
  timeZone: string;
  units: Unit[];
}

export type Organisation = Group | Branch | Property;

export type NewOrganisation =
  | { kind: 'group'; id: string; name: string }
  | { kind: 'branch'; id: string; name: string; parentId: string }
  | {
      kind: 'property';
      id: string;
      name: string;
      parentId: string;
      households: number;
      timeZone: string;
      units?: { id: string; name: string }[];
    };

export interface PropertyChanges {
  name?: string;
  households?: number;
  timeZone?: string;
}

export type PolicyStatus = 'draft' | 'active' | 'retired';

/** A policy version without its source text (history lists). */
export interface PolicyVersionInfo {
  id: string;
  scopeId: string;
  version: number;
  hash: string;
  baseVersionId: string | null;
  status: PolicyStatus;
  createdBy: string;
  createdAt: string;
  /** Why it was drafted, as its author said; null when they said nothing. */
  comment: string | null;
}

/** A version in its scope's history: its author's name, and the last activation or rollback that made it active. */
export interface PolicyHistoryEntry extends PolicyVersionInfo {
  /** The author's user name; null when the author is no user (`system`, the policies loaded at first start). */
  authorName: string | null;
  lastActivation: { kind: Activation['kind']; actor: string; actorName: string | null; at: string; comment: string | null } | null;
}

export interface PolicyVersion extends PolicyVersionInfo {
  source: string;
}

export interface NewDraft {
  scopeId: string;
  /** The scope's latest version, as the author saw it; null for the scope's first version. */
  baseVersionId: string | null;
  source: string;
  hash: string;
  author: string;
  /** Why (at most POLICY_COMMENT_MAX characters); absent or null for none. */
  comment?: string | null;
}

export interface Activation {
  id: number;
  scopeId: string;
  seq: number;
  versionId: string;
  previousActivationId: number | null;
  kind: 'activate' | 'rollback';
  actor: string;
  at: string;
  comment: string | null;
}

export interface ActivationResult {
  active: PolicyVersion;
  /** The version that was active before, now retired. */
  previous: PolicyVersion | null;
  activation: Activation;
}

export interface UpsertResult {
  id: string;
  /** The ticket was new. */
  created: boolean;
  /** Something was written (new, or different from what was stored). */
  changed: boolean;
}

export interface TicketFilter {
  propertyId?: string;
  unit?: string;
  /** createdAt ≥ from */
  from?: Date | string;
  /** createdAt < to */
  to?: Date | string;
  /** Only tickets with at least one of these top-level text fields equal to the value (share and repeat context). */
  sharing?: readonly { field: string; value: string }[];
  /** Page size, 500 by default, at most 5,000. */
  limit?: number;
  /** Continue after this ticket of the previous page (ordered by createdAt, then id). */
  after?: { createdAt: string; id: string };
}

/** The filter of countTickets: listTickets' without the page. */
export type TicketCountFilter = Omit<TicketFilter, 'limit' | 'after'>;

export interface LedgerEntryInput {
  ticketId: string;
  level: string;
  points: number;
  unit: string;
  /** "YYYY-MM" */
  period: string;
  reachedAt: Date | string;
}

export interface LedgerEntry {
  id: number;
  ticketId: string;
  level: string;
  points: number;
  unit: string;
  period: string;
  reachedAt: string;
  recordedAt: string;
}

export interface LedgerFilter {
  unit?: string;
  period?: string;
  ticketId?: string;
  propertyId?: string;
}

export interface UnitScore {
  unit: string;
  period: string;
  /** Points charged in the period. */
  points: number;
  /** Ledger entries by warning level, e.g. { yellow: 3, red: 1 }. */
  counts: Record<string, number>;
}

export type Role = 'admin' | 'quality' | 'manager' | 'viewer';
export const ROLES: readonly Role[] = ['admin', 'quality', 'manager', 'viewer'];

export interface User {
  id: string;
  name: string;
  role: Role;
  /** Assigned property ids, sorted. */
  properties: string[];
  createdAt: string;
  disabledAt: string | null;
}

export interface NewUser {
  name: string;
  role: Role;
  /** From hashPassword (scrypt). */
  passwordHash: string;
  properties?: string[];
}

export interface UserChanges {
  name?: string;
  role?: Role;
  passwordHash?: string;
  properties?: string[];
  /** true disables the user (and ends their sessions), false enables them again. */
  disabled?: boolean;
}

export interface ApiKey {
  id: string;
  userId: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface Session {
  userId: string;
  createdAt: string;
  expiresAt: string;
}

export interface AuditInput {
  /** A user id, or a name such as "system". */
  actor: string;
  /** What happened, e.g. "policy.activate", "user.create". */
  action: string;
  /** The organisation it concerns, if any. */
  scopeId?: string | null;
  beforeVersionId?: string | null;
  afterVersionId?: string | null;
  detail?: Record<string, unknown> | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  /** The actor's user name when the actor is a user. */
  actorName: string | null;
  action: string;
  scopeId: string | null;
  beforeVersionId: string | null;
  afterVersionId: string | null;
  detail: Record<string, unknown> | null;
}

export interface AuditFilter {
  scopeId?: string;
  actor?: string;
  /** This action exactly (`policy.activate`). */
  action?: string;
  /** Actions that begin with this (`policy.`): letters, digits, `-` and `.` only. */
  actionPrefix?: string;
  /** at ≥ from */
  from?: Date | string;
  /** at < to */
  to?: Date | string;
  /** Page size, 100 by default, at most 1,000. */
  limit?: number;
  /** Entries older than this id (the previous page's last). */
  beforeId?: number;
}
