// Loads Monaco once, lazily (a dynamic import: the first page load does not pay
// for it), in the UI's locale. Monaco reads its strings when its modules are
// evaluated, so the Chinese message table must be in place before the import;
// the editor's own worker comes from our origin through Vite's `?worker`.
import type * as Monaco from 'monaco-editor/editor.js';
import type { Locale } from '../i18n/locale.js';
import { registerSlaLanguage } from '../language/monaco-adapter.js';

type NlsGlobals = { _VSCODE_NLS_MESSAGES?: string[]; _VSCODE_NLS_LANGUAGE?: string };
const nls = globalThis as unknown as NlsGlobals;

let zhMessages: string[] | undefined;
let loading: Promise<typeof Monaco> | undefined;
let loadedIn: Locale | undefined;

async function useLocale(locale: Locale): Promise<void> {
  if (locale === 'zh-CN') {
    if (!zhMessages) {
      // Sets globalThis._VSCODE_NLS_MESSAGES as a side effect (monaco-editor >= 0.52).
      await import('monaco-editor/nls/lang/zh-cn.js');
      zhMessages = nls._VSCODE_NLS_MESSAGES;
    }
    nls._VSCODE_NLS_MESSAGES = zhMessages;
    nls._VSCODE_NLS_LANGUAGE = 'zh-cn';
  } else {
    // Without a table Monaco uses the English text compiled into each call.
    delete nls._VSCODE_NLS_MESSAGES;
    delete nls._VSCODE_NLS_LANGUAGE;
  }
}

export function loadMonaco(locale: Locale): Promise<typeof Monaco> {
  loading ??= (async () => {
    await useLocale(locale);
    loadedIn = locale;
    const { default: EditorWorker } = await import('monaco-editor/editor/editor.worker.js?worker');
    self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
    const monaco = await import('monaco-editor/editor.js');
    registerSlaLanguage(monaco);
    return monaco;
  })();
  return loading;
}

/**
 * Switches Monaco's strings for editors created from now on. Strings Monaco built
 * while loading (menu titles) keep the old language until the page reloads; the
 * editor re-creates its widgets, which covers what a user reads while editing.
 */
export async function switchMonacoLocale(locale: Locale): Promise<boolean> {
  if (loadedIn === undefined || loadedIn === locale) return false;
  await useLocale(locale);
  loadedIn = locale;
  return true;
}
