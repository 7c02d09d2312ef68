// Voided warning levels in the ledger. 004 第十条(二)4: a non-responsibility statement the
// group's service centre accepts turns the complaint into an invalid one (做无效投诉处理),
// so the warnings it raised no longer cost the unit. The engine reports such levels on
// the evaluation result; the ledger never records them, and reverses (never deletes)
// those it recorded before the statement was accepted.
//
// The shape expected from the engine (EvaluationResult):
//   voided?: { level: string; reason: { zh: string; en: string } }[]
// each a warning level the ticket reached that an accepted statement voids, with why.
import type { LedgerReversal, Repository } from './store/index.js';

export interface VoidedLevel {
  level: string;
  reason: { zh: string; en: string };
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** The levels an evaluation result reports voided; none when it reports none (an engine without voiding). */
export function voidedLevels(result: unknown): VoidedLevel[] {
  const list = (result as { voided?: unknown } | null)?.voided;
  if (!Array.isArray(list)) return [];
  const out: VoidedLevel[] = [];
  for (const item of list as unknown[]) {
    const { level, reason } = (item ?? {}) as { level?: unknown; reason?: { zh?: unknown; en?: unknown } };
    if (isText(level) && isText(reason?.zh) && isText(reason?.en)) out.push({ level, reason: { zh: reason.zh, en: reason.en } });
  }
  return out;
}

/** Reverses the recorded entries of the ticket's voided levels, at `atMs`; returns the new reversals. */
export async function reverseVoided(repository: Repository, ticketId: string, voided: readonly VoidedLevel[], atMs: number): Promise<LedgerReversal[]> {
  if (voided.length === 0) return [];
  return repository.reverseLedger(voided.map((v) => ({ ticketId, level: v.level, reason: v.reason, reversedAt: new Date(atMs) })));
}
