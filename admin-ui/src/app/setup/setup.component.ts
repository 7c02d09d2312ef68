// The first admin, from the one-time link the service prints at its first start
// (`/setup#token=…`; the fragment never reaches the server's logs). On success the
// server has set the session cookie: the app opens signed in.
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { ApiError, NetworkError, type ApiClient, type User } from '../../api/index.js';
import { t } from '../../i18n/app.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { navigate } from '../router.js';
import { sharedStyles } from '../shared.styles.js';

/** The server's minimum (server/schemas/auth.ts PASSWORD_MIN); the server judges again. */
export const PASSWORD_MIN = 12;

/** The token in a setup link's fragment (`#token=…`), or '' when there is none. */
export function tokenOf(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}

export class BeaconSetup extends LitElement {
  static override styles = sharedStyles;
  static override properties = {
    api: { attribute: false },
    error: { state: true },
    busy: { state: true },
  };

  declare api: ApiClient;
  declare error: string | undefined;
  declare busy: boolean;
  private readonly token: string;

  constructor() {
    super();
    new LocaleController(this);
    this.error = undefined;
    this.busy = false;
    this.token = tokenOf(location.hash);
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const password = String(form.get('password') ?? '');
    if (password.length < PASSWORD_MIN) return void (this.error = t('setup.tooShort', { min: PASSWORD_MIN }));
    if (password !== String(form.get('confirm') ?? '')) return void (this.error = t('setup.mismatch'));
    this.busy = true;
    this.error = undefined;
    try {
      const answer = await this.api.setup(this.token, String(form.get('name') ?? ''), password);
      history.replaceState(null, '', '/setup'); // the used token leaves the address bar
      this.dispatchEvent(new CustomEvent<{ user: User }>('beacon-signed-in', { detail: { user: answer.user }, bubbles: true, composed: true }));
    } catch (err) {
      this.error = messageOf(err);
    } finally {
      this.busy = false;
    }
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
                <label>${t('setup.name')} <input name="name" required autocomplete="username" maxlength="100" /></label>
                <label>${t('setup.password', { min: PASSWORD_MIN })} <input name="password" type="password" required minlength=${PASSWORD_MIN} maxlength="1024" autocomplete="new-password" /></label>
                <label>${t('setup.confirm')} <input name="confirm" type="password" required minlength=${PASSWORD_MIN} maxlength="1024" autocomplete="new-password" /></label>
                <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? t('setup.busy') : t('setup.submit')}</button>
              </form>
            `}
      </section>
    `;
  }
}

function messageOf(err: unknown): string {
  if (err instanceof NetworkError) return t('error.network');
  if (err instanceof ApiError) {
    if (err.code === 'setup-token-invalid') return t('setup.tokenInvalid');
    if (err.code === 'setup-done') return t('setup.done');
    return t('error.unexpected', { message: err.errors[0]?.message ?? err.message });
  }
  return t('error.unexpected', { message: String(err) });
}
