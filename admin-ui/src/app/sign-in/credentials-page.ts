// What the sign-in and setup pages share: a name-and-password form whose answer is a
// session (the server set its cookie), announced as 'beacon-signed-in'; busy while it
// waits; and the server's no as a sentence in the reader's language.
import { html, LitElement, type TemplateResult } from 'lit';
import { ApiError, NetworkError, type ApiClient, type User } from '../../api/index.js';
import { t } from '../../i18n/app.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { sharedStyles } from '../shared.styles.js';

/** An attempt's outcome: the session's user, or why the form was not sent (checked here first). */
export type Attempt = Promise<{ user: User }> | string;

export abstract class CredentialsPage extends LitElement {
  static override styles = sharedStyles;
  static override properties = {
    api: { attribute: false },
    error: { state: true },
    busy: { state: true },
  };

  declare api: ApiClient;
  declare error: string | undefined;
  declare busy: boolean;

  constructor() {
    super();
    new LocaleController(this);
    this.error = undefined;
    this.busy = false;
  }

  /** This page's reading of the server's no (undefined: the general message). */
  protected abstract explain(error: ApiError): string | undefined;

  /** Sends the form through `attempt`; on a session, announces the user as signed in. */
  protected async submitWith(e: SubmitEvent, attempt: (form: FormData) => Attempt): Promise<void> {
    e.preventDefault();
    const sent = attempt(new FormData(e.target as HTMLFormElement));
    if (typeof sent === 'string') return void (this.error = sent);
    this.busy = true;
    this.error = undefined;
    try {
      const { user } = await sent;
      this.dispatchEvent(new CustomEvent<{ user: User }>('beacon-signed-in', { detail: { user }, bubbles: true, composed: true }));
    } catch (err) {
      this.error = this.messageOf(err);
    } finally {
      this.busy = false;
    }
  }

  private messageOf(err: unknown): string {
    if (err instanceof NetworkError) return t('error.network');
    if (err instanceof ApiError) return this.explain(err) ?? t('error.unexpected', { message: err.errors[0]?.message ?? err.message });
    return t('error.unexpected', { message: String(err) });
  }
}

/** A form field's text ('' when absent). */
export const field = (form: FormData, name: string): string => String(form.get(name) ?? '');

/** The user-name field both forms begin with. */
export const nameField = (label: string): TemplateResult => html`<label>${label} <input name="name" required autocomplete="username" maxlength="100" /></label>`;
