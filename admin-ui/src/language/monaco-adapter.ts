// The one place the .sla language services meet Monaco: registers the language,
// the generated Monarch tokenizer, and a provider for each service. Providers
// find their file's path, related files and latest markers through the model.
import type * as Monaco from 'monaco-editor/editor.js';
import { et } from '../i18n/editor.js';
import { completionsAt } from './completion.js';
import { definitionAt } from './definition.js';
import type { Marker } from './diagnostics-protocol.js';
import { formatEdits } from './formatting.js';
import { hoverAt } from './hover.js';
import { SLA_LANGUAGE_ID, slaLanguage, slaLanguageConfiguration } from './monarch.js';
import { outline, type OutlineKind } from './outline.js';
import { analyse } from './analysis.js';
import { quickFixes } from './quick-fixes.js';
import type { EditorRange, RelatedFile } from './types.js';

export type MonacoApi = typeof Monaco;

export interface SlaModelContext {
  path: string;
  related(): readonly RelatedFile[];
  /** The markers last shown, with their help, for quick fixes. */
  markers(): readonly Marker[];
  /** Opens another file at a line (go to definition into the group or a branch). */
  openFile(path: string, line: number): void;
}

const contexts = new WeakMap<Monaco.editor.ITextModel, SlaModelContext>();

export function attachContext(model: Monaco.editor.ITextModel, context: SlaModelContext): void {
  contexts.set(model, context);
}

export function toMonacoRange(monaco: MonacoApi, r: EditorRange): Monaco.Range {
  return new monaco.Range(r.startLine, r.startColumn, r.endLine, r.endColumn);
}

/** The Monaco URI of a related file, so peek-definition can show it read-only. */
export function relatedUri(monaco: MonacoApi, path: string): Monaco.Uri {
  return monaco.Uri.from({ scheme: 'beacon', path: `/${path.replace(/^\/+/, '')}` });
}

function pathOfUri(uri: Monaco.Uri): string {
  return uri.path.replace(/^\//, '');
}

let registered = false;

export function registerSlaLanguage(monaco: MonacoApi): void {
  if (registered) return;
  registered = true;
  const { languages } = monaco;
  languages.register({ id: SLA_LANGUAGE_ID, extensions: ['.sla'], aliases: ['Beacon SLA', 'sla'] });
  languages.setMonarchTokensProvider(SLA_LANGUAGE_ID, slaLanguage() as unknown as Monaco.languages.IMonarchLanguage);
  languages.setLanguageConfiguration(SLA_LANGUAGE_ID, slaLanguageConfiguration);
  const SymbolKind = languages.SymbolKind;
  const symbolKinds: Record<OutlineKind, Monaco.languages.SymbolKind> = {
    module: SymbolKind.Module, calendar: SymbolKind.Object, param: SymbolKind.Variable, clock: SymbolKind.Event,
    warning: SymbolKind.Constant, penalties: SymbolKind.Struct, compliance: SymbolKind.Struct, test: SymbolKind.Method,
  };
  const kindOf = (kind: string): Monaco.languages.CompletionItemKind => {
    const K = languages.CompletionItemKind;
    if (kind === 'keyword') return K.Keyword;
    if (kind === 'param') return K.Variable;
    if (kind === 'clock') return K.Event;
    if (kind === 'calendar') return K.Module;
    if (kind === 'field') return K.Field;
    if (kind === 'function') return K.Function;
    return K.EnumMember;
  };

  languages.registerCompletionItemProvider(SLA_LANGUAGE_ID, {
    triggerCharacters: ['/', ' ', ','],
    provideCompletionItems(model, position) {
      const ctx = contexts.get(model);
      if (!ctx) return { suggestions: [] };
      const items = completionsAt(model.getValue(), ctx.path, ctx.related(), position.lineNumber, position.column);
      return {
        suggestions: items.map((i) => ({
          label: { label: i.label, ...(i.detail ? { description: i.detail } : {}) },
          kind: kindOf(i.kind),
          insertText: i.insertText,
          ...(i.documentation ? { documentation: i.documentation } : {}),
          range: toMonacoRange(monaco, i.range),
        })),
      };
    },
  });

  languages.registerHoverProvider(SLA_LANGUAGE_ID, {
    provideHover(model, position) {
      const ctx = contexts.get(model);
      if (!ctx) return null;
      const hover = hoverAt(model.getValue(), ctx.path, ctx.related(), position.lineNumber, position.column);
      return hover ? { contents: hover.contents.map((value) => ({ value })), range: toMonacoRange(monaco, hover.range) } : null;
    },
  });

  languages.registerDefinitionProvider(SLA_LANGUAGE_ID, {
    provideDefinition(model, position) {
      const ctx = contexts.get(model);
      if (!ctx) return null;
      const def = definitionAt(model.getValue(), ctx.path, ctx.related(), position.lineNumber, position.column);
      if (!def) return null;
      if (def.path === ctx.path) return { uri: model.uri, range: toMonacoRange(monaco, def.range) };
      const uri = relatedUri(monaco, def.path);
      // A model for the related file lets Monaco's peek show it; it is never editable.
      if (!monaco.editor.getModel(uri)) {
        const text = ctx.related().find((r) => r.path === def.path)?.text;
        if (text !== undefined) monaco.editor.createModel(text, SLA_LANGUAGE_ID, uri);
      }
      return { uri, range: toMonacoRange(monaco, def.range) };
    },
  });

  // "Go to definition" into another file: the page opens it (event beacon-open-file).
  monaco.editor.registerEditorOpener({
    openCodeEditor(source, resource, selectionOrPosition) {
      const model = source.getModel();
      const ctx = model ? contexts.get(model) : undefined;
      if (!ctx || resource.scheme !== 'beacon') return false;
      const line = selectionOrPosition ? ('startLineNumber' in selectionOrPosition ? selectionOrPosition.startLineNumber : selectionOrPosition.lineNumber) : 1;
      ctx.openFile(pathOfUri(resource), line);
      return true;
    },
  });

  languages.registerDocumentSymbolProvider(SLA_LANGUAGE_ID, {
    provideDocumentSymbols(model) {
      const ctx = contexts.get(model);
      const module = ctx ? analyse(model.getValue(), ctx.path, ctx.related()).module : undefined;
      if (!module) return [];
      return outline(module).map((i) => ({
        name: i.name,
        detail: i.detail,
        kind: symbolKinds[i.kind],
        tags: [],
        range: toMonacoRange(monaco, i.range),
        selectionRange: toMonacoRange(monaco, i.selectionRange),
      }));
    },
  });

  languages.registerDocumentFormattingEditProvider(SLA_LANGUAGE_ID, {
    provideDocumentFormattingEdits(model) {
      return formatEdits(model.getValue()).map((e) => ({ range: toMonacoRange(monaco, e), text: e.text }));
    },
  });

  languages.registerCodeActionProvider(SLA_LANGUAGE_ID, {
    provideCodeActions(model, range) {
      const ctx = contexts.get(model);
      if (!ctx) return { actions: [], dispose() {} };
      const here = ctx.markers().filter((m) => toMonacoRange(monaco, m).intersectRanges(range) !== null);
      const fixes = quickFixes(here, (name) => et('quickFixReplace', { name }));
      return {
        actions: fixes.map((f) => ({
          title: f.title,
          kind: 'quickfix',
          isPreferred: true,
          edit: { edits: [{ resource: model.uri, versionId: model.getVersionId(), textEdit: { range: toMonacoRange(monaco, f.edit), text: f.edit.text } }] },
        })),
        dispose() {},
      };
    },
  });
}
