// The syntax of `pause at most`, `pause reasons`, `charge … level` and `void … when …`:
// what the AST says, and that the formatter prints each in canonical form and keeps the
// AST and the comments (in the order written, charge and voids among the penalty rows).
import { describe, expect, it } from 'vitest';
import { format } from '../../grammar/format/format.js';
import { parse } from '../../grammar/parse.js';
import type * as A from '../../grammar/ast.js';
import { stripRanges } from './ast-helpers.js';

const SOURCE = `group g "G"
pause   at most 7d
pause reasons { waiting_parts "等待配件", owner_away "业主不在" }
clock resolve {
  start received
  pause paused
  pause at most limit
  target 1d
}
penalties "扣分" {
  blue 0.2 points
  final  charge each level // why
  void "无效投诉" "invalid complaint" when flags has ok
  red 1 point
}
`;

describe('pause limits, pause reasons, charge and void', () => {
  const { value: module, diagnostics } = parse(SOURCE);

  it('parse into their own nodes', () => {
    expect(diagnostics).toEqual([]);
    const [limit, reasons, clock, penalties] = module.declarations as [A.PauseLimit, A.PauseReasonsDecl, A.ClockDecl, A.PenaltiesDecl];
    expect([limit.kind, limit.value.kind === 'Duration' && limit.value.minutes]).toEqual(['PauseLimit', 7 * 1440]);
    expect(reasons.members.map((m) => m.name.text)).toEqual(['waiting_parts', 'owner_away']);
    const own = clock.items.find((i): i is A.PauseLimit => i.kind === 'PauseLimit');
    expect(own?.value.kind === 'NameRef' && own.value.name.text).toBe('limit');
    expect(clock.items.filter((i) => i.kind === 'ClockEvents').map((i) => (i as A.ClockEvents).role)).toEqual(['start', 'pause']);
    expect(penalties.charges?.map((c) => [c.final, c.mode.text, c.unit.text])).toEqual([[true, 'each', 'level']]);
    expect(penalties.voids?.map((v) => [v.zh.value, v.en?.value, v.when.condition.kind])).toEqual([['无效投诉', 'invalid complaint', 'Comparison']]);
    expect(penalties.rows.map((r) => r.level.text)).toEqual(['blue', 'red']);
  });

  it('format canonically, in the order written, and keep the AST', () => {
    const out = format(SOURCE).value as string;
    expect(out).toContain('pause at most 7d\n');
    expect(out).toContain('pause reasons {\n  waiting_parts "等待配件"\n  owner_away "业主不在"\n}\n');
    expect(out).toContain('  pause at most limit\n');
    expect(out).toContain('  blue 0.2 points\n  final charge each level  // why\n  void "无效投诉" "invalid complaint" when flags has ok\n  red 1 point\n');
    expect(stripRanges(parse(out).value)).toEqual(stripRanges(module));
    expect(format(out).value).toBe(out);
  });

  it('a void without its condition is a syntax error, not a void that always holds', () => {
    expect(parse('group g "G"\npenalties { void "无效" "invalid" }\n').diagnostics.map((d) => d.code)).toEqual(['P104']);
  });
});
