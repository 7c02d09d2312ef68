// The server's API as functions. Every call sends the session cookie, parses JSON, and
// turns a problem answer into an ApiError (errors.ts). A 401 on anything but signing in
// is announced once on window ('beacon-session-expired') so the shell can bring back the
// sign-in page while the page that failed keeps what the user typed.
import { ApiError, errorOf, NetworkError, UnauthorisedError } from './errors.js';
import type { Activation, Organisation, PolicyHistoryEntry, PolicyVersion, SessionAnswer, User } from './types.js';

/** A comment as the server takes it: trimmed, and left out when blank (no body at all for an activation or rollback). */
const withComment = (comment: string): { comment: string } | undefined => (comment.trim() ? { comment: comment.trim() } : undefined);

export interface ClientOptions {
  /** Origin and prefix; '' is the page's own origin. */
  base?: string;
  fetch?: typeof fetch;
  /** Called on a 401 from a signed-in call. */
  onUnauthorised?: (error: UnauthorisedError) => void;
}

type Method = 'GET' | 'POST';

export class ApiClient {
  private readonly base: string;
  private readonly fetcher: typeof fetch;
  private readonly onUnauthorised: ((error: UnauthorisedError) => void) | undefined;

  constructor(options: ClientOptions = {}) {
    this.base = options.base ?? '';
    this.fetcher = options.fetch ?? ((input, init) => fetch(input, init));
    this.onUnauthorised = options.onUnauthorised;
  }

  private async call<T>(method: Method, path: string, body?: unknown, { signingIn = false } = {}): Promise<T> {
    let res: Response;
    try {
      res = await this.fetcher(`${this.base}${path}`, {
        method,
        credentials: 'same-origin',
        headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (e) {
      throw new NetworkError(e instanceof Error ? e.message : String(e));
    }
    if (res.status === 204) return undefined as T;
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
}
