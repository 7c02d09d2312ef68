// Tickets now (issue 12 item 3): the open tickets of the properties the user may see, the
// breached and those due within the hour first, filtered by property, unit, state and due
// before, refreshed every 30 s while the tab is visible (GET /v1/tickets). Each row opens
// the ticket's timeline under the active policy (ticket-timeline.ts); a mark there opens
// its rule on the policy page of the file it is in (#line=N).
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { ApiError, type ApiClient, type Organisation, type TicketPage, type TicketRow, type User } from '../../api/index.js';
import { to } from '../../i18n/ops.js';
import { currentLocale } from '../../i18n/locale.js';
import { tt } from '../../i18n/timeline.js';
import type { RevealDetail } from '../../form/events.js';
import { navigate } from '../router.js';
import { timelineInputs, type TimelineInputs } from './ticket-timeline.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { sharedStyles } from '../shared.styles.js';
import { AutoRefresh } from './auto-refresh.js';
import { ticketsStyles } from './tickets.styles.js';
import { byUrgency, minutesToDue, NO_FILTERS, queryOfFilters, urgencyOf, type TicketFilters } from './urgency.js';

const REFRESH_MS = 30_000;
const PAGE = 100;
const MAX_LIMIT = 500;

type Property = Extract<Organisation, { kind: 'property' }>;

export class BeaconTickets extends LitElement {
  static override styles = [sharedStyles, ticketsStyles];
  static override properties = {
    api: { attribute: false },
    user: { attribute: false },
    filters: { state: true },
    limit: { state: true },
    tick: { state: true },
    timeline: { state: true },
  };

  declare api: ApiClient;
  declare user: User;
  declare filters: TicketFilters;
  declare limit: number;
  /** Bumped by the timer and the refresh button: a new value re-runs the list's task. */
  declare tick: number;
  /** The row whose timeline is open: loading, loaded, or why not. */
  declare timeline: { id: string; inputs?: TimelineInputs; error?: string; at: number } | undefined;
  private loadedAt: Date | undefined;
  readonly refresher = new AutoRefresh(this, () => void (this.tick += 1), REFRESH_MS);

  private readonly properties = new Task(this, {
    task: async ([api]: readonly [ApiClient]) => (await api.organisations()).filter((o): o is Property => o.kind === 'property'),
    args: () => [this.api] as const,
  });

  private readonly list = new Task(this, {
    task: async ([api, filters, limit]: readonly [ApiClient, TicketFilters, number, number]): Promise<TicketPage> => {
      const query = queryOfFilters(filters, limit);
      if (query === 'bad-due-before') throw new RangeError(to('tickets.badDueBefore'));
      const page = await api.tickets(query);
      this.loadedAt = new Date();
      return page;
    },
    args: () => [this.api, this.filters, this.limit, this.tick] as const,
  });

  constructor() {
    super();
    new LocaleController(this);
    this.filters = NO_FILTERS;
    this.limit = PAGE;
    this.tick = 0;
    this.timeline = undefined;
  }

  private async openTimeline(row: TicketRow): Promise<void> {
    const at = Date.now();
    this.timeline = { id: row.id, at };
    try {
      const inputs = await timelineInputs(this.api, row.id, row.propertyId);
      if (this.timeline?.id !== row.id) return;
      this.timeline = { id: row.id, inputs, at };
      await this.updateComplete;
      await this.renderRoot.querySelector('beacon-timeline')?.focusHeading();
    } catch (e) {
      if (this.timeline?.id === row.id) this.timeline = { id: row.id, at, error: tt('timeline.failed', { id: row.id, message: e instanceof Error ? e.message : String(e) }) };
    }
  }

