// The app: who is signed in, which page shows, the header. Pages get the API client and
// the user as properties and tell the shell about sign-ins by event. A 401 from any call
// (the session expired) puts the sign-in page in front of the page that was open, which
// is re-made after signing in: the policy page keeps its unsaved text in localStorage.
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { ApiClient, UnauthorisedError, type User } from '../../api/index.js';
import { t } from '../../i18n/app.js';
import { currentLocale, setLocale } from '../../i18n/locale.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { navigate, routeOf, type Route } from '../router.js';
import { appStyles } from './app.styles.js';
import '../sign-in/sign-in.js';
import '../setup/setup.js';
import '../properties/properties.js';
import '../policy/policy-page.js';
import '../tickets/tickets.js';
import '../ticket/ticket.js';
import '../scores/scores.js';
import '../audit/audit.js';
import '../admin/admin.js';
import { navLinks } from './nav.js';
import { to } from '../../i18n/ops.js';

export class BeaconApp extends LitElement {
  static override styles = appStyles;
  static override properties = {
    user: { state: true },
    route: { state: true },
    notice: { state: true },
  };

  /** undefined while the first /v1/auth/me is on its way; null when nobody is signed in. */
  declare user: User | null | undefined;
  declare route: Route;
  /** Why the sign-in page shows: the session expired, or the user signed out. */
  declare notice: string | undefined;

  readonly api: ApiClient;
  private readonly onNavigate = (): void => {
    this.route = routeOf(location.pathname);
  };

  constructor() {
    super();
    new LocaleController(this);
    this.user = undefined;
    this.route = routeOf(location.pathname);
    this.notice = undefined;
    this.api = new ApiClient({ onUnauthorised: () => this.sessionEnded() });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.documentElement.lang = currentLocale();
    window.addEventListener('popstate', this.onNavigate);
    window.addEventListener('beacon-navigate', this.onNavigate);
    this.api.me().then(
      (me) => (this.user = me.user),
      (e: unknown) => {
        this.user = null;
        if (!(e instanceof UnauthorisedError)) this.notice = t('error.network');
      },
    );
  }

  override disconnectedCallback(): void {
    window.removeEventListener('popstate', this.onNavigate);
    window.removeEventListener('beacon-navigate', this.onNavigate);
    super.disconnectedCallback();
  }

  private sessionEnded(): void {
    if (!this.user) return;
    this.user = null;
    this.notice = t('signIn.expired');
  }

  private signedIn(user: User): void {
    this.user = user;
    this.notice = undefined;
    if (this.route.page === 'sign-in' || this.route.page === 'setup') navigate('/properties', { replace: true });
  }

  private async signOut(): Promise<void> {
    try {
      await this.api.logout();
    } finally {
      this.user = null;
      this.notice = t('signIn.signedOut');
      navigate('/sign-in');
    }
  }

  private switchLocale(): void {
    setLocale(currentLocale() === 'zh-CN' ? 'en' : 'zh-CN');
  }

  private page(): TemplateResult {
    const onSignedIn = (e: CustomEvent<{ user: User }>): void => this.signedIn(e.detail.user);
    if (this.route.page === 'setup' && !this.user) return html`<beacon-setup .api=${this.api} @beacon-signed-in=${onSignedIn}></beacon-setup>`;
    if (!this.user) return html`<beacon-sign-in .api=${this.api} .notice=${this.notice} @beacon-signed-in=${onSignedIn}></beacon-sign-in>`;
    switch (this.route.page) {
      case 'policy':
        return html`<beacon-policy-page .api=${this.api} .user=${this.user} .scope=${this.route.scope}></beacon-policy-page>`;
      case 'tickets':
        return html`<beacon-tickets .api=${this.api} .user=${this.user}></beacon-tickets>`;
      case 'ticket':
        return html`<beacon-ticket .api=${this.api} .user=${this.user} .ticketId=${this.route.id}></beacon-ticket>`;
      case 'scores':
        return html`<beacon-scores .api=${this.api} .user=${this.user}></beacon-scores>`;
      case 'audit':
        return html`<beacon-audit .api=${this.api} .user=${this.user}></beacon-audit>`;
      case 'audit-diff':
        return html`<beacon-audit-diff .api=${this.api} .user=${this.user} .from=${this.route.from} .to=${this.route.to}></beacon-audit-diff>`;
      case 'admin':
        return html`<beacon-admin .api=${this.api} .user=${this.user}></beacon-admin>`;
      case 'properties':
      case 'sign-in':
      case 'setup':
        return html`<beacon-properties .api=${this.api} .user=${this.user}></beacon-properties>`;
      default:
        return html`<p>${t('app.notFound')} <a href="/properties" @click=${this.link}>${t('app.backToProperties')}</a></p>`;
    }
  }

  private link(e: MouseEvent): void {
    const a = (e.currentTarget as HTMLAnchorElement | null) ?? undefined;
    if (!a || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    navigate(a.getAttribute('href') ?? '/');
  }

  override render(): TemplateResult {
    const user = this.user;
    return html`
      <header>
        <a class="brand" href="/properties" @click=${this.link}>${t('app.title')}</a>
        ${user
          ? html`<nav aria-label=${to('nav.label')}>
              ${navLinks(user.role, this.route).map((l) => html`<a href=${l.href} aria-current=${l.current ? 'page' : 'false'} @click=${this.link}>${l.label}</a>`)}
            </nav>`
          : nothing}
        <span class="spacer"></span>
        ${user ? html`<span class="who">${t('app.signedInAs', { name: user.name, role: t(`role.${user.role}`) })}</span>` : nothing}
        <button type="button" class="locale" lang=${currentLocale() === 'zh-CN' ? 'en' : 'zh-CN'} title=${t('app.switchLocale.label')} @click=${this.switchLocale}>
          ${t('app.switchLocale')}
        </button>
        ${user ? html`<button type="button" class="sign-out" @click=${() => void this.signOut()}>${t('app.signOut')}</button>` : nothing}
      </header>
      <main>${user === undefined && this.route.page !== 'setup' ? html`<p role="status">${t('app.loading')}</p>` : this.page()}</main>
    `;
  }
}
