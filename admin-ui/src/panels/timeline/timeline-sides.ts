// A stored ticket under one policy text (the draft in the editor, or the active version),
// compiled in the browser with the files it extends and uses, as the engine's spans; then
// both sides over one window, ready to draw one above the other.
import { clockSpans, indexTickets, ticketErrors, type Ticket, type TicketSpans } from '../../../../engine/index.js';
import type { RelatedFile } from '../../form/policy-context.js';
import { compiledPolicy, problem, type ProblemLine } from '../try-ticket/evaluate-sides.js';
import { extentOf, sharedWindow, timelineOf, type TimelineSide, type Window } from './timeline-model.js';

export interface SideSpans {
  problems: ProblemLine[];
  spans?: TicketSpans;
}

/** The ticket's spans at `atMs` under the policy in `text`; what stops it (a policy that does not compile, a ticket it rejects) as problems. */
export function spansUnder(path: string, text: string, related: readonly RelatedFile[], ticket: unknown, atMs: number): SideSpans {
  const policy = compiledPolicy(path, text, related);
  if (!policy.value) return { problems: policy.problems };
  const invalid = ticketErrors(policy.value, ticket, '/ticket');
  if (invalid.length > 0) return { problems: invalid.map(problem) };
  // One ticket's own history: cross-ticket counts (households) see only this ticket, as on the try-ticket panel.
  const context = indexTickets([ticket as Ticket], policy.value.localDay);
  return { problems: [], spans: clockSpans(policy.value, ticket as Ticket, atMs, context) };
}

export interface DrawnSide {
  problems: ProblemLine[];
  timeline?: TimelineSide;
}

/** Each side's rows over the window that holds both, so their time axes line up. */
export function drawnSides<K extends string>(sides: Record<K, SideSpans>, createdMs: number): { window: Window; sides: Record<K, DrawnSide> } {
  const keys = Object.keys(sides) as K[];
  const extents = keys.flatMap((k) => (sides[k].spans ? [extentOf(sides[k].spans as TicketSpans, createdMs)] : []));
  const window = sharedWindow(extents.length > 0 ? extents : [{ fromMs: createdMs, toMs: createdMs }]);
  const drawn = {} as Record<K, DrawnSide>;
  for (const k of keys) {
    const s = sides[k];
    drawn[k] = s.spans ? { problems: s.problems, timeline: timelineOf(s.spans, window) } : { problems: s.problems };
  }
  return { window, sides: drawn };
}
