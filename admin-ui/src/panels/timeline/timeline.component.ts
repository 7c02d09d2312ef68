// <beacon-timeline>: one stored ticket's clocks as a Gantt chart, the active version's
// above the draft's, over one time axis: bars from start to stop (or now), the calendars'
// service hours and holidays shaded, pauses, due marks, the breach point and the warnings
// raised. The rows come from timeline-model.ts (pure); this component compiles both texts
// in the browser (timeline-sides.ts), draws with ECharts (loaded by the impact panel's
// loader) and lists every mark as a button too: the keyboard's way to a rule's line.
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { EChartsType } from 'echarts/core';
import { emit, type RevealDetail } from '../../form/events.js';
import type { RelatedFile } from '../../form/policy-context.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { tt } from '../../i18n/timeline.js';
import { drawChart } from '../impact/impact-charts.js';
import { BAR_COLOURS, chartHeight, LEVEL_COLOURS, SERIES, SHADE_COLOURS, timelineOption } from './timeline-chart.js';
import { MAX_SHADED_DAYS, type Mark, type TimelineSide, type Window } from './timeline-model.js';
import { drawnSides, spansUnder, type DrawnSide, type SideSpans } from './timeline-sides.js';
import { markName, rowName, timeIn, timelineTexts } from './timeline-texts.js';
import { timelineStyles } from './timeline.styles.js';

export type Side = 'active' | 'draft';

interface Drawn {
  window: Window;
  sides: Partial<Record<Side, DrawnSide>>;
}

export class BeaconTimeline extends LitElement {
  static override styles = timelineStyles;
  static override properties = {
    ticket: { attribute: false },
    activeText: { attribute: false },
    draftText: { attribute: false },
    path: {},
    related: { attribute: false },
    at: { attribute: false },
    drawn: { state: true },
    elsewhere: { state: true },
  };

  /** The stored ticket (GET /v1/tickets/{id}). */
  declare ticket: unknown;
  /** The active version's text; null when the scope has none. */
  declare activeText: string | null;
  /** The editor's text; null where there is no editor (tickets now): the active side only. */
  declare draftText: string | null;
  /** The edited file's name, as the related files name each other. */
  declare path: string;
  declare related: RelatedFile[];
  /** The instant the ticket is judged at (epoch ms); now when the timeline is opened. */
  declare at: number;
  declare protected drawn: Drawn | undefined;
  /** The last mark opened whose rule is not in the editor's text: said here instead. */
  declare protected elsewhere: string | undefined;
  private charts: EChartsType[] = [];
  /** Bumped for each drawing, so a chart that finishes loading for an older one is dropped. */
  private drawing = 0;

  constructor() {
    super();
    new LocaleController(this);
    this.ticket = undefined;
    this.activeText = null;
    this.draftText = null;
    this.path = 'policy.sla';
    this.related = [];
    this.at = Date.now();
    this.drawn = undefined;
    this.elsewhere = undefined;
  }