  private async closeTimeline(id: string): Promise<void> {
    this.timeline = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`button[data-timeline="${CSS.escape(id)}"]`)?.focus();
  }

  /** A mark's rule: the policy page of the file it is in, at its line. */
  private openRule(inputs: TimelineInputs, detail: RevealDetail): void {
    const scope = inputs.scopeOf(detail.uri);
    if (scope !== undefined) navigate(`/policy/${encodeURIComponent(scope)}#line=${detail.line}`);
  }

  private timelineView(): TemplateResult | typeof nothing {
    const open = this.timeline;
    if (!open) return nothing;
    if (open.error !== undefined) return html`<p class="notice error" role="alert">${open.error}</p>`;
    const inputs = open.inputs;
    if (!inputs) return html`<p role="status">${tt('timeline.loading', { id: open.id })}</p>`;
    return html`<beacon-timeline
      .ticket=${inputs.ticket}
      .activeText=${inputs.activeText}
      .draftText=${null}
      .path=${inputs.path}
      .related=${inputs.related}
      .at=${open.at}
      @beacon-reveal=${(e: CustomEvent<RevealDetail>) => this.openRule(inputs, e.detail)}
      @beacon-timeline-close=${() => void this.closeTimeline(open.id)}
    ></beacon-timeline>`;
  }

  private setFilter(name: keyof TicketFilters, value: string): void {
    const next = { ...this.filters, [name]: value } as TicketFilters;
    if (name === 'property') next.unit = '';
    this.filters = next;
    this.limit = PAGE;
  }

  private filterForm(properties: readonly Property[]): TemplateResult {
    const units = properties.find((p) => p.id === this.filters.property)?.units ?? [];
    const onSelect = (name: keyof TicketFilters) => (e: Event) => this.setFilter(name, (e.target as HTMLSelectElement | HTMLInputElement).value);
    return html`
      <form class="filters" aria-label=${to('tickets.filters')} @submit=${(e: Event) => e.preventDefault()}>
        <label>${to('common.property')}
          <select name="property" .value=${this.filters.property} @change=${onSelect('property')}>
            <option value="">${to('common.all')}</option>
            ${properties.map((p) => html`<option value=${p.id} ?selected=${p.id === this.filters.property}>${p.name}</option>`)}
          </select>
        </label>
        <label>${to('common.unit')}
          <select name="unit" .value=${this.filters.unit} @change=${onSelect('unit')} ?disabled=${units.length === 0}>
            <option value="">${to('common.all')}</option>
            ${units.map((u) => html`<option value=${u.id} ?selected=${u.id === this.filters.unit}>${u.name}</option>`)}
          </select>
        </label>
        <label>${to('tickets.state')}
          <select name="state" .value=${this.filters.state} @change=${onSelect('state')}>
            ${(['open', 'breached', 'closed'] as const).map((s) => html`<option value=${s} ?selected=${s === this.filters.state}>${to(`tickets.state.${s}`)}</option>`)}
          </select>
        </label>
        <label>${to('tickets.dueBefore')}
          <input type="datetime-local" name="dueBefore" .value=${this.filters.dueBefore} @change=${onSelect('dueBefore')} />
        </label>
        <button type="button" @click=${() => (this.tick += 1)}>${to('tickets.refresh')}</button>
      </form>
    `;
  }

  private time(iso: string): string {
    return new Date(iso).toLocaleString(currentLocale(), { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  }

  private due(row: TicketRow, now: number): TemplateResult | string {
    const minutes = minutesToDue(row, now);
    if (!row.nextDue || minutes === null) return to('common.none');
    const params = { clock: row.nextDue.clock, minutes: Math.abs(minutes), at: this.time(row.nextDue.at) };
    return html`<time datetime=${row.nextDue.at}>${minutes >= 0 ? to('tickets.dueIn', params) : to('tickets.overdue', params)}</time>`;
  }

  private row(row: TicketRow, now: number, names: Map<string, string>): TemplateResult {
    const urgency = urgencyOf(row, now);
    return html`
      <tr data-ticket=${row.id} data-urgency=${urgency}>
        <td><span class="urgency ${urgency}">${to(`tickets.urgency.${urgency}`)}</span></td>
        <th scope="row">
          ${row.id}
          <button type="button" class="link" data-timeline=${row.id} aria-label=${tt('timeline.openLabel', { id: row.id })} aria-pressed=${this.timeline?.id === row.id ? 'true' : 'false'} @click=${() => void this.openTimeline(row)}>${tt('timeline.open')}</button>
        </th>
        <td>${names.get(row.propertyId) ?? row.propertyId}</td>
        <td>${names.get(row.unit) ?? row.unit}</td>
        <td>${row.category}</td>
        <td>${row.priority}</td>
        <td>${this.due(row, now)}</td>
        <td>${row.breached.length > 0 ? row.breached.join('、') : to('common.none')}</td>
        <td>${row.warning ? html`<span class="warning ${row.warning}">${to(`tickets.warning.${row.warning}`)}</span>` : to('common.none')}</td>
      </tr>
    `;
  }

  private table(page: TicketPage, properties: readonly Property[]): TemplateResult {
    const now = Date.now();
    const rows = byUrgency(page.items, now);
    const names = new Map<string, string>();
    for (const p of properties) {
      names.set(p.id, p.name);
      for (const u of p.units) names.set(u.id, u.name);
    }
    if (rows.length === 0) return html`<p>${to('tickets.empty')}</p>`;
    const urgent = rows.filter((r) => ['breached', 'soon'].includes(urgencyOf(r, now))).length;
    return html`
      <p class="summary">${to('tickets.count', { count: rows.length, urgent })}</p>
      <div class="scroll" tabindex="0" role="region" aria-label=${to('tickets.title')}>
        <table>
          <caption class="visually-hidden">${to('tickets.title')}</caption>
          <thead>
            <tr>
              ${(['urgency', 'id'] as const).map((c) => html`<th scope="col">${to(`tickets.col.${c}`)}</th>`)}
              <th scope="col">${to('common.property')}</th>
              <th scope="col">${to('common.unit')}</th>
              ${(['category', 'priority', 'nextDue', 'breached', 'warning'] as const).map((c) => html`<th scope="col">${to(`tickets.col.${c}`)}</th>`)}
            </tr>
          </thead>
          <tbody>${rows.map((r) => this.row(r, now, names))}</tbody>
        </table>
      </div>
      ${page.nextCursor && this.limit < MAX_LIMIT ? html`<button type="button" @click=${() => (this.limit = Math.min(MAX_LIMIT, this.limit + PAGE))}>${to('common.more')}</button>` : nothing}
    `;
  }

  private failure(e: unknown): TemplateResult {
    if (e instanceof ApiError && e.status === 403) return html`<p class="notice error" role="alert">${to('common.forbidden', { detail: e.message })}</p>`;
    return html`<p class="notice error" role="alert">${e instanceof RangeError ? e.message : to('common.error', { message: e instanceof Error ? e.message : String(e) })}</p>`;
  }

  override render(): TemplateResult {
    const properties = this.properties.value ?? [];
    const page = this.list.value;
    const status = this.list.status;
    return html`
      <h1>${to('tickets.title')}</h1>
      ${this.filterForm(properties)}
      <p class="status" role="status">
        ${this.refresher.paused
          ? to('tickets.paused')
          : this.loadedAt
          ? to('tickets.updated', { time: this.loadedAt.toLocaleTimeString(currentLocale()), seconds: REFRESH_MS / 1000 })
          : to('common.loading')}
      </p>
      ${status === TaskStatus.ERROR ? this.failure(this.list.error) : nothing}
      ${this.timelineView()}
      ${page && status !== TaskStatus.ERROR ? this.table(page, properties) : nothing}
    `;
  }
}
