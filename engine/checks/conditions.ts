// Conditions (`when ...`) compare like with like: a lateness with a duration,
// a classification with its members, the flags with a declared flag.
import type * as A from '../../grammar/index.js';
import { comparable, FUNCTIONS, type ValueType } from '../builtins.js';
import { helpFor } from '../suggest.js';
import type { Check, CheckContext } from './context.js';
import { fieldNames, fieldType, memberNoun, membersOf } from './fields.js';
import { known } from './references.js';
import { describeType, fits, typeOfValue, type Typed } from './value-types.js';

function typeOfCall(ctx: CheckContext, call: A.Call): Typed {
  const sig = FUNCTIONS[call.callee.text];
  if (!sig) {
    if (call.callee.text) ctx.report('C201', call.callee.range, `Unknown function '${call.callee.text}'.`, { help: helpFor(call.callee.text, Object.keys(FUNCTIONS), 'functions') });
    return undefined;
  }
  const min = sig.params.length - sig.optional;
  if (call.args.length < min || call.args.length > sig.params.length) {
    const count = min === sig.params.length ? `${min}` : `${min} to ${sig.params.length}`;
    ctx.report('C301', call.range, `${call.callee.text}() takes ${count} argument${sig.params.length === 1 ? '' : 's'}, not ${call.args.length}.`, {
      help: sig.doc,
    });
    return sig.returns;
  }
  call.args.forEach((arg, i) => {
    const want = sig.params[i] as ValueType;
    if (want === 'filter') {
      checkShareFilter(ctx, call, arg);
      return;
    }
    if (arg.kind === 'ConditionArg') {
      ctx.report('C301', arg.range, `${call.callee.text}() wants ${describeType(want)} here, not a condition.`, {
        help: "Only share() and shareBefore() take a condition, as their fourth argument: which reports they count.",
      });
      return;
    }
    if (want === 'clock' || want === 'field') {
      if (arg.kind !== 'NameRef') {
        ctx.report('C301', arg.range, `${call.callee.text}() wants ${describeType(want)} here.`);
      } else if (want === 'clock') {
        known(ctx, arg.name, ctx.policy.clocks, 'clock');
      } else {
        known(ctx, arg.name, fieldNames(ctx.policy), 'ticket field');
      }
      return;
    }
    const actual = arg.kind === 'Call' ? typeOfCall(ctx, arg) : arg.kind === 'List' ? undefined : operandValueType(ctx, arg);
    if (!fits(actual, [want])) {
      ctx.report('C301', arg.range, `${call.callee.text}() wants ${describeType(want)} here, not ${describeType(actual)}.`);
    }
  });
  return sig.returns;
}

/**
 * Ticket fields a share() filter may not read, and why: the filter is asked of every report
 * in the window, and says which reports count from what each report is (its kind, channel,
 * category, flags …), not from counts of other tickets or from times.
 */
const NOT_IN_FILTER: Record<string, string> = {
  repeatCount: 'is counted from other tickets',
  createdAt: 'is a time, and the window already says which times count',
  appointmentAt: 'is a time, not what the report is',
};

const FILTER_HELP = "Write the filter with the reporting ticket's own fields, such as `kind = complaint and channel = platform` or `flags has verified`; keep lateness, shares and households() in the rule's `when`, outside share().";

/** What a share() filter reads that is not a plain field of the reporting ticket: each is C143 where written. */
function checkFilterReads(ctx: CheckContext, call: A.Call, c: A.Condition): number {
  switch (c.kind) {
    case 'Or':
    case 'And':
      return c.operands.reduce((n, o) => n + checkFilterReads(ctx, call, o), 0);
    case 'Not':
      return checkFilterReads(ctx, call, c.operand);
    case 'Comparison': {
      let found = 0;
      const visit = (o: A.Operand | undefined): void => {
        if (!o) return;
        if (o.kind === 'Call') {
          found++;
          ctx.report('C143', o.range, `The filter of ${call.callee.text}() uses ${o.callee.text}(); a filter says which reports count, from each reporting ticket's own fields.`, { help: FILTER_HELP });
        } else if (o.kind === 'List') {
          o.items.forEach(visit);
        } else if (o.kind === 'NameRef' && NOT_IN_FILTER[o.name.text] !== undefined && !ctx.policy.params.has(o.name.text)) {
          found++;
          ctx.report('C143', o.range, `The filter of ${call.callee.text}() reads ${o.name.text}, which ${NOT_IN_FILTER[o.name.text]}; a filter says which reports count, from each reporting ticket's own fields.`, { help: FILTER_HELP });
        }
      };
      visit(c.left);
      visit(c.right);
      return found;
    }
  }
}

/**
 * share()'s fourth argument: a condition on the reporting ticket's own fields (C143 for
 * anything else it reads), typed as any condition is (`kind = complaint`: a kind value).
 */
function checkShareFilter(ctx: CheckContext, call: A.Call, arg: A.Argument): void {
  if (arg.kind !== 'ConditionArg') {
    ctx.report('C301', arg.range, `The fourth argument of ${call.callee.text}() says which reports count: write a condition on the reporting ticket, such as \`kind = complaint and channel = platform\`.`, {
      help: FILTER_HELP,
    });
    return;
  }
  if (checkFilterReads(ctx, call, arg.condition) === 0) checkCondition(ctx, arg.condition);
}

