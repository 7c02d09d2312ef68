// The policy page of one scope: <beacon-editor> and <beacon-policy-form> side by side over
// the same text, an action bar (save draft, run tests, compare, activate, roll back) and
// the panels (tests, effective diff, try a ticket, history). The editor, form and panels
// come from their own folders, loaded when the page first opens (collaborators.ts); this
// page owns the flow between them
// and the server: the base version a draft is saved on, the 409/403/422 answers, and the
// unsaved text kept in localStorage (local-drafts.ts) so an expired session loses nothing.
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ApiError, NetworkError, type ApiClient, type Organisation, type PolicyVersionInfo, type User } from '../../api/index.js';
import { t } from '../../i18n/app.js';
import { tp } from '../../i18n/panels.js';
import { HealthClient } from '../checks/health-client.js';
import { dropLocalDraft, keepLocalDraft, readLocalDraft, type LocalDraft } from '../local-drafts.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { PolicySources, pathOf, type Related } from '../policy-sources.js';
import { sharedStyles } from '../shared.styles.js';
import { loadCollaborators, type EditorApi, type Edit, type Marker } from './collaborators.js';
import { policyPageStyles } from './policy-page.styles.js';
import { reapply, whatChanged, type Underneath } from './stale-draft.js';

type Notice = { kind: 'ok' | 'error' | 'info'; text: string };

/** The server's bound on a comment (server/schemas/policies.ts POLICY_COMMENT_MAX). */
const POLICY_COMMENT_MAX = 500;

export class BeaconPolicyPage extends LitElement {
  static override styles = [sharedStyles, policyPageStyles];
  static override properties = {
    api: { attribute: false },
    user: { attribute: false },
    scope: {},
    org: { state: true },
    history: { state: true },
    activeText: { state: true },
    current: { state: true },
    related: { state: true },
    ready: { state: true },
    notice: { state: true },
    underneath: { state: true },
    kept: { state: true },
    restored: { state: true },
    busy: { state: true },
    diffShown: { state: true },
    comment: { state: true },
  };

  declare api: ApiClient;
  declare user: User;
  declare scope: string;
  declare org: Organisation | undefined;
  declare history: PolicyVersionInfo[];
  declare activeText: string | null;
  /** The editor's text as last reported. */
  declare current: string;
  declare related: Related[];
  /** The collaborators' modules were tried and the texts loaded. */
  declare ready: boolean;
  declare notice: Notice | undefined;
  declare underneath: Underneath | undefined;
  /** The user's text when a re-apply could not merge it, kept to copy from. */
  declare kept: string | undefined;
  declare restored: LocalDraft | undefined;
  declare busy: boolean;
  declare diffShown: boolean;
  /** Why, for the next save, activation or rollback (the server keeps it in the history). */
  declare comment: string;

  /** The version the text is edited on (the scope's latest when loaded), and its text. */
  private baseVersionId: string | null = null;
  private baseText = '';
  /**
   * The text the editor is given when it is made (and after a reload of the page's data).
   * Not `current`: handing the editor back its own debounced text would undo what was typed since.
   */
  private loadedText = '';
  private readonly checker = new HealthClient();

  constructor() {
    super();
    new LocaleController(this);
    this.scope = '';
    this.org = undefined;
    this.history = [];
    this.activeText = null;
    this.current = '';
    this.related = [];
    this.ready = false;
    this.notice = undefined;
    this.underneath = undefined;
    this.kept = undefined;
    this.restored = undefined;
    this.busy = false;
    this.diffShown = false;
    this.comment = '';
  }

