// One stored ticket (GET /v1/tickets/{id}) at its own address, /tickets/{id}: what a
// score's ledger entry links to. Its fields and its events in the order received; the way
// back to tickets now. Any signed-in user; managers and viewers for their properties (a
// 403 says so).
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { Task } from '@lit/task';
import { ApiError, type ApiClient, type StoredTicket, type User } from '../../api/index.js';
import { to } from '../../i18n/ops.js';
import { currentLocale } from '../../i18n/locale.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { navigate } from '../router.js';
import { sharedStyles } from '../shared.styles.js';
import { ticketStyles } from './ticket.styles.js';

const FIELDS = ['property', 'unit', 'category', 'priority', 'kind', 'channel', 'createdAt'] as const;

export class BeaconTicket extends LitElement {
  static override styles = [sharedStyles, ticketStyles];
  static override properties = {
    api: { attribute: false },
    user: { attribute: false },
    ticketId: { attribute: 'ticket-id' },
  };

  declare api: ApiClient;
  declare user: User;
  declare ticketId: string;

  private readonly ticket = new Task(this, {
    task: async ([api, id]: readonly [ApiClient, string]) => api.ticket(id),
    args: () => [this.api, this.ticketId] as const,
  });

  constructor() {
    super();
    new LocaleController(this);
    this.ticketId = '';
  }

  private back(e: MouseEvent): void {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    navigate('/tickets');
  }

  private when(at: string): TemplateResult {
    const ms = Date.parse(at);
    return html`<time datetime=${at}>${Number.isNaN(ms) ? at : new Date(ms).toLocaleString(currentLocale())}</time>`;
  }

  private details(t: StoredTicket): TemplateResult {
    return html`
      <section aria-labelledby="fields-title">
        <h2 id="fields-title">${to('ticket.fields')}</h2>
        <dl>
          ${FIELDS.map((f) => (t[f] === undefined ? nothing : html`<dt>${to(`ticket.field.${f}`)}</dt><dd data-field=${f}>${f === 'createdAt' ? this.when(t[f]) : t[f]}</dd>`))}
        </dl>
      </section>
      <section aria-labelledby="events-title">
        <h2 id="events-title">${to('ticket.events')}</h2>
        <table>
          <thead><tr><th scope="col">${to('ticket.event.type')}</th><th scope="col">${to('ticket.event.at')}</th><th scope="col">${to('ticket.event.by')}</th></tr></thead>
          <tbody>${t.events.map((e) => html`<tr data-event=${e.type}><td><code>${e.type}</code></td><td>${this.when(e.at)}</td><td>${e.by ?? ''}</td></tr>`)}</tbody>
        </table>
      </section>
    `;
  }

  private failure(e: unknown): TemplateResult {
    if (e instanceof ApiError && e.status === 403) return html`<p class="notice error" role="alert">${to('common.forbidden', { detail: e.message })}</p>`;
    return html`<p class="notice error" role="alert">${to('common.error', { message: e instanceof Error ? e.message : String(e) })}</p>`;
  }

  override render(): TemplateResult {
    return html`
      <p><a href="/tickets" @click=${this.back}>${to('ticket.back')}</a></p>
      <h1>${to('ticket.title', { id: this.ticketId })}</h1>
      ${this.ticket.render({ pending: () => html`<p role="status">${to('common.loading')}</p>`, error: (e) => this.failure(e), complete: (t) => this.details(t) })}
    `;
  }
}
