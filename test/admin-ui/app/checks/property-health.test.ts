// What the properties page shows per property: unfilled [X] of its lineage and its own
// failing tests, computed from the texts the API serves.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { propertyHealth } from '../../../../admin-ui/src/app/checks/property-health.js';

const POLICIES = resolve(import.meta.dirname, '../../../../policies');
const read = (path: string): string => readFileSync(resolve(POLICIES, path), 'utf8');
const related = [
  { uri: 'huayu-group.sla', text: read('group.sla') },
  ...readdirSync(resolve(POLICIES, 'calendars'))
    .filter((name) => name.endsWith('.sla'))
    .map((name) => ({ uri: `calendars/${name}`, text: read(`calendars/${name}`) })),
];
const uri = 'properties/jinxiu-garden.sla';
const jinxiu = read('properties/jinxiu-garden.sla');

describe('propertyHealth', () => {
  it('counts no placeholder and no failing test for the shipped jinxiu-garden', () => {
    const health = propertyHealth({ uri, sources: [...related, { uri, text: jinxiu }] });
    expect(health).toMatchObject({ placeholders: 0, errors: 0, failed: 0 });
    expect(health.tests).toBeGreaterThan(0);
  });

  it('counts each [X] of the group the property leaves unfilled', () => {
    const text = jinxiu.replace(/^param review_within = .*$/m, '').replace(/^param contact_within = .*$/m, '');
    expect(propertyHealth({ uri, sources: [...related, { uri, text }] }).placeholders).toBe(2);
  });

  it('counts a test whose expectation no longer holds', () => {
    const text = jinxiu.replace(/^param contact_within = 30m/m, 'param contact_within = 20m');
    const health = propertyHealth({ uri, sources: [...related, { uri, text }] });
    expect(health.failed).toBeGreaterThan(0);
    expect(health.placeholders).toBe(0);
  });
});
