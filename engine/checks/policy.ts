// Checks on the effective policy as a whole: every placeholder filled where it
// must be, every category and tier timed, warnings that escalate, ordered
// compliance lights, complete tests.
import type * as A from '../../grammar/index.js';
import { conditionText } from '../../grammar/index.js';
import { cellKey, targetFor, type EffectivePolicy, type From } from '../effective.js';
import type { Check, CheckContext } from './context.js';
import { describeMagnitude, magnitude, resolveValue } from './value-types.js';

interface ValueSite {
  // Identifies the same slot in a parent and a child, e.g. "param:households" or "plan:blue".
  key: string;
  what: string;
  at: From<A.Value>;
}

function conditionValues(cond: A.Condition, out: A.Value[] = []): A.Value[] {
  const operand = (o: A.Argument | undefined): void => {
    if (!o) return;
    if (o.kind === 'Call') o.args.forEach(operand);
    else if (o.kind === 'List') o.items.forEach(operand);
    else if (o.kind === 'ConditionArg') conditionValues(o.condition, out);
    else out.push(o);
  };
  if (cond.kind === 'Or' || cond.kind === 'And') for (const c of cond.operands) conditionValues(c, out);
  else if (cond.kind === 'Not') conditionValues(cond.operand, out);
  else {
    operand(cond.left);
    operand(cond.right);
  }
  return out;
}

/**
 * Every value slot of an effective policy that a placeholder could stand in; with `placeholdersOnly`,
 * only the slots holding one (the common question, asked of every policy on every keystroke: the
 * slots' names are made only for those).
 */
function valueSites(p: EffectivePolicy, placeholdersOnly = false): ValueSite[] {
  const sites: ValueSite[] = [];
  const wanted = (v: A.Value): boolean => !placeholdersOnly || v.kind === 'Placeholder';
  const add = (key: string, what: string, at: From<A.Value>) => sites.push({ key, what, at });
  for (const param of p.params.values()) if (wanted(param.value.node)) add(`param:${param.name}`, `parameter '${param.name}'`, param.value);
  for (const clock of p.clocks.values()) {
    for (const [key, cell] of clock.cells) {
      let target = cell.node.value;
      if (!target) continue;
      // A deadline's fallback is where a placeholder can stand.
      while (target.kind === 'Deadline' && target.fallback) target = target.fallback;
      const value = target.kind === 'Fixed' ? target.value : target.kind === 'Relative' ? target.offset : target.kind === 'Every' ? target.interval : undefined;
      if (value && wanted(value)) add(`cell:${clock.name}:${key}`, `the target ${key} of clock '${clock.name}'`, { ...cell, node: value });
    }
    if (clock.when) {
      for (const v of conditionValues(clock.when.node.condition)) if (wanted(v)) add(`when:${clock.name}`, `the condition of clock '${clock.name}'`, { ...clock.when, node: v });
    }
  }
  for (const w of p.warnings.values()) {
    if (w.plan && wanted(w.plan.node.within)) add(`plan:${w.name}`, `the plan deadline of warning '${w.name}'`, { ...w.plan, node: w.plan.node.within });
    if (w.when) for (const v of conditionValues(w.when.node.condition)) if (wanted(v)) add(`when:${w.name}`, `the condition of warning '${w.name}'`, { ...w.when, node: v });
  }
  for (const [level, row] of p.penalties) if (wanted(row.node.value)) add(`penalty:${level}`, `the penalty for '${level}'`, { ...row, node: row.node.value });
  for (const [key, row] of p.scopedPenalties) if (wanted(row.node.value)) add(`penalty:${key}`, `the penalty for '${key}'`, { ...row, node: row.node.value });
  for (const row of p.compliance) {
    if (row.node.min && wanted(row.node.min)) add(`compliance:${row.node.light.text}`, `the '${row.node.light.text}' compliance threshold`, { ...row, node: row.node.min });
  }
  return sites;
}

