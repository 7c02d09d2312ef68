// The rates of 002 for a unit's tickets of a period, computed from the stored tickets and
// their evaluation, not stored as parameters:
// The targets are the group's parameters (`revisit_rate`, `valid_complaint_rate`); see rateTargets.
// - revisit rate (002 “回访处理率达100%”): of the tickets resolved by `at`, the share
//   revisited after their last resolution. 000 五.2 asks a revisit after every completed
//   report, so every kind counts. A ticket resolved and not yet revisited counts against
//   the rate until it is: a month's rate settles once its revisits are done.
// - valid complaint rate (002 “有效投诉率力争在1‰以下”): complaints (kind complaint) that
//   were not made invalid, per thousand households of the property. Households, not
//   tickets: 投诉率 is counted against the households served (as 004 第十一条(三) counts its
//   5% against 总住户), and a rate per ticket would rise when residents report less (the
//   same complaints over fewer repairs) and could never meet 1‰. A complaint is invalid
//   when its evaluation reports a level voided (an accepted non-responsibility statement,
//   004 第十条(二)4: “做无效投诉处理”). “力争” is advice: reported, never breached or charged.
import { evaluateCore, noContext, paramPercent, present, withProperties, type CompiledPolicy, type Ticket } from '../../engine/index.js';
import { voidedLevels } from '../voids.js';

/** 002: every resolved ticket revisited. */
export const REVISIT_TARGET_PERCENT = 100;
/** 002: valid complaints at most 1 per thousand households (advice: “力争”). */
export const VALID_COMPLAINT_LIMIT_PER_MILLE = 1;

/**
 * The targets the policy states (the group's `param revisit_rate` and `param
 * valid_complaint_rate`, percents), so a group that changes them changes its scores; 002's
 * figures for a policy that states neither.
 */
export function rateTargets(compiled: CompiledPolicy): { revisitPercent: number; validComplaintPerMille: number } {
  const revisit = paramPercent(compiled, 'revisit_rate');
  const valid = paramPercent(compiled, 'valid_complaint_rate');
  return {
    revisitPercent: revisit ?? REVISIT_TARGET_PERCENT,
    // A percent of households is ten times its per-mille figure: 0.1% = 1‰.
    validComplaintPerMille: valid === undefined ? VALID_COMPLAINT_LIMIT_PER_MILLE : Math.round(valid * 10 * 1000) / 1000,
  };
}

export interface RevisitRate {
  resolved: number;
  revisited: number;
  /** Percent, one decimal; null without a resolved ticket. */
  percent: number | null;
  target: number;
  /** null without a resolved ticket. */
  met: boolean | null;
}

export interface ValidComplaintRate {
  complaints: number;
  /** Of those, made invalid by an accepted non-responsibility statement. */
  invalid: number;
  valid: number;
  households: number;
  /** Valid complaints per thousand households, two decimals; null for a property without households. */
  perMille: number | null;
  limitPerMille: number;
  /** Reported only (002 “力争”), never breached or charged. */
  advisory: true;
  within: boolean | null;
}

export interface Rates {
  revisit: RevisitRate;
  validComplaints: ValidComplaintRate;
}

const at = (t: Ticket, type: string, atMs: number): number[] =>
  t.events
    .filter((e) => e.type === type)
    .map((e) => Date.parse(e.at))
    .filter((ms) => ms <= atMs);

/** Whether the ticket was resolved by `atMs`, and revisited after its last resolution. */
export function revisitState(t: Ticket, atMs: number): { resolved: boolean; revisited: boolean } {
  const resolved = at(t, 'resolved', atMs);
  if (resolved.length === 0) return { resolved: false, revisited: false };
  const last = Math.max(...resolved);
  return { resolved: true, revisited: at(t, 'revisited', atMs).some((ms) => ms >= last) };
}

/** The rates of `tickets` (one unit's, created in the period) at `atMs`; `households` of their property. */
export function ratesOf(
  compiled: CompiledPolicy,
  tickets: readonly Ticket[],
  households: number,
  atMs: number,
  /** Reads voided levels off an evaluation result (voids.ts's reading of the engine's `voided` by default). */
  readVoided: (result: unknown) => readonly unknown[] = voidedLevels,
): Rates {
  let resolved = 0;
  let revisited = 0;
  let complaints = 0;
  let invalid = 0;
  const context = withProperties(noContext, { households });
  for (const t of tickets) {
    const r = revisitState(t, atMs);
    if (r.resolved) resolved++;
    if (r.revisited) revisited++;
    if (t.kind !== 'complaint') continue;
    complaints++;
    if (readVoided(present(compiled, evaluateCore(compiled, t, atMs, context), false)).length > 0) invalid++;
  }
  const valid = complaints - invalid;
  const targets = rateTargets(compiled);
  const percent = resolved === 0 ? null : Math.round((revisited / resolved) * 1000) / 10;
  const perMille = households > 0 ? Math.round((valid / households) * 1000 * 100) / 100 : null;
  return {
    revisit: { resolved, revisited, percent, target: targets.revisitPercent, met: percent === null ? null : percent >= targets.revisitPercent },
    validComplaints: { complaints, invalid, valid, households, perMille, limitPerMille: targets.validComplaintPerMille, advisory: true, within: perMille === null ? null : perMille <= targets.validComplaintPerMille },
  };
}
