import { describe, expect, it } from 'vitest';
import type * as A from '../../grammar/ast.js';
import type { Diagnostic } from '../../grammar/diagnostics.js';
import { parse } from '../../grammar/parse.js';

/** `P104 2:9-2:17`: the code and the 1-based range (end exclusive) of each diagnostic. */
function pinned(text: string): string[] {
  return parse(text).diagnostics.map(describeDiagnostic);
}

function describeDiagnostic(d: Diagnostic): string {
  const { start, end } = d.range;
  return `${d.code} ${start.line}:${start.column}-${end.line}:${end.column}`;
}

function declarationKinds(text: string): string[] {
  return parse(text).value.declarations.map((d) => d.kind);
}

describe('parse diagnostics', () => {
  describe('with an unexpected character', () => {
    it('reports P101 on the character', () => {
      expect(pinned('group a\nparam x = 2h #')).toEqual(['P101 2:14-2:15']);
    });

    it('reports only P101 on a full-width colon, and reads it as a colon', () => {
      const { diagnostics, value } = parse('group a\nparam x：duration = 2h');
      expect(diagnostics.map(describeDiagnostic)).toEqual(['P101 2:8-2:9']);
      expect(value.declarations[0]).toMatchObject({ kind: 'Param', type: { text: 'duration' } });
    });

    it('reports each full-width brace and comma once, and reads the block', () => {
      const text = 'group a\ncategories｛ a "x"， b ｝';
      expect(pinned(text)).toEqual(['P101 2:11-2:12', 'P101 2:18-2:19', 'P101 2:22-2:23']);
      expect(parse(text).value.declarations[0]).toMatchObject({ kind: 'Enum', members: [{ name: { text: 'a' } }, { name: { text: 'b' } }] });
    });

    it('reads full-width parentheses of a call as parentheses', () => {
      const text = 'group a\nwarning w { when overdue（resolve） >= 3d }';
      expect(pinned(text)).toEqual(['P101 2:25-2:26', 'P101 2:33-2:34']);
      const warning = parse(text).value.declarations[0] as A.WarningDecl;
      expect((warning.items[0] as A.WhenItem).condition).toMatchObject({ left: { kind: 'Call', callee: { text: 'overdue' } }, op: '>=' });
    });

    it('reports one P101 for a run of unknown characters', () => {
      expect(pinned('group a ###')).toEqual(['P101 1:9-1:12']);
    });
  });

  describe('with an unterminated string', () => {
    it('reports P102 from the quote to the end of the line', () => {
      expect(pinned('group a\nzone "Asia/Shanghai\nparam x = 1')).toEqual(['P102 2:6-2:20']);
    });

    it('does not also report the closing brace the string swallowed', () => {
      expect(pinned('group a\ncategories { a "x", b "y }\ntiers { u }')).toEqual(['P102 2:23-2:27']);
      expect(declarationKinds('group a\ncategories { a "x", b "y }\ntiers { u }')).toEqual(['Enum', 'Enum']);
    });

    it('still reports an independent mistake on a later line', () => {
      expect(pinned('group a\nparam x = "abc\nfoo bar\nparam y = 1')).toEqual(['P102 2:11-2:15', 'P103 3:1-3:8']);
    });
  });

  describe('with an unexpected token', () => {
    it('reports P103 over a junk declaration', () => {
      expect(pinned('group a\nfoo bar\nparam y = 1')).toEqual(['P103 2:1-2:8']);
    });

    it('reports P103 over junk inside a block and keeps the items after it', () => {
      const text = 'group a\nclock c { wen kind = repair stop b }';
      expect(pinned(text)).toEqual(['P103 2:11-2:28']);
      expect(parse(text).value.declarations[0]).toMatchObject({ kind: 'Clock', items: [{ kind: 'ClockEvents', role: 'stop' }] });
    });

    it('reports P103 on a stray closing brace between declarations', () => {
      expect(pinned('group a\nclock c { start a } }\nclock d { }')).toEqual(['P103 2:21-2:22']);
    });

    it('reports P103 where a value is missing', () => {
      expect(pinned('group a\nparam x = \nparam y = 1')).toEqual(['P103 3:1-3:6']);
    });

    it('reports P103 where a condition is missing', () => {
      expect(pinned('group a\nwarning w { when }')).toEqual(['P103 2:18-2:19']);
    });

    it('reports P103 where a type is missing after the colon', () => {
      expect(pinned('group a\nparam x: = 1')).toEqual(['P103 2:10-2:11']);
    });
  });

  describe('with a missing token', () => {
    it('reports P104 on the type when the colon before it is missing', () => {
      expect(pinned('group a\nparam x duration = 2h')).toEqual(['P104 2:9-2:17']);
    });

    it('reports P104 on the value when the colon of a target row is missing', () => {
      expect(pinned('group a\nclock c { target { */urgent 15m } }')).toEqual(['P104 2:29-2:32']);
    });

    it('reports a closing brace missing mid-file at the end of its block, not at the next declaration', () => {
      const text = 'group a\nclock c {\n  start a\n  stop b\n\nwarning w { notify x }';
      expect(pinned(text)).toEqual(['P104 4:9-4:9']);
      expect(declarationKinds(text)).toEqual(['Clock', 'Warning']);
    });

    it('reports P104 on the first token when the header is missing', () => {
      expect(pinned('param x = 1')).toEqual(['P104 1:1-1:6']);
      expect(declarationKinds('param x = 1')).toEqual(['Param']);
    });

    it('reports P104, not P106, when the block before a declaration is not closed', () => {
      expect(pinned('group a\ncategories { a "x"\ntiers { u }')).toEqual(['P104 2:19-2:19']);
    });

    it('reports P104 for a list missing its comma', () => {
      expect(pinned('group a\nwarning w { when a in (b c) }')).toEqual(['P104 2:26-2:27']);
    });
  });

  describe('with a missing closing brace', () => {
    it('reports P105 just after the last token', () => {
      expect(pinned('group a\nclock c { start a')).toEqual(['P105 2:18-2:18']);
    });

    it('reports one P105 when several blocks are left open', () => {
      expect(pinned('group a\nclock c { target { */urgent: 15m')).toEqual(['P105 2:33-2:33']);
    });
  });

  describe('with an empty file', () => {
    it('reports P105 at the start', () => {
      expect(pinned('')).toEqual(['P105 1:1-1:1']);
    });
  });

  describe('with a header cut short', () => {
    it('reports P105 after extends', () => {
      expect(pinned('group a extends')).toEqual(['P105 1:16-1:16']);
    });
  });

  describe('with a reserved word as a name', () => {
    it('reports P106 on a clock named start', () => {
      expect(pinned('group a\nclock start { }')).toEqual(['P106 2:7-2:12']);
    });

    it('reports P106 on a parameter named in', () => {
      expect(pinned('group a\nparam in = 2')).toEqual(['P106 2:7-2:9']);
    });

    it('reports P106 on a member named when', () => {
      expect(pinned('group a\ntiers { urgent, when }')).toEqual(['P106 2:17-2:21']);
    });

    it('reports P106 on a penalty level named start', () => {
      expect(pinned('group a\npenalties { blue 1 point, start 2 points }')).toEqual(['P106 2:27-2:32']);
    });

    it('suggests another name', () => {
      expect(parse('group a\nclock start { }').diagnostics[0]?.help).toContain('start_');
    });

    it('keeps the declaration, with an empty name', () => {
      expect(parse('group a\nclock start { }').value.declarations[0]).toMatchObject({ kind: 'Clock', name: { text: '' } });
    });
  });

  describe('with three mistakes in three declarations', () => {
    const text = [
      'group a', //                                    line 1
      'param contact_within duration = 2h', //         line 2: missing colon
      'clock c { start a stop b target { */urgent 15m } }', // line 3: missing colon in a row
      'warning w { when overdue(resolve) >= }', //     line 4: missing value
      'penalties { blue 1 point }', //                 line 5: fine
    ].join('\n');

    it('reports each with its own code and place, from one parse', () => {
      expect(pinned(text)).toEqual(['P104 2:22-2:30', 'P104 3:44-3:47', 'P103 4:38-4:39']);
    });

    it('keeps every declaration in the AST', () => {
      expect(declarationKinds(text)).toEqual(['Param', 'Clock', 'Warning', 'Penalties']);
    });
  });

  describe('with three different kinds of mistake', () => {
    const text = [
      'group a',
      'calendar office { mon-fri 08:30-12:00 }',
      'clock start { stop b }', //                     P106
      'categories { a "工程 }', //                      P102
      'tiers { urgent }',
      'foo', //                                        P103
    ].join('\n');

    it('reports each of them in source order', () => {
      expect(pinned(text)).toEqual(['P106 3:7-3:12', 'P102 4:16-4:21', 'P103 6:1-6:4']);
    });

    it('keeps the declarations around them', () => {
      expect(declarationKinds(text)).toEqual(['Calendar', 'Clock', 'Enum', 'Enum']);
    });
  });

  describe('with an error inside one declaration', () => {
    it('does not swallow the declarations that follow', () => {
      const text = 'group a\nclock c { start a stop b target }\nparam x = 1\nwarning w { notify x }';
      expect(pinned(text)).toEqual(['P103 2:33-2:34']);
      expect(declarationKinds(text)).toEqual(['Clock', 'Param', 'Warning']);
    });

    it('keeps the items of the block before and after the error', () => {
      const text = 'group a\nclock c { start a target stop b }';
      expect(pinned(text)).toEqual(['P103 2:26-2:30']);
      expect(parse(text).value.declarations[0]).toMatchObject({
        kind: 'Clock',
        items: [{ kind: 'ClockEvents', role: 'start' }, { kind: 'Target' }, { kind: 'ClockEvents', role: 'stop' }],
      });
    });
  });

  describe('with conditions nested too deep', () => {
    it('reports P103 at the first parenthesis past the limit, without overflowing the stack', () => {
      const text = `group a\nwarning w { when ${'('.repeat(2000)}a${')'.repeat(2000)} }`;
      const { diagnostics } = parse(text);
      expect(diagnostics[0]?.code).toBe('P103');
      expect(diagnostics[0]?.range.start.column).toBe(18 + 32);
    });

    it('accepts nesting up to the limit', () => {
      expect(pinned(`group a\nwarning w { when ${'('.repeat(32)}a${')'.repeat(32)} }`)).toEqual([]);
    });

    it('does not overflow on thousands of nots or nested calls', () => {
      expect(parse(`group a\nwarning w { when ${'not '.repeat(5000)}a }`).diagnostics[0]?.code).toBe('P103');
      expect(parse(`group a\nwarning w { when ${'f('.repeat(5000)}a${')'.repeat(5000)} }`).diagnostics.length).toBeGreaterThan(0);
    });
  });

  describe('with a very large number of errors', () => {
    it('returns diagnostics instead of overflowing the stack', () => {
      const text = `group a\n${'foo param x = 1\n'.repeat(5000)}`;
      const { diagnostics } = parse(text);
      expect(diagnostics.length).toBeGreaterThan(100);
      expect(diagnostics.every((d) => d.code === 'P103')).toBe(true);
    });
  });

  describe('diagnostics', () => {
    it('come in source order whichever step found them', () => {
      const offsets = parse('group a\nfoo\nparam x = "abc\nclock c { # }').diagnostics.map((d) => d.range.start.offset);
      expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    });

    it('are errors', () => {
      expect(parse('group a\nfoo\nparam x = "abc\nclock c { # ').diagnostics.every((d) => d.severity === 'error')).toBe(true);
    });
  });
});