  /** The charts' texts are drawn into them: a language switch draws them again. */
  private readonly onLocale = (): void => void this.updateComplete.then(() => this.drawCharts());
  /** ECharts sizes a chart once: follow the panel's width. */
  private readonly resizer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => this.charts.forEach((c) => c.resize()));

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beacon-locale-change', this.onLocale);
    this.resizer?.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beacon-locale-change', this.onLocale);
    this.resizer?.disconnect();
    this.disposeCharts();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (['ticket', 'activeText', 'draftText', 'path', 'related', 'at'].some((k) => changed.has(k as keyof BeaconTimeline))) this.compute();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('drawn')) void this.drawCharts();
  }

  private get ticketId(): string {
    const id = (this.ticket as { id?: unknown } | undefined)?.id;
    return typeof id === 'string' ? id : '';
  }

  private compute(): void {
    if (!this.ticket) return void (this.drawn = undefined);
    const created = Date.parse(String((this.ticket as { createdAt?: unknown }).createdAt ?? ''));
    const sides: Partial<Record<Side, SideSpans>> = {};
    if (this.activeText !== null && this.activeText.trim() !== '') sides.active = spansUnder(this.path, this.activeText, this.related, this.ticket, this.at);
    if (this.draftText !== null) sides.draft = spansUnder(this.path, this.draftText, this.related, this.ticket, this.at);
    this.drawn = drawnSides(sides as Record<Side, SideSpans>, Number.isFinite(created) ? created : this.at);
  }

  private disposeCharts(): void {
    this.drawing++;
    for (const chart of this.charts) chart.dispose();
    this.charts = [];
  }

  private async drawCharts(): Promise<void> {
    this.disposeCharts();
    const drawn = this.drawn;
    if (!drawn) return;
    const drawing = this.drawing;
    for (const side of ['active', 'draft'] as const) {
      const timeline = drawn.sides[side]?.timeline;
      const element = this.renderRoot.querySelector<HTMLElement>(`#chart-${side}`);
      if (!timeline || !element) continue;
      const chart = await drawChart(element, timelineOption(timeline, drawn.window, timelineTexts(timeline, tt(`timeline.${side}`))));
      if (drawing !== this.drawing) return void chart.dispose();
      chart.on('click', (params) => {
        const mark = params.seriesIndex === SERIES.marks ? timeline.marks[params.dataIndex] : undefined;
        if (mark) this.reveal(side, mark);
      });
      this.charts.push(chart);
    }
  }

  /** Opens the mark's rule: lines of the edited file on the active side are in the active text, not the editor's draft. */
  private reveal(side: Side, mark: Mark): void {
    const { uri, line } = mark.source;
    const where = uri === this.path ? (side === 'draft' ? undefined : `${this.path}@active`) : uri;
    this.elsewhere = where === undefined ? undefined : tt(uri === this.path ? 'timeline.inActive' : 'timeline.elsewhere', { uri, line });
    emit<RevealDetail>(this, 'beacon-reveal', where === undefined ? { line } : { line, uri: where });
  }

  private close(): void {
    emit(this, 'beacon-timeline-close', { id: this.ticketId });
  }

  private legend(): TemplateResult {
    const swatch = (colour: string, key: 'running' | 'paused' | 'overdue' | 'service' | 'holiday'): TemplateResult =>
      html`<li><span class="swatch" style="background:${colour}"></span>${tt(`timeline.legend.${key}`)}</li>`;
    return html`<ul class="legend" aria-label=${tt('timeline.legend')}>
      ${swatch(BAR_COLOURS.running, 'running')} ${swatch(BAR_COLOURS.paused, 'paused')} ${swatch(BAR_COLOURS.overdue, 'overdue')}
      ${swatch(SHADE_COLOURS.service, 'service')} ${swatch(SHADE_COLOURS.holiday, 'holiday')}
      <li><span class="symbol due" aria-hidden="true">◇</span>${tt('timeline.legend.due')}</li>
      <li><span class="symbol breach" aria-hidden="true">✕</span>${tt('timeline.legend.breach')}</li>
      <li>
        ${['blue', 'yellow', 'red'].map((l) => html`<span class="dot" style="background:${LEVEL_COLOURS[l]}"></span>`)}${tt('timeline.legend.warning')}
      </li>
      <li><span class="symbol now" aria-hidden="true">┆</span>${tt('timeline.legend.now')}</li>
    </ul>`;
  }

  private marksTable(side: Side, timeline: TimelineSide): TemplateResult {
    const time = timeIn(timeline.zone);
    const marks = [...timeline.marks].sort((a, b) => a.atMs - b.atMs || a.row - b.row);
    return html`<details class="marks">
      <summary>${tt('timeline.marks', { side: tt(`timeline.${side}`) })}</summary>
      <table>
        <thead><tr><th scope="col">${tt('timeline.col.at')}</th><th scope="col">${tt('timeline.col.row')}</th><th scope="col">${tt('timeline.col.kind')}</th><th scope="col">${tt('timeline.col.rule')}</th></tr></thead>
        <tbody>
          ${marks.map(
            (m) => html`<tr data-kind=${m.kind}>
              <td><time datetime=${new Date(m.atMs).toISOString()}>${time(m.atMs)}</time></td>
              <th scope="row">${m.kind === 'warning' ? html`<span class="dot" style="background:${LEVEL_COLOURS[m.name] ?? '#57606a'}"></span>` : nothing}${markName(m)}</th>
              <td>${tt(`timeline.kind.${m.kind}`)}</td>
              <td>
                <button type="button" class="link" aria-label=${tt('timeline.revealLabel', { uri: m.source.uri, line: m.source.line })} @click=${() => this.reveal(side, m)}
                  >${m.source.uri === this.path ? tt('timeline.reveal', { line: m.source.line }) : tt('timeline.revealIn', { uri: m.source.uri, line: m.source.line })}</button
                >
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </details>`;
  }

  private side(side: Side, drawn: DrawnSide | undefined): TemplateResult | typeof nothing {
    if (!drawn) return side === 'active' ? html`<p class="muted">${tt('timeline.noActive')}</p>` : nothing;
    const caption = tt(`timeline.${side}`);
    const timeline = drawn.timeline;
    return html`<figure class="side ${side}" data-side=${side}>
      <figcaption>${caption}</figcaption>
      ${drawn.problems.length > 0
        ? html`<p class="problem">${tt('timeline.cannotDraw')}</p>
            <ul>${drawn.problems.map((p) => html`<li class="problem"><code>${p.code}</code> ${p.pointer ? html`<code>${p.pointer}</code>` : nothing} ${p.message}</li>`)}</ul>`
        : nothing}
      ${timeline && timeline.rows.length === 0 ? html`<p class="muted">${tt('timeline.noClocks')}</p>` : nothing}
      ${timeline && timeline.rows.length > 0
        ? html`<div class="chart" id="chart-${side}" style="height:${chartHeight(timeline.rows.length)}px"></div>
            <p class="visually-hidden">${timeline.rows.map((r) => rowName(r)).join('；')}</p>
            ${timeline.unshaded ? html`<p class="muted">${tt('timeline.unshaded', { days: MAX_SHADED_DAYS })}</p>` : nothing}
            ${this.marksTable(side, timeline)}`
        : nothing}
    </figure>`;
  }

  override render(): TemplateResult {
    const id = this.ticketId;
    return html`<section aria-labelledby="h-timeline">
      <div class="head">
        <h3 id="h-timeline" tabindex="-1">${tt('timeline.title', { id })}</h3>
        <button type="button" class="close" @click=${this.close}>${tt('timeline.close')}</button>
      </div>
      <p class="muted">${tt('timeline.intro')}</p>
      ${this.legend()}
      <p class="muted" role="status">${this.elsewhere ?? ''}</p>
      ${this.drawn ? html`${this.side('active', this.drawn.sides.active)} ${this.side('draft', this.drawn.sides.draft)}` : nothing}
    </section>`;
  }

  /** Moves the focus to the timeline's heading (after it is opened from a list). */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    const heading = this.renderRoot.querySelector<HTMLElement>('#h-timeline');
    heading?.focus();
    heading?.scrollIntoView({ block: 'start' });
  }
}
