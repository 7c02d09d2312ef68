// API keys: create one (its secret shown this once, never again), list them with owner,
// creation and last use, revoke one (the server refuses it from then on).
import { html, nothing, type TemplateResult } from 'lit';
import { Task } from '@lit/task';
import type { ApiClient, ApiKeyInfo, User } from '../../api/index.js';
import { currentLocale } from '../../i18n/locale.js';
import { to } from '../../i18n/ops.js';
import { AdminSection } from './admin-section.js';

export class BeaconAdminKeys extends AdminSection {
  static override properties = { ...AdminSection.properties, secret: { state: true } };
  /** The key just made: its secret lives only here until dismissed or the page is left. */
  declare secret: { name: string; secret: string } | undefined;

  private readonly lists = new Task(this, {
    task: async ([api]: readonly [ApiClient, number]) => {
      const [keys, users] = await Promise.all([api.keys(), api.users()]);
      return { keys, users };
    },
    args: () => [this.api, this.generation] as const,
  });

  private async create(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const owner = String(data.get('owner') ?? '');
    const ok = await this.change(async () => {
      const created = await this.api.createKey(name, owner === '' ? undefined : owner);
      this.secret = { name, secret: created.secret };
    });
    if (ok) form.reset();
  }

  private revoke(key: ApiKeyInfo): void {
    if (!confirm(to('admin.key.revokeConfirm', { name: key.name }))) return;
    this.secret = undefined;
    void this.change(async () => {
      await this.api.revokeKey(key.id);
      return to('admin.key.revokedNotice', { name: key.name });
    });
  }

  private when(iso: string | null): string {
    return iso === null ? to('admin.key.never') : new Date(iso).toLocaleString(currentLocale());
  }

  private table(keys: readonly ApiKeyInfo[], users: readonly User[]): TemplateResult {
    const names = new Map(users.map((u) => [u.id, u.name]));
    return html`
      <div class="scroll">
        <table aria-labelledby="keys-title">
          <thead>
            <tr>
              <th scope="col">${to('admin.key.name')}</th>
              <th scope="col">${to('admin.key.owner')}</th>
              <th scope="col">${to('admin.key.created')}</th>
              <th scope="col">${to('admin.key.lastUsed')}</th>
              <th scope="col">${to('admin.key.state')}</th>
            </tr>
          </thead>
          <tbody>
            ${keys.map(
              (k) => html`
                <tr data-key=${k.name} data-revoked=${k.revokedAt ? 'true' : 'false'}>
                  <th scope="row">${k.name}</th>
                  <td>${names.get(k.userId) ?? k.userId}</td>
                  <td>${this.when(k.createdAt)}</td>
                  <td>${this.when(k.lastUsedAt)}</td>
                  <td>
                    ${k.revokedAt
                      ? to('admin.key.revoked', { at: this.when(k.revokedAt) })
                      : html`${to('admin.key.valid')} <button type="button" @click=${() => this.revoke(k)}>${to('admin.key.revoke', { name: k.name })}</button>`}
                  </td>
                </tr>
              `,
            )}
          </tbody>
        </table>
      </div>
    `;
  }

  override render(): TemplateResult {
    const users = this.lists.value?.users ?? [];
    return html`
      <h2 id="keys-title">${to('admin.keys')}</h2>
      ${this.noticeLine()}
      ${this.secret
        ? html`
            <div class="notice ok" role="status">
              <p>${to('admin.key.secret', { name: this.secret.name })}</p>
              <input class="secret" readonly aria-label=${to('admin.key.secret', { name: this.secret.name })} .value=${this.secret.secret} data-secret @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} />
              <button type="button" @click=${() => (this.secret = undefined)}>${to('admin.key.dismiss')}</button>
            </div>
          `
        : nothing}
      ${this.lists.render({
        pending: () => (this.lists.value ? this.table(this.lists.value.keys, this.lists.value.users) : html`<p role="status">${to('common.loading')}</p>`),
        error: (e) => this.failure(e),
        complete: ({ keys, users: all }) => this.table(keys, all),
      })}
      <form class="create" aria-labelledby="new-key" @submit=${(e: SubmitEvent) => void this.create(e)}>
        <h3 id="new-key">${to('admin.key.create')}</h3>
        <label>${to('admin.key.name')}<input name="name" required maxlength="100" autocomplete="off" /></label>
        <label>${to('admin.key.owner')}
          <select name="owner">
            <option value="">${this.user?.name ?? ''}</option>
            ${users.filter((u) => u.id !== this.user?.id && u.disabledAt === null).map((u) => html`<option value=${u.id}>${u.name}</option>`)}
          </select>
        </label>
        <button type="submit" class="primary">${to('admin.key.create')}</button>
      </form>
    `;
  }
}
