// The operational pages' catalogue: both languages say everything, with the same {placeholders}.
import { afterEach, describe, expect, it } from 'vitest';
import { opsCatalogue, to } from '../../../admin-ui/src/i18n/ops.js';

const params = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('the ops catalogue', () => {
  it('has the same keys and placeholders in Chinese and English, none empty', () => {
    expect(Object.keys(opsCatalogue.en).sort()).toEqual(Object.keys(opsCatalogue['zh-CN']).sort());
    for (const [key, zh] of Object.entries(opsCatalogue['zh-CN'])) {
      const en = opsCatalogue.en[key as keyof typeof opsCatalogue.en];
      expect(params(en), key).toEqual(params(zh));
      expect(zh.trim(), key).not.toBe('');
      expect(en.trim(), key).not.toBe('');
    }
  });

  it('writes the Chinese strings in Chinese', () => {
    const latinOnly = Object.entries(opsCatalogue['zh-CN']).filter(([, text]) => !/[\u4e00-\u9fff]/.test(text));
    expect(latinOnly.map(([key]) => key)).toEqual([]);
  });

  describe('lookups', () => {
    const store = new Map<string, string>();
    (globalThis as { localStorage?: unknown }).localStorage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    afterEach(() => store.clear());

    it('speak Chinese by default and English once switched, filling {names}', () => {
      expect(to('tickets.dueIn', { clock: '响应', minutes: 5, at: '12-03 10:00' })).toBe('响应：5 分钟后（12-03 10:00）');
      store.set('beacon.locale', 'en');
      expect(to('tickets.dueIn', { clock: 'response', minutes: 5, at: '12/03 10:00' })).toBe('response: in 5 min (12/03 10:00)');
    });
  });
});
