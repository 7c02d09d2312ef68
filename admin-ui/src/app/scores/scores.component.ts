// Scores (issue 12 item 4): per unit of a property and a month, the penalty points, the
// ledger counts by level, the compliance rate and its light (GET /v1/units/{unit}/scores);
// a unit's last twelve months as a chart; its breached tickets; the month as CSV
// (the same route with Accept: text/csv, saved as the server wrote it). A unit's points or
// a level's count opens the ledger entries behind it (GET /v1/units/{unit}/ledger), each
// linking to its ticket's page.
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { Task } from '@lit/task';
import { ApiError, type ApiClient, type Organisation, type TicketRow, type UnitLedgerPage, type UnitScores, type User } from '../../api/index.js';
import { to } from '../../i18n/ops.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { sharedStyles } from '../shared.styles.js';
import { loadCharts, type Chart } from './echarts.js';
import { csvFileName, levelsOf, monthsEnding, periodOf, trendOption } from './months.js';
import { scoresStyles } from './scores.styles.js';
import { navigate } from '../router.js';
import { entriesTable, entriesTitle, ENTRIES_PAGE, type Drill } from './ledger-entries.js';

type Property = Extract<Organisation, { kind: 'property' }>;
type Unit = Property['units'][number];
const TREND_MONTHS = 12;
/** One empty list for "no units": the scores task re-runs when its arguments change identity. */
const NO_UNITS: readonly Unit[] = Object.freeze([]);

export class BeaconScores extends LitElement {
  static override styles = [sharedStyles, scoresStyles];
  static override properties = {
    api: { attribute: false },
    user: { attribute: false },
    property: { state: true },
    period: { state: true },
    trendUnit: { state: true },
    ticketsUnit: { state: true },
    drill: { state: true },
    notice: { state: true },
  };

  declare api: ApiClient;
  declare user: User;
  declare property: string;
  declare period: string;
  declare trendUnit: Unit | undefined;
  declare ticketsUnit: Unit | undefined;
  declare drill: Drill | undefined;
  declare notice: string | undefined;
  private chart: Chart | undefined;

  private readonly properties = new Task(this, {
    task: async ([api]: readonly [ApiClient]) => {
      const all = (await api.organisations()).filter((o): o is Property => o.kind === 'property');
      if (!this.property && all[0]) this.property = all[0].id;
      return all;
    },
    args: () => [this.api] as const,
  });

  private readonly scores = new Task(this, {
    task: async ([api, units, period]: readonly [ApiClient, readonly Unit[], string]) => Promise.all(units.map((u) => api.unitScores(u.id, period))),
    args: () => [this.api, this.units(), this.period] as const,
  });

  private readonly trend = new Task(this, {
    task: async ([api, unit, period]: readonly [ApiClient, Unit | undefined, string]) => {
      if (!unit) return undefined;
      const [months, create] = await Promise.all([Promise.all(monthsEnding(period, TREND_MONTHS).map((m) => api.unitScores(unit.id, m))), loadCharts()]);
      await this.updateComplete;
      const element = this.renderRoot.querySelector<HTMLElement>('#trend-chart');
      if (element && this.isConnected) {
        this.chart?.dispose();
        this.chart = create(element);
        this.chart.setOption(trendOption(months, { title: to('scores.trendOf', { unit: unit.name, months: TREND_MONTHS }), points: to('scores.series.points'), compliance: to('scores.series.compliance') }), true);
      }
      return months;
    },
    args: () => [this.api, this.trendUnit, this.period] as const,
  });

  private readonly breached = new Task(this, {
    task: async ([api, unit]: readonly [ApiClient, Unit | undefined]): Promise<TicketRow[] | undefined> => (unit ? (await api.tickets({ unit: unit.id, state: 'breached', limit: 500 })).items : undefined),
    args: () => [this.api, this.ticketsUnit] as const,
  });

  private readonly entries = new Task(this, {
    task: async ([api, drill]: readonly [ApiClient, Drill | undefined]): Promise<UnitLedgerPage | undefined> =>
      drill ? api.unitLedger(drill.unitId, { period: drill.period, limit: ENTRIES_PAGE, ...(drill.level === null ? {} : { level: drill.level }) }) : undefined,
    args: () => [this.api, this.drill] as const,
  });

  constructor() {
    super();
    new LocaleController(this);
    this.property = '';
    this.period = periodOf(new Date());
    this.trendUnit = undefined;
    this.ticketsUnit = undefined;
    this.drill = undefined;
    this.notice = undefined;
  }

