// E340: the policy counts a share of the property's households (004 第十一条(三)3 “总住户的5%”,
// `share(issueKey, 30d, households())`), and this evaluation was not told the property's
// count (EvaluateOptions.property, or the context's propertyHouseholds). The share is then
// not judged: no comparison with it holds, so the 5% red does not fire, and the result
// says why rather than looking like a clean "none". Only rules whose scope admits the ticket
// are named: an inquiry was never going to be warned, so its count was never needed.
import type { CompiledCondition, CompiledPolicy } from '../compile/types.js';
import type { EvaluationResult, HouseholdsNote } from '../ticket.js';
import type { CoreResult } from './core.js';

/** Whether the rule (`warning red`, `clock x`, `route y`) admits the ticket: one outside its scope never needed the count. */
function inScope(policy: CompiledPolicy, core: CoreResult, rule: string): boolean {
  const [kind, name] = rule.split(' ');
  const list: readonly { name: string; scope?: CompiledCondition }[] = kind === 'warning' ? policy.warnings : kind === 'clock' ? policy.clocks : policy.routes;
  const scope = list.find((r) => r.name === name)?.scope;
  return !scope || scope.test(core.env);
}

export function addHouseholdNote(policy: CompiledPolicy, core: CoreResult, result: EvaluationResult): void {
  if (policy.householdRules.length === 0 || core.env.propertyHouseholds() !== null) return;
  const rules = policy.householdRules.filter((rule) => inScope(policy, core, rule));
  if (rules.length === 0) return;
  const note: HouseholdsNote = {
    code: 'E340',
    pointer: '/property/households',
    rules,
    message: {
      en: `Property '${core.read.ticket.property}' has no household count, so ${rules.join(', ')} could not judge its share of households (they did not fire). Record the property's households (PATCH /v1/properties/{id}, or the evaluation's property input).`,
      zh: `项目「${core.read.ticket.property}」没有总户数，${rules.join('、')} 无法按户数比例判断（未触发）。请在项目档案中填写总户数（PATCH /v1/properties/{id}，或评估时传入项目信息）。`,
    },
  };
  (result.notes ??= []).push(note);
  if (result.trace) result.trace.push({ rule: `households (${note.code})`, source: null, inputs: { pointer: note.pointer, rules }, outcome: 'note', reason: note.message });
}
