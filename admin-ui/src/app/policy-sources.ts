// The texts a scope's policy is checked against in the browser: the active versions of
// the scopes above it (group, branch) and the libraries (GET /v1/libraries), each under a
// file name of its own. Cached per page: they change only when someone activates.
import type { ApiClient, Organisation } from '../api/index.js';

export interface Related {
  path: string;
  text: string;
}

/** The file name a scope's text goes by in diagnostics, the editor and the checks. */
export function pathOf(org: Pick<Organisation, 'kind' | 'id'>): string {
  return org.kind === 'property' ? `properties/${org.id}.sla` : org.kind === 'branch' ? `branches/${org.id}.sla` : `${org.id}.sla`;
}

/** The organisations above `id`, root first. */
export function ancestorsOf(all: readonly Organisation[], id: string): Organisation[] {
  const byId = new Map(all.map((o) => [o.id, o]));
  const out: Organisation[] = [];
  for (let o = byId.get(byId.get(id)?.parentId ?? ''); o; o = o.parentId === null ? undefined : byId.get(o.parentId)) out.unshift(o);
  return out;
}

export class PolicySources {
  private libraries: Promise<Related[]> | undefined;
  private readonly active = new Map<string, Promise<string | null>>();

  constructor(private readonly api: ApiClient) {}

  activeText(scope: string): Promise<string | null> {
    let text = this.active.get(scope);
    if (!text) {
      text = this.api.activePolicy(scope).then((v) => v?.source ?? null);
      this.active.set(scope, text);
    }
    return text;
  }

  /** The ancestors' active texts and the libraries: what `extends` and `use` resolve against. */
  async relatedOf(all: readonly Organisation[], scope: string): Promise<Related[]> {
    this.libraries ??= this.api.libraries().then((ls) => ls.map((l) => ({ path: l.uri, text: l.text })));
    const ancestors = ancestorsOf(all, scope);
    const texts = await Promise.all(ancestors.map((o) => this.activeText(o.id)));
    const related: Related[] = [];
    ancestors.forEach((o, i) => {
      const text = texts[i];
      if (text != null) related.push({ path: pathOf(o), text });
    });
    return [...related, ...(await this.libraries)];
  }
}