  override disconnectedCallback(): void {
    this.chart?.dispose();
    this.chart = undefined;
    super.disconnectedCallback();
  }

  private units(): readonly Unit[] {
    return this.properties.value?.find((p) => p.id === this.property)?.units ?? NO_UNITS;
  }

  private async exportCsv(unit: Unit): Promise<void> {
    try {
      const text = await this.api.unitScoresCsv(unit.id, this.period);
      const file = csvFileName(unit.id, this.period);
      const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = file;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      this.notice = to('scores.exported', { file });
    } catch (e) {
      this.notice = to('common.error', { message: e instanceof Error ? e.message : String(e) });
    }
  }

  private controls(properties: readonly Property[]): TemplateResult {
    return html`
      <div class="controls">
        <label>${to('common.property')}
          <select name="property" @change=${(e: Event) => ((this.property = (e.target as HTMLSelectElement).value), (this.trendUnit = undefined), (this.ticketsUnit = undefined), (this.drill = undefined))}>
            ${properties.map((p) => html`<option value=${p.id} ?selected=${p.id === this.property}>${p.name}</option>`)}
          </select>
        </label>
        <label>${to('common.period')}
          <input type="month" name="period" required .value=${this.period} @change=${(e: Event) => {
            const value = (e.target as HTMLInputElement).value;
            if (/^\d{4}-\d{2}$/.test(value)) (this.period = value), (this.drill = undefined);
          }} />
        </label>
      </div>
    `;
  }

  private light(score: UnitScores): TemplateResult {
    if (score.light === null) return html`${score.tickets === 0 ? to('scores.noTickets') : to('scores.light.none')}`;
    // The policy names its lights; the usual three read in the user's language, any other as written.
    const known = ['green', 'yellow', 'red'].includes(score.light) ? to(`scores.light.${score.light as 'green'}`) : score.light;
    return html`<span class="light" data-light=${score.light}><span class="dot" aria-hidden="true"></span>${known}</span>`;
  }

  private table(scores: readonly UnitScores[]): TemplateResult {
    const units = this.units();
    if (units.length === 0) return html`<p>${to('scores.noUnits')}</p>`;
    const levels = levelsOf(scores);
    return html`
      <div class="scroll" tabindex="0" role="region" aria-label=${to('scores.title')}>
        <table>
          <thead>
            <tr>
              <th scope="col">${to('common.unit')}</th>
              <th scope="col">${to('scores.col.points')}</th>
              ${levels.map((l) => html`<th scope="col">${to('scores.col.level', { level: l })}</th>`)}
              <th scope="col">${to('scores.col.tickets')}</th>
              <th scope="col">${to('scores.col.compliance')}</th>
              <th scope="col">${to('scores.col.light')}</th>
              <th scope="col">${to('scores.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            ${scores.map((s, i) => {
              const unit = units[i]!;
              return html`
                <tr data-unit=${s.unit}>
                  <th scope="row">${unit.name}</th>
                  <td data-field="points">${this.drillButton(unit, null, s.points, s.points !== 0 || Object.keys(s.counts).length > 0)}</td>
                  ${levels.map((l) => html`<td data-level=${l}>${this.drillButton(unit, l, s.counts[l] ?? 0, (s.counts[l] ?? 0) !== 0)}</td>`)}
                  <td data-field="tickets">${s.tickets}</td>
                  <td data-field="compliance">${s.compliance === null ? '—' : `${s.compliance}%`}</td>
                  <td>${this.light(s)}</td>
                  <td class="actions">
                    <button type="button" aria-label="${to('scores.trend')} · ${unit.name}" aria-pressed=${this.trendUnit?.id === unit.id ? 'true' : 'false'} @click=${() => (this.trendUnit = unit)}>${to('scores.trend')}</button>
                    <button type="button" aria-label="${to('scores.tickets')} · ${unit.name}" aria-pressed=${this.ticketsUnit?.id === unit.id ? 'true' : 'false'} @click=${() => (this.ticketsUnit = unit)}>${to('scores.tickets')}</button>
                    <button type="button" aria-label="${to('scores.export')} · ${unit.name}" @click=${() => void this.exportCsv(unit)}>${to('scores.export')}</button>
                  </td>
                </tr>
              `;
            })}
          </tbody>
        </table>
      </div>
    `;
  }

