// When the impact runs: at once when asked, again a moment after each change of the draft
// (debounced: typing is not a run per keystroke), and never two at a time. A newer
// request aborts the one in flight, so a stale report is never shown; Cancel aborts too.
import type { ImpactReport } from './impact-types.js';
import type { ImpactProgress, ImpactRequest, RunOptions } from './impact-stream.js';

export type ImpactState =
  | { kind: 'idle' }
  | { kind: 'waiting' }
  | { kind: 'running'; progress: ImpactProgress | undefined }
  | { kind: 'done'; report: ImpactReport; request: ImpactRequest }
  | { kind: 'failed'; error: unknown }
  | { kind: 'cancelled' };

export type Run = (request: ImpactRequest, options: RunOptions) => Promise<ImpactReport>;

export const IMPACT_DEBOUNCE_MS = 800;

export class ImpactRunner {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: AbortController | undefined;

  constructor(
    private readonly run: Run,
    private readonly show: (state: ImpactState) => void,
    private readonly delayMs = IMPACT_DEBOUNCE_MS,
  ) {}

  /** Runs `request`, now or after the debounce; whatever was pending or running is dropped. */
  request(request: ImpactRequest, { immediately = false } = {}): void {
    this.stop();
    if (immediately) return void this.start(request);
    this.show({ kind: 'waiting' });
    this.timer = setTimeout(() => this.start(request), this.delayMs);
  }

  /** The user's Cancel: nothing pending, the run in flight aborted. */
  cancel(): void {
    if (this.stop()) this.show({ kind: 'cancelled' });
  }

  dispose(): void {
    this.stop();
  }

  /** Drops the pending and the running request; whether there was one. */
  private stop(): boolean {
    const had = this.timer !== undefined || this.inFlight !== undefined;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.inFlight?.abort();
    this.inFlight = undefined;
    return had;
  }

  private async start(request: ImpactRequest): Promise<void> {
    this.timer = undefined;
    const controller = new AbortController();
    this.inFlight = controller;
    this.show({ kind: 'running', progress: undefined });
    try {
      const report = await this.run(request, {
        signal: controller.signal,
        onProgress: (progress) => {
          if (!controller.signal.aborted) this.show({ kind: 'running', progress });
        },
      });
      if (!controller.signal.aborted) this.show({ kind: 'done', report, request });
    } catch (error) {
      // An aborted run was replaced or cancelled: whoever aborted it has said what shows now.
      if (!controller.signal.aborted) this.show({ kind: 'failed', error });
    } finally {
      if (this.inFlight === controller) this.inFlight = undefined;
    }
  }
}
