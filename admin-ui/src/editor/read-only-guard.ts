// Section ownership, enforced while typing. The ranges come from the AST
// (language/ownership.ts); Monaco decorations carry them, so they follow every
// edit without re-parsing. Typing is prevented by switching the editor to
// read-only while a cursor is in a foreign section (Monaco then shows the
// owner's message); any edit that still reaches one (Backspace at a section's
// edge, a paste over it) is undone. Programmatic edits (setValue, applyEdits
// from the form) pass: the server judges every draft anyway.
import type * as Monaco from 'monaco-editor/editor.js';
import { et } from '../i18n/editor.js';
import { blockingRange, type OwnedRange } from '../language/ownership.js';

type MonacoApi = typeof Monaco;

export function ownerMessage(range: Pick<OwnedRange, 'owner' | 'section'>): string {
  if (range.section === 'all') return et('viewerReadOnly');
  return range.owner === 'quality' ? et('ownedByQuality') : et('ownedByManager');
}

export class ReadOnlyGuard {
  private decorations: Monaco.editor.IEditorDecorationsCollection;
  private owners: OwnedRange[] = [];
  /** Offsets of the ranges after the last change: what an incoming change is judged against. */
  private before: OwnedRange[] = [];
  private programmatic = 0;
  private readonly disposables: Monaco.IDisposable[] = [];

  constructor(
    private readonly monaco: MonacoApi,
    private readonly editor: Monaco.editor.IStandaloneCodeEditor,
    private readonly model: Monaco.editor.ITextModel,
    private readonly baseReadOnly: () => boolean,
    private readonly onRefused: (message: string) => void,
  ) {
    this.decorations = editor.createDecorationsCollection();
    this.disposables.push(
      editor.onDidChangeCursorSelection(() => this.updateReadOnly()),
      model.onDidChangeContent((e) => this.onChange(e)),
    );
  }

  /** Runs `edit` without the guard: the caller (setValue, the form) is not the user's keyboard. */
  bypass(edit: () => void): void {
    this.programmatic++;
    try {
      edit();
    } finally {
      this.programmatic--;
    }
  }

  setRanges(ranges: readonly OwnedRange[]): void {
    this.owners = [...ranges];
    this.decorations.set(
      ranges.map((r) => ({
        range: new this.monaco.Range(r.startLine, r.startColumn, r.endLine, r.endColumn),
        options: {
          className: 'beacon-readonly',
          linesDecorationsClassName: 'beacon-readonly-gutter',
          hoverMessage: { value: ownerMessage(r) },
          stickiness: this.monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
        },
      })),
    );
    this.snapshot();
    this.updateReadOnly();
  }

  /** The ranges where the decorations are now. */
  private current(): OwnedRange[] {
    const ranges = this.decorations.getRanges();
    return this.owners.map((o, i) => {
      const r = ranges[i];
      if (!r) return o;
      return {
        ...o,
        startLine: r.startLineNumber, startColumn: r.startColumn, endLine: r.endLineNumber, endColumn: r.endColumn,
        startOffset: this.model.getOffsetAt(r.getStartPosition()), endOffset: this.model.getOffsetAt(r.getEndPosition()),
      };
    });
  }

  private snapshot(): void {
    this.before = this.current();
  }

  private updateReadOnly(): void {
    const ranges = this.current();
    const blocked = (this.editor.getSelections() ?? [])
      .map((s) => blockingRange(ranges, this.model.getOffsetAt(s.getStartPosition()), this.model.getOffsetAt(s.getEndPosition())))
      .find((r) => r !== undefined);
    const readOnly = this.baseReadOnly() || blocked !== undefined;
    this.editor.updateOptions({ readOnly, ...(blocked ? { readOnlyMessage: { value: ownerMessage(blocked) } } : {}) });
  }

  private onChange(e: Monaco.editor.IModelContentChangedEvent): void {
    const judged = this.before;
    this.snapshot();
    if (this.programmatic > 0 || e.isUndoing || e.isRedoing || e.isFlush) return;
    const refused = e.changes.map((c) => blockingRange(judged, c.rangeOffset, c.rangeOffset + c.rangeLength)).find((r) => r !== undefined);
    if (!refused) return;
    this.onRefused(ownerMessage(refused));
    // Undo after the event: the model may not be edited while it reports an edit.
    queueMicrotask(() => {
      if (!this.model.isDisposed()) this.model.undo();
    });
  }

  dispose(): void {
    this.decorations.clear();
    for (const d of this.disposables) d.dispose();
  }
}
