import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/index.js';

describe('SWEEP_INTERVAL_MS', () => {
  it('is 5 minutes by default, 0 disables, anything else but a whole number is refused', () => {
    expect(loadConfig({}, {}).sweepIntervalMs).toBe(300_000);
    expect(loadConfig({}, { SWEEP_INTERVAL_MS: '0' }).sweepIntervalMs).toBe(0);
    expect(() => loadConfig({}, { SWEEP_INTERVAL_MS: '5m' })).toThrow(ConfigError);
  });
});
