// Users: create one, change a role or assigned properties, disable or enable, reset a
// password (the temporary one is shown once). Every change is audited by the server.
import { html, nothing, type TemplateResult } from 'lit';
import { Task } from '@lit/task';
import type { ApiClient, Role, User } from '../../api/index.js';
import { t } from '../../i18n/app.js';
import { to } from '../../i18n/ops.js';
import { AdminSection } from './admin-section.js';
import { propertyList } from './admin-forms.js';

const ROLES: readonly Role[] = ['admin', 'quality', 'manager', 'viewer'];

export class BeaconAdminUsers extends AdminSection {
  static override properties = { ...AdminSection.properties, temporary: { state: true } };
  /** A password just reset: shown until the next change. */
  declare temporary: { name: string; password: string } | undefined;

  private readonly users = new Task(this, {
    task: async ([api]: readonly [ApiClient, number]) => api.users(),
    args: () => [this.api, this.generation] as const,
  });

  private async create(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const role = String(data.get('role')) as Role;
    this.temporary = undefined;
    const ok = await this.change(async () => {
      await this.api.createUser({ name, password: String(data.get('password') ?? ''), role, properties: propertyList(String(data.get('properties') ?? '')) });
      return to('admin.user.created', { name });
    });
    if (ok) form.reset();
  }

  private setDisabled(user: User, disabled: boolean): void {
    if (disabled && !confirm(to('admin.user.disableConfirm', { name: user.name }))) return;
    this.temporary = undefined;
    void this.change(async () => {
      await this.api.changeUser(user.id, { disabled });
      return to('admin.user.changed', { name: user.name });
    });
  }

  private reset(user: User): void {
    if (!confirm(to('admin.user.resetConfirm', { name: user.name }))) return;
    void this.change(async () => {
      const password = await this.api.resetPassword(user.id);
      this.temporary = { name: user.name, password };
    });
  }

  private setRole(user: User, role: Role): void {
    this.temporary = undefined;
    void this.change(async () => {
      await this.api.changeUser(user.id, { role });
      return to('admin.user.changed', { name: user.name });
    });
  }

  private setProperties(user: User, input: HTMLInputElement | null): void {
    if (!input) return;
    this.temporary = undefined;
    void this.change(async () => {
      await this.api.changeUser(user.id, { properties: propertyList(input.value) });
      return to('admin.user.changed', { name: user.name });
    });
  }

  private row(user: User): TemplateResult {
    const disabled = user.disabledAt !== null;
    const propertiesId = `properties-${user.id}`;
    return html`
      <tr data-user=${user.name} data-disabled=${disabled ? 'true' : 'false'}>
        <th scope="row">${user.name}</th>
        <td>
          <select aria-label=${to('admin.user.roleOf', { name: user.name })} @change=${(e: Event) => this.setRole(user, (e.target as HTMLSelectElement).value as Role)}>
            ${ROLES.map((r) => html`<option value=${r} ?selected=${r === user.role}>${t(`role.${r}`)}</option>`)}
          </select>
        </td>
        <td class="inline">
          <input id=${propertiesId} aria-label=${to('admin.user.propertiesOf', { name: user.name })} .value=${user.properties.join(', ')} maxlength="2000" />
          <button type="button" @click=${() => this.setProperties(user, this.renderRoot.querySelector<HTMLInputElement>(`#${CSS.escape(propertiesId)}`))}>${to('admin.user.saveProperties', { name: user.name })}</button>
        </td>
        <td>${disabled ? to('admin.user.disabled') : to('admin.user.active')}</td>
        <td class="inline">
          <button type="button" @click=${() => this.setDisabled(user, !disabled)}>${to(disabled ? 'admin.user.enable' : 'admin.user.disable', { name: user.name })}</button>
          <button type="button" @click=${() => this.reset(user)}>${to('admin.user.reset', { name: user.name })}</button>
        </td>
      </tr>
    `;
  }

  override render(): TemplateResult {
    return html`
      <h2 id="users-title">${to('admin.users')}</h2>
      ${this.noticeLine()}
      ${this.temporary
        ? html`<p class="notice ok" role="status">${to('admin.user.temporary', { name: this.temporary.name })} <code class="secret" data-temporary>${this.temporary.password}</code></p>`
        : nothing}
      ${this.users.render({
        pending: () => (this.users.value ? this.table(this.users.value) : html`<p role="status">${to('common.loading')}</p>`),
        error: (e) => this.failure(e),
        complete: (users) => this.table(users),
      })}
      <form class="create" aria-labelledby="new-user" @submit=${(e: SubmitEvent) => void this.create(e)}>
        <h3 id="new-user">${to('admin.user.create')}</h3>
        <label>${to('admin.user.name')}<input name="name" required maxlength="100" autocomplete="off" /></label>
        <label>${to('admin.user.password')}<input name="password" type="password" required minlength="12" maxlength="200" autocomplete="new-password" /></label>
        <label>${to('admin.user.role')}
          <select name="role">${ROLES.map((r) => html`<option value=${r} ?selected=${r === 'manager'}>${t(`role.${r}`)}</option>`)}</select>
        </label>
        <label>${to('admin.user.properties')}<input name="properties" maxlength="2000" /></label>
        <button type="submit" class="primary">${to('admin.user.create')}</button>
      </form>
    `;
  }

  private table(users: readonly User[]): TemplateResult {
    return html`
      <div class="scroll">
        <table aria-labelledby="users-title">
          <thead>
            <tr>
              <th scope="col">${to('admin.user.name')}</th>
              <th scope="col">${to('admin.user.role')}</th>
              <th scope="col">${to('common.property')}</th>
              <th scope="col">${to('admin.user.state')}</th>
              <th scope="col"><span class="visually-hidden">${to('scores.col.actions')}</span></th>
            </tr>
          </thead>
          <tbody>${users.map((u) => this.row(u))}</tbody>
        </table>
      </div>
    `;
  }
}
