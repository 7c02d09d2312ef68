// A test server with an admin, a quality user, a manager of jinxiu-garden and a viewer
// signed in, and the requests the policy-version tests make as each of them.
import type { PolicyVersion, PolicyVersionInfo } from '../../../server/index.js';
import { post, signInUsers, startTestServer, type TestServer } from '../app/helper.js';

export const SCOPE = 'jinxiu-garden';

export interface PolicyClient {
  server: TestServer;
  get(path: string, as?: string): Promise<Response>;
  postAs(as: string, path: string, body?: unknown): Promise<Response>;
  active(scope?: string): Promise<PolicyVersion>;
  /** The version a draft must be based on. */
  head(scope?: string): Promise<PolicyVersion>;
  /** A draft of the scope made from its head's source by `edit`. */
  draft(as: string, edit: (source: string) => string, scope?: string): Promise<Response>;
  close(): Promise<void>;
}

export async function policyClient(): Promise<PolicyClient> {
  const server = await startTestServer();
  const cookies = await signInUsers(server, { ada: { role: 'admin' }, quinn: { role: 'quality' }, mia: { role: 'manager', properties: [SCOPE] }, vic: { role: 'viewer', properties: [SCOPE] } });
  const get = (path: string, as = 'ada') => fetch(`${server.url}${path}`, { headers: cookies[as] });
  const postAs = (as: string, path: string, body: unknown = {}) => post(`${server.url}${path}`, body, cookies[as]);
  const version = async (id: string) => (await (await get(`/v1/policy-versions/${id}`)).json()) as PolicyVersion;
  const head = async (scope = SCOPE) => {
    const { headVersionId } = (await (await get(`/v1/scopes/${scope}/policy/history`)).json()) as { versions: PolicyVersionInfo[]; headVersionId: string };
    return version(headVersionId);
  };
  return {
    server,
    get,
    postAs,
    head,
    active: async (scope = SCOPE) => (await (await get(`/v1/scopes/${scope}/policy`)).json()) as PolicyVersion,
    async draft(as, edit, scope = SCOPE) {
      const base = await head(scope);
      return postAs(as, `/v1/scopes/${scope}/policy/drafts`, { baseVersionId: base.id, source: edit(base.source) });
    },
    close: () => server.close(),
  };
}

/** `param name = value` in place of the property's line for it. */
export const setParam = (name: string, value: string) => (s: string) => {
  const line = new RegExp(`^param ${name} = [^/\\n]*`, 'm');
  if (!line.test(s)) throw new Error(`no param ${name} to set`);
  return s.replace(line, `param ${name} = ${value} `);
};
