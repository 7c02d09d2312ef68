// Signing in with name and password (POST /v1/auth/login sets the session cookie).
import { html, nothing, type TemplateResult } from 'lit';
import type { ApiError } from '../../api/index.js';
import { t } from '../../i18n/app.js';
import { CredentialsPage, field, nameField } from './credentials-page.js';

export class BeaconSignIn extends CredentialsPage {
  static override properties = {
    ...CredentialsPage.properties,
    notice: { attribute: false },
  };

  /** Why this page shows (session expired, signed out), shown above the form. */
  declare notice: string | undefined;

  constructor() {
    super();
    this.notice = undefined;
  }

  protected override explain(err: ApiError): string | undefined {
    if (err.status === 401) return t('signIn.bad');
    if (err.status === 429) return t('signIn.tooMany', { seconds: /(\d+)/.exec(err.detail ?? '')?.[1] ?? '60' });
    return undefined;
  }

  private submit(e: SubmitEvent): Promise<void> {
    return this.submitWith(e, (form) => this.api.login(field(form, 'name'), field(form, 'password')));
  }

  override render(): TemplateResult {
    return html`
      <section class="card narrow" aria-labelledby="title">
        <h1 id="title">${t('signIn.title')}</h1>
        ${this.notice ? html`<p class="notice info" role="status">${this.notice}</p>` : nothing}
        ${this.error ? html`<p class="notice error" role="alert">${this.error}</p>` : nothing}
        <form @submit=${this.submit}>
          ${nameField(t('signIn.name'))}
          <label>${t('signIn.password')} <input name="password" type="password" required autocomplete="current-password" maxlength="1024" /></label>
          <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? t('signIn.busy') : t('signIn.submit')}</button>
        </form>
      </section>
    `;
  }
}
