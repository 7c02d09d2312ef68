// A score's drill-down: the ledger entries of a unit, month and (optionally) level
// (GET /v1/units/{unit}/ledger), each linking to its ticket's page (/tickets/{id}); a
// duty's entry names the duty and its occurrence. Voided entries are shown struck out,
// with why, since they no longer count.
import { html, nothing, type TemplateResult } from 'lit';
import type { UnitLedgerEntry } from '../../api/index.js';
import { to } from '../../i18n/ops.js';
import { currentLocale } from '../../i18n/locale.js';
import { pathOf } from '../router.js';

/** What was clicked: a unit's month, all levels (null) or one. */
export interface Drill {
  unitId: string;
  unitName: string;
  period: string;
  level: string | null;
}

/** The entries one drill-down reads: one page, the largest the API gives. */
export const ENTRIES_PAGE = 500;

export function ticketPath(id: string): string {
  return pathOf({ page: 'ticket', id });
}

function subject(e: UnitLedgerEntry, open: (e: MouseEvent, path: string) => void): TemplateResult | string {
  if (e.duty) return to('scores.entry.dutyOccurrence', { duty: e.duty.id, occurrence: e.duty.occurrence });
  if (e.ticketId === null) return '';
  const path = ticketPath(e.ticketId);
  return html`<a href=${path} data-ticket=${e.ticketId} @click=${(ev: MouseEvent) => open(ev, path)}><code>${e.ticketId}</code></a>${e.category ? html` ${e.category}` : nothing}`;
}

export function entriesTitle(drill: Drill): string {
  return drill.level === null ? to('scores.entriesOf', { unit: drill.unitName, period: drill.period }) : to('scores.entriesOfLevel', { unit: drill.unitName, period: drill.period, level: drill.level });
}

export function entriesTable(entries: readonly UnitLedgerEntry[], more: boolean, open: (e: MouseEvent, path: string) => void): TemplateResult {
  if (entries.length === 0) return html`<p>${to('scores.noEntries')}</p>`;
  const locale = currentLocale();
  return html`
    <div class="scroll" tabindex="0" role="region" aria-label=${to('scores.entries')}>
      <table class="entries">
        <thead>
          <tr>
            <th scope="col">${to('scores.entry.reachedAt')}</th>
            <th scope="col">${to('scores.entry.level')}</th>
            <th scope="col">${to('scores.entry.points')}</th>
            <th scope="col">${to('scores.entry.source')}</th>
            <th scope="col">${to('scores.entry.subject')}</th>
          </tr>
        </thead>
        <tbody>
          ${entries.map(
            (e) => html`
              <tr data-entry=${`${e.source}:${e.id}`} class=${e.voided ? 'voided' : ''}>
                <td><time datetime=${e.reachedAt}>${new Date(e.reachedAt).toLocaleString(locale)}</time></td>
                <td>${e.level}</td>
                <td>${e.voided ? html`<s>${e.points}</s> ${to('scores.entry.voided', { reason: locale === 'en' ? e.voided.reason.en : e.voided.reason.zh })}` : e.points}</td>
                <td>${to(`scores.entry.${e.source}`)}</td>
                <td>${subject(e, open)}</td>
              </tr>
            `,
          )}
        </tbody>
      </table>
    </div>
    ${more ? html`<p class="notice info">${to('scores.entriesMore', { count: entries.length })}</p>` : nothing}
  `;
}
