// The evaluation corpus: every folder in ./cases is a small policy, a ticket (and
// the tickets around it) and, in expected.json, what the engine must say about
// it at given instants. Expected values are worked out by hand; the arithmetic
// is written in each case's notes. The format is in ./README.md.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { evaluate, evaluationResultSchema, indexTickets, type EvaluationResult } from '../../../engine/index.js';
import { caseNames, compileCase, loadCase, type Check, type EvaluationCase } from './cases/load.js';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const validResult = new Ajv2020({ allErrors: true, strict: false }).compile(evaluationResultSchema);

/**
 * Where `actual` differs from the `expected` subset: objects compare only the keys
 * written, arrays compare element by element and by length, instants compare as
 * instants (the offset they are written with does not matter), numbers to 1e-9.
 */
function differences(actual: unknown, expected: unknown, path: string): string[] {
  if (expected === null || typeof expected !== 'object') {
    if (typeof expected === 'string' && INSTANT.test(expected) && typeof actual === 'string') {
      return Date.parse(actual) === Date.parse(expected) ? [] : [`${path}: expected ${expected}, got ${actual}`];
    }
    if (typeof expected === 'number' && typeof actual === 'number') {
      return Math.abs(actual - expected) < 1e-9 ? [] : [`${path}: expected ${expected}, got ${actual}`];
    }
    return Object.is(actual, expected) ? [] : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected a list, got ${JSON.stringify(actual)}`];
    if (actual.length !== expected.length) return [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
    return expected.flatMap((e, i) => differences(actual[i], e, `${path}[${i}]`));
  }
  if (actual === null || typeof actual !== 'object') return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
  return Object.entries(expected).flatMap(([k, v]) => differences((actual as Record<string, unknown>)[k], v, `${path}.${k}`));
}

/** Compares one check: `clocks` is keyed by name (null: the clock must be absent), the rest as a plain subset. */
function compare(result: EvaluationResult, wanted: Record<string, unknown>): string[] {
  const { clocks, ...rest } = wanted;
  const found: string[] = differences(result, rest, 'result');
  if (clocks !== undefined) {
    const byName = new Map(result.clocks.map((c) => [c.name, c]));
    for (const [name, want] of Object.entries(clocks as Record<string, unknown>)) {
      const clock = byName.get(name);
      if (want === null) {
        if (clock) found.push(`clocks.${name}: expected the clock not to apply, but it is in the result (${clock.state})`);
      } else if (!clock) {
        found.push(`clocks.${name}: expected in the result, but it is absent (clocks: ${[...byName.keys()].join(', ') || 'none'})`);
      } else {
        found.push(...differences(clock, want, `clocks.${name}`));
      }
    }
  }
  return found;
}

function run(c: EvaluationCase, check: Check): EvaluationResult {
  const policy = compileCase(c);
  const outcome = evaluate(policy, c.ticket, check.at, { context: indexTickets([c.ticket, ...c.related]) });
  if (!outcome.value) throw new Error(`${c.name}: the ticket was refused: ${outcome.errors.map((e) => `${e.code} ${e.pointer ?? ''} ${e.message}`).join('; ')}`);
  return outcome.value;
}

const names = caseNames();
const loaded = names.map((name) => {
  try {
    return loadCase(name);
  } catch (error) {
    return error as Error;
  }
});

describe('evaluation corpus (test/engine/evaluate/cases)', () => {
  names.forEach((name, i) => {
    const c = loaded[i] as EvaluationCase | Error;
    if (c instanceof Error) {
      it(`${name}: is a readable case`, () => {
        throw c;
      });
      return;
    }
    describe(`${name}: ${c.title}`, () => {
      for (const check of c.checks) {
        it(`at ${check.at}`, () => {
          const result = run(c, check);
          expect(validResult(result), JSON.stringify(validResult.errors)).toBe(true);
          expect(compare(result, check.expect)).toEqual([]);
        });
      }
    });
  });

  it('finds every case, each a folder with a kebab-case name', () => {
    expect(names.length).toBeGreaterThanOrEqual(35);
    expect(names.filter((n) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(n))).toEqual([]);
  });
});

describe('the corpus comparison', () => {
  it('ignores keys the case does not write and compares instants as instants', () => {
    expect(differences({ a: '2026-03-02T08:00:00+08:00', b: 1 }, { a: '2026-03-02T00:00:00Z' }, 'r')).toEqual([]);
  });

  it('reports a different number, a longer list and a missing object', () => {
    expect(differences({ n: 2, l: [1, 2], o: null }, { n: 1, l: [1], o: { x: 1 } }, 'r')).toHaveLength(3);
  });
});
