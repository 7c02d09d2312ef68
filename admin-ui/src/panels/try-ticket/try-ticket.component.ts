// <beacon-try-ticket>: paste a ticket (or pick one of `tickets`, stored ones),
// evaluate it under the draft and under the active version side by side: each
// clock's state and due time, the warning and the penalty, with the engine's
// reasons in both languages, and the trace, whose lines reveal the rule.
// Evaluation runs in the browser, under the UI's CSP (no unsafe-eval): the
// engine's ticket check uses precompiled validators.
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import type { ClockResult, Reason } from '../../../../engine/index.js';
import { emit, type RevealDetail } from '../../form/events.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import type { RelatedFile } from '../../form/policy-context.js';
import { currentLocale } from '../../i18n/locale.js';
import { tp } from '../../i18n/panels.js';
import { clockRows, evaluateUnder, parseTicketInput, ticketLabel, unwrapTicket, type SideResult, type TicketInput, type TraceLine } from './evaluate-sides.js';
import { tryTicketStyles } from './try-ticket.styles.js';

type Side = 'draft' | 'active';

export class BeaconTryTicket extends LitElement {
  static override styles = tryTicketStyles;
  static override properties = {
    activeText: { attribute: false },
    draftText: { attribute: false },
    path: {},
    related: { attribute: false },
    tickets: { attribute: false },
    input: { state: true },
    picked: { state: true },
    at: { state: true },
    parsed: { state: true },
    sides: { state: true },
  };

  /** The active version's text; '' when the policy has none yet. */
  declare activeText: string;
  declare draftText: string;
  declare path: string;
  declare related: RelatedFile[];
  /** Stored tickets to pick from (tickets, or `{ ticket }` as the API returns them). */
  declare tickets: unknown[];
  declare input: string;
  declare picked: number;
  declare at: string;
  declare parsed: TicketInput | undefined;
  declare sides: { draft: SideResult; active?: SideResult } | undefined;

  constructor() {
    super();
    new LocaleController(this);
    this.activeText = '';
    this.draftText = '';
    this.path = 'policy.sla';
    this.related = [];
    this.tickets = [];
    this.input = '';
    this.picked = 0;
    this.at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    this.parsed = undefined;
    this.sides = undefined;
  }

  /** The tickets to pick from: the pasted ones, or the stored ones while nothing is pasted. */
  private candidates(): unknown[] {
    if (this.input.trim() === '') return this.tickets.map(unwrapTicket);
    return this.parsed?.ok ? this.parsed.tickets : [];
  }

  private pick(list: unknown[]): void {
    this.picked = Math.min(this.picked, Math.max(0, list.length - 1));
  }

  private onInput(e: Event): void {
    this.input = (e.target as HTMLTextAreaElement).value;
    this.parsed = this.input.trim() === '' ? undefined : parseTicketInput(this.input);
    this.pick(this.candidates());
  }

  /** Evaluates the picked ticket under both texts. */
  evaluateNow(): void {
    const ticket = this.candidates()[this.picked];
    if (ticket === undefined) {
      this.parsed = parseTicketInput(this.input); // says what is wrong: empty, not JSON, not tickets
      return;
    }
    const draft = evaluateUnder(this.path, this.draftText, this.related, ticket, this.at);
    this.sides = this.activeText.trim() === '' ? { draft } : { draft, active: evaluateUnder(this.path, this.activeText, this.related, ticket, this.at) };
  }

  private reveal(side: Side, t: TraceLine): void {
    if (t.line === undefined) return;
    // Lines of the edited file on the active side are in the active text, not in the editor's draft.
    const uri = t.uri === this.path ? (side === 'draft' ? undefined : `${this.path}@active`) : t.uri;
    emit<RevealDetail>(this, 'beacon-reveal', uri === undefined ? { line: t.line } : { line: t.line, uri });
  }

  private reason(r: Reason | undefined): TemplateResult | typeof nothing {
    if (!r) return nothing;
    const [first, second] = currentLocale() === 'en' ? [r.en, r.zh] : [r.zh, r.en];
    return html`${first}<span class="other" lang=${currentLocale() === 'en' ? 'zh-CN' : 'en'}>${second}</span>`;
  }

  private clockCell(c: ClockResult | undefined): TemplateResult {
    if (!c) return html`<td>—</td>`;
    return html`<td>
      <strong>${tp(`try.state.${c.state}`)}</strong> ${c.dueAt ? html`<span class="muted">${tp('try.due')} ${c.dueAt}</span>` : nothing}
      <div>${this.reason(c.reason)}</div>
    </td>`;
  }

