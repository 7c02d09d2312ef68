// The UI's language: zh-CN unless the user switched to English, kept in localStorage.
// Every area's catalogue (app.ts here, and one file per area beside it) looks its strings
// up with currentLocale(); a switch tells every component through one window event.
export type Locale = 'zh-CN' | 'en';

const KEY = 'beacon.locale';

export function currentLocale(): Locale {
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN'; // storage refused (privacy mode): the default
  }
}

export function setLocale(l: Locale): void {
  try {
    localStorage.setItem(KEY, l);
  } catch {
    // Not kept across reloads, but this page still switches.
  }
  document.documentElement.lang = l;
  window.dispatchEvent(new CustomEvent('beacon-locale-change', { detail: { locale: l } }));
}
