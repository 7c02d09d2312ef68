// The server's records as the UI reads them. The UI talks to the server only over HTTP,
// so these mirror the JSON of server/schemas and server/store/types.ts by hand; the e2e
// tests run the UI against the real server, which keeps the two honest.
import type { Ticket } from '../../../engine/index.js';

export type Role = 'admin' | 'quality' | 'manager' | 'viewer';

export interface User {
  id: string;
  name: string;
  role: Role;
  properties: string[];
  createdAt: string;
  disabledAt: string | null;
}

export interface SessionAnswer {
  user: User;
  expiresAt: string;
}

interface OrganisationBase {
  id: string;
  name: string;
  createdAt: string;
}

export type Organisation =
  | (OrganisationBase & { kind: 'group'; parentId: null })
  | (OrganisationBase & { kind: 'branch'; parentId: string })
  | (OrganisationBase & { kind: 'property'; parentId: string; households: number; timeZone: string; units: { id: string; name: string }[] });

export type PolicyStatus = 'draft' | 'active' | 'retired';

export interface PolicyVersionInfo {
  id: string;
  scopeId: string;
  version: number;
  hash: string;
  baseVersionId: string | null;
  status: PolicyStatus;
  createdBy: string;
  createdAt: string;
  /** Why it was drafted; null when its author said nothing. */
  comment: string | null;
}

/** A version as the history lists it: its author's name and the activation or rollback that last made it active. */
export interface PolicyHistoryEntry extends PolicyVersionInfo {
  authorName: string | null;
  lastActivation: { kind: 'activate' | 'rollback'; actor: string; actorName: string | null; at: string; comment: string | null } | null;
}

export interface PolicyVersion extends PolicyVersionInfo {
  source: string;
}

export interface Activation {
  active: PolicyVersionInfo;
  previous: PolicyVersionInfo | null;
}

/** One mistake of a problem answer: a JSON pointer, and for a policy's source its line and column. */
export interface ProblemItem {
  pointer: string;
  code: string;
  message: string;
  help?: string;
  line?: number;
  column?: number;
}

/** RFC 9457 application/problem+json as the server sends it (server/errors.ts). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  requestId?: string;
  errors?: ProblemItem[];
  /** A 409 for a stale draft base names the version that is latest now. */
  latestVersionId?: string | null;
}

// ---- issue 12: tickets now, scores, audit, administration ----

export type Warning = 'blue' | 'yellow' | 'red';

/** One row of GET /v1/tickets: an open or closed ticket with its next due and breached clocks. */
export interface TicketRow {
  id: string;
  propertyId: string;
  unit: string;
  category: string;
  priority: string;
  kind: string;
  channel: string;
  createdAt: string;
  state: 'open' | 'closed';
  nextDue: { clock: string; at: string } | null;
  /** Names of the clocks already breached. */
  breached: string[];
  warning: Warning | null;
}

export interface TicketQuery {
  property?: string;
  unit?: string;
  state?: 'open' | 'closed' | 'breached';
  /** An ISO instant. */
  dueBefore?: string;
  limit?: number;
  cursor?: string;
}

export interface TicketPage {
  items: TicketRow[];
  nextCursor: string | null;
}

/** GET /v1/units/{unit}/scores?period=YYYY-MM */
export interface UnitScores {
  unit: string;
  period: string;
  points: number;
  counts: Record<string, number>;
  tickets: number;
  /** Percent of the month's tickets with no breached clock, one decimal; null without tickets. */
  compliance: number | null;
  light: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  actorName: string | null;
  action: string;
  scopeId: string | null;
  beforeVersionId: string | null;
  afterVersionId: string | null;
  detail: Record<string, unknown> | null;
}

export interface AuditQuery {
  property?: string;
  user?: string;
  action?: string;
  /** YYYY-MM */
  period?: string;
  limit?: number;
  /** Entries older than this id. */
  before?: number;
}

export interface DiffLine {
  op: ' ' | '+' | '-';
  line: string;
}

export interface VersionDiff {
  from: PolicyVersionInfo;
  to: PolicyVersionInfo;
  hunks: { oldStart: number; oldLines: number; newStart: number; newLines: number; lines: DiffLine[] }[];
  added: number;
  removed: number;
}

export interface NewUser {
  name: string;
  password: string;
  role: Role;
  properties?: string[];
}

export interface UserChanges {
  role?: Role;
  properties?: string[];
  disabled?: boolean;
}

export interface ApiKeyInfo {
  id: string;
  name: string;
  userId: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A key just made: its secret is in this answer only. */
export interface CreatedKey {
  id: string;
  secret: string;
  key: ApiKeyInfo;
}

export type NewOrganisation =
  | { kind: 'branch'; id: string; name: string; parentId: string }
  | { kind: 'property'; id: string; name: string; parentId: string; households: number; timeZone: string; units?: { id: string; name: string }[] };

export interface PropertyChanges {
  name?: string;
  households?: number;
  timeZone?: string;
}

/** One entry of GET /v1/units/{unit}/ledger: what a score is made of. */
export interface UnitLedgerEntry {
  source: 'ticket' | 'duty' | 'company';
  id: number;
  unit: string;
  period: string;
  level: string;
  points: number;
  reachedAt: string;
  recordedAt: string;
  propertyId: string | null;
  ticketId: string | null;
  category: string | null;
  duty: { id: string; occurrence: string } | null;
  company: { id: string; cluster: string; households: number; total: number } | null;
  /** Reversed since (not counted in the score): why and when. */
  voided: { reason: { zh: string; en: string }; reversedAt: string } | null;
}

export interface UnitLedgerQuery {
  period: string;
  level?: string;
  limit?: number;
  cursor?: string;
}

export interface UnitLedgerPage {
  unit: string;
  from: string;
  to: string;
  items: UnitLedgerEntry[];
  nextCursor: string | null;
}

/** GET /v1/tickets/{id}: the ticket as stored, in the engine's own ticket contract. */
export type StoredTicket = Ticket;
