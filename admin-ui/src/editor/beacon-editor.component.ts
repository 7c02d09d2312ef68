// <beacon-editor>: the one wrapper around Monaco. It owns create and dispose
// (disconnectedCallback), puts Monaco's CSS in its shadow root, runs live
// diagnostics in a web worker, marks and guards the sections the role may not
// change, and offers the page a small API (UI-CONTRACT.md): getValue, setValue,
// applyEdits (one undo step), revealLine, setExtraMarkers, showDiff / hideDiff.
import { html, LitElement, type PropertyValues } from 'lit';
import type * as Monaco from 'monaco-editor/editor.js';
import { parse } from '../../../grammar/index.js';
import { et } from '../i18n/editor.js';
import { currentLocale, type Locale } from '../i18n/locale.js';
import { DiagnosticsClient } from '../language/diagnostics-client.js';
import type { DiagnosticsResponse, Marker } from '../language/diagnostics-protocol.js';
import { startDiagnosticsWorker } from '../language/diagnostics-worker.js';
import { attachContext, relatedUri } from '../language/monaco-adapter.js';
import { SLA_LANGUAGE_ID } from '../language/monarch.js';
import { readOnlyRanges, type Role } from '../language/ownership.js';
import { applyTextEdits } from '../language/text-edits.js';
import type { RelatedFile } from '../language/types.js';
import { editorStyles } from './beacon-editor.styles.js';
import { loadMonaco, monacoLocale } from './monaco-loader.js';
import { adoptMonacoStyles } from './monaco-styles.js';
import { ReadOnlyGuard } from './read-only-guard.js';

export interface EditorEdit {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  text: string;
}

export interface EditorMarker {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
}

export interface EditorDiagnostic {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  line: number;
  column: number;
}

const CHANGE_DEBOUNCE_MS = 150;
const DIAGNOSTICS_OWNER = 'beacon-check';

export class BeaconEditor extends LitElement {
  static override styles = editorStyles;
  static override properties = {
    value: { type: String },
    role: { type: String },
    path: { type: String },
    related: { attribute: false },
    readOnly: { type: Boolean, attribute: 'read-only' },
    status: { state: true },
  };

  declare value: string;
  declare role: Role;
  declare path: string;
  declare related: RelatedFile[];
  declare readOnly: boolean;
  declare protected status: string;

  private monaco: typeof Monaco | undefined;
  private editor: Monaco.editor.IStandaloneCodeEditor | undefined;
  private model: Monaco.editor.ITextModel | undefined;
  private diffEditor: Monaco.editor.IStandaloneDiffEditor | undefined;
  private guard: ReadOnlyGuard | undefined;
  private worker: Worker | undefined;
  private client: DiagnosticsClient | undefined;
  private markers: Marker[] = [];
  private pendingMarkers = new Map<string, EditorMarker[]>();
  private changeTimer: ReturnType<typeof setTimeout> | undefined;
  private releaseStyles: (() => void) | undefined;
  private generation = 0;

  constructor() {
    super();
    this.value = '';
    this.role = 'viewer';
    this.path = 'policy.sla';
    this.related = [];
    this.readOnly = false;
    this.status = et('loading');
  }

