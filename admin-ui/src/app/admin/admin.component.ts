// Administration (issue 12 item 6): users, API keys and the organisation, for admins only.
// Anyone else who reaches the address sees a refusal, without a request the server would
// refuse anyway; each section shows the server's refusal should a 403 come all the same.
import { html, LitElement, type TemplateResult } from 'lit';
import type { ApiClient, User } from '../../api/index.js';
import { to } from '../../i18n/ops.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { sharedStyles } from '../shared.styles.js';
import { adminStyles } from './admin.styles.js';

export class BeaconAdmin extends LitElement {
  static override styles = [sharedStyles, adminStyles];
  static override properties = { api: { attribute: false }, user: { attribute: false } };
  declare api: ApiClient;
  declare user: User;

  constructor() {
    super();
    new LocaleController(this);
  }

  override render(): TemplateResult {
    if (this.user.role !== 'admin') {
      return html`<h1>${to('admin.title')}</h1><p class="notice error" role="alert" data-refused>${to('admin.refused')}</p>`;
    }
    return html`
      <h1>${to('admin.title')}</h1>
      <section aria-label=${to('admin.users')}><beacon-admin-users .api=${this.api} .user=${this.user}></beacon-admin-users></section>
      <section aria-label=${to('admin.keys')}><beacon-admin-keys .api=${this.api} .user=${this.user}></beacon-admin-keys></section>
      <section aria-label=${to('admin.organisations')}><beacon-admin-organisations .api=${this.api} .user=${this.user}></beacon-admin-organisations></section>
    `;
  }
}
