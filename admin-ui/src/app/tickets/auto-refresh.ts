// Re-runs a load every interval while the page is visible. A hidden tab stops the timer
// (no requests nobody sees); showing it again loads at once and restarts the timer.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface VisibilitySource {
  readonly hidden: boolean;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

export class AutoRefresh implements ReactiveController {
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly onVisibility = (): void => {
    if (this.source.hidden) this.stop();
    else {
      void this.load();
      this.start();
    }
    this.host.requestUpdate();
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly load: () => Promise<void> | void,
    readonly intervalMs: number,
    private readonly source: VisibilitySource = document,
  ) {
    host.addController(this);
  }

  /** Whether the timer is stopped because the page is hidden. */
  get paused(): boolean {
    return this.source.hidden;
  }

  hostConnected(): void {
    this.source.addEventListener('visibilitychange', this.onVisibility);
    if (!this.source.hidden) this.start();
  }

  hostDisconnected(): void {
    this.source.removeEventListener('visibilitychange', this.onVisibility);
    this.stop();
  }

  private start(): void {
    this.stop();
    this.timer = setInterval(() => void this.load(), this.intervalMs);
  }

  private stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