  private summary(side: SideResult | undefined): TemplateResult {
    if (!side) return html`<td class="muted">${tp('try.noActive')}</td>`;
    if (!side.result) return html`<td>${this.problems(side)}</td>`;
    const w = side.result.warning;
    return html`<td>
      <div>${tp('try.warning', { level: w.label ?? w.level })}</div>
      ${w.reasons.map((r) => html`<div>${this.reason(r.reason)}</div>`)}
      <div>${tp('try.penalty', { points: side.result.penalty.points })}</div>
    </td>`;
  }

  private problems(side: SideResult): TemplateResult {
    return html`<ul>
      ${side.problems.map((p) => html`<li class="problem"><code>${p.code}</code> ${p.pointer ? html`<code>${p.pointer}</code>` : nothing} ${p.message}</li>`)}
    </ul>`;
  }

  private trace(side: Side, result: SideResult | undefined): TemplateResult | typeof nothing {
    if (!result || result.trace.length === 0) return nothing;
    return html`<div>
      <h3>${tp('try.trace')} · ${tp(side === 'draft' ? 'try.draft' : 'try.active')}</h3>
      <ul class="trace">
        ${result.trace.map(
          (t) => html`<li>
            ${t.line !== undefined
              ? html`<button type="button" class="link" title=${tp('try.reveal', { line: t.line })} @click=${() => this.reveal(side, t)}><code>${t.rule}</code></button>`
              : html`<code>${t.rule}</code>`}
            → ${t.outcome} ${t.reason ? html`<div class="muted">${this.reason(t.reason)}</div>` : nothing}
          </li>`,
        )}
      </ul>
    </div>`;
  }

  private results(): TemplateResult | typeof nothing {
    const sides = this.sides;
    if (!sides) return nothing;
    const rows = clockRows(sides.draft.result, sides.active?.result);
    return html`<table>
        <thead>
          <tr>
            <th scope="col">${tp('try.clock')}</th>
            <th scope="col">${tp('try.draft')}</th>
            <th scope="col">${tp('try.active')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">${tp('try.state')}</th>
            ${this.summary(sides.draft)} ${this.summary(sides.active)}
          </tr>
          ${rows.map(
            (r) => html`<tr class=${r.changed ? 'changed' : ''}>
              <th scope="row">${r.label ?? r.name} <code>${r.name}</code>${r.changed ? html` <span class="muted">${tp('try.changed')}</span>` : nothing}</th>
              ${this.clockCell(r.draft)} ${sides.active ? this.clockCell(r.active) : html`<td>—</td>`}
            </tr>`,
          )}
        </tbody>
      </table>
      <div class="sides">${this.trace('draft', sides.draft)} ${this.trace('active', sides.active)}</div>`;
  }

  override render(): TemplateResult {
    const list = this.candidates();
    const problem = this.parsed && !this.parsed.ok ? this.parsed : undefined;
    return html`<section aria-labelledby="h-try">
      <h2 id="h-try">${tp('try.title')}</h2>
      <label for="ticket-json">${tp('try.input')}</label>
      <textarea id="ticket-json" .value=${this.input} @input=${this.onInput} aria-invalid=${problem ? 'true' : 'false'} aria-describedby=${problem ? 'ticket-problem' : nothing}></textarea>
      ${problem ? html`<p id="ticket-problem" class="problem" role="alert">${tp(`try.problem.${problem.problem}`, { detail: problem.detail ?? '' })}</p>` : nothing}
      <div class="controls">
        ${list.length > 1
          ? html`<div>
              <label for="ticket-pick">${tp('try.pick')}</label>
              <select id="ticket-pick" @change=${(e: Event) => (this.picked = Number((e.target as HTMLSelectElement).value))}>
                ${list.map((t, i) => html`<option value=${i} ?selected=${i === this.picked}>${ticketLabel(t, i)}</option>`)}
              </select>
            </div>`
          : nothing}
        <div>
          <label for="ticket-at">${tp('try.at')}</label>
          <input id="ticket-at" .value=${this.at} @change=${(e: Event) => (this.at = (e.target as HTMLInputElement).value.trim())} />
        </div>
        <button type="button" @click=${() => this.evaluateNow()}>${tp('try.run')}</button>
      </div>
      ${this.results()}
    </section>`;
  }
}
