// Signing in with name and password (POST /v1/auth/login sets the session cookie).
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { ApiError, NetworkError, type ApiClient, type User } from '../../api/index.js';
import { t } from '../../i18n/app.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { sharedStyles } from '../shared.styles.js';

export class BeaconSignIn extends LitElement {
  static override styles = sharedStyles;
  static override properties = {
    api: { attribute: false },
    notice: { attribute: false },
    error: { state: true },
    busy: { state: true },
  };

  declare api: ApiClient;
  /** Why this page shows (session expired, signed out), shown above the form. */
  declare notice: string | undefined;
  declare error: string | undefined;
  declare busy: boolean;

  constructor() {
    super();
    new LocaleController(this);
    this.notice = undefined;
    this.error = undefined;
    this.busy = false;
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    this.busy = true;
    this.error = undefined;
    try {
      const answer = await this.api.login(String(form.get('name') ?? ''), String(form.get('password') ?? ''));
      this.dispatchEvent(new CustomEvent<{ user: User }>('beacon-signed-in', { detail: { user: answer.user }, bubbles: true, composed: true }));
    } catch (err) {
      this.error = messageOf(err);
    } finally {
      this.busy = false;
    }
  }

  override render(): TemplateResult {
    return html`
      <section class="card narrow" aria-labelledby="title">
        <h1 id="title">${t('signIn.title')}</h1>
        ${this.notice ? html`<p class="notice info" role="status">${this.notice}</p>` : nothing}
        ${this.error ? html`<p class="notice error" role="alert">${this.error}</p>` : nothing}
        <form @submit=${this.submit}>
          <label>${t('signIn.name')} <input name="name" required autocomplete="username" maxlength="100" /></label>
          <label>${t('signIn.password')} <input name="password" type="password" required autocomplete="current-password" maxlength="1024" /></label>
          <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? t('signIn.busy') : t('signIn.submit')}</button>
        </form>
      </section>
    `;
  }
}

function messageOf(err: unknown): string {
  if (err instanceof NetworkError) return t('error.network');
  if (err instanceof ApiError) {
    if (err.status === 401) return t('signIn.bad');
    if (err.status === 429) return t('signIn.tooMany', { seconds: /(\d+)/.exec(err.detail ?? '')?.[1] ?? '60' });
    return t('error.unexpected', { message: err.message });
  }
  return t('error.unexpected', { message: String(err) });
}
