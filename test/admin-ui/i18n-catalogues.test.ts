import { afterEach, describe, expect, it } from 'vitest';
import { formCatalogue, tf } from '../../admin-ui/src/i18n/form.js';
import { panelsCatalogue, tp } from '../../admin-ui/src/i18n/panels.js';
import { timelineCatalogue } from '../../admin-ui/src/i18n/timeline.js';
import { INPUT_PROBLEMS } from '../../admin-ui/src/form/inputs.js';

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();

describe.each([
  ['form', formCatalogue],
  ['panels', panelsCatalogue],
  ['timeline', timelineCatalogue],
] as const)('the %s catalogue', (_, catalogue) => {
  it('has the same keys and {placeholders} in Chinese and English, none empty', () => {
    const zh = catalogue['zh-CN'] as Record<string, string>;
    const en = catalogue.en as Record<string, string>;
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const key of Object.keys(zh)) {
      expect(placeholders(en[key] as string), key).toEqual(placeholders(zh[key] as string));
      expect((zh[key] as string).trim(), key).not.toBe('');
    }
  });
});

describe('lookups', () => {
  const store = new Map<string, string>();
  (globalThis as { localStorage?: unknown }).localStorage = {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
  };
  afterEach(() => store.clear());

  it('speak Chinese by default and English once switched, filling {names}', () => {
    expect(tf('form.origin.local', { line: 7 })).toBe('本文件第 7 行');
    expect(tp('tests.summary', { passed: 3, failed: 1 })).toBe('3 项通过，1 项失败');
    store.set('beacon.locale', 'en');
    expect(tf('form.origin.local', { line: 7 })).toBe('this file, line 7');
    expect(tp('tests.summary', { passed: 3, failed: 1 })).toBe('3 passed, 1 failed');
  });

  it('has a message for every problem the form can report', () => {
    for (const p of INPUT_PROBLEMS) expect(Object.keys(formCatalogue['zh-CN'])).toContain(`form.problem.${p}`);
  });
});
