// `applies to <condition>` on clocks, target rows, warnings and penalty rows, and
// `final param`: parsed into the AST where they were written, printed back by the
// formatter on the same line as their row, and stable under a second formatting.
import { describe, expect, it } from 'vitest';
import type { ClockDecl, PenaltiesDecl, ParamDecl, WarningDecl } from '../../grammar/ast.js';
import { format } from '../../grammar/format/format.js';
import { parse } from '../../grammar/parse.js';
import { commentTexts, stripRanges } from './ast-helpers.js';

const SOURCE = [
  'group g "测试"',
  'final param share_window "统计窗口": duration = 30d',
  'clock reply {',
  '  start received',
  '  stop replied',
  '  applies to kind = complaint and channel = platform',
  '  target {',
  '    *:         24h',
  '    *:         4h applies to kind = complaint // 001',
  '    */urgent:  2h',
  '  }',
  '}',
  'warning blue {',
  '  applies to kind in (complaint, suggestion)',
  '  when overdue(reply) >= 3d',
  '}',
  'penalties {',
  '  blue 0.2 points',
  '  blue 0.5 points applies to channel = platform',
  '}',
  '',
].join('\n');

describe('scopes in the grammar', () => {
  const parsed = parse(SOURCE);
  const decl = <K extends string>(kind: K) => parsed.value?.declarations.find((d) => d.kind === kind);

  it('parses without diagnostics', () => {
    expect(parsed.diagnostics).toEqual([]);
  });

  it('gives a clock a Scope item with its condition', () => {
    const clock = decl('Clock') as ClockDecl;
    const scope = clock.items.find((i) => i.kind === 'Scope');
    expect(scope?.kind).toBe('Scope');
    expect(scope && 'condition' in scope ? scope.condition.kind : undefined).toBe('And');
    expect(scope?.range.start).toMatchObject({ line: 6, column: 3 });
  });

  it('gives a target row its own scope, and leaves other rows without one', () => {
    const clock = decl('Clock') as ClockDecl;
    const target = clock.items.find((i) => i.kind === 'Target');
    const rows = target && target.kind === 'Target' ? target.rows : [];
    expect(rows.map((r) => Boolean(r.scope))).toEqual([false, true, false]);
    expect(rows[1]?.scope?.condition).toMatchObject({ kind: 'Comparison', op: '=', left: { kind: 'NameRef', name: { text: 'kind' } } });
  });

  it('gives a warning a Scope item and a penalty row a scope', () => {
    const warning = decl('Warning') as WarningDecl;
    expect(warning.items.map((i) => i.kind)).toEqual(['Scope', 'When']);
    const penalties = decl('Penalties') as PenaltiesDecl;
    expect(penalties.rows.map((r) => Boolean(r.scope))).toEqual([false, true]);
  });

  it('marks a final parameter, and only that one', () => {
    expect((decl('Param') as ParamDecl).final).toBe(true);
    const plain = parse('group g\nparam x: duration = 1h\n').value?.declarations[0] as ParamDecl;
    expect(plain.final).toBeUndefined();
  });

  it.each(['applies', 'to', 'final'])('reserves %s: it cannot be a name', (word) => {
    const result = parse(`group g\nevents { ${word} }\n`);
    expect(result.diagnostics.map((d) => d.code)).toContain('P106');
  });
});

describe('format with scopes', () => {
  it('prints every scope where it was written, and is stable', () => {
    const out = format(SOURCE).value as string;
    expect(out).toContain('final param share_window "统计窗口": duration = 30d\n');
    expect(out).toContain('  applies to kind = complaint and channel = platform\n');
    expect(out).toContain('    *:        4h applies to kind = complaint  // 001\n');
    expect(out).toContain('  applies to kind in (complaint, suggestion)\n');
    expect(out).toContain('  blue 0.5 points applies to channel = platform\n');
    expect(format(out).value).toBe(out);
  });

  it('keeps the AST and the comments', () => {
    const out = format(SOURCE).value as string;
    expect(stripRanges(parse(out).value)).toEqual(stripRanges(parse(SOURCE).value));
    expect(commentTexts(out)).toEqual(commentTexts(SOURCE));
  });
});
