// The Monaco glue, against a stand-in of the few Monaco APIs it calls: each provider
// reads its file's path, related files and markers through the model it is asked about.
import { describe, expect, it } from 'vitest';
import { attachContext, registerSlaLanguage, type MonacoApi, type SlaModelContext } from '../../../admin-ui/src/language/monaco-adapter.js';
import { answer } from '../../../admin-ui/src/language/index.js';
import { at, GROUP_PATH, PROPERTY, PROPERTY_PATH, RELATED } from './fixtures.js';

class FakeRange {
  constructor(
    readonly startLineNumber: number,
    readonly startColumn: number,
    readonly endLineNumber: number,
    readonly endColumn: number,
  ) {}
  intersectRanges(o: FakeRange): FakeRange | null {
    const before = (l1: number, c1: number, l2: number, c2: number) => l1 < l2 || (l1 === l2 && c1 <= c2);
    return before(this.startLineNumber, this.startColumn, o.endLineNumber, o.endColumn) && before(o.startLineNumber, o.startColumn, this.endLineNumber, this.endColumn) ? this : null;
  }
}

function fakeMonaco() {
  const providers: Record<string, any> = {};
  const models = new Map<string, { text: string }>();
  let opener: any;
  const register = (name: string) => (_lang: string, provider: unknown) => {
    providers[name] = provider;
    return { dispose() {} };
  };
  const monaco = {
    Range: FakeRange,
    Uri: { from: (c: { scheme: string; path: string }) => ({ ...c, toString: () => `${c.scheme}:${c.path}` }) },
    languages: {
      register: () => undefined,
      setMonarchTokensProvider: register('monarch'),
      setLanguageConfiguration: register('configuration'),
      registerCompletionItemProvider: register('completion'),
      registerHoverProvider: register('hover'),
      registerDefinitionProvider: register('definition'),
      registerDocumentSymbolProvider: register('symbols'),
      registerDocumentFormattingEditProvider: register('format'),
      registerCodeActionProvider: register('codeActions'),
      SymbolKind: { Module: 1, Object: 2, Variable: 3, Event: 4, Constant: 5, Struct: 6, Method: 7 },
      CompletionItemKind: { Keyword: 10, Variable: 11, Event: 12, Module: 13, Field: 14, Function: 15, EnumMember: 16 },
    },
    editor: {
      getModel: (uri: { toString(): string }) => models.get(uri.toString()) ?? null,
      createModel: (text: string, _lang: string, uri: { toString(): string }) => {
        const m = { text };
        models.set(uri.toString(), m);
        return m;
      },
      registerEditorOpener: (o: unknown) => {
        opener = o;
        return { dispose() {} };
      },
    },
  };
  return { monaco: monaco as unknown as MonacoApi, providers, models, opener: () => opener };
}

function fakeModel(text: string) {
  return { getValue: () => text, uri: { scheme: 'inmemory', path: '/1' }, getVersionId: () => 1 } as never;
}

// registerSlaLanguage registers once per page; one stand-in serves every test.
const fake = fakeMonaco();
registerSlaLanguage(fake.monaco);
const opened: { path: string; line: number }[] = [];

function withContext(text: string, markers: SlaModelContext['markers'] = () => []) {
  const model = fakeModel(text);
  attachContext(model, { path: PROPERTY_PATH, related: () => RELATED, markers, openFile: (path, line) => opened.push({ path, line }) });
  return model;
}

describe('the Monaco adapter', () => {
  it('registers the generated tokenizer', () => {
    expect(fake.providers['monarch'].keywords).toContain('clock');
    expect(fake.providers['monarch'].tokenPostfix).toBe('.sla');
  });

  it('answers completion with ranges and labels in Monaco terms', () => {
    const text = `${PROPERTY.split('\n')[0]}\nclock contact {\n  stop `;
    const result = fake.providers['completion'].provideCompletionItems(withContext(text), { lineNumber: 3, column: 8 });
    const contacted = result.suggestions.find((s: any) => s.label.label === 'contacted');
    expect(contacted).toMatchObject({ insertText: 'contacted', kind: 16, range: { startLineNumber: 3, startColumn: 8, endLineNumber: 3, endColumn: 8 } });
    expect(contacted.label.description).toMatch(/联系/);
  });

  it('peeks a definition in the group through a read-only model of the related file, and opens it through the page', () => {
    const model = withContext(PROPERTY);
    const { line, column } = at(PROPERTY, 'expect contact', 8);
    const def = fake.providers['definition'].provideDefinition(model, { lineNumber: line, column });
    expect(def.uri.toString()).toBe(`beacon:/${GROUP_PATH}`);
    expect(fake.models.get(`beacon:/${GROUP_PATH}`)?.text).toBe(RELATED[0]?.text);
    const handled = fake.opener().openCodeEditor({ getModel: () => model }, def.uri, def.range);
    expect(handled).toBe(true);
    expect(opened.at(-1)).toEqual({ path: GROUP_PATH, line: 7 });
  });

  it("offers the did-you-mean fix of the marker under the cursor as a quick fix", () => {
    const typo = PROPERTY.replace('expect contact breached', 'expect contakt breached');
    const { markers } = answer({ seq: 1, path: PROPERTY_PATH, text: typo, related: RELATED, locale: 'zh-CN', role: 'admin' });
    const model = withContext(typo, () => markers);
    const m = markers[0]!;
    const actions = fake.providers['codeActions'].provideCodeActions(model, new FakeRange(m.startLine, m.startColumn, m.startLine, m.startColumn));
    expect(actions.actions).toHaveLength(1);
    expect(actions.actions[0].edit.edits[0].textEdit.text).toBe('contact');
    const elsewhere = fake.providers['codeActions'].provideCodeActions(model, new FakeRange(1, 1, 1, 1));
    expect(elsewhere.actions).toEqual([]);
  });

  it('gives the outline and formatting edits of the model', () => {
    const symbols = fake.providers['symbols'].provideDocumentSymbols(withContext(PROPERTY));
    expect(symbols.map((s: any) => [s.name, s.kind])).toEqual([['contact_within', 3], ['contact', 4], ['紧急报修', 7]]);
    expect(fake.providers['format'].provideDocumentFormattingEdits(withContext(PROPERTY.replace('param contact_within', 'param   contact_within')))).toHaveLength(1);
  });

  it('answers nothing for a model it was not given a context for', () => {
    expect(fake.providers['hover'].provideHover(fakeModel(PROPERTY), { lineNumber: 1, column: 1 })).toBeNull();
    expect(fake.providers['completion'].provideCompletionItems(fakeModel(PROPERTY), { lineNumber: 1, column: 1 }).suggestions).toEqual([]);
  });
});
