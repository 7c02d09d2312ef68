// A ticket read once per evaluation: instants parsed to epoch ms, events
// sorted, fields looked up by name. Input is already validated (validate.ts).
import type { TicketFacts } from '../compile/types.js';
import type { Ticket } from '../ticket.js';

export interface TicketTimeline {
  types: string[];
  times: number[];
}

export interface ReadTicket {
  ticket: Ticket;
  facts: TicketFacts;
  /** Events up to and including `at`, in time order (ties keep their order). */
  events: TicketTimeline;
  atMs: number;
}

function ms(text: string | null | undefined): number | null {
  if (!text) return null;
  const v = Date.parse(text);
  return Number.isNaN(v) ? null : v;
}

export function readTicket(ticket: Ticket, atMs: number, repeatCount?: number): ReadTicket {
  const createdMs = ms(ticket.createdAt) ?? atMs;
  const list = ticket.events
    .map((e, i) => ({ type: e.type, t: ms(e.at) ?? Number.NaN, i }))
    .filter((e) => e.t <= atMs)
    .sort((a, b) => a.t - b.t || a.i - b.i);
  const flags = new Set(ticket.flags ?? []);
  const appointmentMs = ms(ticket.appointmentAt ?? null);
  const repeats = Math.max(ticket.repeatCount ?? 0, repeatCount ?? 0);
  const facts: TicketFacts = {
    createdMs,
    flags,
    field: (name) => (name === 'repeatCount' ? repeats : (ticket as Record<string, unknown>)[name]),
    instant: (name) => (name === 'createdAt' ? createdMs : name === 'appointmentAt' ? appointmentMs : ms((ticket as Record<string, unknown>)[name] as string)),
  };
  return { ticket, facts, events: { types: list.map((e) => e.type), times: list.map((e) => e.t) }, atMs };
}
