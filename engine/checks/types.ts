// Values stand where their type belongs: durations or working days for
// targets, points for penalties, percentages for compliance, and so on.
import type * as A from '../../grammar/index.js';
import { INSTANT_FIELDS, PARAM_TYPES, type ValueType } from '../builtins.js';
import { validTime } from '../calendar/dates.js';
import { helpFor } from '../suggest.js';
import type { Check, CheckContext } from './context.js';
import { describeType, fits, isParamType, magnitude, paramType, resolveValue, typeOfValue } from './value-types.js';

const HINTS: Partial<Record<ValueType, string>> = {
  duration: 'Write a duration such as 30m, 2h or 3d.',
  workdays: 'Write working days such as `2 workdays`.',
  points: 'Write points such as `0.5 points`.',
  percent: 'Write a percentage such as 95%.',
  count: 'Write a whole number.',
};

function expectType(ctx: CheckContext, value: A.Value, expected: ValueType[], where: string): A.Value | undefined {
  const actual = typeOfValue(ctx.policy, value);
  if (value.kind === 'NameRef' && !ctx.policy.params.has(value.name.text)) return undefined; // reported as unknown
  if (fits(actual, expected)) return value;
  const want = expected.map(describeType).join(' or ');
  const hint = HINTS[expected[0] as ValueType];
  ctx.report('C301', value.range, `${where} needs ${want}, not ${describeType(actual)}.`, hint ? { help: hint } : {});
  return undefined;
}

export const paramTypes: Check = {
  name: 'parameters have a known type and values of that type',
  run(ctx) {
    for (const decl of ctx.file.module.declarations) {
      if (decl.kind !== 'Param' || !decl.name.text) continue;
      const param = ctx.policy.params.get(decl.name.text);
      const inherited = ctx.inherited?.params.get(decl.name.text);
      if (decl.type && !isParamType(decl.type.text)) {
        ctx.report('C303', decl.type.range, `Unknown type '${decl.type.text}'.`, { help: helpFor(decl.type.text, PARAM_TYPES, 'types') });
        continue;
      }
      if (inherited && decl.type && inherited.type && decl.type.text !== inherited.type.node.text) {
        ctx.report('C801', decl.type.range, `'${decl.name.text}' is a ${inherited.type.node.text} in ${inherited.decl.module}; an override cannot make it a ${decl.type.text}.`, {
          help: 'Drop the type: an override only sets a new value.',
        });
        continue;
      }
      if (!inherited && !decl.type) {
        const candidates = ctx.inherited ? [...ctx.inherited.params.keys()] : [];
        ctx.report('C201', decl.name.range, `Unknown parameter '${decl.name.text}': a new parameter needs a type.`, {
          help: candidates.length ? helpFor(decl.name.text, candidates, 'parameters') : `Write \`param ${decl.name.text}: duration = …\`.`,
        });
        continue;
      }
      const type = param ? paramType(ctx.policy, param) : undefined;
      if (type && type !== 'any' && isParamType(type)) expectType(ctx, decl.value, [type], `Parameter '${decl.name.text}'`);
      if (decl.value.kind === 'Workdays' || decl.value.kind === 'Number') {
        const n = decl.value.kind === 'Workdays' ? decl.value.days : decl.value.value;
        if (!Number.isInteger(n)) ctx.report('C301', decl.value.range, `'${decl.name.text}' needs a whole number, not ${n}.`);
      }
    }
  },
};

function clockIsAlwaysOn(ctx: CheckContext, clockName: string): boolean {
  const cal = ctx.policy.clocks.get(clockName)?.calendar?.node.calendar;
  if (!cal) return true;
  const calendar = ctx.policy.calendars.get(cal.text);
  return calendar ? calendar.always : false;
}

