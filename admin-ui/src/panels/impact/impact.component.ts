// <beacon-impact>: what the draft would have done to a month of the property's stored
// tickets (POST /v1/simulate), beside the active policy: a progress bar while the server
// reads the history, Cancel, then breaches per clock, warnings per level, penalty points
// per unit and the tickets whose outcome changes, the first two also as bar charts
// (impact-charts.ts: ECharts, loaded only then). Once run, it runs again a moment after
// each change of the draft; a newer run cancels the one in flight (impact-runner.ts).
// Each changed ticket opens its timeline (<beacon-timeline>: the active and the draft
// version's clocks as a Gantt chart) below the list.
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ApiError, NetworkError } from '../../api/index.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { tp } from '../../i18n/panels.js';
import { tt } from '../../i18n/timeline.js';
import type { RelatedFile } from '../../form/policy-context.js';
import { loadTicket } from '../timeline/timeline-ticket.js';
import '../timeline/timeline.js';
import type { EChartsType } from 'echarts/core';
import { comparedBars, drawChart } from './impact-charts.js';
import { differing, impactRows, type ChangedRow, type Compared, type ImpactRows } from './impact-rows.js';
import { ImpactRunner, type ImpactState } from './impact-runner.js';
import { runImpact } from './impact-stream.js';
import { impactStyles } from './impact.styles.js';

