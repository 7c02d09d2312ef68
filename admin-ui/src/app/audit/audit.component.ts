// The audit log (issue 12 item 5): who did what and when, filtered by property, user,
// action and month, newest first, older pages on demand; a policy change links to its
// diff (/audit/diff/{before}/{after}). Admins and the quality department read it.
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { Task } from '@lit/task';
import { ApiError, type ApiClient, type AuditEntry, type AuditQuery, type Organisation, type User } from '../../api/index.js';
import { to } from '../../i18n/ops.js';
import { currentLocale } from '../../i18n/locale.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { navigate } from '../router.js';
import { sharedStyles } from '../shared.styles.js';
import { auditStyles } from './audit.styles.js';
import { detailLine, diffPathOf, KNOWN_ACTIONS, ofAction } from './audit-rows.js';

const PAGE = 100;

interface Filters {
  property: string;
  user: string;
  action: string;
  period: string;
}

export class BeaconAudit extends LitElement {
  static override styles = [sharedStyles, auditStyles];
  static override properties = {
    api: { attribute: false },
    user: { attribute: false },
    filters: { state: true },
    older: { state: true },
    olderError: { state: true },
  };

  declare api: ApiClient;
  declare user: User;
  declare filters: Filters;
  /** Pages fetched with "older", appended below the first. */
  declare older: AuditEntry[];
  declare olderError: string | undefined;
  private exhausted = false;

  private readonly organisations = new Task(this, {
    task: async ([api]: readonly [ApiClient]) => api.organisations(),
    args: () => [this.api] as const,
  });

  private readonly entries = new Task(this, {
    task: async ([api, filters]: readonly [ApiClient, Filters]) => {
      this.older = [];
      const page = await api.audit(this.query(filters));
      this.exhausted = page.length < PAGE;
      return page;
    },
    args: () => [this.api, this.filters] as const,
  });

  constructor() {
    super();
    new LocaleController(this);
    this.filters = { property: '', user: '', action: '', period: '' };
    this.older = [];
    this.olderError = undefined;
  }

  private query(filters: Filters, before?: number): AuditQuery {
    return { property: filters.property, user: filters.user.trim(), action: filters.action, period: filters.period, limit: PAGE, ...(before === undefined ? {} : { before }) };
  }

  private async loadOlder(last: AuditEntry): Promise<void> {
    try {
      const page = await this.api.audit(this.query(this.filters, last.id));
      this.exhausted = page.length < PAGE;
      this.older = [...this.older, ...page];
    } catch (e) {
      this.olderError = to('common.error', { message: e instanceof Error ? e.message : String(e) });
    }
  }

  private submit(e: SubmitEvent): void {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const value = (name: string): string => String(data.get(name) ?? '');
    const period = value('period');
    this.filters = { property: value('property'), user: value('user').slice(0, 200), action: value('action'), period: /^\d{4}-\d{2}$/.test(period) ? period : '' };
  }

  private form(organisations: readonly Organisation[]): TemplateResult {
    return html`
      <form class="filters" @submit=${this.submit}>
        <label>${to('common.property')}
          <select name="property">
            <option value="">${to('common.all')}</option>
            ${organisations.map((o) => html`<option value=${o.id} ?selected=${o.id === this.filters.property}>${o.name}</option>`)}
          </select>
        </label>
        <label>${to('audit.user')}<input name="user" maxlength="200" .value=${this.filters.user} /></label>
        <label>${to('audit.action')}
          <select name="action">
            <option value="">${to('common.all')}</option>
            ${KNOWN_ACTIONS.map((a) => html`<option value=${a} ?selected=${a === this.filters.action}>${a}</option>`)}
          </select>
        </label>
        <label>${to('common.period')}<input type="month" name="period" .value=${this.filters.period} /></label>
        <button type="submit" class="primary">${to('common.apply')}</button>
      </form>
    `;
  }

  private openDiff(e: MouseEvent, path: string): void {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    navigate(path);
  }

  private row(entry: AuditEntry, names: Map<string, string>): TemplateResult {
    const diff = diffPathOf(entry);
    const from = entry.detail?.['previousVersion'];
    const toVersion = entry.detail?.['version'];
    return html`
      <tr data-entry=${entry.id} data-action=${entry.action}>
        <td><time datetime=${entry.at}>${new Date(entry.at).toLocaleString(currentLocale())}</time></td>
        <td>${entry.actorName ?? (entry.actor === 'system' ? to('audit.system') : entry.actor)}</td>
        <td><code>${entry.action}</code></td>
        <td>${entry.scopeId ? names.get(entry.scopeId) ?? entry.scopeId : ''}</td>
        <td class="detail">
          ${detailLine(entry.detail)}
          ${diff
            ? html` <a href=${diff} @click=${(e: MouseEvent) => this.openDiff(e, diff)}>${typeof from === 'number' && typeof toVersion === 'number' ? to('audit.diff', { from, to: toVersion }) : to('audit.diffLink')}</a>`
            : nothing}
        </td>
      </tr>
    `;
  }

  private table(first: readonly AuditEntry[], organisations: readonly Organisation[]): TemplateResult {
    const all = ofAction([...first, ...this.older], this.filters.action);
    const names = new Map(organisations.map((o) => [o.id, o.name]));
    const last = this.older.at(-1) ?? first.at(-1);
    return html`
      ${all.length === 0
        ? html`<p>${to('audit.empty')}</p>`
        : html`
            <div class="scroll">
              <table>
                <thead>
                  <tr>${(['at', 'actor', 'action', 'scope', 'detail'] as const).map((c) => html`<th scope="col">${to(`audit.col.${c}`)}</th>`)}</tr>
                </thead>
                <tbody>${all.map((e) => this.row(e, names))}</tbody>
              </table>
            </div>
          `}
      ${this.olderError ? html`<p class="notice error" role="alert">${this.olderError}</p>` : nothing}
      ${!this.exhausted && last ? html`<button type="button" @click=${() => void this.loadOlder(last)}>${to('audit.older')}</button>` : nothing}
    `;
  }

  private failure(e: unknown): TemplateResult {
    if (e instanceof ApiError && e.status === 403) return html`<p class="notice error" role="alert">${to('common.forbidden', { detail: e.message })}</p>`;
    return html`<p class="notice error" role="alert">${to('common.error', { message: e instanceof Error ? e.message : String(e) })}</p>`;
  }

  override render(): TemplateResult {
    const organisations = this.organisations.value ?? [];
    return html`
      <h1>${to('audit.title')}</h1>
      ${this.form(organisations)}
      ${this.entries.render({
        pending: () => html`<p role="status">${to('common.loading')}</p>`,
        error: (e) => this.failure(e),
        complete: (first) => this.table(first, organisations),
      })}
    `;
  }
}