export const placeholders: Check = {
  name: 'placeholders are filled by properties, and never reset',
  run(ctx) {
    const isProperty = ctx.file.module.header.level === 'property';
    const open = valueSites(ctx.policy, true);
    if (open.length === 0) return;
    const inherited = new Map((ctx.inherited ? valueSites(ctx.inherited) : []).map((s) => [s.key, s]));
    for (const site of open) {
      const before = inherited.get(site.key);
      if (site.at.uri === ctx.file.uri && before && before.at.node.kind !== 'Placeholder' && !site.key.startsWith('when:')) {
        // A value this file turned back into [X] is one mistake, reported here only.
        ctx.report('C603', site.at.node.range, `${capitalise(site.what)} was already set in ${before.at.module}; a child cannot turn it back into [X].`, {
          help: 'Give a value, or delete it here to keep the inherited one.',
        });
      } else if (isProperty) {
        ctx.report('C602', ctx.file.module.header.name.range, `Property '${ctx.file.id}' must fill ${site.what} (left as [X] in ${site.at.uri}:${site.at.node.range.start.line}).`, {
          help: site.key.startsWith('param:') ? `Add \`param ${site.key.slice(6)} = …\` with this property's value.` : 'Give the value in this property.',
        });
      } else if (site.at.uri === ctx.file.uri) {
        ctx.report('C601', site.at.node.range, `${capitalise(site.what)} is left as [X] for each property to fill.`);
      }
    }
  },
};

function capitalise(text: string): string {
  return `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`;
}

export const missingTargets: Check = {
  name: 'every clock has a target for every category and tier',
  run(ctx) {
    const p = ctx.policy;
    const categories = [...p.enums.categories.keys()];
    const tiers = [...p.enums.tiers.keys()];
    for (const clock of p.clocks.values()) {
      // A `*` row covers every cell: the common case needs no search.
      if (clock.cells.size === 0 || clock.cells.has(cellKey(undefined, undefined))) continue;
      let missing: string[] = [];
      for (const c of categories) for (const t of tiers) if (!targetFor(clock, c, t)) missing.push(cellKey(c, t));
      let at = clock.decl.node.name.range;
      if (clock.decl.uri !== ctx.file.uri) {
        // An inherited clock is reported where it is declared, unless this file adds
        // the category or tier that it has no target for: then at that member.
        if (!ctx.inherited?.clocks.has(clock.name)) continue;
        const added = [...p.enums.categories.values(), ...p.enums.tiers.values()].filter(
          (m) => m.uri === ctx.file.uri && !ctx.inherited?.enums.categories.has(m.node.name.text) && !ctx.inherited?.enums.tiers.has(m.node.name.text),
        );
        const names = new Set(added.map((m) => m.node.name.text));
        missing = missing.filter((key) => key.split('/').some((part) => names.has(part)));
        const first = added.find((m) => missing.some((key) => key.split('/').includes(m.node.name.text)));
        if (!first) continue;
        at = first.node.name.range;
      }
      if (missing.length === 0) continue;
      const shown = missing.slice(0, 4).join(', ') + (missing.length > 4 ? ` and ${missing.length - 4} more` : '');
      ctx.report('C403', at, `Clock '${clock.name}' has no target for ${shown}.`, {
        help: 'Add the cells, or a fallback row such as `*: 24h` or `*/general: 24h`.',
      });
    }
  },
};

function operandKey(o: A.Argument): string {
  switch (o.kind) {
    case 'ConditionArg':
      return conditionText(o.condition);
    case 'Call':
      return `${o.callee.text}(${o.args.map(operandKey).join(',')})`;
    case 'NameRef':
      return o.name.text;
    case 'List':
      return `(${o.items.map(operandKey).join(',')})`;
    default:
      return o.kind;
  }
}

interface Threshold {
  key: string;
  unit: string;
  amount: number;
  node: A.Comparison;
}

