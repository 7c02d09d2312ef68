// `route` declarations: parsed into { kind: 'Route', name, label, items } with when, applies to
// and `to <roles>`; printed by the formatter in canonical layout; `route` is a keyword.
import { describe, expect, it } from 'vitest';
import { format, keywordWords, monarchLanguage, parse, type RouteDecl } from '../../grammar/index.js';

const SOURCE = `group g "测试"
route night_urgent "夜间紧急诉求转接值班经理" { applies to kind = complaint   when priority = urgent and not (createdAt in online) to duty_manager, desk_staff }
`;

describe('route', () => {
  it('parses name, label, scope, condition and roles', () => {
    const parsed = parse(SOURCE);
    expect(parsed.diagnostics).toEqual([]);
    const route = parsed.value.declarations[0] as RouteDecl;
    expect(route.kind).toBe('Route');
    expect(route.name.text).toBe('night_urgent');
    expect(route.label?.value).toBe('夜间紧急诉求转接值班经理');
    expect(route.items.map((i) => i.kind)).toEqual(['Scope', 'When', 'RouteTo']);
    const to = route.items[2];
    expect(to?.kind === 'RouteTo' ? to.roles.map((r) => r.text) : []).toEqual(['duty_manager', 'desk_staff']);
    expect(route.range.start).toMatchObject({ line: 2, column: 1 });
  });

  it('formats one clause a line, and the result formats to itself', () => {
    const out = format(SOURCE).value;
    expect(out).toBe(`group g "测试"

route night_urgent "夜间紧急诉求转接值班经理" {
  applies to kind = complaint
  when priority = urgent and not (createdAt in online)
  to duty_manager, desk_staff
}
`);
    expect(format(out as string).value).toBe(out);
  });

  it('is a reserved word, highlighted as a keyword', () => {
    expect(keywordWords).toContain('route');
    expect(JSON.stringify(monarchLanguage())).toContain('"route"');
    expect(parse('group g "x"\nclock route { start a }\n').diagnostics.map((d) => d.code)).toContain('P106');
  });

  it('a route missing its closing brace is one parse error, not a cascade', () => {
    const parsed = parse('group g "x"\nroute r { to a\n');
    expect(parsed.diagnostics.map((d) => d.code)).toEqual(['P105']);
  });
});
