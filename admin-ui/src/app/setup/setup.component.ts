// The first admin, from the one-time link the service prints at its first start
// (`/setup#token=…`; the fragment never reaches the server's logs). On success the
// server has set the session cookie: the app opens signed in.
import { html, nothing, type TemplateResult } from 'lit';
import type { ApiError } from '../../api/index.js';
import { t } from '../../i18n/app.js';
import { navigate } from '../router.js';
import { CredentialsPage, field, nameField } from '../sign-in/credentials-page.js';

/** The server's minimum (server/schemas/auth.ts PASSWORD_MIN); the server judges again. */
export const PASSWORD_MIN = 12;

/** The token in a setup link's fragment (`#token=…`), or '' when there is none. */
export function tokenOf(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}

export class BeaconSetup extends CredentialsPage {
  private readonly token: string;

  constructor() {
    super();
    this.token = tokenOf(location.hash);
  }

  protected override explain(err: ApiError): string | undefined {
    if (err.code === 'setup-token-invalid') return t('setup.tokenInvalid');
    if (err.code === 'setup-done') return t('setup.done');
    return undefined;
  }

  private submit(e: SubmitEvent): Promise<void> {
    return this.submitWith(e, (form) => {
      const password = field(form, 'password');
      if (password.length < PASSWORD_MIN) return t('setup.tooShort', { min: PASSWORD_MIN });
      if (password !== field(form, 'confirm')) return t('setup.mismatch');
      return this.api.setup(this.token, field(form, 'name'), password).then((answer) => {
        history.replaceState(null, '', '/setup'); // the used token leaves the address bar
        return answer;
      });
    });
  }

  override render(): TemplateResult {
    const signIn = html`<a href="/sign-in" @click=${(e: MouseEvent) => (e.preventDefault(), navigate('/sign-in'))}>${t('setup.signIn')}</a>`;
    return html`
      <section class="card narrow" aria-labelledby="title">
        <h1 id="title">${t('setup.title')}</h1>
        ${this.token === ''
          ? html`<p class="notice error" role="alert">${t('setup.noToken')}</p><p>${signIn}</p>`
          : html`
              <p>${t('setup.intro')}</p>
              ${this.error ? html`<p class="notice error" role="alert">${this.error} ${this.error === t('setup.done') || this.error === t('setup.tokenInvalid') ? signIn : nothing}</p>` : nothing}
              <form @submit=${this.submit}>
                ${nameField(t('setup.name'))}
                <label>${t('setup.password', { min: PASSWORD_MIN })} <input name="password" type="password" required minlength=${PASSWORD_MIN} maxlength="1024" autocomplete="new-password" /></label>
                <label>${t('setup.confirm')} <input name="confirm" type="password" required minlength=${PASSWORD_MIN} maxlength="1024" autocomplete="new-password" /></label>
                <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? t('setup.busy') : t('setup.submit')}</button>
              </form>
            `}
      </section>
    `;
  }
}
