// The page side of live diagnostics: debounces keystrokes, numbers each request,
// and drops any answer that is not for the newest request (the user typed on
// while the worker checked). Transport and timers are injected, so the logic is
// tested in node without a worker.
import type { DiagnosticsRequest, DiagnosticsResponse } from './diagnostics-protocol.js';

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** How long after the last keystroke the editor asks for a check. */
export const DIAGNOSTICS_DEBOUNCE_MS = 120;

const realTimers: Timers = { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };

export class DiagnosticsClient {
  private seq = 0;
  private pending: unknown;
  private latestSent = 0;

  constructor(
    private readonly post: (request: DiagnosticsRequest) => void,
    private readonly onMarkers: (response: DiagnosticsResponse) => void,
    private readonly debounceMs = DIAGNOSTICS_DEBOUNCE_MS,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Asks for a check of this text after the debounce; a newer call replaces an older one not yet sent. */
  request(make: (seq: number) => DiagnosticsRequest, immediately = false): void {
    if (this.pending !== undefined) this.timers.clear(this.pending);
    const send = (): void => {
      this.pending = undefined;
      this.latestSent = ++this.seq;
      this.post(make(this.latestSent));
    };
    if (immediately) send();
    else this.pending = this.timers.set(send, this.debounceMs);
  }

  /** Applies an answer only if it answers the newest request sent; returns whether it did. */
  receive(response: DiagnosticsResponse): boolean {
    if (response.seq !== this.latestSent || this.pending !== undefined) return false;
    this.onMarkers(response);
    return true;
  }

  dispose(): void {
    if (this.pending !== undefined) this.timers.clear(this.pending);
    this.pending = undefined;
    this.latestSent = -1;
  }
}
