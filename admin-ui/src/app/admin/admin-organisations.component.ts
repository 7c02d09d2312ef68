// The organisation: the group's branches and their properties (households, time zone,
// units); new branches and properties, and a property's figures and units changed.
import { html, nothing, type TemplateResult } from 'lit';
import { Task } from '@lit/task';
import type { ApiClient, Organisation } from '../../api/index.js';
import { t } from '../../i18n/app.js';
import { to } from '../../i18n/ops.js';
import { AdminSection } from './admin-section.js';
import { households, parseUnits, unitsText } from './admin-forms.js';

type Property = Extract<Organisation, { kind: 'property' }>;

export class BeaconAdminOrganisations extends AdminSection {
  static override properties = { ...AdminSection.properties, editing: { state: true } };
  declare editing: string | undefined;

  private readonly all = new Task(this, {
    task: async ([api]: readonly [ApiClient, number]) => api.organisations(),
    args: () => [this.api, this.generation] as const,
  });

  private field(data: FormData, name: string): string {
    return String(data.get(name) ?? '').trim();
  }

  private async createBranch(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const name = this.field(data, 'name');
    if (await this.change(async () => (await this.api.createOrganisation({ kind: 'branch', id: this.field(data, 'id'), name, parentId: this.field(data, 'parentId') }), to('admin.org.created', { name })))) form.reset();
  }

  private async createProperty(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const name = this.field(data, 'name');
    const count = households(this.field(data, 'households'));
    const units = parseUnits(String(data.get('units') ?? ''));
    if (count === undefined) return void (this.notice = { kind: 'error', text: to('admin.org.badHouseholds') });
    if ('badLine' in units) return void (this.notice = { kind: 'error', text: to('admin.org.badUnit', { line: units.badLine }) });
    const wanted = { kind: 'property' as const, id: this.field(data, 'id'), name, parentId: this.field(data, 'parentId'), households: count, timeZone: this.field(data, 'timeZone'), units: units.units };
    if (await this.change(async () => (await this.api.createOrganisation(wanted), to('admin.org.created', { name })))) form.reset();
  }

