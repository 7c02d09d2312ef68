import { describe, expect, it } from 'vitest';
import { checkText, compile, paramPercent } from '../../../engine/index.js';

const policy = (params: string) => {
  const checked = checkText(`group g "g"\nzone "Asia/Shanghai"\ncategories { c "c" }\ntiers { t "t" }\n${params}`);
  return compile([...checked.policies.values()][0]!).value!;
};

describe('paramPercent', () => {
  it('reads a percent, and one named through another parameter', () => {
    const p = policy('param goal: percent = 95%\nparam rate = goal\n');
    expect(paramPercent(p, 'goal')).toBe(95);
    expect(paramPercent(p, 'rate')).toBe(95);
  });

  it('is undefined for an absent parameter and for one that is not a percent', () => {
    const p = policy('param window: duration = 30d\n');
    expect(paramPercent(p, 'missing')).toBeUndefined();
    expect(paramPercent(p, 'window')).toBeUndefined();
  });
});
