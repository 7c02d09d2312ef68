// Duties for the app tests, independent of the shipped policies' own `duty` declarations:
// the property's compiled policy as the policy service gives it, with `duties` set (the engine's DutySpec contract).
import type { DutySpec } from '../../../engine/index.js';
import type { PolicyService } from '../../../server/policies.js';

const SOURCE = { uri: 'test.sla', range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } };

/** 004 第十条(一)3(4): every Friday by 17:00, the liaison's signed summary; a miss raises blue. */
export const weeklySummary: DutySpec = { id: 'weekly_summary', label: '每周五平台问题汇总签字版', schedule: { every: 'weekly', weekday: 5, by: 17 * 60 }, owner: 'liaison', warning: 'blue', advisory: false, source: SOURCE };
/** 002: the hotline desk reviews the last three days daily; reported only (advisory here, to test that it is never charged). */
export const dailyReview: DutySpec = { id: 'daily_review', schedule: { every: 'daily', by: 10 * 60 }, owner: 'liaison', warning: 'blue', advisory: true, source: SOURCE };

/** Makes the service give `duties` with the policy of each property in `properties`. */
export function withDuties(policies: PolicyService, properties: readonly string[], duties: readonly DutySpec[]): void {
  const forProperty = policies.forProperty.bind(policies);
  policies.forProperty = async (propertyId, pointer) => {
    const active = await forProperty(propertyId, pointer);
    return properties.includes(propertyId) ? { ...active, compiled: { ...active.compiled, duties } } : active;
  };
}
