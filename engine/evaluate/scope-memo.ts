// Whether each clock's and warning's `applies to` admits a ticket, kept by the values of the
// ticket fields those scopes read. A scope such as `kind = complaint and channel = platform`
// gives every ticket with the same kind and channel the same answer, and a policy tests
// some thirty of them per ticket: about a tenth of a simulation's evaluation time went to
// answering the same few hundred combinations again (issue 13). Scopes that read anything
// else (a clock, a flag, an instant) are not kept: they are tested per ticket as before.
import type { CompiledCondition, ConditionEnv, TicketFacts } from '../compile/types.js';

/** Answers in a row: not known yet, admits, does not admit. */
const UNKNOWN = 0;
const ADMITS = 1;
const EXCLUDES = 2;

/**
 * Rows kept before the memo starts over: scopes over a field with many values (a unit, an
 * issueKey) would otherwise keep a row per value for ever.
 */
const MAX_ROWS = 4096;

export class ScopeMemo {
  /** The fields every kept scope reads, in a fixed order: the path to a row. */
  private readonly fields: string[];
  /** Positions whose scope is kept (the others are always tested). */
  private readonly kept: boolean[];
  private readonly positions: number;
  private root = new Map<unknown, unknown>();
  private rows = 0;

  /**
   * `scopes`: one per position (a clock's, then a warning's), undefined where there is none.
   * Only what they read is kept, not the conditions: policies with equal scopes share a memo
   * (core.ts), and each tests its own.
   */
  constructor(scopes: readonly (CompiledCondition | undefined)[]) {
    this.positions = scopes.length;
    const fields = new Set<string>();
    this.kept = scopes.map((s) => s?.fields !== undefined);
    for (const s of scopes) for (const f of s?.fields ?? []) fields.add(f);
    this.fields = [...fields];
  }

  /** Whether any scope is kept: without one, a row is never worth looking up. */
  get useful(): boolean {
    return this.kept.some((k) => k);
  }

  /**
   * The row of answers for the ticket's values of the fields, or undefined when a value
   * cannot key one (an object or a list, which only equals itself).
   */
  rowFor(facts: TicketFacts): Int8Array | undefined {
    const fields = this.fields;
    let level = this.root;
    for (let i = 0; i < fields.length; i++) {
      const value = facts.field(fields[i] as string);
      if (typeof value === 'object' && value !== null) return undefined;
      let next = level.get(value);
      if (next === undefined) {
        if (i === fields.length - 1) {
          if (++this.rows > MAX_ROWS) {
            this.root = new Map();
            this.rows = 0;
            return this.rowFor(facts);
          }
          next = new Int8Array(this.positions);
        } else next = new Map<unknown, unknown>();
        level.set(value, next);
      }
      if (i === fields.length - 1) return next as Int8Array;
      level = next as Map<unknown, unknown>;
    }
    // No field read at all (every kept scope is constant): one row for every ticket.
    let only = level.get(ROW_OF_NO_FIELDS) as Int8Array | undefined;
    if (!only) {
      only = new Int8Array(this.positions);
      level.set(ROW_OF_NO_FIELDS, only);
    }
    return only;
  }

  /**
   * Whether `scope`, the one at `position`, admits the ticket: from the row when it knows,
   * else tested (and kept in the row, for a kept scope).
   */
  admits(row: Int8Array | undefined, position: number, scope: CompiledCondition, env: ConditionEnv): boolean {
    const known = row ? row[position] : UNKNOWN;
    if (known !== UNKNOWN) return known === ADMITS;
    const admits = scope.test(env);
    if (row && this.kept[position]) row[position] = admits ? ADMITS : EXCLUDES;
    return admits;
  }
}

const ROW_OF_NO_FIELDS = Symbol('no fields');
