// The syntax of `repeats { case … within … while unresolved merge same day … }` (the policy's
// repeat convention): what the AST says, and that the formatter prints it canonically, one clause
// a line, and keeps the AST and the comments.
import { describe, expect, it } from 'vitest';
import { contentAssist } from '../../grammar/index.js';
import { format } from '../../grammar/format/format.js';
import { parse } from '../../grammar/parse.js';
import type * as A from '../../grammar/ast.js';
import { stripRanges } from './ast-helpers.js';

const SOURCE = `group g "G"
final   repeats "二次投诉" { case issueKey,household within 30d
  while   unresolved // either suffices
  merge same day hotline_96310 , app }
repeats { within window }
param window: duration = 1d
`;

describe('repeats', () => {
  const { value: module, diagnostics } = parse(SOURCE);

  it('parses into one node with its clauses in the order written', () => {
    expect(diagnostics).toEqual([]);
    const [first, second, param] = module.declarations as [A.RepeatsDecl, A.RepeatsDecl, A.ParamDecl];
    expect([first.kind, first.final, first.label?.value]).toEqual(['Repeats', true, '二次投诉']);
    expect(first.items.map((i) => i.kind)).toEqual(['RepeatsCase', 'RepeatsWithin', 'RepeatsWhileUnresolved', 'RepeatsMerge']);
    const [cases, within, , merge] = first.items as [A.RepeatsCase, A.RepeatsWithin, A.RepeatsWhileUnresolved, A.RepeatsMerge];
    expect(cases.fields.map((f) => f.text)).toEqual(['issueKey', 'household']);
    expect(within.value.kind === 'Duration' && within.value.minutes).toBe(30 * 1440);
    expect(merge.channels.map((c) => c.text)).toEqual(['hotline_96310', 'app']);
    expect([second.final, second.label]).toEqual([undefined, undefined]);
    expect((second.items[0] as A.RepeatsWithin).value.kind).toBe('NameRef');
    // `final param` still parses after `final repeats` took the same first token.
    expect(param.kind).toBe('Param');
  });

  it('formats canonically and keeps the AST', () => {
    const out = format(SOURCE).value as string;
    expect(out).toContain(
      'final repeats "二次投诉" {\n  case issueKey, household\n  within 30d\n  while unresolved  // either suffices\n  merge same day hotline_96310, app\n}\n',
    );
    expect(out).toContain('repeats {\n  within window\n}\n');
    expect(stripRanges(parse(out).value)).toEqual(stripRanges(module));
    expect(format(out).value).toBe(out);
  });

  it('`while` needs `unresolved`, and `merge` needs `same day`', () => {
    expect(parse('group g "G"\nrepeats { while open }\n').diagnostics.map((d) => d.code)).toEqual(['P104']);
    expect(parse('group g "G"\nrepeats { merge hotline }\n').diagnostics.map((d) => d.code)).toEqual(['P104']);
  });

  it('content assist offers its clauses inside the block, `unresolved` after `while` and `same` after `merge`', () => {
    const keywordsAfter = (text: string) => contentAssist(text, text.length).next.flatMap((x) => (x.keyword ? [x.keyword] : [])).sort();
    expect(keywordsAfter('group g\nrepeats {\n  ')).toEqual(['case', 'merge', 'while', 'within']);
    expect(keywordsAfter('group g\nrepeats { while ')).toEqual(['unresolved']);
    expect(keywordsAfter('group g\nrepeats { merge ')).toEqual(['same']);
    expect(keywordsAfter('group g\nfinal ')).toEqual(['param', 'repeats']);
  });
});
