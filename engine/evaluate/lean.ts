// evaluateLean: evaluate()'s checks and decisions without its texts, for batch callers
// that want numbers (a nightly re-score, an export of levels and points). No instant is
// formatted and no reason written: the level, the points, and each applying clock's
// state, due time (epoch ms) and lateness, read straight from the core result. The same
// ticket gives the same decisions as evaluate() (test/engine/evaluate/lean.test.ts).
import type { CompiledPolicy } from '../compile/types.js';
import type { EngineError } from '../errors.js';
import type { ClockState } from '../ticket.js';
import { checkedCore, type EvaluateOptions } from './evaluate.js';

export interface LeanClock {
  name: string;
  state: ClockState;
  /** Epoch ms; null when the clock has no due time. */
  dueMs: number | null;
  overdueMinutes: number | null;
}

export interface LeanResult {
  ticketId: string;
  /** The top level reached, or 'none'. */
  level: string;
  /** Every level reached, lowest first (each charged once). */
  levels: string[];
  points: number;
  /**
   * The policy's clocks that apply to the ticket, in policy order. A level's tracked plan
   * clock (`<level>_plan`, plan-clocks.ts) is not among them: it starts when the level was
   * raised, which only the explained path (warningReasons) works out.
   */
  clocks: LeanClock[];
}

export type LeanOutcome = { value: LeanResult; errors: [] } | { value?: undefined; errors: EngineError[] };

/** Validates the ticket as evaluate() does (the same errors), then evaluates it to numbers only. */
export function evaluateLean(policy: CompiledPolicy, ticket: unknown, at: string | number | Date, options: Pick<EvaluateOptions, 'context' | 'property'> = {}): LeanOutcome {
  const checked = checkedCore(policy, ticket, at, options);
  if (!checked.core) return { errors: checked.errors };
  const core = checked.core;
  const clocks: LeanClock[] = [];
  for (const o of core.outcomes) if (o) clocks.push({ name: o.clock.name, state: o.state, dueMs: o.dueMs, overdueMinutes: o.overdueMinutes });
  return {
    value: { ticketId: core.read.ticket.id, level: core.top?.name ?? 'none', levels: core.reached.map((w) => w.name), points: core.points, clocks },
    errors: [],
  };
}
