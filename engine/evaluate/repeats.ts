// `repeatCount` under the policy's `repeats` rule (二次投诉). A ticket's case is its property
// and the rule's `case` fields (all non-empty). An earlier report of the case is a repeat
// source when the ticket came `within` the window after it (inclusive), or, with
// `while unresolved`, while it was still unresolved: it had no `resolved` event at or before
// the ticket's createdAt. Only the earlier ticket's own events are read, and only its first
// `resolved` instant: a ticket resolved and later reopened counts as resolved from then on
// (the reopened case is the same ticket, not a new report). Reports on a `merge same day`
// channel on one local day of the policy's zone are one report: it counts once, when any of
// its calls would count; and a ticket on such a channel is no repeat of the report it merges
// into. Only reports created strictly before the ticket are read, so answers do not change as
// history grows and a simulation can stream tickets in creation order. Both contexts
// (context.ts) answer through countRepeats, so they agree.
import type { RepeatRule } from '../compile/types.js';
import type { Ticket } from '../ticket.js';
import { parseInstant } from './instant.js';
import type { ParsedTicket } from './parsed.js';

/** One ticket as a repeat rule sees it. */
export interface RepeatReport {
  ms: number;
  /** Local day of `ms` in the policy's zone. */
  day: number;
  /** On one of the rule's `merge same day` channels. */
  merges: boolean;
  /** The first `resolved` event's instant; Infinity while there is none. */
  resolvedMs: number;
}

/** The case a ticket belongs to under a rule, as a key; undefined when a case field is empty. */
export function caseKeyOf(rule: RepeatRule, ticket: Ticket): string | undefined {
  let key = ticket.property;
  // Indexed: the compiled rule's fields are frozen, which for-of walks several times slower.
  const fields = rule.caseFields;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] as string;
    const value = (ticket as Record<string, unknown>)[field];
    if (typeof value !== 'string' || !value) return undefined;
    key += `\u0000${value}`;
  }
  return key;
}

/** `times`: the events' instants, already parsed (ParsedTicket.times), when the caller has them. */
export function firstResolvedMs(ticket: Ticket, times?: readonly number[]): number {
  let first = Infinity;
  const events = ticket.events;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (e.type !== 'resolved') continue;
    const ms = times ? times[i]! : parseInstant(e.at);
    if (ms < first) first = ms;
  }
  return first;
}

/** `parsed`: the ticket's instants (parseTicket), so that a streamed ticket's events are not parsed again. */
export function repeatReport(rule: RepeatRule, ticket: Ticket, createdMs: number, localDay: (ms: number) => number, parsed?: ParsedTicket): RepeatReport {
  return {
    ms: createdMs,
    day: localDay(createdMs),
    merges: typeof ticket.channel === 'string' && rule.mergeChannels.has(ticket.channel),
    resolvedMs: firstResolvedMs(ticket, parsed?.times),
  };
}

/** Whether an earlier report makes a report at `atMs` a repeat of it. Never true again once false for a later `atMs`. */
export function isRepeatSource(rule: RepeatRule, earlier: RepeatReport, atMs: number): boolean {
  if (rule.withinMinutes !== null && atMs - earlier.ms <= rule.withinMinutes * 60_000) return true;
  return rule.whileUnresolved && earlier.resolvedMs > atMs;
}

/** The repeat count of `own` among the reports of its case (in any order; later ones and itself are skipped). */
export function countRepeats(rule: RepeatRule, reports: Iterable<RepeatReport>, own: RepeatReport): number {
  let n = 0;
  let mergedDays: Set<number> | undefined;
  for (const e of reports) {
    if (e.ms >= own.ms || !isRepeatSource(rule, e, own.ms)) continue;
    if (e.merges) {
      if (own.merges && e.day === own.day) continue;
      mergedDays ??= new Set();
      if (mergedDays.has(e.day)) continue;
      mergedDays.add(e.day);
    }
    n++;
  }
  return n;
}
