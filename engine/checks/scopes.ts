// Scopes (`applies to …`) and locked values. A scope says which tickets a rule is
// for, so it may read the ticket's own fields only; a rule that costs a unit
// something (a warning level, its penalty) in a policy with several kinds of
// ticket should say which kinds it is for, or it reaches every kind.
import type * as A from '../../grammar/index.js';
import type { Check, CheckContext } from './context.js';

/** The attribute whose members are the kinds of ticket (报修, 投诉, 咨询, 建议 …). */
const KIND = 'kind';

/** Every `applies to` written in the file being checked, with what it scopes. */
function scopesOf(module: A.Module): { owner: string; scope: A.ScopeItem }[] {
  const out: { owner: string; scope: A.ScopeItem }[] = [];
  for (const decl of module.declarations) {
    if (decl.kind === 'Clock' || decl.kind === 'Warning' || decl.kind === 'Route') {
      const owner = `${decl.kind.toLowerCase()} '${decl.name.text}'`;
      for (const item of decl.items) {
        if (item.kind === 'Scope') out.push({ owner, scope: item });
        if (item.kind === 'Target') for (const row of item.rows) if (row.scope) out.push({ owner: `a target row of ${owner}`, scope: row.scope });
      }
    } else if (decl.kind === 'Penalties') {
      for (const row of decl.rows) if (row.scope) out.push({ owner: `the penalty for '${row.level.text}'`, scope: row.scope });
    }
  }
  return out;
}

function calls(c: A.Condition, out: A.Call[] = []): A.Call[] {
  if (c.kind === 'Or' || c.kind === 'And') c.operands.forEach((o) => calls(o, out));
  else if (c.kind === 'Not') calls(c.operand, out);
  else for (const o of [c.left, c.right]) if (o?.kind === 'Call') out.push(o);
  return out;
}

export const scopeReadsTicket: Check = {
  name: 'a scope reads the ticket, not clocks or other tickets',
  run(ctx) {
    for (const { owner, scope } of scopesOf(ctx.file.module)) {
      for (const call of calls(scope.condition)) {
        ctx.report('C102', call.range, `The scope of ${owner} uses ${call.callee.text}(); a scope says which tickets the rule is for, from the ticket's own fields.`, {
          help: 'Move the measure into `when` and keep fields such as kind, channel, category or priority in `applies to`.',
        });
      }
    }
  },
};

function kindCount(ctx: CheckContext): number {
  return ctx.policy.attributes.get(KIND)?.members.size ?? 0;
}

export const costsHaveScopes: Check = {
  name: 'warning levels say which kinds of ticket they are for',
  run(ctx) {
    const kinds = kindCount(ctx);
    if (kinds < 2) return;
    for (const w of ctx.policy.warnings.values()) {
      // Reported in the file that declares the level, once; a scope given anywhere in the chain counts.
      if (w.decl.uri !== ctx.file.uri || w.scope || (w.when && limitsKind(w.when.node.condition))) continue;
      const penalty = ctx.policy.penalties.get(w.name);
      const cost = penalty ? ` (${penaltyText(penalty.node)})` : '';
      ctx.report('C101', w.decl.node.name.range, `Warning '${w.name}'${cost} has no \`applies to\`: it reaches all ${kinds} kinds of ticket, including ones its rule may not be written for.`, {
        help: 'Add `applies to kind = complaint` (or `kind in (…)`) as the rule book says; write `applies to kind in (…every kind…)` if it truly is for all.',
      });
    }
  },
};

/** A `when` that every ticket must pass through `kind = x` or `kind in (…)`: a scope written the older way. */
function limitsKind(c: A.Condition): boolean {
  if (c.kind === 'And') return c.operands.some(limitsKind);
  return c.kind === 'Comparison' && c.left.kind === 'NameRef' && c.left.name.text === KIND && (c.op === '=' || c.op === 'in');
}

function penaltyText(row: A.PenaltyRow): string {
  const v = row.value;
  return v.kind === 'Points' || v.kind === 'Number' ? `${v.value} points` : 'points';
}

export const finalValues: Check = {
  name: 'a final parameter keeps its value below the level that locked it',
  run(ctx) {
    const inherited = ctx.inherited;
    if (!inherited) return;
    for (const decl of ctx.file.module.declarations) {
      if (decl.kind !== 'Param') continue;
      const before = inherited.params.get(decl.name.text);
      const locked = before?.history.find((h) => h.node.final);
      if (!before || !locked) continue;
      ctx.report('C103', decl.name.range, `'${decl.name.text}' is final in ${locked.module}: a ${ctx.file.module.header.level} cannot give it another value.`, {
        help: `Remove this line; ${locked.module} owns the value (${locked.uri}:${locked.node.range.start.line}).`,
      });
    }
  },
};
