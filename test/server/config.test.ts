import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/index.js';

describe('BEACON_PUBLIC_ORIGIN and --origin', () => {
  it('are absent by default, taken from the flag over the environment, and must be an http(s) origin', () => {
    expect(loadConfig({}, {}).publicOrigin).toBeUndefined();
    expect(loadConfig({}, { BEACON_PUBLIC_ORIGIN: 'https://beacon.example.com' }).publicOrigin).toBe('https://beacon.example.com');
    expect(loadConfig({ origin: 'https://desk.example.com' }, { BEACON_PUBLIC_ORIGIN: 'https://beacon.example.com' }).publicOrigin).toBe('https://desk.example.com');
    for (const wrong of ['beacon.example.com', 'https://beacon.example.com/path', 'ftp://beacon.example.com']) expect(() => loadConfig({}, { BEACON_PUBLIC_ORIGIN: wrong }), wrong).toThrow(ConfigError);
  });
});

describe('BEACON_METRICS_TOKEN', () => {
  it('is absent by default, and at least 16 characters when given', () => {
    expect(loadConfig({}, {}).metricsToken).toBeUndefined();
    expect(loadConfig({}, { BEACON_METRICS_TOKEN: 'a-scraper-token-of-some-length' }).metricsToken).toBe('a-scraper-token-of-some-length');
    expect(() => loadConfig({}, { BEACON_METRICS_TOKEN: 'short' })).toThrow(ConfigError);
  });
});

describe('BEACON_TRUST_PROXY', () => {
  it('is absent by default; a hop count or proxy addresses', () => {
    expect(loadConfig({}, {}).trustProxy).toBeUndefined();
    expect(loadConfig({}, { BEACON_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({}, { BEACON_TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(() => loadConfig({}, { BEACON_TRUST_PROXY: 'everyone' })).toThrow(ConfigError);
  });
});
