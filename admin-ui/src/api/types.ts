// The server's records as the UI reads them. The UI talks to the server only over HTTP,
// so these mirror the JSON of server/schemas and server/store/types.ts by hand; the e2e
// tests run the UI against the real server, which keeps the two honest.
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
