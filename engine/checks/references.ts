// Every name a module uses must be declared in its effective policy: events,
// calendars, roles, levels, clocks, parameters, categories and tiers.
import { planClockName } from '../evaluate/plan-clocks.js';
import type * as A from '../../grammar/index.js';
import { CLOCK_EXPECTATIONS, WARNING_NONE } from '../builtins.js';
import { helpFor } from '../suggest.js';
import type { Check, CheckContext } from './context.js';
import { fieldNames, fieldType, memberNoun, membersOf } from './fields.js';

export function known(ctx: CheckContext, name: A.Name, names: ReadonlyMap<string, unknown> | readonly string[], what: string): boolean {
  if (!name.text) return true;
  const has = Array.isArray(names) ? names.includes(name.text) : (names as ReadonlyMap<string, unknown>).has(name.text);
  if (has) return true;
  const candidates = Array.isArray(names) ? names : [...(names as ReadonlyMap<string, unknown>).keys()];
  ctx.report('C201', name.range, `Unknown ${what} '${name.text}'.`, { help: helpFor(name.text, candidates, what) });
  return false;
}

/** A parameter reference in a value position. */
export function checkValueRef(ctx: CheckContext, value: A.Value): void {
  if (value.kind === 'NameRef') known(ctx, value.name, ctx.policy.params, 'parameter');
}

export const clockReferences: Check = {
  name: 'clocks name declared events, calendars, categories and tiers',
  run(ctx) {
    const p = ctx.policy;
    for (const decl of ctx.file.module.declarations) {
      if (decl.kind !== 'Clock') continue;
      for (const item of decl.items) {
        if (item.kind === 'ClockEvents') for (const e of item.events) known(ctx, e, p.enums.events, 'event');
        else if (item.kind === 'ClockCalendar' && item.calendar) known(ctx, item.calendar, p.calendars, 'calendar');
        else if (item.kind === 'Target') {
          const values = item.value ? [item.value] : [];
          for (const row of item.rows) {
            values.push(row.value);
            if (row.category?.text && !p.enums.categories.has(row.category.text)) {
              ctx.report('C401', row.category.range, `The table names category '${row.category.text}', which is not declared.`, {
                help: helpFor(row.category.text, p.enums.categories.keys(), 'categories'),
              });
            }
            if (row.tier?.text && !p.enums.tiers.has(row.tier.text)) {
              ctx.report('C402', row.tier.range, `The table names tier '${row.tier.text}', which is not declared.`, {
                help: helpFor(row.tier.text, p.enums.tiers.keys(), 'tiers'),
              });
            }
          }
          for (let i = 0; i < values.length; i++) {
            const v = values[i] as A.TargetValue;
            if (v.kind === 'Deadline') {
              known(ctx, v.deadline, p.enums.deadlines, 'deadline');
              if (v.fallback) values.push(v.fallback);
            } else if (v.kind === 'Fixed') checkValueRef(ctx, v.value);
            else if (v.kind === 'Relative') checkValueRef(ctx, v.offset);
            else if (v.kind === 'Every') checkValueRef(ctx, v.interval);
          }
        }
      }
    }
  },
};

export const calendarReferences: Check = {
  name: 'calendars include declared calendars',
  run(ctx) {
    for (const decl of ctx.file.module.declarations) {
      if (decl.kind !== 'Calendar') continue;
      for (const item of decl.items) if (item.kind === 'Include') for (const n of item.names) known(ctx, n, ctx.policy.calendars, 'calendar');
    }
  },
};

export const warningReferences: Check = {
  name: 'warnings notify declared roles; penalties name declared levels',
  run(ctx) {
    const p = ctx.policy;
    for (const decl of ctx.file.module.declarations) {
      if (decl.kind === 'Warning') {
        for (const item of decl.items) {
          if (item.kind === 'Notify') for (const r of item.roles) known(ctx, r, p.enums.roles, 'role');
          else if (item.kind === 'Plan') {
            checkValueRef(ctx, item.within);
            for (const e of item.stop ?? []) known(ctx, e, p.enums.events, 'event');
          }
        }
      } else if (decl.kind === 'Penalties') {
        for (const row of decl.rows) {
          known(ctx, row.level, p.warnings, 'warning level');
          checkValueRef(ctx, row.value);
        }
      } else if (decl.kind === 'Compliance') {
        for (const row of decl.rows) if (row.min) checkValueRef(ctx, row.min);
      } else if (decl.kind === 'Param') {
        checkValueRef(ctx, decl.value);
      }
    }
  },
};

function checkTicket(ctx: CheckContext, block: A.TicketBlock): void {
  const p = ctx.policy;
  for (const item of block.items) {
    if (item.kind === 'TicketEvent') {
      known(ctx, item.event, p.enums.events, 'event');
      continue;
    }
    if (item.kind === 'TicketDeadline') {
      known(ctx, item.deadline, p.enums.deadlines, 'deadline');
      continue;
    }
    const type = fieldType(p, item.name.text);
    if (type === undefined) {
      known(ctx, item.name, fieldNames(p), 'ticket field');
      continue;
    }
    const members = membersOf(p, type);
    if (!members) continue;
    const what = memberNoun(type);
    for (const v of item.values) if (v.kind === 'NameRef') known(ctx, v.name, members, what);
  }
}

export const testReferences: Check = {
  name: 'tests name declared fields, events, clocks, states and levels',
  run(ctx) {
    const p = ctx.policy;
    for (const decl of ctx.file.module.declarations) {
      if (decl.kind !== 'Test') continue;
      for (const item of decl.items) {
        if (item.kind === 'Ticket') checkTicket(ctx, item);
        else if (item.kind === 'ExpectWarning') known(ctx, item.level, [WARNING_NONE, ...p.warnings.keys()], 'warning level');
        else if (item.kind === 'ExpectClock') {
          // A warning's tracked plan deadline is reported as the clock `<level>_plan`.
          const planClocksNames = [...p.warnings.values()].filter((w) => w.plan?.node.stop).map((w) => planClockName(w.name));
          known(ctx, item.clock, [...p.clocks.keys(), ...planClocksNames], 'clock');
          known(ctx, item.state, CLOCK_EXPECTATIONS, 'clock state');
        }
      }
    }
  },
};
