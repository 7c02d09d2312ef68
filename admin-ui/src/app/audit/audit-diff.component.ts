// A policy change from the audit log: the line diff of two versions
// (GET /v1/policy-versions/{a}/diff/{b}), read-only, with the way back.
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { Task } from '@lit/task';
import { ApiError, type ApiClient, type User, type VersionDiff } from '../../api/index.js';
import { to } from '../../i18n/ops.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { navigate } from '../router.js';
import { sharedStyles } from '../shared.styles.js';
import { auditStyles } from './audit.styles.js';

export class BeaconAuditDiff extends LitElement {
  static override styles = [sharedStyles, auditStyles];
  static override properties = {
    api: { attribute: false },
    user: { attribute: false },
    from: {},
    to: {},
  };

  declare api: ApiClient;
  declare user: User;
  declare from: string;
  declare to: string;

  private readonly diff = new Task(this, {
    task: async ([api, from, toId]: readonly [ApiClient, string, string]) => api.policyDiff(from, toId),
    args: () => [this.api, this.from, this.to] as const,
  });

  constructor() {
    super();
    new LocaleController(this);
  }

  private back(e: MouseEvent): void {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    navigate('/audit');
  }

  private body(diff: VersionDiff): TemplateResult {
    return html`
      <h1>${to('audit.diffTitle', { scope: diff.to.scopeId, from: diff.from.version, to: diff.to.version })}</h1>
      <p>${to('audit.diffSummary', { added: diff.added, removed: diff.removed })}</p>
      ${diff.hunks.length === 0 ? html`<p>${to('audit.noChange')}</p>` : nothing}
      ${diff.hunks.map(
        (h) => html`
          <pre class="hunk" tabindex="0" aria-label="@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@"><span class="at">@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@</span>
${h.lines.map((l) => html`<span class=${l.op === '+' ? 'add' : l.op === '-' ? 'del' : 'same'}>${l.op} ${l.line}</span>\n`)}</pre>
        `,
      )}
    `;
  }

  override render(): TemplateResult {
    return html`
      <p><a href="/audit" @click=${this.back}>${to('audit.back')}</a></p>
      ${this.diff.render({
        pending: () => html`<p role="status">${to('common.loading')}</p>`,
        error: (e) => html`<p class="notice error" role="alert">${e instanceof ApiError && e.status === 403 ? to('common.forbidden', { detail: e.message }) : to('common.error', { message: e instanceof Error ? e.message : String(e) })}</p>`,
        complete: (diff) => this.body(diff),
      })}
    `;
  }
}
