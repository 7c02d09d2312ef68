// Auto-refresh: every interval while visible; nothing while the tab is hidden; at once when shown again.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AutoRefresh, type VisibilitySource } from '../../../../admin-ui/src/app/tickets/auto-refresh.js';

class FakeDocument extends EventTarget implements VisibilitySource {
  hidden = false;
  setHidden(hidden: boolean): void {
    this.hidden = hidden;
    this.dispatchEvent(new Event('visibilitychange'));
  }
}

function host(): ReactiveControllerHost & { controllers: ReactiveController[]; updates: number } {
  const h = {
    controllers: [] as ReactiveController[],
    updates: 0,
    addController(c: ReactiveController) {
      h.controllers.push(c);
    },
    removeController() {},
    requestUpdate() {
      h.updates++;
    },
    updateComplete: Promise.resolve(true),
  };
  return h;
}

describe('AutoRefresh', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('loads every interval while the page is visible', () => {
    const doc = new FakeDocument();
    const load = vi.fn();
    const h = host();
    new AutoRefresh(h, load, 30_000, doc);
    h.controllers[0]!.hostConnected!();
    vi.advanceTimersByTime(29_999);
    expect(load).toHaveBeenCalledTimes(0);
    vi.advanceTimersByTime(1);
    expect(load).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60_000);
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('pauses while hidden and loads at once when shown again', () => {
    const doc = new FakeDocument();
    const load = vi.fn();
    const h = host();
    const refresh = new AutoRefresh(h, load, 30_000, doc);
    h.controllers[0]!.hostConnected!();
    doc.setHidden(true);
    expect(refresh.paused).toBe(true);
    vi.advanceTimersByTime(10 * 60_000);
    expect(load).toHaveBeenCalledTimes(0);
    doc.setHidden(false);
    expect(load).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(30_000);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('stops when its page is gone', () => {
    const doc = new FakeDocument();
    const load = vi.fn();
    const h = host();
    new AutoRefresh(h, load, 30_000, doc);
    h.controllers[0]!.hostConnected!();
    h.controllers[0]!.hostDisconnected!();
    vi.advanceTimersByTime(120_000);
    doc.setHidden(true);
    doc.setHidden(false);
    expect(load).toHaveBeenCalledTimes(0);
  });
});
