// A policy's calendar, as the effective policy declares it, turned into a
// CalendarSpec: weekly hours from its `hours` lines, holidays and make-up days
// from its own `holiday`/`workday` lines and from everything it includes.
import type * as A from '../../grammar/index.js';
import type { EffectiveCalendar, EffectivePolicy } from '../effective.js';
import { dayNumber } from './dates.js';
import { alwaysSpec, type CalendarSpec, type LocalInterval, type SpecialDate } from './spec.js';
import { weekdaysOf } from './weekdays.js';

export const DEFAULT_ZONE = 'Asia/Shanghai';

function minutesOf(t: A.TimeLit): number {
  return t.hour * 60 + t.minute;
}

/** Holidays and make-up days of a calendar and, recursively, of what it includes; an include cycle is followed once. */
function specialDays(policy: EffectivePolicy, cal: EffectiveCalendar, seen: Set<string>, out: A.SpecialDay[]): void {
  if (seen.has(cal.name)) return;
  seen.add(cal.name);
  for (const d of cal.days) out.push(d.node);
  for (const inc of cal.includes) {
    const included = policy.calendars.get(inc.node.text);
    if (included) specialDays(policy, included, seen, out);
  }
}

function expand(item: A.SpecialDay, into: SpecialDate[]): void {
  const from = dayNumber(item.from.text);
  const to = item.to ? dayNumber(item.to.text) : from;
  if (from === undefined || to === undefined) return; // the checker reports it (C304)
  const label = item.label?.value;
  for (let day = from; day <= to; day++) into.push(label === undefined ? { day } : { day, label });
}

function weeklyOf(cal: EffectiveCalendar): LocalInterval[][] {
  const weekly: LocalInterval[][] = [[], [], [], [], [], [], []];
  for (const { node } of cal.hours) {
    for (const weekday of weekdaysOf(node.days.text) ?? []) {
      for (const r of node.intervals) (weekly[weekday - 1] as LocalInterval[]).push([minutesOf(r.from), minutesOf(r.to)]);
    }
  }
  return weekly;
}

const specs = new WeakMap<EffectivePolicy, Map<string, CalendarSpec>>();

/**
 * The spec of a policy's calendar `name`; undefined, or a 24x7 calendar, gives the
 * always calendar. Zone: the calendar's, else the policy's, else Asia/Shanghai.
 * The policy must have passed the checks: an unknown name is a programming error.
 */
export function calendarSpec(policy: EffectivePolicy, name: string | undefined): CalendarSpec {
  let cached = specs.get(policy);
  if (!cached) {
    cached = new Map();
    specs.set(policy, cached);
  }
  const key = name ?? '';
  let spec = cached.get(key);
  if (!spec) {
    spec = buildSpec(policy, name);
    cached.set(key, spec);
  }
  return spec;
}

function buildSpec(policy: EffectivePolicy, name: string | undefined): CalendarSpec {
  const policyZone = policy.zone?.node.value ?? DEFAULT_ZONE;
  if (name === undefined) return alwaysSpec(policyZone);
  const cal = policy.calendars.get(name);
  if (!cal) throw new Error(`Policy '${policy.id}' has no calendar '${name}' (the checker reports this as C201).`);
  const zone = cal.zone?.node.value ?? policyZone;
  if (cal.always) return alwaysSpec(zone, name);
  const days: A.SpecialDay[] = [];
  specialDays(policy, cal, new Set(), days);
  const holidays: SpecialDate[] = [];
  const workdays: SpecialDate[] = [];
  for (const d of days) expand(d, d.kind === 'Holiday' ? holidays : workdays);
  return { name, zone, always: false, weekly: weeklyOf(cal), holidays, workdays };
}
