// One progress line on a terminal for long work (simulate, import): items done, rate and
// time left, redrawn in place a few times a second and cleared at the end. Nothing at all
// when standard error is not a terminal, so logs and pipes get only the results.
import type { Io } from './io.js';
import { messagesFor } from './messages.js';

const REDRAW_MS = 250;

export class ProgressLine {
  private readonly started: number;
  private lastDrawn = -Infinity;
  private drawn = false;

  constructor(
    private readonly io: Io,
    private readonly what: 'tickets' | 'rows',
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
  }

  /** done: items so far; fraction: the share of the whole done (0..1), when it can be told. */
  update(done: number, fraction?: number): void {
    if (!this.io.errIsTTY) return;
    const at = this.now();
    if (at - this.lastDrawn < REDRAW_MS) return;
    this.lastDrawn = at;
    const seconds = (at - this.started) / 1000;
    const perSecond = seconds > 0 ? done / seconds : 0;
    const share = fraction === undefined ? undefined : Math.min(Math.max(fraction, 0), 1);
    const secondsLeft = share !== undefined && share > 0 && seconds > 0 ? (seconds * (1 - share)) / share : undefined;
    this.io.err(`\r\x1b[K${messagesFor(this.io.lang ?? 'en').progress(this.what, { done, perSecond, secondsLeft })}`);
    this.drawn = true;
  }

  /** Clears the line, so what follows starts on a clean one. */
  end(): void {
    if (this.drawn) this.io.err('\r\x1b[K');
    this.drawn = false;
  }
}
