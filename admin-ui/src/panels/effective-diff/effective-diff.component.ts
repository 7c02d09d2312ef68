// <beacon-effective-diff>: the values that change for the property between
// `beforeText` and `afterText` (clock, cell, old -> new, and the file and line that set
// each), whichever file the change is in. With the properties under a group
// among `related`, a group edit shows for each of them. (Not `before` and
// `after`: those are every element's ChildNode methods.)
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { emit, type RevealDetail } from '../../form/events.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import type { RelatedFile } from '../../form/policy-context.js';
import { tp } from '../../i18n/panels.js';
import { effectiveDiffStyles } from './effective-diff.styles.js';
import { effectiveDiff, groupRows, type DiffGroup, type PolicyDiff, type Where } from './compare-effective.js';

export class BeaconEffectiveDiff extends LitElement {
  static override styles = effectiveDiffStyles;
  static override properties = {
    beforeText: { attribute: false },
    afterText: { attribute: false },
    path: {},
    related: { attribute: false },
    beforeRelated: { attribute: false },
    diffs: { state: true },
  };

  declare beforeText: string;
  declare afterText: string;
  declare path: string;
  declare related: RelatedFile[];
  /** The related files as they were for `before`, when those differ too. */
  declare beforeRelated: RelatedFile[] | undefined;
  declare diffs: PolicyDiff[];

  constructor() {
    super();
    new LocaleController(this);
    this.beforeText = '';
    this.afterText = '';
    this.path = 'policy.sla';
    this.related = [];
    this.beforeRelated = undefined;
    this.diffs = [];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!['beforeText', 'afterText', 'path', 'related', 'beforeRelated'].some((k) => changed.has(k as keyof BeaconEffectiveDiff))) return;
    this.diffs = this.afterText === '' ? [] : effectiveDiff({ path: this.path, before: this.beforeText, after: this.afterText, related: this.related, ...(this.beforeRelated ? { beforeRelated: this.beforeRelated } : {}) });
  }

  private where(w: Where | undefined): TemplateResult | typeof nothing {
    if (!w) return nothing;
    const text = tp('diff.at', { uri: w.uri, line: w.line });
    if (w.uri !== this.path) return html`<span class="muted">${text}</span>`;
    return html`<button type="button" class="link" @click=${() => emit<RevealDetail>(this, 'beacon-reveal', { line: w.line })}>${text}</button>`;
  }

  private cells(cells: string[]): TemplateResult | string {
    if (cells.length <= 3) return cells.join(', ');
    return html`<details><summary>${tp('diff.cells', { count: cells.length })}</summary>${cells.join(', ')}</details>`;
  }

  private row(r: DiffGroup): TemplateResult {
    return html`<tr>
      <th scope="row"><code>${r.path}</code></th>
      <td>${this.cells(r.cells)}</td>
      <td>${r.before ?? tp('diff.absent')}</td>
      <td>${r.after ?? tp('diff.absent')}</td>
      <td>${this.where(r.afterFrom ?? r.beforeFrom)}</td>
    </tr>`;
  }

  private table(d: PolicyDiff): TemplateResult {
    if (d.rows.length === 0) return html`<h3>${d.policy}</h3><p class="muted">${tp('diff.none')}</p>`;
    return html`<table>
      <caption>${tp('diff.policy', { policy: d.policy, count: d.rows.length })}</caption>
      <thead>
        <tr>
          <th scope="col">${tp('diff.what')}</th>
          <th scope="col">${tp('diff.cell')}</th>
          <th scope="col">${tp('diff.before')}</th>
          <th scope="col">${tp('diff.after')}</th>
          <th scope="col">${tp('diff.from')}</th>
        </tr>
      </thead>
      <tbody>${groupRows(d.rows).map((r) => this.row(r))}</tbody>
    </table>`;
  }

  override render(): TemplateResult {
    return html`<section aria-labelledby="h-diff"><h2 id="h-diff">${tp('diff.title')}</h2>${this.diffs.map((d) => this.table(d))}</section>`;
  }
}
