// The UI's locale: zh-CN unless the user chose English. Persisted in localStorage;
// a change is announced on window so each part can reload what it must (Monaco).
export type Locale = 'zh-CN' | 'en';

const KEY = 'beacon.locale';

function storage(): Storage | undefined {
  return typeof localStorage === 'undefined' ? undefined : localStorage;
}

export function currentLocale(): Locale {
  return storage()?.getItem(KEY) === 'en' ? 'en' : 'zh-CN';
}

export function setLocale(l: Locale): void {
  storage()?.setItem(KEY, l);
  if (typeof window !== 'undefined') window.dispatchEvent(new CustomEvent('beacon-locale-change', { detail: { locale: l } }));
}
