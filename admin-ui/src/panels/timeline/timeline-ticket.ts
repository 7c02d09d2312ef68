// The stored ticket a timeline is drawn for: GET /v1/tickets/{id}, same origin, its
// problem answer as an ApiError (a 404 names the ticket, a 403 the property).
import { errorOf } from '../../api/index.js';

/** Ticket ids are bounded where they are stored; a longer one is refused before it is sent. */
export const MAX_TICKET_ID = 200;

export async function loadTicket(id: string, options: { signal?: AbortSignal; fetch?: typeof fetch; base?: string } = {}): Promise<unknown> {
  if (id === '' || id.length > MAX_TICKET_ID) throw new RangeError(`A ticket id has 1 to ${MAX_TICKET_ID} characters.`);
  const fetcher = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const res = await fetcher(`${options.base ?? ''}/v1/tickets/${encodeURIComponent(id)}`, {
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!res.ok) throw errorOf(res.status, body);
  if (!body || typeof body !== 'object') throw errorOf(502, undefined);
  return body;
}
