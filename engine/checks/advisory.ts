// An advisory clock is never late as far as conditions can tell (engine/evaluate/core.ts
// keeps its lateness from warnings), so `overdue(<advisory clock>)` never holds: a
// warning or clock condition written on it is dead. Said where the condition is written.
// (A clock with only some advisory rows is fine: its other rows still breach.)
import type * as A from '../../grammar/index.js';
import type { Check } from './context.js';

function overdueCalls(c: A.Condition, out: A.Call[] = []): A.Call[] {
  if (c.kind === 'Or' || c.kind === 'And') c.operands.forEach((o) => overdueCalls(o, out));
  else if (c.kind === 'Not') overdueCalls(c.operand, out);
  else for (const o of [c.left, c.right]) if (o?.kind === 'Call' && o.callee.text === 'overdue') out.push(o);
  return out;
}

export const conditionsOnAdvisoryClocks: Check = {
  name: 'conditions do not wait for an advisory clock to be late',
  run(ctx) {
    const conditions: A.Condition[] = [];
    for (const decl of ctx.file.module.declarations) {
      if (decl.kind !== 'Warning' && decl.kind !== 'Clock') continue;
      for (const item of decl.items) if (item.kind === 'When') conditions.push(item.condition);
    }
    for (const call of conditions.flatMap((c) => overdueCalls(c))) {
      const arg = call.args[0];
      const name = arg?.kind === 'NameRef' ? arg.name.text : undefined;
      if (!name || !ctx.policy.clocks.get(name)?.advisory) continue;
      ctx.report('C113', call.range, `Clock '${name}' is advisory: it is never overdue for conditions, so this never holds.`, {
        help: `Remove \`advisory\` from clock '${name}' if the rule book makes it binding, or base the condition on a binding clock.`,
      });
    }
  },
};
