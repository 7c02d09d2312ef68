// The public face of engine/calendar, for the rest of the engine.
export { businessCalendar, createBusinessCalendar, type BusinessCalendar, type SkippedRun } from './business-calendar.js';
export { calendarSpec, DEFAULT_ZONE } from './from-policy.js';
export { coveredYears } from './coverage.js';
export { alwaysSpec, isoWeekday, MINUTES_PER_DAY, type CalendarSpec, type DayKind, type LocalInterval, type SpecialDate } from './spec.js';
export type { ServiceSpan } from './timeline.js';
export { dayNumber, dayText, validInstant, validTime, validTimeZone } from './dates.js';
export { zoneOffsets } from './zone.js';
export { WEEKDAY_NAMES, weekdaysOf } from './weekdays.js';
