// Loads Monaco once, lazily (a dynamic import: the first page load does not pay
// for it), in the UI's locale. Monaco reads its strings when its modules are
// evaluated, so the Chinese message table must be in place before the import;
// the editor's own worker comes from our origin through Vite's `?worker`.
import type * as Monaco from 'monaco-editor/editor.js';
import type { Locale } from '../i18n/locale.js';
import { registerSlaLanguage } from '../language/monaco-adapter.js';

type NlsGlobals = { _VSCODE_NLS_MESSAGES?: string[]; _VSCODE_NLS_LANGUAGE?: string };
const nls = globalThis as unknown as NlsGlobals;

let loading: Promise<typeof Monaco> | undefined;
let loadedIn: Locale | undefined;

/** Monaco reads many of its strings once, as its modules load: the table must be set first, and cannot change after. */
async function useLocale(locale: Locale): Promise<void> {
  if (locale === 'zh-CN') {
    // Sets globalThis._VSCODE_NLS_MESSAGES as a side effect (monaco-editor >= 0.52).
    await import('monaco-editor/nls/lang/zh-cn.js');
    nls._VSCODE_NLS_LANGUAGE = 'zh-cn';
  }
  // In English Monaco needs no table: the English text is compiled into each call.
}

export function loadMonaco(locale: Locale): Promise<typeof Monaco> {
  loading ??= (async () => {
    await useLocale(locale);
    loadedIn = locale;
    const { default: EditorWorker } = await import('monaco-editor/editor/editor.worker.js?worker');
    self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
    // The API alone has no find, hover, suggest, folding…: the editor features register themselves (no languages: .sla is ours).
    const [monaco] = await Promise.all([import('monaco-editor/editor.js'), import('monaco-editor/features/register.all.js')]);
    registerSlaLanguage(monaco);
    return monaco;
  })();
  return loading;
}

/** The locale Monaco was loaded in, once it has been. */
export function monacoLocale(): Locale | undefined {
  return loadedIn;
}