  private readonly onLocaleChange = (): void => this.reloadForLocale(currentLocale());

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beacon-locale-change', this.onLocaleChange);
    // Moved in the page: disconnecting disposed the editor; make it again.
    if (this.hasUpdated && !this.editor) void this.create();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beacon-locale-change', this.onLocaleChange);
    this.teardown();
  }

  override render() {
    return html`<div class="surface" part="editor" id="editor"></div>
      <div class="surface" part="diff" id="diff" hidden></div>
      <div class="status" role="status" aria-live="polite">${this.status}</div>`;
  }

  protected override firstUpdated(): void {
    void this.create();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!this.editor || !this.model) return;
    // The editor's own text coming back through `value` changes nothing; typing updates the
    // read-only ranges from the worker's answers, so the page does not parse on keystrokes.
    if (changed.has('value') && this.value !== this.model.getValue()) this.replaceAll(this.value);
    // New ranges, and the editor's read-only state recomputed from them and `readOnly`.
    if (changed.has('role') || changed.has('readOnly')) this.refreshOwnership();
    if (changed.has('related')) this.syncRelatedModels();
    if (changed.has('related') || changed.has('role')) this.requestDiagnostics(true);
  }

  // ---- the contract API ----

  getValue(): string {
    return this.model?.getValue() ?? this.value;
  }

  /** Replaces the whole text (one undo step once the editor exists). */
  setValue(text: string): void {
    this.value = text;
    if (this.model && text !== this.model.getValue()) this.replaceAll(text);
  }

  /** Applies the edits as ONE undo step; positions are in the text before any of them. */
  applyEdits(edits: EditorEdit[]): void {
    const { editor, monaco, guard } = this;
    if (!editor || !monaco || !guard) {
      // Monaco still loading: edit the text it will open with.
      this.value = applyTextEdits(this.value, edits);
      return;
    }
    // On the model, not the editor: the editor refuses edits while its cursor sits in a read-only section.
    guard.bypass(() => {
      const model = editor.getModel() as Monaco.editor.ITextModel;
      model.pushStackElement();
      model.pushEditOperations(
        editor.getSelections(),
        edits.map((e) => ({ range: new monaco.Range(e.startLine, e.startColumn, e.endLine, e.endColumn), text: e.text, forceMoveMarkers: true })),
        () => null,
      );
      model.pushStackElement();
    });
  }

  revealLine(line: number): void {
    if (!this.editor) return;
    this.editor.revealLineInCenter(line);
    this.editor.setPosition({ lineNumber: line, column: 1 });
    this.editor.focus();
  }

  setExtraMarkers(owner: string, markers: EditorMarker[]): void {
    this.pendingMarkers.set(owner, markers);
    const { monaco, model } = this;
    if (!monaco || !model) return;
    const severity = { error: monaco.MarkerSeverity.Error, warning: monaco.MarkerSeverity.Warning, info: monaco.MarkerSeverity.Info };
    monaco.editor.setModelMarkers(
      model,
      owner,
      markers.map((m) => ({ startLineNumber: m.line, startColumn: m.column, endLineNumber: m.endLine, endColumn: m.endColumn, severity: severity[m.severity], code: m.code, message: m.message })),
    );
  }

  /** Shows Monaco's diff editor: `original` on the left, the current text (still editable) on the right. */
  showDiff(original: string): void {
    const { monaco, model } = this;
    if (!monaco || !model) return;
    this.hideDiff();
    const container = this.shadowRoot?.getElementById('diff') as HTMLElement;
    const editorSurface = this.shadowRoot?.getElementById('editor') as HTMLElement;
    container.hidden = false;
    editorSurface.hidden = true;
    this.diffEditor = monaco.editor.createDiffEditor(container, { automaticLayout: true, readOnly: this.baseReadOnly(), originalEditable: false, renderSideBySide: true, unicodeHighlight: { ambiguousCharacters: false } });
    this.diffEditor.setModel({ original: monaco.editor.createModel(original, SLA_LANGUAGE_ID), modified: model });
  }

  hideDiff(): void {
    if (!this.diffEditor) return;
    const original = this.diffEditor.getModel()?.original;
    this.diffEditor.dispose();
    original?.dispose();
    this.diffEditor = undefined;
    (this.shadowRoot?.getElementById('diff') as HTMLElement).hidden = true;
    (this.shadowRoot?.getElementById('editor') as HTMLElement).hidden = false;
    this.editor?.layout();
  }

  // ---- life cycle ----

  private baseReadOnly(): boolean {
    return this.readOnly || this.role === 'viewer';
  }

  private async create(): Promise<void> {
    const generation = ++this.generation;
    const monaco = await loadMonaco(currentLocale());
    // Disconnected (or re-created) while Monaco loaded: this attempt is void.
    if (generation !== this.generation || !this.isConnected || !this.shadowRoot) return;
    this.monaco = monaco;
    this.releaseStyles ??= adoptMonacoStyles(this.shadowRoot);
    this.model = monaco.editor.createModel(this.value, SLA_LANGUAGE_ID);
    const host = this;
    attachContext(this.model, {
      get path() {
        return host.path;
      },
      related: () => this.related,
      markers: () => this.markers,
      openFile: (path, line) => this.dispatchEvent(new CustomEvent('beacon-open-file', { detail: { path, line }, bubbles: true, composed: true })),
    });
    this.model.onDidChangeContent(() => this.onContentChange());
    this.syncRelatedModels();
    const container = this.shadowRoot.getElementById('editor') as HTMLElement;
    this.editor = monaco.editor.create(container, {
      model: this.model,
      automaticLayout: true,
      readOnly: this.baseReadOnly(),
      minimap: { enabled: false },
      fixedOverflowWidgets: false,
      wordBasedSuggestions: 'off',
      // Full-width Chinese punctuation (：（）) is meant, not a look-alike to warn about.
      unicodeHighlight: { ambiguousCharacters: false },
      fontSize: 14,
      tabSize: 2,
      insertSpaces: true,
      ariaLabel: this.path,
    });
    this.guard = new ReadOnlyGuard(monaco, this.editor, this.model, () => this.baseReadOnly(), (message) => (this.status = message));
    this.refreshOwnership();
    for (const [owner, markers] of this.pendingMarkers) this.setExtraMarkers(owner, markers);
    this.startDiagnostics();
    this.status = '';
  }

  /** Read-only models of the related files, so peek-definition can show the group's lines. */
  private syncRelatedModels(): void {
    const { monaco } = this;
    if (!monaco) return;
    for (const r of this.related) {
      const uri = relatedUri(monaco, r.path);
      const existing = monaco.editor.getModel(uri);
      if (!existing) monaco.editor.createModel(r.text, SLA_LANGUAGE_ID, uri);
      else if (existing.getValue() !== r.text) existing.setValue(r.text);
    }
  }

  /** Disposes everything Monaco and the worker hold (the element left the page); a reconnect creates them again. */
  private teardown(): void {
    this.generation++;
    this.hideDiff();
    this.guard?.dispose();
    this.guard = undefined;
    this.editor?.dispose();
    this.editor = undefined;
    if (this.model) this.value = this.model.getValue();
    clearTimeout(this.changeTimer);
    this.client?.dispose();
    this.client = undefined;
    this.worker?.terminate();
    this.worker = undefined;
    this.model?.dispose();
    this.model = undefined;
    this.releaseStyles?.();
    this.releaseStyles = undefined;
  }

  /**
   * Monaco took its strings from the locale it loaded in, and an ES module loads once per
   * page: a switch reloads the page (the policy page keeps unsaved drafts across reloads,
   * and gets the latest text first). Before Monaco has loaded there is nothing to reload.
   */
  private reloadForLocale(locale: Locale): void {
    const loadedIn = monacoLocale();
    if (loadedIn === undefined || loadedIn === locale || !this.model) return;
    clearTimeout(this.changeTimer);
    this.dispatchChange();
    location.reload();
  }

  private replaceAll(text: string): void {
    const { editor, model, guard } = this;
    if (!editor || !model || !guard) return;
    guard.bypass(() => {
      model.pushStackElement();
      model.pushEditOperations(editor.getSelections(), [{ range: model.getFullModelRange(), text }], () => null);
      model.pushStackElement();
    });
    this.refreshOwnership();
  }

  /** Read-only ranges from a fresh parse; between parses the decorations follow the edits. */
  private refreshOwnership(): void {
    if (!this.model || !this.guard) return;
    this.guard.setRanges(readOnlyRanges(parse(this.model.getValue()).value, this.role));
  }

  private onContentChange(): void {
    clearTimeout(this.changeTimer);
    this.changeTimer = setTimeout(() => this.dispatchChange(), CHANGE_DEBOUNCE_MS);
    this.requestDiagnostics(false);
  }

  private dispatchChange(): void {
    const value = this.getValue();
    this.value = value;
    this.dispatchEvent(new CustomEvent('beacon-change', { detail: { value }, bubbles: true, composed: true }));
  }

  // ---- live diagnostics ----

  private startDiagnostics(): void {
    if (this.client) {
      this.requestDiagnostics(true);
      return;
    }
    this.worker = startDiagnosticsWorker();
    this.client = new DiagnosticsClient((request) => this.worker?.postMessage(request), (response) => this.showDiagnostics(response));
    this.worker.onmessage = (event: MessageEvent<DiagnosticsResponse>) => this.client?.receive(event.data);
    this.requestDiagnostics(true);
  }

  private requestDiagnostics(immediately: boolean): void {
    const { client, model } = this;
    if (!client || !model) return;
    const related = this.related;
    client.request((seq) => ({ seq, path: this.path, text: model.getValue(), related, locale: currentLocale(), role: this.role }), immediately);
  }

  private showDiagnostics(response: DiagnosticsResponse): void {
    const { monaco, model } = this;
    if (!monaco || !model) return;
    this.markers = response.markers;
    // Only the newest request's answer arrives here, so its ranges fit the text as it is.
    this.guard?.setRanges(response.readOnly);
    const severity = { error: monaco.MarkerSeverity.Error, warning: monaco.MarkerSeverity.Warning, info: monaco.MarkerSeverity.Info };
    monaco.editor.setModelMarkers(
      model,
      DIAGNOSTICS_OWNER,
      response.markers.map((m) => ({
        startLineNumber: m.startLine,
        startColumn: m.startColumn,
        endLineNumber: m.endLine,
        endColumn: Math.max(m.endColumn, m.startLine === m.endLine ? m.startColumn + 1 : m.endColumn),
        severity: severity[m.severity],
        code: m.code,
        message: m.help ? `${m.message}\n${m.help}` : m.message,
        source: 'beacon',
      })),
    );
    const diagnostics: EditorDiagnostic[] = response.markers.map((m) => ({ code: m.code, severity: m.severity, message: m.message, line: m.startLine, column: m.startColumn }));
    this.dispatchEvent(new CustomEvent('beacon-diagnostics', { detail: { diagnostics, checkMs: response.ms }, bubbles: true, composed: true }));
  }
}