function thresholds(ctx: CheckContext, cond: A.Condition, out: Threshold[] = []): Threshold[] {
  if (cond.kind === 'Or' || cond.kind === 'And') for (const c of cond.operands) thresholds(ctx, c, out);
  else if (cond.kind === 'Comparison' && (cond.op === '>=' || cond.op === '>') && cond.right && cond.right.kind !== 'List' && cond.right.kind !== 'Call') {
    const m = magnitude(resolveValue(ctx.policy, cond.right));
    if (m) out.push({ key: operandKey(cond.left), ...m, node: cond });
  }
  return out;
}

export const escalation: Check = {
  name: 'each warning level needs more than the one below it',
  run(ctx) {
    const levels = [...ctx.policy.warnings.values()].filter((w) => w.when);
    for (let j = 1; j < levels.length; j++) {
      const upper = levels[j]!;
      const upperThresholds = thresholds(ctx, upper.when!.node.condition);
      for (let i = 0; i < j; i++) {
        const lower = levels[i]!;
        for (const low of thresholds(ctx, lower.when!.node.condition)) {
          const high = upperThresholds.find((t) => t.key === low.key && t.unit === low.unit);
          if (!high || high.amount > low.amount) continue;
          const mine = upper.when!.uri === ctx.file.uri ? high.node.range : lower.when!.uri === ctx.file.uri ? low.node.range : undefined;
          if (!mine) continue;
          ctx.report('C501', mine, `Warning '${upper.name}' is raised at ${low.key} >= ${describeMagnitude(high)}, no later than '${lower.name}' (${describeMagnitude(low)}); levels must escalate.`, {
            help: `Give '${upper.name}' a higher threshold than '${lower.name}', or swap their order.`,
          });
        }
      }
    }
  },
};

export const complianceOrder: Check = {
  name: 'compliance lights go from the highest threshold down to otherwise',
  run(ctx) {
    for (const decl of ctx.file.module.declarations) {
      if (decl.kind !== 'Compliance') continue;
      let previous: number | undefined;
      decl.rows.forEach((row, i) => {
        if (!row.min) {
          // At the light's name: a row's range also takes in its trailing comma.
          if (i !== decl.rows.length - 1) ctx.report('C503', row.light.range, `'${row.light.text} otherwise' must be the last light.`);
          return;
        }
        const m = magnitude(resolveValue(ctx.policy, row.min));
        if (!m) return;
        if (previous !== undefined && m.amount >= previous) {
          ctx.report('C503', row.min.range, `The '${row.light.text}' threshold (${m.amount}%) must be below the one above it (${previous}%).`, {
            help: 'List lights from the best (highest rate) to the worst.',
          });
        }
        previous = m.amount;
      });
    }
  },
};

export const completeTests: Check = {
  name: 'tests have one ticket, an instant and an expectation',
  run(ctx) {
    for (const decl of ctx.file.module.declarations) {
      if (decl.kind !== 'Test') continue;
      const tickets = decl.items.filter((i) => i.kind === 'Ticket' && i.role === 'ticket');
      const ats = decl.items.filter((i) => i.kind === 'At');
      const expects = decl.items.filter((i) => i.kind.startsWith('Expect'));
      const problems: string[] = [];
      if (tickets.length !== 1) problems.push(tickets.length === 0 ? 'a `ticket { … }`' : 'only one `ticket` (use `related` for the others)');
      if (ats.length !== 1) problems.push(ats.length === 0 ? 'an `at <instant>`' : 'only one `at`');
      if (expects.length === 0) problems.push('at least one `expect`');
      for (const item of decl.items) {
        if (item.kind === 'ExpectClock' && (item.state.text === 'due') !== Boolean(item.at)) {
          problems.push(item.at ? '`due` before an expected instant' : 'an instant after `due`');
        }
      }
      if (problems.length > 0) ctx.report('C901', decl.name.range, `Test "${decl.name.value}" needs ${problems.join(', ')}.`);
    }
  },
};
