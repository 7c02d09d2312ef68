// `duty` declarations -> DutySpec (engine/duties/types.ts). Only checked policies come
// here, so names resolve and literals are valid; a duty that still lacks a schedule or
// an owner (impossible after checks) is left out rather than guessed.
import { singleWeekday, dayOfMonth } from '../checks/duties.js';
import type { EffectiveDuty, EffectivePolicy } from '../effective.js';
import type { DutySchedule, DutySpec } from '../duties/types.js';
import type { SourceRef } from './types.js';

/** Without a time an occurrence is due by the end of its day: 24:00, the next midnight. */
export const END_OF_DAY = 24 * 60;

/** `monthly` without a day: due by the end of the month, the last day of every month. */
const LAST_DAY_OF_MONTH = 31;

function scheduleOf(duty: EffectiveDuty): DutySchedule | undefined {
  const s = duty.schedule?.node;
  if (!s) return undefined;
  const by = s.by ? s.by.hour * 60 + s.by.minute : END_OF_DAY;
  switch (s.every) {
    case 'daily':
      return { every: 'daily', by };
    case 'weekly': {
      const weekday = s.weekday ? singleWeekday(s.weekday.text) : undefined;
      return weekday === undefined ? undefined : { every: 'weekly', weekday: weekday as 1 | 2 | 3 | 4 | 5 | 6 | 7, by };
    }
    case 'monthly': {
      const day = s.day ? dayOfMonth(s.day) : LAST_DAY_OF_MONTH;
      return day === undefined ? undefined : { every: 'monthly', day, by };
    }
  }
}

export function compileDuties(policy: EffectivePolicy): readonly DutySpec[] {
  const specs: DutySpec[] = [];
  for (const duty of policy.duties.values()) {
    const schedule = scheduleOf(duty);
    const owner = duty.owner?.node.role.text;
    if (!schedule || !owner) continue;
    const source: SourceRef = { uri: duty.decl.uri, range: duty.decl.node.range };
    const spec: DutySpec = { id: duty.name, schedule: Object.freeze(schedule), owner, advisory: duty.advisory !== undefined, source };
    if (duty.label) spec.label = duty.label.node.value;
    if (duty.calendar) spec.calendar = duty.calendar.node.calendar.text;
    if (duty.warning) spec.warning = duty.warning.node.level.text;
    specs.push(Object.freeze(spec));
  }
  return Object.freeze(specs);
}
