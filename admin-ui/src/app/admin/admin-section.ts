// What the administration's sections share: the API and a list to reload, a notice line,
// and a refusal in place of the section when the server answers 403.
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { ApiError, type ApiClient, type User } from '../../api/index.js';
import { to } from '../../i18n/ops.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { sharedStyles } from '../shared.styles.js';
import { adminStyles } from './admin.styles.js';

export interface Notice {
  kind: 'ok' | 'error';
  text: string;
}

export abstract class AdminSection extends LitElement {
  static override styles = [sharedStyles, adminStyles];
  static override properties = {
    api: { attribute: false },
    user: { attribute: false },
    notice: { state: true },
    generation: { state: true },
  };

  declare api: ApiClient;
  declare user: User;
  declare notice: Notice | undefined;
  /** Bumped after a change: the section's list task re-runs. */
  declare generation: number;

  constructor() {
    super();
    new LocaleController(this);
    this.notice = undefined;
    this.generation = 0;
  }

  /** Runs a change; says what it did or why it failed, and reloads the list. */
  protected async change(action: () => Promise<string | void>): Promise<boolean> {
    try {
      const done = await action();
      this.notice = done ? { kind: 'ok', text: done } : undefined;
      this.generation += 1;
      return true;
    } catch (e) {
      this.notice = { kind: 'error', text: messageOf(e) };
      return false;
    }
  }

  protected noticeLine(): TemplateResult | typeof nothing {
    const n = this.notice;
    if (!n) return nothing;
    return html`<p class="notice ${n.kind}" role=${n.kind === 'error' ? 'alert' : 'status'}>${n.text}</p>`;
  }

  protected failure(e: unknown): TemplateResult {
    return html`<p class="notice error" role="alert">${messageOf(e)}</p>`;
  }
}

/** A refusal for a 403, the server's own message (with its pointer's field) otherwise. */
export function messageOf(e: unknown): string {
  if (e instanceof ApiError && e.status === 403) return to('common.forbidden', { detail: e.message });
  // Each mistake with its field, unless it only repeats the answer's own message.
  if (e instanceof ApiError) return [e.message, ...e.errors.filter((m) => m.message !== e.message).map((m) => (m.pointer ? `${m.pointer}: ${m.message}` : m.message))].join(' ');
  return to('common.error', { message: e instanceof Error ? e.message : String(e) });
}

export type { ApiClient, User };
