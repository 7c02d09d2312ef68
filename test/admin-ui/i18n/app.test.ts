// The app's catalogue: both languages say everything, with the same {placeholders}.
import { describe, expect, it } from 'vitest';
import { appCatalogue } from '../../../admin-ui/src/i18n/app.js';

const params = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('the app catalogue', () => {
  it('has the same keys in Chinese and English', () => {
    expect(Object.keys(appCatalogue.en).sort()).toEqual(Object.keys(appCatalogue['zh-CN']).sort());
  });

  it('has the same placeholders in both languages, and no empty string', () => {
    for (const [key, zh] of Object.entries(appCatalogue['zh-CN'])) {
      const en = appCatalogue.en[key as keyof typeof appCatalogue.en];
      expect(params(en), key).toEqual(params(zh));
      expect(zh.trim(), key).not.toBe('');
      expect(en.trim(), key).not.toBe('');
    }
  });

  it('writes the Chinese strings in Chinese', () => {
    // Keys whose text is a name or a switch to the other language are the exceptions.
    const latinOnly = Object.entries(appCatalogue['zh-CN']).filter(([key, text]) => !/[\u4e00-\u9fff]/.test(text) && !['app.switchLocale', 'app.signedInAs'].includes(key));
    expect(latinOnly.map(([key]) => key)).toEqual([]);
  });
});
