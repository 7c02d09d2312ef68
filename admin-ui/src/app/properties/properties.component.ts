// The organisation tree (GET /v1/organisations: the server gives a manager only their
// properties and what is above them) with, per property, its active version and open
// draft (its history), then its unfilled [X] and failing tests, checked in a worker.
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { Task } from '@lit/task';
import type { ApiClient, Organisation, PolicyVersionInfo, User } from '../../api/index.js';
import { t } from '../../i18n/app.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { PolicySources, pathOf } from '../policy-sources.js';
import { navigate } from '../router.js';
import { sharedStyles } from '../shared.styles.js';
import { HealthClient } from '../checks/health-client.js';
import type { PropertyHealth } from '../checks/property-health.js';
import { propertiesStyles } from './properties.styles.js';

interface Versions {
  active: PolicyVersionInfo | undefined;
  /** The newest version when it is a draft newer than the active one. */
  draft: PolicyVersionInfo | undefined;
}

type Health = PropertyHealth | { error: string } | undefined;

/** The active version and the open draft of a history (newest first). */
export function versionsOf(history: readonly PolicyVersionInfo[]): Versions {
  const active = history.find((v) => v.status === 'active');
  const newest = history[0];
  const draft = newest?.status === 'draft' && (!active || newest.version > active.version) ? newest : undefined;
  return { active, draft };
}

export class BeaconProperties extends LitElement {
  static override styles = [sharedStyles, propertiesStyles];
  static override properties = {
    api: { attribute: false },
    user: { attribute: false },
    versions: { state: true },
    health: { state: true },
  };

  declare api: ApiClient;
  declare user: User;
  declare versions: Map<string, Versions>;
  declare health: Map<string, Health>;
  private readonly checker = new HealthClient();

  private readonly organisations = new Task(this, {
    task: async ([api]: readonly [ApiClient]) => {
      const all = await api.organisations();
      void this.loadDetails(api, all);
      return all;
    },
    args: () => [this.api] as const,
  });

  constructor() {
    super();
    new LocaleController(this);
    this.versions = new Map();
    this.health = new Map();
  }

  override disconnectedCallback(): void {
    this.checker.dispose();
    super.disconnectedCallback();
  }

  private async loadDetails(api: ApiClient, all: Organisation[]): Promise<void> {
    const properties = all.filter((o) => o.kind === 'property');
    const sources = new PolicySources(api);
    await Promise.all(
      properties.map(async (p) => {
        let versions: Versions = { active: undefined, draft: undefined };
        try {
          versions = versionsOf(await api.history(p.id));
        } catch (e) {
          this.health = new Map(this.health).set(p.id, { error: e instanceof Error ? e.message : String(e) });
        }
        this.versions = new Map(this.versions).set(p.id, versions);
      }),
    );
    // One property at a time: the worker is one thread, and the first rows matter most.
    for (const p of properties) {
      if (!this.isConnected) return;
      const own = this.versions.get(p.id);
      const version = own?.draft ?? own?.active;
      if (!version) continue;
      let health: Health;
      try {
        const [text, related] = await Promise.all([api.version(version.id).then((v) => v.source), sources.relatedOf(all, p.id)]);
        const uri = pathOf(p);
        health = await this.checker.check({ uri, sources: [...related.map((r) => ({ uri: r.path, text: r.text })), { uri, text }] });
      } catch (e) {
        health = { error: e instanceof Error ? e.message : String(e) };
      }
      this.health = new Map(this.health).set(p.id, health);
    }
  }

  private open(e: MouseEvent, id: string): void {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    navigate(`/policy/${encodeURIComponent(id)}`);
  }

  private healthBadges(id: string): TemplateResult {
    const health = this.health.get(id);
    if (health !== undefined && 'error' in health) return html`<span class="badge warn" title=${health.error}>${t('properties.checkFailed', { message: health.error.slice(0, 80) })}</span>`;
    if (!this.versions.get(id)?.active && !this.versions.get(id)?.draft) return html``;
    if (health === undefined) return html`<span class="badge" role="status">${t('properties.checking')}</span>`;
    return html`
      <span class="badge ${health.placeholders > 0 ? 'warn' : 'ok'}" data-placeholders=${health.placeholders}>
        ${health.placeholders > 0 ? t('properties.placeholders', { count: health.placeholders }) : t('properties.noPlaceholders')}
      </span>
      ${health.testsError !== undefined
        ? html`<span class="badge warn" data-tests-error title=${health.testsError}>${t('properties.checkFailed', { message: health.testsError.slice(0, 60) })}</span>`
        : health.failed > 0
        ? html`<span class="badge fail" data-failed=${health.failed} role="img" aria-label=${t('properties.testsFailing', { count: health.failed })}>✗ ${t('properties.testsFailing', { count: health.failed })}</span>`
        : html`<span class="badge ok" data-failed="0">✓ ${t('properties.testsPass', { count: health.tests })}</span>`}
    `;
  }

  private scope(org: Organisation, all: readonly Organisation[]): TemplateResult {
    const children = all.filter((o) => o.parentId === org.id);
    const versions = this.versions.get(org.id);
    const link = html`<a class="name" href="/policy/${encodeURIComponent(org.id)}" @click=${(e: MouseEvent) => this.open(e, org.id)}>${org.name}</a>`;
    return html`
      <li data-scope=${org.id} data-kind=${org.kind}>
        <div class="scope ${org.kind}">
          <span class="kind">${t(`properties.kind.${org.kind}`)}</span>
          ${link}
          <span class="id">${org.id}</span>
          ${org.kind === 'property'
            ? html`
                <span class="spacer"></span>
                ${versions === undefined
                  ? html`<span class="badge" role="status">${t('app.loading')}</span>`
                  : html`
                      <span class="badge active">${versions.active ? t('properties.active', { version: versions.active.version }) : t('properties.noActive')}</span>
                      <span class="badge draft">${versions.draft ? t('properties.draft', { version: versions.draft.version }) : t('properties.noDraft')}</span>
                      ${this.healthBadges(org.id)}
                    `}
              `
            : nothing}
        </div>
        ${children.length > 0 ? html`<ul>${children.map((c) => this.scope(c, all))}</ul>` : nothing}
      </li>
    `;
  }

  override render(): TemplateResult {
    return html`
      <h1>${t('properties.title')}</h1>
      ${this.organisations.render({
        pending: () => html`<p role="status">${t('properties.loading')}</p>`,
        error: (e) => html`<p class="notice error" role="alert">${t('error.unexpected', { message: e instanceof Error ? e.message : String(e) })}</p>`,
        complete: (all) => {
          const ids = new Set(all.map((o) => o.id));
          // Roots: the group, or for a manager whatever is topmost of what they may see.
          const roots = all.filter((o) => o.parentId === null || !ids.has(o.parentId));
          if (!all.some((o) => o.kind === 'property')) return html`<p>${t('properties.empty')}</p>`;
          return html`<ul class="root" aria-label=${t('properties.title')}>${roots.map((r) => this.scope(r, all))}</ul>`;
        },
      })}
    `;
  }
}