function checkTargetValue(ctx: CheckContext, clock: string, target: A.TargetValue): void {
  const where = `The target of clock '${clock}'`;
  switch (target.kind) {
    case 'Fixed': {
      const ok = expectType(ctx, target.value, ['duration', 'workdays'], where);
      if (ok && typeOfValue(ctx.policy, ok) === 'workdays' && clockIsAlwaysOn(ctx, clock)) {
        ctx.report('C302', target.value.range, `Clock '${clock}' runs 24x7, so it has no working days to count.`, {
          help: 'Give the clock a business calendar (`calendar office`), or write the target as a duration.',
        });
      }
      break;
    }
    case 'Relative':
      expectType(ctx, target.offset, ['duration'], where);
      if (target.anchor.text && !INSTANT_FIELDS.includes(target.anchor.text)) {
        ctx.report('C305', target.anchor.range, `A target can be relative to a ticket time, and '${target.anchor.text}' is not one.`, {
          help: helpFor(target.anchor.text, INSTANT_FIELDS, 'ticket times'),
        });
      }
      break;
    case 'Every':
      expectType(ctx, target.interval, ['duration'], where);
      break;
    case 'Daily':
      if (!validTime(target.time.hour, target.time.minute, false)) ctx.report('C304', target.time.range, `'${target.time.text}' is not a time of day.`);
      break;
    case 'DayCutoff':
      if (target.time && !validTime(target.time.hour, target.time.minute, true)) ctx.report('C304', target.time.range, `'${target.time.text}' is not a time of day.`);
      break;
    case 'Deadline':
      // The fallback gives the due time of a ticket that does not carry the deadline: one
      // instant, like the deadline itself. A recurring target has no single due time.
      if (target.fallback?.kind === 'Every' || target.fallback?.kind === 'Daily') {
        ctx.report('C120', target.fallback.range, `The fallback of deadline '${target.deadline.text}' must be one due time, not a recurring target.`, {
          help: 'Write a length (`else 24h`), working days (`else 2 workdays`) or a day cut-off (`else next day 17:00`).',
        });
      } else if (target.fallback) checkTargetValue(ctx, clock, target.fallback);
      return;
  }
  const length = target.kind === 'Fixed' ? target.value : target.kind === 'Relative' ? target.offset : target.kind === 'Every' ? target.interval : undefined;
  const amount = length ? magnitude(resolveValue(ctx.policy, length))?.amount : undefined;
  if (length && amount !== undefined && (amount < 0 || (amount === 0 && target.kind === 'Every'))) {
    ctx.report('C305', length.range, target.kind === 'Every' ? 'A recurring target needs an interval above zero.' : 'A target cannot be negative.', {
      help: target.kind === 'Relative' ? 'Write the offset as a positive length and choose `before` or `after`.' : 'Write how long the clock may run, such as 2h.',
    });
  }
  if ((target.kind === 'Every' || target.kind === 'Daily') && !ctx.policy.clocks.get(clock)?.events.update) {
    ctx.report('C305', target.range, `A recurring target needs to know which event counts as an update.`, {
      help: `Add \`update <event>\` to clock '${clock}', for example \`update progress_reported\`.`,
    });
  }
}

export const targetTypes: Check = {
  name: 'targets are durations or working days, on a calendar that has working days',
  run(ctx) {
    for (const decl of ctx.file.module.declarations) {
      if (decl.kind === 'Calendar' && decl.always) checkClocksOnCalendar(ctx, decl);
      if (decl.kind !== 'Clock' || !decl.name.text) continue;
      for (const item of decl.items) {
        if (item.kind === 'ClockCalendar') checkInheritedTargets(ctx, decl.name.text, item);
        if (item.kind !== 'Target') continue;
        if (item.value) checkTargetValue(ctx, decl.name.text, item.value);
        for (const row of item.rows) checkTargetValue(ctx, decl.name.text, row.value);
      }
    }
  },
};

/** An inherited working-day target of a clock, or undefined; targets this file writes are checked with their rows. */
function inheritedWorkdayTarget(ctx: CheckContext, clock: string): { key: string; where: string } | undefined {
  for (const [key, cell] of ctx.policy.clocks.get(clock)?.cells ?? []) {
    if (cell.uri === ctx.file.uri) continue;
    const target = cell.node.value;
    if (target?.kind === 'Fixed' && typeOfValue(ctx.policy, target.value) === 'workdays') return { key, where: `${cell.uri}:${target.range.start.line}` };
  }
  return undefined;
}

/** A child that moves an inherited clock onto a 24x7 calendar must not leave working-day targets on it. */
function checkInheritedTargets(ctx: CheckContext, clock: string, item: A.ClockCalendar): void {
  if (!ctx.inherited?.clocks.has(clock) || !clockIsAlwaysOn(ctx, clock)) return;
  const found = inheritedWorkdayTarget(ctx, clock);
  if (found) {
    ctx.report('C302', item.range, `Clock '${clock}' now runs 24x7, but its target ${found.key} (${found.where}) counts working days.`, {
      help: 'Keep a business calendar, or give the clock new targets as durations.',
    });
  }
}