  private async saveProperty(e: SubmitEvent, property: Property): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const count = households(this.field(data, 'households'));
    const units = parseUnits(String(data.get('units') ?? ''));
    if (count === undefined) return void (this.notice = { kind: 'error', text: to('admin.org.badHouseholds') });
    if ('badLine' in units) return void (this.notice = { kind: 'error', text: to('admin.org.badUnit', { line: units.badLine }) });
    const ok = await this.change(async () => {
      await this.api.changeProperty(property.id, { name: this.field(data, 'name'), households: count, timeZone: this.field(data, 'timeZone') });
      if (unitsText(units.units) !== unitsText(property.units)) await this.api.setUnits(property.id, units.units);
      return to('admin.org.saved', { name: this.field(data, 'name') });
    });
    if (ok) this.editing = undefined;
  }

  private editForm(p: Property): TemplateResult {
    return html`
      <form class="edit" aria-label=${to('admin.org.edit', { name: p.name })} @submit=${(e: SubmitEvent) => void this.saveProperty(e, p)}>
        <label>${to('admin.org.name')}<input name="name" required maxlength="200" .value=${p.name} /></label>
        <label>${to('admin.org.households')}<input name="households" inputmode="numeric" required .value=${String(p.households)} /></label>
        <label>${to('admin.org.timeZone')}<input name="timeZone" required maxlength="64" .value=${p.timeZone} /></label>
        <label>${to('admin.org.units')}<textarea name="units" rows="4" aria-describedby="units-help-${p.id}" .value=${unitsText(p.units)}></textarea></label>
        <p id="units-help-${p.id}" class="help">${to('admin.org.unitsHelp')}</p>
        <button type="submit" class="primary">${to('common.save')}</button>
        <button type="button" @click=${() => (this.editing = undefined)}>${to('common.cancel')}</button>
      </form>
    `;
  }

  private rows(all: readonly Organisation[]): TemplateResult {
    const names = new Map(all.map((o) => [o.id, o.name]));
    return html`
      <div class="scroll">
        <table aria-labelledby="orgs-title">
          <thead>
            <tr>
              ${(['kind', 'id', 'name', 'parent', 'households', 'timeZone', 'units'] as const).map((c) => html`<th scope="col">${to(`admin.org.${c}`)}</th>`)}
              <th scope="col"><span class="visually-hidden">${to('scores.col.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            ${all.map(
              (o) => html`
                <tr data-org=${o.id}>
                  <td>${t(`properties.kind.${o.kind}`)}</td>
                  <td><code>${o.id}</code></td>
                  <th scope="row">${o.name}</th>
                  <td>${o.parentId === null ? '' : names.get(o.parentId) ?? o.parentId}</td>
                  <td>${o.kind === 'property' ? o.households : ''}</td>
                  <td>${o.kind === 'property' ? o.timeZone : ''}</td>
                  <td>${o.kind === 'property' ? o.units.map((u) => u.name).join('、') : ''}</td>
                  <td>${o.kind === 'property' ? html`<button type="button" aria-expanded=${this.editing === o.id ? 'true' : 'false'} @click=${() => (this.editing = this.editing === o.id ? undefined : o.id)}>${to('admin.org.edit', { name: o.name })}</button>` : nothing}</td>
                </tr>
                ${o.kind === 'property' && this.editing === o.id ? html`<tr><td colspan="8">${this.editForm(o)}</td></tr>` : nothing}
              `,
            )}
          </tbody>
        </table>
      </div>
    `;
  }

  private createForms(all: readonly Organisation[]): TemplateResult {
    const groups = all.filter((o) => o.kind === 'group');
    const branches = all.filter((o) => o.kind === 'branch');
    return html`
      <div class="forms">
        <form class="create" aria-labelledby="new-branch" @submit=${(e: SubmitEvent) => void this.createBranch(e)}>
          <h3 id="new-branch">${to('admin.org.newBranch')}</h3>
          <label>${to('admin.org.id')}<input name="id" required maxlength="100" pattern="[a-z0-9][a-z0-9-]*" /></label>
          <label>${to('admin.org.name')}<input name="name" required maxlength="200" /></label>
          <label>${to('admin.org.parent')}<select name="parentId">${groups.map((g) => html`<option value=${g.id}>${g.name}</option>`)}</select></label>
          <button type="submit" class="primary">${to('admin.org.create')}</button>
        </form>
        <form class="create" aria-labelledby="new-property" @submit=${(e: SubmitEvent) => void this.createProperty(e)}>
          <h3 id="new-property">${to('admin.org.newProperty')}</h3>
          <label>${to('admin.org.id')}<input name="id" required maxlength="100" pattern="[a-z0-9][a-z0-9-]*" /></label>
          <label>${to('admin.org.name')}<input name="name" required maxlength="200" /></label>
          <label>${to('admin.org.parent')}<select name="parentId">${branches.map((b) => html`<option value=${b.id}>${b.name}</option>`)}</select></label>
          <label>${to('admin.org.households')}<input name="households" inputmode="numeric" required /></label>
          <label>${to('admin.org.timeZone')}<input name="timeZone" required maxlength="64" value="Asia/Shanghai" /></label>
          <label>${to('admin.org.units')}<textarea name="units" rows="3" aria-describedby="units-help-new"></textarea></label>
          <p id="units-help-new" class="help">${to('admin.org.unitsHelp')}</p>
          <button type="submit" class="primary">${to('admin.org.create')}</button>
        </form>
      </div>
    `;
  }

  override render(): TemplateResult {
    return html`
      <h2 id="orgs-title">${to('admin.organisations')}</h2>
      ${this.noticeLine()}
      ${this.all.render({
        pending: () => (this.all.value ? this.rows(this.all.value) : html`<p role="status">${to('common.loading')}</p>`),
        error: (e) => this.failure(e),
        complete: (all) => html`${this.rows(all)} ${this.createForms(all)}`,
      })}
    `;
  }
}
