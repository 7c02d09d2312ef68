// <beacon-policy-form>: the form over a policy's text. It reads the text (and
// the files it extends) into a model, shows targets, placeholders, warning
// thresholds and penalties, and turns each change into the smallest text
// edit, sent as 'beacon-form-edit' for the editor to apply. The page then
// sets `text` again and the form follows. Parts the role does not own are
// read-only and say who owns them; the server judges every draft anyway.
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { tf, type FormKey } from '../../i18n/form.js';
import { emit, type FormEditDetail, type RevealDetail } from '../events.js';
import { editField } from '../form-edit.js';
import { mayEdit, ownerOfField, targetKey, type FieldRef, type Role } from '../fields.js';
import type { InputProblem } from '../inputs.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { buildFormModel, type ClockModel, type FormModel, type NamedMember, type Origin, type ParamModel, type TargetCell } from '../model.js';
import type { RelatedFile } from '../policy-context.js';
import { moveWizard, startWizard, wizardStep, type WizardState } from '../wizard.js';
import { policyFormStyles } from './policy-form.styles.js';

const HINT: Record<string, FormKey> = {
  duration: 'form.hint.duration',
  workdays: 'form.hint.workdays',
  count: 'form.hint.count',
  percent: 'form.hint.percent',
};

/** A stable DOM id for a field's input (ids stay inside this shadow root). */
function idOf(field: FieldRef): string {
  return `f-${Object.values(field)
    .map((v) => String(v ?? 'any'))
    .join('-')
    .replace(/[^\w-]/g, '_')}`;
}

const keyOf = (field: FieldRef): string => JSON.stringify(field);
const labelOf = (m: NamedMember | { name: string; label?: string }): string => m.label ?? m.name;

export class BeaconPolicyForm extends LitElement {
  static override styles = policyFormStyles;
  static override properties = {
    text: {},
    role: {},
    readOnly: { type: Boolean, attribute: 'read-only' },
    path: {},
    related: { attribute: false },
    model: { state: true },
    broken: { state: true },
    problems: { state: true },
    wizard: { state: true },
    open: { state: true },
  };

  /** The policy text, as the editor holds it. */
  declare text: string;
  declare role: Role;
  declare readOnly: boolean;
  /** The edited file's path, e.g. 'properties/jinxiu-garden.sla' (origins name it). */
  declare path: string;
  /** The group, branch and calendars it extends and uses. */
  declare related: RelatedFile[];
  declare model: FormModel | undefined;
  declare broken: boolean;
  declare problems: ReadonlyMap<string, InputProblem>;
  declare wizard: WizardState | undefined;
  /** Clocks whose grid is open. */
  declare open: ReadonlySet<string>;

