// The server's API as functions. Every call sends the session cookie, parses JSON, and
// turns a problem answer into an ApiError (errors.ts). A 401 on anything but signing in
// is announced once on window ('beacon-session-expired') so the shell can bring back the
// sign-in page while the page that failed keeps what the user typed.
import { ApiError, errorOf, NetworkError, UnauthorisedError } from './errors.js';
import type {
  Activation,
  ApiKeyInfo,
  AuditEntry,
  AuditQuery,
  CreatedKey,
  NewOrganisation,
  NewUser,
  Organisation,
  PolicyHistoryEntry,
  PolicyVersion,
  PolicyVersionInfo,
  PropertyChanges,
  SessionAnswer,
  StoredTicket,
  TicketPage,
  TicketQuery,
  UnitLedgerPage,
  UnitLedgerQuery,
  UnitScores,
  User,
  UserChanges,
  VersionDiff,
} from './types.js';

/** A comment as the server takes it: trimmed, and left out when blank (no body at all for an activation or rollback). */
const withComment = (comment: string): { comment: string } | undefined => (comment.trim() ? { comment: comment.trim() } : undefined);

export interface ClientOptions {
  /** Origin and prefix; '' is the page's own origin. */
  base?: string;
  fetch?: typeof fetch;
  /** Called on a 401 from a signed-in call. */
  onUnauthorised?: (error: UnauthorisedError) => void;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** `?a=1&b=2` of the defined, non-empty parameters; '' when there are none. */
export function queryOf(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(name, String(value));
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

export class ApiClient {
  private readonly base: string;
  private readonly fetcher: typeof fetch;
  private readonly onUnauthorised: ((error: UnauthorisedError) => void) | undefined;

  constructor(options: ClientOptions = {}) {
    this.base = options.base ?? '';
    this.fetcher = options.fetch ?? ((input, init) => fetch(input, init));
    this.onUnauthorised = options.onUnauthorised;
  }

  private async call<T>(method: Method, path: string, body?: unknown, { signingIn = false, accept = 'application/json' } = {}): Promise<T> {
    let res: Response;
    try {
      res = await this.fetcher(`${this.base}${path}`, {
        method,
        credentials: 'same-origin',
        headers: { accept, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (e) {
      throw new NetworkError(e instanceof Error ? e.message : String(e));
    }
    if (res.status === 204) return undefined as T;
    // A CSV answer is the text itself, its byte-order mark kept (Excel needs it to read
    // UTF-8 Chinese; res.text() would drop it). Its errors still come as problem+json.
    if (res.ok && accept !== 'application/json') return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer()) as T;
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      if (res.ok) throw new NetworkError(`${method} ${path}: the answer is not JSON`);
    }
    if (res.ok) return parsed as T;
    const error = errorOf(res.status, parsed);
    if (error instanceof UnauthorisedError && !signingIn) this.onUnauthorised?.(error);
    throw error;
  }

  // ---- signing in ----
  me(): Promise<{ kind: 'user'; user: User }> {
    return this.call('GET', '/v1/auth/me', undefined, { signingIn: true });
  }
  login(name: string, password: string): Promise<SessionAnswer> {
    return this.call('POST', '/v1/auth/login', { name, password }, { signingIn: true });
  }
  setup(token: string, name: string, password: string): Promise<SessionAnswer> {
    return this.call('POST', '/v1/auth/setup', { token, name, password }, { signingIn: true });
  }
  logout(): Promise<void> {
    return this.call('POST', '/v1/auth/logout', undefined, { signingIn: true });
  }

  // ---- organisations and policies ----
  async organisations(): Promise<Organisation[]> {
    return (await this.call<{ organisations: Organisation[] }>('GET', '/v1/organisations')).organisations;
  }
  /** The scope's active version, or null when it has none (404 no-active-policy). */
  async activePolicy(scope: string): Promise<PolicyVersion | null> {
    try {
      return await this.call<PolicyVersion>('GET', `/v1/scopes/${encodeURIComponent(scope)}/policy`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'no-active-policy') return null;
      throw e;
    }
  }
  async libraries(): Promise<{ uri: string; text: string }[]> {
    return (await this.call<{ libraries: { uri: string; text: string }[] }>('GET', '/v1/libraries')).libraries;
  }
  async history(scope: string): Promise<PolicyHistoryEntry[]> {
    return (await this.call<{ versions: PolicyHistoryEntry[] }>('GET', `/v1/scopes/${encodeURIComponent(scope)}/policy/history`)).versions;
  }
  version(id: string): Promise<PolicyVersion> {
    return this.call('GET', `/v1/policy-versions/${encodeURIComponent(id)}`);
  }
  /** `comment`: why, kept with the version (blank: none). */
  saveDraft(scope: string, source: string, baseVersionId: string | null, comment = ''): Promise<PolicyVersion> {
    return this.call('POST', `/v1/scopes/${encodeURIComponent(scope)}/policy/drafts`, { source, baseVersionId, ...withComment(comment) });
  }
  activate(id: string, comment = ''): Promise<Activation> {
    return this.call('POST', `/v1/policy-versions/${encodeURIComponent(id)}/activate`, withComment(comment));
  }
  rollback(scope: string, comment = ''): Promise<Activation> {
    return this.call('POST', `/v1/scopes/${encodeURIComponent(scope)}/policy/rollback`, withComment(comment));
  }

  policyDiff(from: string, to: string): Promise<VersionDiff> {
    return this.call('GET', `/v1/policy-versions/${encodeURIComponent(from)}/diff/${encodeURIComponent(to)}`);
  }

  // ---- issue 12: tickets now, scores, audit ----
  tickets(query: TicketQuery = {}): Promise<TicketPage> {
    return this.call('GET', `/v1/tickets${queryOf({ ...query })}`);
  }
  unitScores(unit: string, period: string): Promise<UnitScores> {
    return this.call('GET', `/v1/units/${encodeURIComponent(unit)}/scores${queryOf({ period })}`);
  }
  /** The same scores as CSV (`Accept: text/csv`), as the server wrote it. */
  unitScoresCsv(unit: string, period: string): Promise<string> {
    return this.call('GET', `/v1/units/${encodeURIComponent(unit)}/scores${queryOf({ period })}`, undefined, { accept: 'text/csv' });
  }
  /** The entries behind a unit's score in a month, optionally of one level. */
  unitLedger(unit: string, query: UnitLedgerQuery): Promise<UnitLedgerPage> {
    return this.call('GET', `/v1/units/${encodeURIComponent(unit)}/ledger${queryOf({ ...query })}`);
  }
  ticket(id: string): Promise<StoredTicket> {
    return this.call('GET', `/v1/tickets/${encodeURIComponent(id)}`);
  }
  async audit(query: AuditQuery = {}): Promise<AuditEntry[]> {
    return (await this.call<{ entries: AuditEntry[] }>('GET', `/v1/audit${queryOf({ ...query })}`)).entries;
  }

  // ---- issue 12: administration (admins only) ----
  async users(): Promise<User[]> {
    return (await this.call<{ users: User[] }>('GET', '/v1/users')).users;
  }
  createUser(user: NewUser): Promise<User> {
    return this.call('POST', '/v1/users', user);
  }
  changeUser(id: string, changes: UserChanges): Promise<User> {
    return this.call('PATCH', `/v1/users/${encodeURIComponent(id)}`, changes);
  }
  async resetPassword(id: string): Promise<string> {
    return (await this.call<{ temporaryPassword: string }>('POST', `/v1/users/${encodeURIComponent(id)}/password-reset`)).temporaryPassword;
  }
  async keys(): Promise<ApiKeyInfo[]> {
    return (await this.call<{ keys: ApiKeyInfo[] }>('GET', '/v1/keys')).keys;
  }
  /** A new key; its secret is in this answer only. */
  async createKey(name: string, userId?: string): Promise<CreatedKey> {
    // The contract answers `{ id, secret, ... }`; the first server answered `{ key, apiKey }`: read either.
    const answer = await this.call<Record<string, unknown>>('POST', '/v1/keys', userId === undefined ? { name } : { name, userId });
    const info = (answer['apiKey'] ?? answer) as ApiKeyInfo;
    const secret = answer['secret'] ?? answer['key'];
    if (typeof secret !== 'string') throw new NetworkError('POST /v1/keys: the answer has no secret');
    return { id: info.id, secret, key: info };
  }
  revokeKey(id: string): Promise<ApiKeyInfo> {
    return this.call('DELETE', `/v1/keys/${encodeURIComponent(id)}`);
  }
  createOrganisation(organisation: NewOrganisation): Promise<Organisation> {
    return this.call('POST', '/v1/organisations', organisation);
  }
  changeProperty(id: string, changes: PropertyChanges): Promise<Organisation> {
    return this.call('PATCH', `/v1/properties/${encodeURIComponent(id)}`, changes);
  }
  async setUnits(id: string, units: { id: string; name: string }[]): Promise<{ id: string; name: string }[]> {
    return (await this.call<{ units: { id: string; name: string }[] }>('PUT', `/v1/properties/${encodeURIComponent(id)}/units`, { units })).units;
  }
}
