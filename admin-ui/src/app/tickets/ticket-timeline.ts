// Tickets now → one ticket's timeline under the active policy of its property (there is
// no draft on this page): the stored ticket, the property's active text, the texts it
// extends and uses, and where a rule's file is edited. The timeline's module (with the
// engine and, when it draws, ECharts) loads only when a timeline is first opened.
import type { ApiClient, Organisation } from '../../api/index.js';
import { PolicySources, pathOf, type Related } from '../policy-sources.js';

export interface TimelineInputs {
  ticket: unknown;
  activeText: string | null;
  path: string;
  related: Related[];
  /** The scope whose policy page edits a file, by the file's name (`<path>@active` read as `<path>`). */
  scopeOf(uri: string | undefined): string | undefined;
}

export async function timelineInputs(api: ApiClient, ticketId: string, propertyId: string): Promise<TimelineInputs> {
  const [{ loadTicket }, all] = await Promise.all([import('../../panels/timeline/timeline-ticket.js'), api.organisations(), import('../../panels/timeline/timeline.js')]);
  const property = all.find((o) => o.id === propertyId);
  if (!property) throw new Error(propertyId);
  const sources = new PolicySources(api);
  const [ticket, activeText, related] = await Promise.all([loadTicket(ticketId), sources.activeText(propertyId), sources.relatedOf(all, propertyId)]);
  const path = pathOf(property);
  const byPath = new Map<string, Organisation>(all.map((o) => [pathOf(o), o]));
  return {
    ticket,
    activeText,
    path,
    related,
    scopeOf: (uri) => (uri === undefined ? propertyId : byPath.get(uri.replace(/@active$/, ''))?.id),
  };
}
