// The repeat convention (`repeats { … }`, 二次投诉): one per file, each clause once; `case`
// names ticket fields a case can match on (C201); `merge same day` names members of the
// `channel` attribute (C201); `within` is a positive duration (C150); the rule says when a
// later report is a repeat — `within`, `while unresolved` or both (C208); a `final`
// convention binds every child (C103).
import type * as A from '../../grammar/index.js';
import type { EffectivePolicy } from '../effective.js';
import type { Check, CheckContext } from './context.js';
import { resolveValue } from './value-types.js';

/** Ticket fields (besides the property, always matched) whose values can make two reports one case. */
export const CASE_FIELDS = ['unit', 'category', 'priority', 'issueKey', 'household'];

export function caseFieldsOf(policy: EffectivePolicy): string[] {
  return [...CASE_FIELDS, ...policy.attributes.keys()];
}

const CLAUSE: Record<A.RepeatsItem['kind'], string> = {
  RepeatsCase: 'case',
  RepeatsWithin: 'within',
  RepeatsWhileUnresolved: 'while unresolved',
  RepeatsMerge: 'merge same day',
};

export const repeatRules: Check = {
  name: 'a repeat convention is stated once, with known fields and channels, a positive window or `while unresolved`, and a final one is kept',
  run(ctx) {
    let first: A.RepeatsDecl | undefined;
    for (const decl of ctx.file.module.declarations) {
      if (decl.kind !== 'Repeats') continue;
      if (first) {
        ctx.report('C209', decl.range, `The repeat convention is already stated on line ${first.range.start.line}.`, { help: 'Keep one `repeats` block: its clauses together are the rule.' });
        continue;
      }
      first = decl;
      judge(ctx, decl);
      locked(ctx, decl);
    }
  },
};

function judge(ctx: CheckContext, decl: A.RepeatsDecl): void {
  const seen = new Map<string, A.RepeatsItem>();
  for (const item of decl.items) {
    const clause = CLAUSE[item.kind];
    const before = seen.get(clause);
    if (before) {
      ctx.report('C209', item.range, `The repeat convention already has a '${clause}' clause on line ${before.range.start.line}.`, { help: 'Keep one of the two.' });
      continue;
    }
    seen.set(clause, item);
    if (item.kind === 'RepeatsCase') caseFields(ctx, item);
    else if (item.kind === 'RepeatsMerge') mergeChannels(ctx, item);
    else if (item.kind === 'RepeatsWithin') window(ctx, item);
  }
  const at = decl.label?.range ?? decl.range;
  if (!seen.has('case')) {
    ctx.report('C208', at, 'The repeat convention needs `case`: the fields that make two reports one case.', { help: 'For example `case issueKey, household` (the same property is always required).' });
  }
  if (!seen.has('within') && !seen.has('while unresolved')) {
    ctx.report('C208', at, 'The repeat convention needs `within <duration>`, `while unresolved`, or both: without them no report is ever a repeat.', {
      help: 'For example `within 30d` (a report within 30 days of an earlier one) and/or `while unresolved` (while the earlier one is not resolved).',
    });
  }
}

function caseFields(ctx: CheckContext, item: A.RepeatsCase): void {
  const known = caseFieldsOf(ctx.policy);
  for (const f of item.fields) {
    if (!f.text || f.text === 'property' || known.includes(f.text)) continue;
    ctx.report('C201', f.range, `'${f.text}' is not a ticket field a case can match on.`, { help: `A case matches on ${known.join(', ')} (the property always).` });
  }
}

function mergeChannels(ctx: CheckContext, item: A.RepeatsMerge): void {
  const channel = ctx.policy.attributes.get('channel');
  for (const c of item.channels) {
    if (!c.text || channel?.members.has(c.text)) continue;
    ctx.report(
      'C201',
      c.range,
      channel ? `'${c.text}' is not a channel: the attribute 'channel' has no such member.` : `'${c.text}' is not a channel: the policy declares no attribute 'channel'.`,
      channel ? { help: `Channels: ${[...channel.members.keys()].join(', ')}.` } : { help: 'Declare `attribute channel "报事渠道" { hotline_96310 "96310热线", … }`.' },
    );
  }
}

function window(ctx: CheckContext, item: A.RepeatsWithin): void {
  const v = resolveValue(ctx.policy, item.value);
  if (v.kind === 'Duration' && !v.negative && v.minutes > 0) return;
  ctx.report('C150', item.value.range, '`within` takes a positive duration, such as 30d: how long after an earlier report of the case a new one is a repeat.', {
    help: 'Write a duration (`30d`, `72h`) or a duration parameter; working days and bare numbers are not windows.',
  });
}

function locked(ctx: CheckContext, decl: A.RepeatsDecl): void {
  const final = ctx.inherited?.repeatsHistory.find((h) => h.node.final);
  if (!final) return;
  ctx.report('C103', decl.label?.range ?? decl.range, `The repeat convention is final in ${final.module}: a ${ctx.file.module.header.level} cannot state another.`, {
    help: `Remove this block; ${final.module} owns the convention (${final.uri}:${final.node.range.start.line}).`,
  });
}
