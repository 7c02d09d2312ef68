// A DutySpec built in a test, without a policy (`duty` declarations compile to these: engine/compile/duties.ts).
import type { DutySchedule, DutySpec } from '../../../engine/index.js';

export function duty(schedule: DutySchedule, extra: Partial<DutySpec> = {}): DutySpec {
  return {
    id: 'summary',
    schedule,
    owner: 'liaison',
    advisory: false,
    source: { uri: 'test.sla', range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } },
    ...extra,
  };
}

export const ms = (iso: string): number => Date.parse(iso);