/** A child that turns an inherited business calendar into 24x7 takes the working days from every clock on it. */
function checkClocksOnCalendar(ctx: CheckContext, decl: A.CalendarDecl): void {
  if (!ctx.inherited?.calendars.has(decl.name.text) || ctx.inherited.calendars.get(decl.name.text)?.always) return;
  for (const clock of ctx.policy.clocks.values()) {
    if (clock.calendar?.node.calendar?.text !== decl.name.text) continue;
    const found = inheritedWorkdayTarget(ctx, clock.name);
    if (!found) continue;
    ctx.report('C302', decl.name.range, `Calendar '${decl.name.text}' is now 24x7, but clock '${clock.name}' counts working days on it (target ${found.key}, ${found.where}).`, {
      help: 'Give the calendar weekly hours instead, or give the clock new targets as durations.',
    });
  }
}

export const warningTypes: Check = {
  name: 'plans are due within a duration; penalties are non-negative points; compliance is a percentage',
  run(ctx) {
    for (const decl of ctx.file.module.declarations) {
      if (decl.kind === 'Warning') {
        for (const item of decl.items) if (item.kind === 'Plan') expectType(ctx, item.within, ['duration', 'workdays'], 'A plan deadline');
      } else if (decl.kind === 'Test') {
        for (const item of decl.items) if (item.kind === 'ExpectPenalty') expectType(ctx, item.value, ['points'], 'An expected penalty');
      } else if (decl.kind === 'Penalties') {
        for (const row of decl.rows) {
          const ok = expectType(ctx, row.value, ['points'], `The penalty for '${row.level.text}'`);
          if (ok && ok.kind === 'Points' && ok.negative && ok.value !== 0) {
            ctx.report('C502', row.value.range, `A penalty deducts points; write ${ok.value} points, not -${ok.value}.`);
          }
        }
      } else if (decl.kind === 'Compliance') {
        for (const row of decl.rows) if (row.min) expectType(ctx, row.min, ['percent'], `The '${row.light.text}' threshold`);
      }
    }
  },
};

function outOfRange(value: A.Value, allowNegative: boolean): string | undefined {
  if (value.kind === 'Percent' && !value.negative && value.value > 100) return `${value.value}% is more than 100%`;
  if (!allowNegative && 'negative' in value && value.negative) {
    const amount = value.kind === 'Duration' ? value.minutes : value.kind === 'Workdays' ? value.days : value.value;
    if (amount !== 0) return 'a negative value makes no sense here';
  }
  return undefined;
}

export const valueRanges: Check = {
  name: 'values lie in their range: no negative durations, counts or rates, no rate above 100%',
  run(ctx) {
    const check = (value: A.Value, where: string) => {
      const problem = outOfRange(value, false);
      if (problem) ctx.report('C309', value.range, `${where}: ${problem}.`);
    };
    for (const decl of ctx.file.module.declarations) {
      if (decl.kind === 'Param') {
        // Negative points are C502 where they are charged; negative durations C305 where they are used.
        if (decl.value.kind === 'Number' || decl.value.kind === 'Percent') check(decl.value, `Parameter '${decl.name.text}'`);
      } else if (decl.kind === 'Warning') {
        for (const item of decl.items) if (item.kind === 'Plan') check(item.within, 'A plan deadline');
      } else if (decl.kind === 'Compliance') {
        for (const row of decl.rows) if (row.min) check(row.min, `The '${row.light.text}' threshold`);
      }
    }
  },
};

export const paramCycles: Check = {
  name: 'parameters do not refer to themselves',
  run(ctx) {
    for (const decl of ctx.file.module.declarations) {
      if (decl.kind !== 'Param' || decl.value.kind !== 'NameRef') continue;
      const path = [decl.name.text];
      let next: A.Value | undefined = decl.value;
      while (next?.kind === 'NameRef') {
        const target: string = next.name.text;
        if (target === decl.name.text) {
          ctx.report('C310', decl.value.range, `Parameter '${decl.name.text}' refers back to itself: ${[...path, target].join(' -> ')}.`, {
            help: 'Give one of them a value instead of a name.',
          });
          break;
        }
        if (path.includes(target)) break; // a cycle that does not pass through this parameter is reported at its own members
        path.push(target);
        next = ctx.policy.params.get(target)?.value.node;
      }
    }
  },
};