  /** Monaco takes its language once, when it loads: a switch reloads the page (the unsaved text is in localStorage). */
  private readonly onLocale = (): void => {
    if (this.editor) location.reload();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beacon-locale-change', this.onLocale);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('beacon-locale-change', this.onLocale);
    this.checker.dispose();
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('scope') && this.scope) void this.load();
  }

  private get editor(): EditorApi | null {
    return this.renderRoot.querySelector<EditorApi>('#editor');
  }

  private fail(e: unknown): void {
    if (e instanceof NetworkError) this.notice = { kind: 'error', text: t('error.network') };
    else this.notice = { kind: 'error', text: t('error.unexpected', { message: e instanceof Error ? e.message : String(e) }) };
  }

  private async load(): Promise<void> {
    this.ready = false;
    try {
      const [all] = await Promise.all([this.api.organisations(), loadCollaborators()]);
      this.org = all.find((o) => o.id === this.scope);
      if (!this.org) throw new Error(t('app.notFound'));
      const sources = new PolicySources(this.api);
      const [related] = await Promise.all([sources.relatedOf(all, this.scope), this.refresh()]);
      this.related = related;
      // Text the user typed and never saved (the session ended, the tab closed) comes back.
      const local = readLocalDraft(this.scope);
      if (local && local.text !== this.baseText) {
        this.restored = local;
        if (local.baseVersionId !== this.baseVersionId) {
          this.baseVersionId = local.baseVersionId;
          this.baseText = local.baseVersionId ? (await this.api.version(local.baseVersionId)).source : '';
        }
        this.current = local.text;
      }
      this.loadedText = this.current;
      this.ready = true;
    } catch (e) {
      this.fail(e);
    }
  }

  /** Reads the history and the latest and active texts; the text is edited on the latest version. */
  private async refresh(): Promise<void> {
    const history = await this.api.history(this.scope);
    const latest = history[0];
    const active = history.find((v) => v.status === 'active');
    const [latestText, activeText] = await Promise.all([
      latest ? this.api.version(latest.id).then((v) => v.source) : Promise.resolve(''),
      active && active.id !== latest?.id ? this.api.version(active.id).then((v) => v.source) : Promise.resolve(null),
    ]);
    this.history = history;
    this.activeText = active ? (activeText ?? latestText) : null;
    const untouched = this.current === this.baseText;
    this.baseVersionId = latest?.id ?? null;
    this.baseText = latestText;
    if (untouched) {
      this.current = latestText;
      this.editor?.setValue(latestText);
    }
  }

  private changed(value: string): void {
    this.current = value;
    if (value === this.baseText) dropLocalDraft(this.scope);
    else keepLocalDraft(this.scope, value, this.baseVersionId);
  }

  private formEdit(edits: Edit[]): void {
    const editor = this.editor;
    if (!editor) return;
    editor.applyEdits(edits);
    this.changed(editor.getValue());
  }

  private async save(): Promise<void> {
    const text = this.editor?.getValue() ?? this.current;
    if (text === this.baseText) return void (this.notice = { kind: 'info', text: t('policy.noChanges') });
    this.busy = true;
    this.notice = undefined;
    this.editor?.setExtraMarkers('server', []);
    try {
      const draft = await this.api.saveDraft(this.scope, text, this.baseVersionId, this.comment);
      this.comment = '';
      dropLocalDraft(this.scope);
      this.restored = undefined;
      this.underneath = undefined;
      this.kept = undefined;
      this.baseVersionId = draft.id;
      this.baseText = text;
      this.current = text;
      this.history = await this.api.history(this.scope);
      this.notice = { kind: 'ok', text: t('policy.saved', { version: draft.version }) };
    } catch (e) {
      await this.refused(e, text);
    } finally {
      this.busy = false;
    }
  }

  /** The server's no to a draft, each in its own way. */
  private async refused(e: unknown, text: string): Promise<void> {
    if (!(e instanceof ApiError)) return this.fail(e);
    if (e.status === 409) {
      this.underneath = await whatChanged(this.api, e, this.baseText);
      this.notice = { kind: 'error', text: t('policy.stale', { version: this.underneath?.latest.version ?? '?' }) };
    } else if (e.status === 403) {
      this.notice = { kind: 'error', text: t('policy.forbidden', { detail: e.detail ?? e.title }) };
    } else if (e.status === 422) {
      const markers: Marker[] = e.errors.map((m) => ({
        line: m.line ?? 1,
        column: m.column ?? 1,
        endLine: m.line ?? 1,
        endColumn: (m.column ?? 1) + 1,
        severity: 'error',
        code: m.code,
        message: m.message,
      }));
      this.editor?.setExtraMarkers('server', markers);
      if (markers[0]) this.editor?.revealLine(markers[0].line);
      this.notice = { kind: 'error', text: t('policy.invalid', { count: markers.length }) };
    } else {
      this.fail(e);
    }
    if (e.status !== 401) keepLocalDraft(this.scope, text, this.baseVersionId);
  }

  private reapplyOnLatest(): void {
    const under = this.underneath;
    if (!under) return;
    const mine = this.editor?.getValue() ?? this.current;
    const merged = reapply(this.baseText, mine, under.latest.source);
    this.baseVersionId = under.latest.id;
    this.baseText = under.latest.source;
    this.underneath = undefined;
    const text = merged ?? under.latest.source;
    this.kept = merged === undefined ? mine : undefined;
    this.editor?.setValue(text);
    this.changed(text);
    this.notice = merged === undefined ? { kind: 'error', text: t('policy.reapplyConflict') } : { kind: 'info', text: t('policy.reapplied', { version: under.latest.version }) };
  }

  /** Failing tests of `text` (its own test blocks), run in the check worker. */
  private async failingTests(text: string): Promise<{ failed: number; tests: number }> {
    const uri = this.org ? pathOf(this.org) : `${this.scope}.sla`;
    const health = await this.checker.check({ uri, sources: [...this.related.map((r) => ({ uri: r.path, text: r.text })), { uri, text }] });
    if (health.testsError !== undefined) throw new Error(health.testsError);
    return { failed: health.failed, tests: health.tests };
  }

  private async runTests(): Promise<void> {
    const panel = this.renderRoot.querySelector('beacon-test-results');
    if (!panel) return;
    panel.text = this.editor?.getValue() ?? this.current;
    await panel.run();
  }

  private async activate(): Promise<void> {
    const latest = this.history[0];
    if ((this.editor?.getValue() ?? this.current) !== this.baseText || latest?.status !== 'draft') {
      return void (this.notice = { kind: 'info', text: t('policy.activateNeedsSave') });
    }
    this.busy = true;
    try {
      // The draft as saved is what goes live: its tests must pass first.
      const { failed } = await this.failingTests(this.baseText);
      if (failed > 0) return void (this.notice = { kind: 'error', text: t('policy.activateRefused', { count: failed }) });
      const result = await this.api.activate(latest.id, this.comment);
      this.comment = '';
      await this.refresh();
      this.notice = { kind: 'ok', text: t('policy.activated', { version: result.active.version }) };
    } catch (e) {
      if (e instanceof ApiError && e.status === 403) this.notice = { kind: 'error', text: t('policy.forbidden', { detail: e.detail ?? e.title }) };
      else this.fail(e);
    } finally {
      this.busy = false;
    }
  }

  private async rollback(): Promise<void> {
    if (!confirm(t('policy.rollbackConfirm'))) return;
    this.busy = true;
    try {
      const result = await this.api.rollback(this.scope, this.comment);
      this.comment = '';
      await this.refresh();
      this.notice = { kind: 'ok', text: t('policy.rolledBack', { version: result.active.version }) };
    } catch (e) {
      if (e instanceof ApiError && e.status < 500) this.notice = { kind: 'error', text: e.detail ?? e.title };
      else this.fail(e);
    } finally {
      this.busy = false;
    }
  }

  private toggleDiff(): void {
    const editor = this.editor;
    if (!editor) return;
    this.diffShown = !this.diffShown;
    if (this.diffShown) editor.showDiff(this.activeText ?? '');
    else editor.hideDiff();
  }

  private discardLocal(): void {
    dropLocalDraft(this.scope);
    this.restored = undefined;
    void this.load();
  }

  private reveal(e: CustomEvent<{ line: number; uri?: string }>): void {
    // A line of another file or of the active text (`<path>@active`) is not in this draft: the panel says where it is.
    const uri = e.detail.uri;
    if (uri !== undefined && uri !== (this.org ? pathOf(this.org) : '')) return;
    this.editor?.revealLine(e.detail.line);
  }

  /** A link from a ticket's timeline (`/policy/{scope}#line=N`) shows its line once the editor has checked the text. */
  private readonly revealLinkedLine = (): void => {
    const linked = /^#line=(\d{1,6})$/.exec(location.hash);
    if (!linked) return;
    history.replaceState(history.state, '', location.pathname + location.search);
    this.editor?.revealLine(Number(linked[1]));
  };

  private renderEditor(): TemplateResult {
    const readOnly = this.user.role === 'viewer';
    const path = this.org ? pathOf(this.org) : '';
    const onChange = (e: CustomEvent<{ value: string }>): void => this.changed(e.detail.value);
    return html`<beacon-editor id="editor" class="editor" .value=${this.loadedText} .role=${this.user.role} .path=${path} .related=${this.related} .readOnly=${readOnly} @beacon-change=${onChange} @beacon-diagnostics=${this.revealLinkedLine}></beacon-editor>`;
  }

  private renderPanels(): TemplateResult {
    const path = this.org ? pathOf(this.org) : '';
    const openVersion = async (e: CustomEvent<{ id: string }>): Promise<void> => this.editor?.showDiff((await this.api.version(e.detail.id)).source);
    return html`
      <div class="panels">
        <beacon-test-results .text=${this.current} .path=${path} .related=${this.related} @beacon-reveal=${this.reveal}></beacon-test-results>
        ${this.diffShown ? html`<beacon-effective-diff .beforeText=${this.activeText ?? ''} .afterText=${this.current} .path=${path} .related=${this.related}></beacon-effective-diff>` : nothing}
        <beacon-try-ticket .activeText=${this.activeText ?? ''} .draftText=${this.current} .path=${path} .related=${this.related} @beacon-reveal=${this.reveal}></beacon-try-ticket>
        ${this.org?.kind === 'property' ? html`<beacon-impact .property=${this.scope} .draftText=${this.current} .activeText=${this.activeText} .path=${path} .related=${this.related} @beacon-reveal=${this.reveal}></beacon-impact>` : nothing}
        <beacon-history .versions=${this.history} @beacon-rollback=${() => void this.rollback()} @beacon-open-version=${openVersion}></beacon-history>
      </div>
    `;
  }

  private renderUnderneath(under: Underneath): TemplateResult {
    return html`
      <div class="changes" aria-label=${t('policy.stale', { version: under.latest.version })}>
        ${under.changes.map(
          (c) => html`<div>@@ ${c.line}</div>${c.removed.map((l) => html`<div class="del">- ${l}</div>`)}${c.added.map((l) => html`<div class="add">+ ${l}</div>`)}`,
        )}
      </div>
      <button type="button" class="reapply" @click=${this.reapplyOnLatest}>${t('policy.reapply')}</button>
    `;
  }

  override render(): TemplateResult {
    const latest = this.history[0];
    return html`
      <h1>${t('policy.title', { name: this.org?.name ?? this.scope })}</h1>
      ${this.notice ? html`<p class="notice ${this.notice.kind}" role=${this.notice.kind === 'error' ? 'alert' : 'status'}>${this.notice.text}</p>` : nothing}
      ${this.underneath ? this.renderUnderneath(this.underneath) : nothing}
      ${this.kept !== undefined ? html`<textarea class="kept" readonly aria-label=${t('policy.reapplyConflict')} .value=${this.kept}></textarea>` : nothing}
      ${this.restored
        ? html`<p class="notice info" role="status">${t('policy.restored', { time: new Date(this.restored.savedAt).toLocaleString() })}
            <button type="button" @click=${this.discardLocal}>${t('policy.discardLocal')}</button></p>`
        : nothing}
      ${this.user.role === 'viewer' ? html`<p class="notice info">${t('policy.readOnly')}</p>` : nothing}
      ${!this.ready
        ? html`<p role="status">${t('policy.loading')}</p>`
        : html`
            <div class="bar" role="toolbar" aria-label=${t('policy.title', { name: this.org?.name ?? this.scope })}>
              <button type="button" class="primary save" ?disabled=${this.busy || this.user.role === 'viewer'} @click=${() => void this.save()}>${this.busy ? t('policy.saving') : t('policy.save')}</button>
              <button type="button" class="run-tests" @click=${() => void this.runTests()}>${t('policy.runTests')}</button>
              <button type="button" class="diff" aria-pressed=${this.diffShown ? 'true' : 'false'} @click=${this.toggleDiff}>${this.diffShown ? t('policy.hideDiff') : t('policy.diff')}</button>
              <button type="button" class="activate" ?disabled=${this.busy || this.user.role === 'viewer'} @click=${() => void this.activate()}>${t('policy.activate')}</button>
              <button type="button" class="rollback" ?disabled=${this.busy || this.user.role === 'viewer'} @click=${() => void this.rollback()}>${t('policy.rollback')}</button>
              <label class="comment"
                >${tp('history.commentInput')}
                <input name="comment" maxlength=${POLICY_COMMENT_MAX} .value=${this.comment} ?disabled=${this.user.role === 'viewer'} @input=${(e: InputEvent) => (this.comment = (e.target as HTMLInputElement).value)}
              /></label>
              <span class="base">${latest ? t('policy.version', { version: latest.version, status: t(`policy.status.${latest.status}`) }) : t('policy.newPolicy')}</span>
            </div>
            <div class="work">
              ${this.renderEditor()}
              <beacon-policy-form .text=${this.current} .path=${this.org ? pathOf(this.org) : ''} .related=${this.related} .role=${this.user.role} .readOnly=${this.user.role === 'viewer'} @beacon-form-edit=${(e: CustomEvent<{ edits: Edit[] }>) => this.formEdit(e.detail.edits)}></beacon-policy-form>
            </div>
            ${this.renderPanels()}
          `}
    `;
  }
}