  /** A figure that opens its entries when there are any; plain text otherwise. Its name starts with the figure shown (WCAG 2.5.3 label in name). */
  private drillButton(unit: Unit, level: string | null, figure: number, any: boolean): TemplateResult | number {
    if (!any) return figure;
    const open = this.drill?.unitId === unit.id && this.drill.level === level && this.drill.period === this.period;
    const what = level ?? to('scores.allLevels');
    return html`<button type="button" class="drill" aria-pressed=${open ? 'true' : 'false'} aria-label=${to('scores.openEntries', { figure, unit: unit.name, what })}
      @click=${() => (this.drill = { unitId: unit.id, unitName: unit.name, period: this.period, level })}>${figure}</button>`;
  }

  private openTicket(e: MouseEvent, path: string): void {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    navigate(path);
  }

  private entriesSection(): TemplateResult | typeof nothing {
    const drill = this.drill;
    if (!drill) return nothing;
    return html`
      <section aria-labelledby="entries-title">
        <h2 id="entries-title">${entriesTitle(drill)}</h2>
        ${this.entries.render({
          pending: () => html`<p role="status">${to('common.loading')}</p>`,
          error: (e) => this.failure(e),
          complete: (page) => (page ? entriesTable(page.items, page.nextCursor !== null, (e, path) => this.openTicket(e, path)) : nothing),
        })}
      </section>
    `;
  }

  private trendSection(): TemplateResult | typeof nothing {
    const unit = this.trendUnit;
    if (!unit) return nothing;
    const months = this.trend.value;
    return html`
      <section aria-labelledby="trend-title">
        <h2 id="trend-title">${to('scores.trendOf', { unit: unit.name, months: TREND_MONTHS })}</h2>
        ${this.trend.render({ pending: () => html`<p role="status">${to('scores.chartLoading')}</p>`, error: (e) => this.failure(e), complete: () => nothing })}
        <div id="trend-chart" class="chart"></div>
        ${months
          ? html`
              <details>
                <summary>${to('scores.chartTable')}</summary>
                <table>
                  <thead><tr><th scope="col">${to('scores.month')}</th><th scope="col">${to('scores.series.points')}</th><th scope="col">${to('scores.series.compliance')}</th></tr></thead>
                  <tbody>${months.map((m) => html`<tr><th scope="row">${m.period}</th><td>${m.points}</td><td>${m.compliance ?? '—'}</td></tr>`)}</tbody>
                </table>
              </details>
            `
          : nothing}
      </section>
    `;
  }

  private ticketsSection(): TemplateResult | typeof nothing {
    const unit = this.ticketsUnit;
    if (!unit) return nothing;
    return html`
      <section aria-labelledby="tickets-title">
        <h2 id="tickets-title">${to('scores.ticketsOf', { unit: unit.name })}</h2>
        ${this.breached.render({
          pending: () => html`<p role="status">${to('common.loading')}</p>`,
          error: (e) => this.failure(e),
          complete: (rows) =>
            !rows || rows.length === 0
              ? html`<p>${to('scores.noBreached')}</p>`
              : html`<ul class="tickets">${rows.map((r) => html`<li data-ticket=${r.id}><code>${r.id}</code> ${r.category} · ${r.breached.join('、')}</li>`)}</ul>`,
        })}
      </section>
    `;
  }

  private failure(e: unknown): TemplateResult {
    if (e instanceof ApiError && e.status === 403) return html`<p class="notice error" role="alert">${to('common.forbidden', { detail: e.message })}</p>`;
    return html`<p class="notice error" role="alert">${to('common.error', { message: e instanceof Error ? e.message : String(e) })}</p>`;
  }

  override render(): TemplateResult {
    return html`
      <h1>${to('scores.title')}</h1>
      ${this.properties.render({
        pending: () => html`<p role="status">${to('common.loading')}</p>`,
        error: (e) => this.failure(e),
        complete: (properties) => html`
          ${this.controls(properties)}
          ${this.notice ? html`<p class="notice info" role="status">${this.notice}</p>` : nothing}
          ${this.property
            ? this.scores.render({ pending: () => html`<p role="status">${to('common.loading')}</p>`, error: (e) => this.failure(e), complete: (scores) => this.table(scores) })
            : html`<p>${to('scores.pickProperty')}</p>`}
          ${this.entriesSection()} ${this.trendSection()} ${this.ticketsSection()}
        `,
      })}
    `;
  }
}
