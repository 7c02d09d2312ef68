// <beacon-history>: a policy's versions, newest first, with author, time,
// comment, status and who last made each active, when and why. 'beacon-open-version' opens one; 'beacon-rollback' on
// the active version asks the page to return to the previous active one.
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { emit, type VersionDetail } from '../../form/events.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { currentLocale } from '../../i18n/locale.js';
import { tp } from '../../i18n/panels.js';
import { historyRows, type HistoryRow, type VersionInfo } from './history-rows.js';
import { historyStyles } from './history.styles.js';

export class BeaconHistory extends LitElement {
  static override styles = historyStyles;
  static override properties = {
    versions: { attribute: false },
    timeZone: { attribute: 'time-zone' },
  };

  declare versions: VersionInfo[];
  /** Times are shown in this zone (the property's); the browser's when absent. */
  declare timeZone: string | undefined;

  constructor() {
    super();
    new LocaleController(this);
    this.versions = [];
    this.timeZone = undefined;
  }

  private row(r: HistoryRow): TemplateResult {
    const version = r.version ?? r.id;
    return html`<tr>
      <th scope="row">${version}</th>
      <td>${r.author}</td>
      <td><time datetime=${r.createdAt}>${r.when}</time></td>
      <td class="comment">
        ${r.comment ? html`<p class="text">${r.comment}</p>` : nothing}
        ${r.activation
          ? html`<p class="muted activation">
              ${tp(r.activation.kind === 'rollback' ? 'history.rolledBack' : 'history.activated', { by: r.activation.by })} · <time datetime=${r.activation.at}>${r.activation.when}</time
              >${r.activation.comment ? html`：<span class="text">${r.activation.comment}</span>` : nothing}
            </p>`
          : nothing}
      </td>
      <td class=${`status-${r.status}`}>${tp(`history.status.${r.status}`)}</td>
      <td>
        <button type="button" title=${tp('history.openLabel', { version })} @click=${() => emit<VersionDetail>(this, 'beacon-open-version', { id: r.id })}>
          ${tp('history.open')}
        </button>
        ${r.canRollback ? html`<button type="button" @click=${() => emit<VersionDetail>(this, 'beacon-rollback', { id: r.id })}>${tp('history.rollback')}</button>` : nothing}
      </td>
    </tr>`;
  }

  override render(): TemplateResult {
    const rows = historyRows(this.versions, currentLocale(), this.timeZone);
    return html`<section aria-labelledby="h-history">
      <h2 id="h-history">${tp('history.title')}</h2>
      ${rows.length === 0
        ? html`<p class="muted">${tp('history.none')}</p>`
        : html`<table>
            <thead>
              <tr>
                <th scope="col">${tp('history.version')}</th>
                <th scope="col">${tp('history.author')}</th>
                <th scope="col">${tp('history.when')}</th>
                <th scope="col">${tp('history.comment')}</th>
                <th scope="col">${tp('history.status')}</th>
                <th scope="col">${tp('history.actions')}</th>
              </tr>
            </thead>
            <tbody>${rows.map((r) => this.row(r))}</tbody>
          </table>`}
    </section>`;
  }
}
