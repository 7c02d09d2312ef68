// The oracle that simulation property tests compare a Simulation's warning counts with:
// each ticket evaluated on its own against a context indexed over the whole history.
import { evaluateCore, type CompiledPolicy, type Ticket, type TicketContext } from '../../../engine/index.js';

/** How many tickets end at each warning level ('none' included) under `policy` at `at`. */
export function warningTally(policy: CompiledPolicy, tickets: readonly Ticket[], at: string, context: TicketContext): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of tickets) {
    const top = evaluateCore(policy, t, Date.parse(at), context).top?.name ?? 'none';
    out[top] = (out[top] ?? 0) + 1;
  }
  return out;
}
