// One run of a draft over a period's stored tickets: POST /v1/simulate asked for
// `application/x-ndjson`, read line by line as it arrives. Progress lines go to
// `onProgress`; the report ends the run; an error line or a problem answer becomes an
// ApiError; aborting the signal (a newer draft, the user's Cancel) stops the request,
// and the server stops reading the history when the connection closes.
import { errorOf } from '../../api/index.js';
import type { ImpactReport } from './impact-types.js';

export interface ImpactRequest {
  property: string;
  /** The unsaved text of `scope` (the property's own policy unless told). */
  source: string;
  scope?: string;
  /** YYYY-MM, in the policy's zone. */
  period: string;
  /** How many changed tickets to list with their reasons. */
  examples?: number;
  /** The instant the tickets are judged at; the server's clock when absent (as the panel runs it). */
  at?: string;
}

export interface ImpactProgress {
  tickets: number;
  total: number;
}

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ImpactProgress) => void;
  /** The server's origin ('' in the page: the same origin). */
  base?: string;
  fetch?: typeof fetch;
}

type Line = { progress?: ImpactProgress; report?: ImpactReport; error?: unknown };

export async function runImpact(request: ImpactRequest, options: RunOptions = {}): Promise<ImpactReport> {
  const fetcher = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const res = await fetcher(`${options.base ?? ''}/v1/simulate`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/x-ndjson' },
    body: JSON.stringify(request),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (!res.ok || !res.body) {
    const text = await res.text();
    let problem: unknown;
    try {
      problem = text === '' ? undefined : JSON.parse(text);
    } catch {
      problem = undefined;
    }
    throw errorOf(res.status, problem);
  }
  let report: ImpactReport | undefined;
  for await (const line of ndjsonLines(res.body)) {
    const parsed = JSON.parse(line) as Line;
    if (parsed.progress) options.onProgress?.(parsed.progress);
    else if (parsed.report) report = parsed.report;
    else if (parsed.error) throw errorOf(500, parsed.error);
  }
  if (!report) throw new Error('the simulation ended without a report');
  return report;
}

/** The non-empty lines of a UTF-8 stream, each whole, however the chunks split them. */
export async function* ndjsonLines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      pending += done ? decoder.decode() : decoder.decode(value, { stream: true });
      const lines = pending.split('\n');
      pending = done ? '' : (lines.pop() ?? '');
      for (const line of lines) if (line.trim() !== '') yield line;
      if (done) return;
    }
  } finally {
    reader.releaseLock();
  }
}
