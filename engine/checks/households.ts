// 004 第十一条(三)3 counts a problem against the project's “总住户”: the property's record in
// the store (an evaluation input, read by `households()`), not a number the policy writes.
// A share() over a parameter or a literal lets a property set its own divisor (and lower
// it, or raise it until the rule never fires), so it is flagged where it is written.
import type * as A from '../../grammar/index.js';
import { argumentText, conditionText } from '../../grammar/index.js';
import { PROPERTY_HOUSEHOLDS } from '../builtins.js';
import type { Check } from './context.js';

function shareCalls(c: A.Condition, out: A.Call[] = []): A.Call[] {
  if (c.kind === 'Or' || c.kind === 'And') c.operands.forEach((o) => shareCalls(o, out));
  else if (c.kind === 'Not') shareCalls(c.operand, out);
  else for (const o of [c.left, c.right]) if (o?.kind === 'Call' && (o.callee.text === 'share' || o.callee.text === 'shareBefore')) out.push(o);
  return out;
}

/** Every condition written in the module (when, applies to, scoped rows and penalties). */
export function conditionsOf(module: A.Module): A.Condition[] {
  const out: A.Condition[] = [];
  for (const decl of module.declarations) {
    if (decl.kind === 'Penalties') for (const row of decl.rows) if (row.scope) out.push(row.scope.condition);
    if (decl.kind !== 'Clock' && decl.kind !== 'Warning' && decl.kind !== 'Route') continue;
    for (const item of decl.items) {
      if (item.kind === 'When' || item.kind === 'Scope') out.push(item.condition);
      if (item.kind === 'Target') for (const row of item.rows) if (row.scope) out.push(row.scope.condition);
    }
  }
  return out;
}

export const householdsFromRecord: Check = {
  name: "a share of households divides by the property's record",
  run(ctx) {
    for (const condition of conditionsOf(ctx.file.module)) {
      for (const call of shareCalls(condition)) {
        const total = call.args[2];
        if (!total || (total.kind === 'Call' && total.callee.text === PROPERTY_HOUSEHOLDS)) continue;
        ctx.report('C140', total.range, `${call.callee.text}() divides by a household count the policy writes; 004 第十一条(三)3 counts against the property's total households, which its record in the store keeps.`, {
          help: `Write ${call.callee.text}(${call.args.map((a, i) => (i === 2 ? 'households()' : a.kind === 'NameRef' ? a.name.text : a.kind === 'ConditionArg' ? conditionText(a.condition) : '…')).join(', ')}): the count then comes from the property's record and its policy cannot change it.`,
        });
      }
    }
  },
};

/** What a share() counts, written out: its field, window and filter ('' for none), not its total. */
const countedReports = (call: A.Call): string => [0, 1, 3].map((i) => (call.args[i] ? argumentText(call.args[i]) : '')).join('\u0000');

/**
 * A crossing (`share(…) >= 5% and shareBefore(…) < 5%`) finds the one report that brings a
 * problem to the share only when both count the same reports. A shareBefore whose filter
 * differs from the share's of the same field and window, in one condition, is flagged.
 */
export const shareCrossingsAlike: Check = {
  name: 'a shareBefore counts the reports its share counts',
  run(ctx) {
    for (const condition of conditionsOf(ctx.file.module)) {
      const calls = shareCalls(condition);
      const shares = calls.filter((c) => c.callee.text === 'share');
      for (const before of calls.filter((c) => c.callee.text === 'shareBefore')) {
        const [field, window] = [before.args[0], before.args[1]];
        if (!field || !window) continue;
        const sameWindow = shares.filter((s) => s.args[0] && s.args[1] && argumentText(s.args[0]) === argumentText(field) && argumentText(s.args[1]) === argumentText(window));
        if (sameWindow.length === 0 || sameWindow.some((s) => countedReports(s) === countedReports(before))) continue;
        const share = sameWindow[0] as A.Call;
        const filterOf = (c: A.Call) => (c.args[3] ? argumentText(c.args[3]) : 'none');
        ctx.report('C144', before.range, `shareBefore() counts other reports than the share() beside it (filter ${filterOf(before)}, against ${filterOf(share)}): the crossing they mark is then not one report, and a problem can raise red twice or never.`, {
          help: share.args[3] ? `Give shareBefore() the same filter: ${argumentText(share.args[3])}.` : 'Give shareBefore() no filter, as its share() has none, or give both the same one.',
        });
      }
    }
  },
};
