// The business calendar a duty names, built from the compiled policy's effective
// calendars; null when it names none or a 24x7 one (every day has service).
import { businessCalendar, calendarSpec } from '../calendar/index.js';
import type { CompiledPolicy, ServiceCalendar } from '../compile/types.js';
import type { DutySpec } from './types.js';

export function dutyCalendar(compiled: CompiledPolicy, spec: DutySpec): ServiceCalendar | null {
  if (spec.calendar === undefined) return null;
  const cal = businessCalendar(calendarSpec(compiled.effective, spec.calendar));
  return cal.always ? null : cal;
}