/** A value operand: a parameter reference is checked to exist. */
function operandValueType(ctx: CheckContext, value: A.Value): Typed {
  if (value.kind === 'NameRef' && !ctx.policy.params.has(value.name.text)) {
    known(ctx, value.name, ctx.policy.params, 'parameter');
    return undefined;
  }
  return typeOfValue(ctx.policy, value);
}

function leftType(ctx: CheckContext, left: A.Operand): Typed {
  if (left.kind === 'Call') return typeOfCall(ctx, left);
  if (left.kind === 'List') return undefined;
  if (left.kind === 'NameRef') {
    const field = fieldType(ctx.policy, left.name.text);
    if (field) return field;
    if (ctx.policy.params.has(left.name.text)) return typeOfValue(ctx.policy, left);
    known(ctx, left.name, fieldNames(ctx.policy), 'ticket field');
    return undefined;
  }
  return typeOfValue(ctx.policy, left);
}

function checkMember(ctx: CheckContext, operand: A.Operand, type: ValueType): void {
  const members = membersOf(ctx.policy, type);
  if (!members) return;
  const what = memberNoun(type);
  if (operand.kind === 'NameRef') known(ctx, operand.name, members, what);
  else ctx.report('C301', operand.range, `Expected a ${what} here.`, { help: helpFor('', members.keys(), what) });
}

function checkComparison(ctx: CheckContext, cmp: A.Comparison): void {
  const left = leftType(ctx, cmp.left);
  if (!cmp.op || !cmp.right) {
    ctx.report('C301', cmp.range, 'A condition needs a comparison, such as `overdue(resolve) >= 3d` or `kind = complaint`.');
    return;
  }
  if (left === undefined) return;
  const enumLike = left === 'flags' || left.startsWith('enum:');
  if (left === 'flags' && cmp.op !== 'has') {
    ctx.report('C301', cmp.range, 'Test the flags with `has`, for example `flags has media_risk`.');
    return;
  }
  if (cmp.op === 'has' && left !== 'flags') {
    ctx.report('C301', cmp.range, '`has` tests the ticket flags only; compare other fields with = or in.');
    return;
  }
  if (cmp.op === 'in' && cmp.right.kind === 'NameRef' && (left === 'instant' || ctx.policy.calendars.has(cmp.right.name.text))) {
    // `createdAt in online`: the instant within a calendar's service hours (001 二(一)'s night).
    if (left !== 'instant') {
      ctx.report('C141', cmp.range, `Only a time of the ticket (createdAt, appointmentAt) can be in calendar '${cmp.right.name.text}', not ${describeType(left)}.`, {
        help: 'Write `createdAt in online` for a ticket reported within the calendar\'s hours.',
      });
    } else {
      known(ctx, cmp.right.name, ctx.policy.calendars, 'calendar');
    }
    return;
  }
  if (cmp.op === 'in') {
    if (cmp.right.kind !== 'List') {
      ctx.report('C301', cmp.right.range, '`in` needs a list in parentheses, for example `kind in (complaint, suggestion)`.');
      return;
    }
    for (const item of cmp.right.items) enumLike ? checkMember(ctx, item, left as ValueType) : checkOperandType(ctx, item, left);
    return;
  }
  if (enumLike) {
    if (cmp.op !== '=' && cmp.op !== '!=' && cmp.op !== 'has') {
      ctx.report('C301', cmp.range, `Only =, != and in compare ${describeType(left)}.`);
      return;
    }
    checkMember(ctx, cmp.right, left as ValueType);
    return;
  }
  if (cmp.left.kind === 'Call' && cmp.left.callee.text === 'elapsed' && cmp.right.kind !== 'List' && cmp.right.kind !== 'Call' && operandValueType(ctx, cmp.right) === 'workdays') {
    // Lateness can be counted in working days; elapsed() is service time already spent, in minutes.
    ctx.report('C301', cmp.right.range, 'elapsed() is service time; compare it with a duration such as 8h, not with working days.');
    return;
  }
  checkOperandType(ctx, cmp.right, left);
}

function checkOperandType(ctx: CheckContext, operand: A.Operand, left: Exclude<Typed, undefined>): void {
  if (operand.kind === 'List') {
    ctx.report('C301', operand.range, 'A list only follows `in`.');
    return;
  }
  const right = operand.kind === 'Call' ? typeOfCall(ctx, operand) : operandValueType(ctx, operand);
  if (right === undefined || right === 'any' || left === 'any') return;
  if (!comparable(left, right)) {
    ctx.report('C301', operand.range, `Cannot compare ${describeType(left)} with ${describeType(right)}.`);
  }
}

export function checkCondition(ctx: CheckContext, cond: A.Condition): void {
  switch (cond.kind) {
    case 'Or':
    case 'And':
      for (const c of cond.operands) checkCondition(ctx, c);
      break;
    case 'Not':
      checkCondition(ctx, cond.operand);
      break;
    case 'Comparison':
      checkComparison(ctx, cond);
      break;
  }
}

export const conditionTypes: Check = {
  name: 'conditions compare like with like',
  run(ctx) {
    for (const decl of ctx.file.module.declarations) {
      if (decl.kind === 'Penalties') for (const row of decl.rows) if (row.scope) checkCondition(ctx, row.scope.condition);
      if (decl.kind !== 'Clock' && decl.kind !== 'Warning' && decl.kind !== 'Route') continue;
      for (const item of decl.items) {
        if (item.kind === 'When' || item.kind === 'Scope') checkCondition(ctx, item.condition);
        if (item.kind === 'Target') for (const row of item.rows) if (row.scope) checkCondition(ctx, row.scope.condition);
      }
    }
  },
};
