// Mounting the app's Lit components in happy-dom with the API faked at fetch: each test
// says what the server answers per "METHOD path" and reads back what was asked.
import { ApiClient } from '../../../admin-ui/src/api/index.js';

export interface Call {
  method: string;
  url: string;
  accept: string | undefined;
  body: unknown;
}

export type Answer = { status?: number; body?: unknown; text?: string; type?: string };

/** A client whose fetch answers from `routes` ("GET /v1/users" → answer, or a function of the call); anything else 404s. */
export function fakeApi(routes: Record<string, Answer | ((call: Call) => Answer)>): { api: ApiClient; calls: Call[] } {
  const calls: Call[] = [];
  const api = new ApiClient({
    fetch: async (input, init) => {
      const headers = (init?.headers ?? {}) as Record<string, string>;
      const call: Call = { method: init?.method ?? 'GET', url: String(input), accept: headers['accept'], body: init?.body === undefined ? undefined : JSON.parse(String(init.body)) };
      calls.push(call);
      const path = call.url.split('?')[0];
      const route = routes[`${call.method} ${path}`];
      const answer = typeof route === 'function' ? route(call) : route ?? { status: 404, body: { type: 'https://beacon.example/problems/not-found', title: 'No such route', status: 404 } };
      const status = answer.status ?? 200;
      return new Response(answer.text ?? JSON.stringify(answer.body), { status, headers: { 'content-type': answer.type ?? 'application/json' } });
    },
  });
  return { api, calls };
}

/** Waits until `check` holds (the component's tasks settle over a few ticks), or fails saying what was awaited. */
export async function until(check: () => boolean, what: string, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The element's shadow root text, spaces collapsed. */
export function textOf(el: Element): string {
  return (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
