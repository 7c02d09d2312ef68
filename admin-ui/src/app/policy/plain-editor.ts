// A <textarea> with the editor's API, shown when <beacon-editor> is not there (before the
// editor's folder is merged, or when it failed to load): the page still reads, saves and
// restores a policy's text.
import { css, html, LitElement, type TemplateResult } from 'lit';
import type { Edit, Marker } from './collaborators.js';

export class BeaconPlainEditor extends LitElement {
  static override styles = css`
    :host { display: block; }
    textarea { width: 100%; box-sizing: border-box; min-height: 60vh; font: 13px/1.45 ui-monospace, monospace; tab-size: 2; }
    ul { color: #82071e; margin: 0.25rem 0; }
  `;
  static override properties = { value: {}, readOnly: { type: Boolean }, markers: { state: true } };

  declare value: string;
  declare readOnly: boolean;
  declare markers: Marker[];
  path = '';
  related: { path: string; text: string }[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.value = '';
    this.readOnly = false;
    this.markers = [];
  }

  getValue(): string {
    return this.value;
  }
  setValue(text: string): void {
    this.value = text;
    this.changed();
  }
  applyEdits(edits: Edit[]): void {
    const lines = this.value.split('\n');
    const offset = (line: number, column: number): number => lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
    let text = this.value;
    for (const e of [...edits].sort((a, b) => offset(b.startLine, b.startColumn) - offset(a.startLine, a.startColumn))) {
      text = text.slice(0, offset(e.startLine, e.startColumn)) + e.text + text.slice(offset(e.endLine, e.endColumn));
    }
    this.setValue(text);
  }
  revealLine(_line: number): void {}
  setExtraMarkers(_owner: string, markers: Marker[]): void {
    this.markers = markers;
  }
  showDiff(_original: string): void {}
  hideDiff(): void {}

  private changed(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.dispatchEvent(new CustomEvent('beacon-change', { detail: { value: this.value }, bubbles: true, composed: true })), 150);
  }

  override render(): TemplateResult {
    return html`
      ${this.markers.length > 0 ? html`<ul>${this.markers.map((m) => html`<li>${m.line}:${m.column} ${m.code} ${m.message}</li>`)}</ul>` : ''}
      <textarea
        aria-label=${this.path}
        spellcheck="false"
        .value=${this.value}
        ?readonly=${this.readOnly}
        @input=${(e: InputEvent) => {
          this.value = (e.target as HTMLTextAreaElement).value;
          this.changed();
        }}
      ></textarea>
    `;
  }
}

customElements.define('beacon-plain-editor', BeaconPlainEditor);

declare global {
  interface HTMLElementTagNameMap {
    'beacon-plain-editor': BeaconPlainEditor;
  }
}