/** The month before `now`'s, as YYYY-MM: the latest whole month of tickets. */
export function lastMonth(now: Date): string {
  const d = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
/** Changed tickets listed with what changed (all are counted). */
const EXAMPLES = 50;

export class BeaconImpact extends LitElement {
  static override styles = impactStyles;
  static override properties = {
    property: {},
    draftText: { attribute: false },
    activeText: { attribute: false },
    path: {},
    related: { attribute: false },
    period: { state: true },
    state: { state: true },
    timeline: { state: true },
  };

  /** The property whose tickets are read; the draft is its own policy's text. */
  declare property: string;
  declare draftText: string;
  /** The active version's text (null: none), the edited file's name and the files it extends and uses: for a ticket's timeline. */
  declare activeText: string | null;
  declare path: string;
  declare related: RelatedFile[];
  declare period: string;
  declare protected state: ImpactState;
  /** The changed ticket whose timeline is open: loading, loaded, or why not. */
  declare protected timeline: { id: string; ticket?: unknown; error?: string; at: number } | undefined;
  /** A run was asked for: later drafts run again by themselves. */
  private following = false;
  private readonly runner = new ImpactRunner(runImpact, (state) => (this.state = state));
  private charts: EChartsType[] = [];
  /** Bumped for each report drawn, so a chart that finishes loading for an older one is dropped. */
  private drawing = 0;

  constructor() {
    super();
    new LocaleController(this);
    this.property = '';
    this.draftText = '';
    this.activeText = null;
    this.path = 'policy.sla';
    this.related = [];
    this.period = lastMonth(new Date());
    this.state = { kind: 'idle' };
    this.timeline = undefined;
  }

  /** Reads the stored ticket and opens its timeline, judged now, as the impact run judged it. */
  async openTimeline(id: string): Promise<void> {
    const at = Date.now();
    this.timeline = { id, at };
    try {
      const ticket = await loadTicket(id);
      if (this.timeline?.id !== id) return;
      this.timeline = { id, ticket, at };
      await this.updateComplete;
      await this.renderRoot.querySelector('beacon-timeline')?.focusHeading();
    } catch (e) {
      if (this.timeline?.id === id) this.timeline = { id, at, error: tt('timeline.failed', { id, message: e instanceof ApiError ? (e.errors[0]?.message ?? e.message) : e instanceof Error ? e.message : String(e) }) };
    }
  }

  private timelineView(): TemplateResult | typeof nothing {
    const open = this.timeline;
    if (!open) return nothing;
    if (open.error !== undefined) return html`<p class="problem" role="alert">${open.error}</p>`;
    if (open.ticket === undefined) return html`<p role="status">${tt('timeline.loading', { id: open.id })}</p>`;
    return html`<beacon-timeline
      .ticket=${open.ticket}
      .activeText=${this.activeText}
      .draftText=${this.draftText}
      .path=${this.path}
      .related=${this.related}
      .at=${open.at}
      @beacon-timeline-close=${() => this.closeTimeline(open.id)}
    ></beacon-timeline>`;
  }

  private async closeTimeline(id: string): Promise<void> {
    this.timeline = undefined;
    await this.updateComplete;
    // Back to the button that opened it.
    this.renderRoot.querySelector<HTMLElement>(`button[data-timeline="${CSS.escape(id)}"]`)?.focus();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.runner.dispose();
    this.disposeCharts();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('draftText') && changed.get('draftText') !== undefined && this.following) this.ask(false);
    // 'state' is protected, so not among PropertyValues<this>' keys.
    if ((changed as PropertyValues).has('state')) void this.drawCharts();
  }

  private disposeCharts(): void {
    this.drawing++;
    for (const chart of this.charts) chart.dispose();
    this.charts = [];
  }

  private async drawCharts(): Promise<void> {
    this.disposeCharts();
    if (this.state.kind !== 'done') return;
    const drawing = this.drawing;
    const rows = impactRows(this.state.report);
    const labels = { active: tp('impact.active'), draft: tp('impact.draft') };
    const wanted: [string, Compared[], ((name: string) => string) | undefined][] = [
      ['chart-breaches', chartRows(rows), undefined],
      ['chart-warnings', rows.warnings, levelName],
    ];
    for (const [id, data, name] of wanted) {
      const element = this.renderRoot.querySelector<HTMLElement>(`#${id}`);
      if (!element) continue;
      const chart = await drawChart(element, comparedBars(data, { ...labels, ...(name ? { name } : {}) }));
      if (drawing !== this.drawing) return void chart.dispose();
      this.charts.push(chart);
    }
  }

  private ask(immediately: boolean): void {
    if (!PERIOD.test(this.period) || this.property === '' || this.draftText.trim() === '') return;
    this.following = true;
    this.runner.request({ property: this.property, source: this.draftText, period: this.period, examples: EXAMPLES }, { immediately });
  }

  private cancel(): void {
    this.following = false;
    this.runner.cancel();
  }

  private compared(caption: string, rows: Compared[], name: (r: Compared) => string = (r) => r.name): TemplateResult {
    return html`<table>
      <caption>${caption}</caption>
      <thead><tr><th scope="col"></th><th scope="col">${tp('impact.active')}</th><th scope="col">${tp('impact.draft')}</th><th scope="col">${tp('impact.delta')}</th></tr></thead>
      <tbody>
        ${rows.map(
          (r) => html`<tr class=${r.delta === 0 ? '' : 'changed'}>
            <th scope="row">${name(r)}</th><td>${r.active}</td><td>${r.draft}</td><td class=${r.delta > 0 ? 'fail' : r.delta < 0 ? 'pass' : ''}>${r.delta > 0 ? `+${r.delta}` : r.delta}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private changedTickets(rows: ChangedRow[], count: number): TemplateResult {
    if (count === 0) return html`<p class="muted">${tp('impact.noneChanged')}</p>`;
    return html`<table>
      <caption>${tp('impact.changedTitle', { shown: rows.length, count })}</caption>
      <thead><tr><th scope="col">${tp('impact.ticket')}</th><th scope="col">${tp('impact.unit')}</th><th scope="col">${tp('impact.warning')}</th><th scope="col">${tp('impact.points')}</th><th scope="col">${tp('impact.clocks')}</th></tr></thead>
      <tbody>
        ${rows.map(
          (r) => html`<tr>
            <th scope="row">
              <code>${r.ticketId}</code>
              <button type="button" class="link" data-timeline=${r.ticketId} aria-label=${tt('timeline.openLabel', { id: r.ticketId })} aria-pressed=${this.timeline?.id === r.ticketId ? 'true' : 'false'} @click=${() => void this.openTimeline(r.ticketId)}>${tt('timeline.open')}</button>
            </th>
            <td>${r.unit}</td>
            <td>${levelName(r.warning.active)} → ${levelName(r.warning.draft)}</td>
            <td>${r.points.active} → ${r.points.draft}</td>
            <td>${r.clocks.map((c) => html`<div><code>${c.name}</code> ${tp(`impact.state.${c.active ?? 'none'}`)} → ${tp(`impact.state.${c.draft ?? 'none'}`)}</div>`)}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private result(): TemplateResult | typeof nothing {
    const s = this.state;
    if (s.kind === 'waiting') return html`<p class="muted" role="status">${tp('impact.waiting')}</p>`;
    if (s.kind === 'cancelled') return html`<p class="muted" role="status">${tp('impact.cancelled')}</p>`;
    if (s.kind === 'running') {
      const p = s.progress;
      return html`<p role="status">
        <progress max=${p?.total || 1} .value=${p?.tickets ?? 0} aria-label=${tp('impact.progressLabel')}></progress>
        ${p ? tp('impact.progress', { tickets: p.tickets, total: p.total }) : tp('impact.starting')}
      </p>`;
    }
    if (s.kind === 'failed') return html`<p class="problem" role="alert">${messageOf(s.error)}</p>`;
    if (s.kind !== 'done') return nothing;
    const rows = impactRows(s.report);
    const breaches = differing(rows.breaches);
    return html`
      <p role="status">${tp('impact.summary', { tickets: rows.tickets, period: s.request.period, changed: rows.changed, skipped: rows.skipped })}</p>
      ${this.compared(tp('impact.totals'), [rows.points], () => tp('impact.pointsTotal'))}
      <div class="charts">
        <figure><figcaption>${tp('impact.breaches')}</figcaption><div class="chart" id="chart-breaches"></div></figure>
        <figure><figcaption>${tp('impact.warnings')}</figcaption><div class="chart" id="chart-warnings"></div></figure>
      </div>
      ${this.compared(tp('impact.breaches'), breaches.length > 0 ? breaches : rows.breaches)}
      ${this.compared(tp('impact.warnings'), rows.warnings, (r) => levelName(r.name))}
      ${rows.units.length > 0 ? this.compared(tp('impact.units'), rows.units) : nothing}
      ${this.changedTickets(rows.changedTickets, rows.changed)}
      ${this.timelineView()}
    `;
  }

  override render(): TemplateResult {
    const busy = this.state.kind === 'running' || this.state.kind === 'waiting';
    return html`<section aria-labelledby="h-impact">
      <h2 id="h-impact">${tp('impact.title')}</h2>
      <p class="muted">${tp('impact.intro')}</p>
      <div class="controls">
        <label>${tp('impact.period')} <input type="month" .value=${this.period} @change=${(e: Event) => (this.period = (e.target as HTMLInputElement).value)} /></label>
        <button type="button" @click=${() => this.ask(true)} ?disabled=${!PERIOD.test(this.period)}>${tp('impact.run')}</button>
        ${busy ? html`<button type="button" @click=${this.cancel}>${tp('impact.cancel')}</button>` : nothing}
      </div>
      ${this.result()}
    </section>`;
  }
}

/** The clocks a chart shows: those the draft changes, or all of them when it changes none. */
function chartRows(rows: ImpactRows): Compared[] {
  const changed = differing(rows.breaches);
  return changed.length > 0 ? changed : rows.breaches;
}

/** A warning level as the report names it; 'none' in the reader's language. */
const levelName = (level: string): string => (level === 'none' ? tp('impact.noWarning') : level);

function messageOf(error: unknown): string {
  if (error instanceof NetworkError || error instanceof TypeError) return tp('impact.network');
  if (error instanceof ApiError) return tp('impact.failed', { message: error.errors[0]?.message ?? error.message });
  return tp('impact.failed', { message: error instanceof Error ? error.message : String(error) });
}
