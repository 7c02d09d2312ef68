// Which simulation worker owns a ticket, from the ticket as parsed (so the JSON's
// spacing cannot matter). share() and repeat counts compare a ticket only with tickets
// of the same property (and, for repeats and share(issueKey, ...), the same issueKey),
// so every ticket of such a group must meet the same streaming context, in file order.
import type { Ticket } from '../engine/index.js';

/** A string hash (FNV-1a over UTF-16 code units): the same owner in every worker and every run. */
function hash(text: string, h = 0x811c9dc5): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The worker (0..shards-1) that simulates `ticket`. By property alone, unless every
 * share() of both policies counts by issueKey (`byIssue`): then by property and issueKey,
 * which spreads a property with most of the tickets over all workers. A ticket without an
 * issueKey takes part in no such count and goes by its id.
 */
export function ownerOf(ticket: Ticket, shards: number, byIssue: boolean): number {
  if (shards === 1) return 0;
  let h = hash(ticket.property);
  if (byIssue) {
    const key = typeof ticket.issueKey === 'string' && ticket.issueKey !== '' ? ticket.issueKey : `\u0000${ticket.id}`;
    h = hash(key, Math.imul(h ^ 0xff, 0x01000193) >>> 0);
  }
  return h % shards;
}