  constructor() {
    super();
    new LocaleController(this);
    this.text = '';
    this.role = 'viewer';
    this.readOnly = false;
    this.path = 'policy.sla';
    this.related = [];
    this.model = undefined;
    this.broken = false;
    this.problems = new Map();
    this.wizard = undefined;
    this.open = new Set();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('text') && !changed.has('path') && !changed.has('related')) return;
    if (this.text.trim() === '') {
      this.model = undefined;
      return;
    }
    const model = buildFormModel(this.path, this.text, this.related);
    // While the text has a syntax error the last good model stays on screen, read-only.
    this.broken = model.broken;
    if (!model.broken || !this.model) this.model = model;
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Each step is a fresh input (keyed by the parameter), focused for the keyboard.
    if (changed.has('wizard') && this.wizard) this.renderRoot.querySelector<HTMLInputElement>('#wizard-input')?.focus();
  }

  private effectiveRole(): Role {
    return this.readOnly ? 'viewer' : this.role;
  }

  private editable(field: FieldRef): boolean {
    return !this.broken && mayEdit(this.effectiveRole(), field);
  }

  private ownerNote(field: FieldRef): string {
    const role = this.effectiveRole();
    if (role === 'viewer') return tf('form.owner.viewer');
    return tf(ownerOfField(field) === 'quality' ? 'form.owner.quality' : 'form.owner.manager', { role: tf(`form.role.${role}`) });
  }

  /** Applies what was typed; true when the form accepted it (with or without a text change). */
  private commit(field: FieldRef, input: string): boolean {
    if (!this.model) return false;
    const outcome = editField(this.model, field, input, this.broken ? 'viewer' : this.effectiveRole());
    const problems = new Map(this.problems);
    if (!outcome.ok) {
      problems.set(keyOf(field), this.broken ? 'broken' : outcome.problem);
      this.problems = problems;
      return false;
    }
    problems.delete(keyOf(field));
    this.problems = problems;
    if (outcome.edits.length > 0) emit<FormEditDetail>(this, 'beacon-form-edit', { edits: outcome.edits });
    return true;
  }

  private reveal(origin: Origin): void {
    emit<RevealDetail>(this, 'beacon-reveal', origin.local ? { line: origin.line } : { line: origin.line, uri: origin.uri });
  }

  private origin(origin: Origin): TemplateResult {
    if (origin.local) {
      return html`<button type="button" class="link origin" title=${tf('form.origin.reveal', { line: origin.line })} @click=${() => this.reveal(origin)}>
        ${tf('form.origin.local', { line: origin.line })}
      </button>`;
    }
    return html`<span class="origin">${tf('form.origin.inherited', { module: origin.module, uri: origin.uri, line: origin.line })}</span>`;
  }

  private input(field: FieldRef, value: string, label: string, hint: FormKey, id = idOf(field)): TemplateResult {
    const problem = this.problems.get(keyOf(field));
    const editable = this.editable(field);
    const problemId = `${id}-problem`;
    // 'change' fires on Enter as well as on leaving the input: one commit either way.
    const commit = (e: Event): void => void this.commit(field, (e.target as HTMLInputElement).value);
    return html`<input
        id=${id}
        .value=${value}
        aria-label=${label}
        ?readonly=${!editable}
        aria-invalid=${problem ? 'true' : 'false'}
        aria-describedby=${problem ? problemId : nothing}
        title=${editable ? tf(hint) : this.ownerNote(field)}
        @change=${commit}
      />${problem ? html`<span class="problem" id=${problemId} role="alert">${tf(`form.problem.${problem}`)}</span>` : nothing}`;
  }

  // ---- placeholders and the wizard ----

  private paramHint(p: ParamModel): FormKey {
    return HINT[p.type ?? 'duration'] ?? 'form.hint.duration';
  }

  private placeholders(model: FormModel): TemplateResult {
    const params = model.params.filter((p) => p.placeholder);
    const unfilled = params.filter((p) => p.unfilled);
    // The wizard is for a property (or branch) filling what the group left open; the group keeps its [X].
    const canFill = model.level !== 'group' && unfilled.length > 0 && params.some((p) => this.editable({ kind: 'param', name: p.name }));
    return html`<section aria-labelledby="h-placeholders">
      <h2 id="h-placeholders">${tf('form.placeholders.title')}</h2>
      ${params.length === 0
        ? html`<p class="summary">${tf('form.placeholders.none')}</p>`
        : html`<p class="summary">${tf('form.placeholders.summary', { unfilled: unfilled.length, total: params.length })}</p>
            ${canFill && !this.wizard
              ? html`<button type="button" @click=${() => (this.wizard = startWizard(model))}>${tf('form.wizard.start', { count: unfilled.length })}</button>`
              : nothing}
            ${this.wizard ? this.wizardView(model, this.wizard) : nothing} ${params.map((p) => this.param(p))}`}
    </section>`;
  }

  private param(p: ParamModel): TemplateResult {
    const field: FieldRef = { kind: 'param', name: p.name };
    return html`<div class="param">
      <div>
        <label for=${idOf(field)}>${labelOf(p)}</label> <code>${p.name}</code>
        ${p.unfilled ? html`<span class="unfilled">${tf('form.unfilled')}</span>` : nothing}
      </div>
      <div>${this.input(field, p.unfilled ? '' : p.value, labelOf(p), this.paramHint(p))} ${this.origin(p.origin)}</div>
      ${p.clause.length > 0 ? html`<details><summary>${tf('form.param.clause')}</summary><blockquote>${p.clause.map((l) => html`${l}<br />`)}</blockquote></details>` : nothing}
      ${p.note ? html`<div class="hint">${tf('form.param.note')}：${p.note}</div>` : nothing}
    </div>`;
  }

  private wizardView(model: FormModel, state: WizardState): TemplateResult {
    const step = wizardStep(model, state);
    const close = html`<button type="button" @click=${() => (this.wizard = undefined)}>${tf('form.wizard.close')}</button>`;
    if (!step) return html`<div class="wizard" role="group" aria-labelledby="h-wizard"><h3 id="h-wizard">${tf('form.wizard.title')}</h3><p>${tf('form.wizard.done')}</p>${close}</div>`;
    const { param } = step;
    const field: FieldRef = { kind: 'param', name: param.name };
    const fill = (): void => {
      const value = this.renderRoot.querySelector<HTMLInputElement>('#wizard-input')?.value ?? '';
      if (this.commit(field, value)) this.wizard = moveWizard(state, 1);
    };
    return html`<div class="wizard" role="group" aria-labelledby="h-wizard">
      <h3 id="h-wizard">${tf('form.wizard.title')} · ${tf('form.wizard.step', { n: step.n, total: step.total })}</h3>
      <p><label for="wizard-input"><strong>${labelOf(param)}</strong></label> <code>${param.name}</code></p>
      ${param.clause.length > 0 ? html`<blockquote aria-label=${tf('form.param.clause')}>${param.clause.map((l) => html`${l}<br />`)}</blockquote>` : nothing}
      <p class="hint">${tf('form.param.declared', { uri: param.declared.uri, line: param.declared.line })} · ${tf(this.paramHint(param))}</p>
      ${param.unfilled ? nothing : html`<p class="hint">${tf('form.wizard.filled', { value: param.value })}</p>`}
      <form @submit=${(e: Event) => (e.preventDefault(), fill())}>
        ${keyed(param.name, this.input(field, param.unfilled ? '' : param.value, labelOf(param), this.paramHint(param), 'wizard-input'))}
        <div class="actions">
          <button type="submit">${tf('form.wizard.fill')}</button>
          <button type="button" ?disabled=${state.index === 0} @click=${() => (this.wizard = moveWizard(state, -1))}>${tf('form.wizard.back')}</button>
          <button type="button" @click=${() => (this.wizard = moveWizard(state, 1))}>${tf('form.wizard.skip')}</button>
          ${close}
        </div>
      </form>
    </div>`;
  }

  // ---- targets ----

  private targets(model: FormModel): TemplateResult {
    return html`<section aria-labelledby="h-targets">
      <h2 id="h-targets">${tf('form.targets.title')}</h2>
      <p class="summary">${tf('form.targets.summary', { count: model.clocks.length })}</p>
      ${model.clocks.map((c) => this.clock(model, c))}
    </section>`;
  }

  private toggle(name: string, e: Event): void {
    const open = new Set(this.open);
    if ((e.target as HTMLDetailsElement).open) open.add(name);
    else open.delete(name);
    this.open = open;
  }

  private clock(model: FormModel, clock: ClockModel): TemplateResult {
    const isOpen = this.open.has(clock.name);
    const title = clock.label ? `${clock.label}（${clock.name}）` : clock.name;
    const line = clock.localLine;
    return html`<details ?open=${isOpen} @toggle=${(e: Event) => this.toggle(clock.name, e)}>
      <summary>${title}${line !== undefined ? html` · <span class="origin">${tf('form.origin.local', { line })}</span>` : nothing}</summary>
      ${isOpen ? this.grid(model, clock, title) : nothing}
    </details>`;
  }

  private grid(model: FormModel, clock: ClockModel, title: string): TemplateResult {
    const all: FieldRef = { kind: 'target', clock: clock.name };
    const allRow = clock.rows.get('*/*');
    return html`<p>
        <label for=${idOf(all)}>${tf('form.targets.all')}</label>
        ${this.input(all, allRow?.text ?? '', `${title} ${tf('form.targets.all')}`, 'form.hint.target')} ${allRow ? this.origin(allRow.origin) : nothing}
      </p>
      <!-- Many tiers do not fit beside the editor: the grid scrolls in its own box, its first column stays (keyboard: focus the box, then the arrow keys). -->
      <div class="grid-scroll" role="region" tabindex="0" aria-label=${tf('form.targets.caption', { clock: title })}>
      <table class="grid">
        <caption>${tf('form.targets.caption', { clock: title })}</caption>
        <thead>
          <tr>
            <th scope="col">${tf('form.targets.category')}</th>
            ${model.tiers.map((t) => html`<th scope="col">${labelOf(t)}</th>`)}
            <th scope="col">${tf('form.targets.allTiers')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">${tf('form.targets.allCategories')}</th>
            ${model.tiers.map((t) => this.wideRow(clock, title, { kind: 'target', clock: clock.name, tier: t.name }, labelOf(t)))}
            <td></td>
          </tr>
          ${model.categories.map(
            (c, i) => html`<tr>
              <th scope="row">${labelOf(c)}</th>
              ${model.tiers.map((t, k) => this.cell(clock, title, c, t, clock.cells[i]?.[k]))}
              ${this.wideRow(clock, title, { kind: 'target', clock: clock.name, category: c.name }, labelOf(c))}
            </tr>`,
          )}
        </tbody>
      </table>
      </div>`;
  }

  /** A row of the table that covers a whole tier (`*\/urgent`) or a whole category (`engineering`): empty unless the policy has one. */
  private wideRow(clock: ClockModel, title: string, field: Extract<FieldRef, { kind: 'target' }>, name: string): TemplateResult {
    const row = clock.rows.get(targetKey(field.category, field.tier));
    const label = tf(field.tier ? 'form.targets.tierRow' : 'form.targets.categoryRow', { clock: title, name });
    return html`<td class=${row?.origin.local ? 'local' : ''}>
      ${this.input(field, row?.text ?? '', label, 'form.hint.target')} ${row ? html`<div>${this.origin(row.origin)}</div>` : nothing}
    </td>`;
  }

  private cell(clock: ClockModel, title: string, category: NamedMember, tier: NamedMember, cell: TargetCell | undefined): TemplateResult {
    const field: FieldRef = { kind: 'target', clock: clock.name, category: category.name, tier: tier.name };
    const label = tf('form.targets.cell', { clock: title, category: labelOf(category), tier: labelOf(tier) });
    if (cell && !cell.editable) return html`<td><code>${cell.text}</code><div class="hint">${tf('form.targets.textOnly', { text: cell.text })}</div></td>`;
    // The input shows the cell's own row when it has one, else what it inherits from a wider row.
    return html`<td class=${cell?.origin.local ? 'local' : ''}>
      ${this.input(field, cell?.text ?? '', label, 'form.hint.target')}
      ${cell?.resolved !== undefined ? html`<span class=${cell.unfilled ? 'unfilled' : 'hint'}>${tf('form.targets.param', { value: cell.resolved })}</span>` : nothing}
      ${cell ? html`<div>${this.origin(cell.origin)} <code class="hint">${cell.key}</code></div>` : html`<div class="hint">${tf('form.targets.none')}</div>`}
    </td>`;
  }

  // ---- warnings and penalties ----

  private warnings(model: FormModel): TemplateResult {
    const sample: FieldRef = { kind: 'penalty', level: '' };
    const readOnly = !this.editable(sample);
    return html`<section aria-labelledby="h-warnings">
        <h2 id="h-warnings">${tf('form.warnings.title')}</h2>
        ${readOnly ? html`<p class="read-only">${tf('form.readOnly')} · ${this.ownerNote(sample)}</p>` : nothing}
        ${model.warnings.map(
          (w) => html`<h3>${labelOf(w)} <code>${w.name}</code></h3>
            <table>
              <caption class="hint">${tf('form.warnings.notify', { roles: w.notify.join(', ') })}</caption>
              <tbody>
                ${w.thresholds.map((t) => {
                  const field: FieldRef = { kind: 'threshold', warning: w.name, index: t.index };
                  const label = tf('form.warnings.threshold', { warning: labelOf(w), subject: t.subject });
                  return html`<tr>
                    <th scope="row"><code>${t.subject}</code></th>
                    <td>${this.input(field, t.value, label, t.kind === 'Percent' ? 'form.hint.percent' : t.kind === 'Duration' ? 'form.hint.duration' : 'form.hint.count')} ${this.origin(t.origin)}</td>
                  </tr>`;
                })}
                ${w.plan
                  ? html`<tr>
                      <th scope="row">${tf('form.warnings.plan', { warning: labelOf(w) })}</th>
                      <td>${this.input({ kind: 'plan', warning: w.name }, w.plan.value, tf('form.warnings.plan', { warning: labelOf(w) }), 'form.hint.duration')} ${this.origin(w.plan.origin)}</td>
                    </tr>`
                  : nothing}
              </tbody>
            </table>`,
        )}
      </section>
      <section aria-labelledby="h-penalties">
        <h2 id="h-penalties">${tf('form.penalties.title')}</h2>
        ${readOnly ? html`<p class="read-only">${tf('form.readOnly')} · ${this.ownerNote(sample)}</p>` : nothing}
        <table>
          <tbody>
            ${model.penalties.map((p) => {
              const label = tf('form.penalties.level', { level: labelOf({ name: p.level, ...(p.label ? { label: p.label } : {}) }) });
              return html`<tr>
                <th scope="row">${label}</th>
                <td>${this.input({ kind: 'penalty', level: p.level }, p.value, label, 'form.hint.points')} ${this.origin(p.origin)}</td>
              </tr>`;
            })}
          </tbody>
        </table>
      </section>`;
  }

  override render(): TemplateResult {
    const model = this.model;
    if (!model) return html``;
    return html`${this.broken ? html`<p class="banner" role="status">${tf('form.broken')}</p>` : nothing} ${this.placeholders(model)} ${this.targets(model)}
    ${this.warnings(model)}`;
  }
}
