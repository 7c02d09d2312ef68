import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ImpactRunner, type ImpactState, type Run } from '../../../admin-ui/src/panels/impact/impact-runner.js';
import type { ImpactRequest } from '../../../admin-ui/src/panels/impact/impact-stream.js';
import type { ImpactReport } from '../../../admin-ui/src/panels/impact/impact-types.js';

const request = (source: string): ImpactRequest => ({ property: 'jinxiu-garden', source, period: '2026-03' });
const reportFor = (source: string) => ({ tickets: source.length }) as unknown as ImpactReport;

/**
 * A run that answers when told to, even after an abort (as a run whose answer had already
 * arrived when it was aborted), and records how it was called and its signal.
 */
function controllableRun() {
  const calls: { source: string; signal: AbortSignal; progress: (p: { tickets: number; total: number }) => void; finish: () => void; fail: (e: unknown) => void }[] = [];
  const run: Run = (req, options) =>
    new Promise((resolve, reject) => {
      calls.push({ source: req.source, signal: options.signal!, progress: (p) => options.onProgress?.(p), finish: () => resolve(reportFor(req.source)), fail: reject });
    });
  return { run, calls };
}

describe('ImpactRunner', () => {
  let states: ImpactState[];
  beforeEach(() => {
    vi.useFakeTimers();
    states = [];
  });
  afterEach(() => vi.useRealTimers());

  it('runs once a moment after the last of quick changes, not per change', async () => {
    const { run, calls } = controllableRun();
    const runner = new ImpactRunner(run, (s) => states.push(s), 800);
    runner.request(request('a'));
    await vi.advanceTimersByTimeAsync(500);
    runner.request(request('ab'));
    await vi.advanceTimersByTimeAsync(799);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((c) => c.source)).toEqual(['ab']);
  });

  it('aborts the run in flight when a newer one starts, and never shows the stale report', async () => {
    const { run, calls } = controllableRun();
    const runner = new ImpactRunner(run, (s) => states.push(s), 800);
    runner.request(request('old'), { immediately: true });
    calls[0]!.progress({ tickets: 1000, total: 2000 });
    runner.request(request('newer'), { immediately: true });
    expect(calls[0]!.signal.aborted).toBe(true);
    calls[0]!.finish(); // answers anyway, too late
    calls[1]!.finish();
    await vi.runAllTimersAsync();
    const done = states.filter((s) => s.kind === 'done');
    expect(done).toEqual([{ kind: 'done', report: reportFor('newer'), request: request('newer') }]);
    expect(states).toContainEqual({ kind: 'running', progress: { tickets: 1000, total: 2000 } });
    expect(states.some((s) => s.kind === 'failed')).toBe(false);
  });

  it('cancels: the run is aborted and shows as cancelled, not failed', async () => {
    const { run, calls } = controllableRun();
    const runner = new ImpactRunner(run, (s) => states.push(s), 800);
    runner.request(request('a'), { immediately: true });
    runner.cancel();
    expect(calls[0]!.signal.aborted).toBe(true);
    await vi.runAllTimersAsync();
    expect(states.at(-1)).toEqual({ kind: 'cancelled' });
    // Nothing in flight: a second Cancel says nothing more.
    runner.cancel();
    expect(states.filter((s) => s.kind === 'cancelled')).toHaveLength(1);
  });

  it('shows a run’s own failure', async () => {
    const { run, calls } = controllableRun();
    const runner = new ImpactRunner(run, (s) => states.push(s), 800);
    runner.request(request('a'), { immediately: true });
    calls[0]!.fail(new Error('boom'));
    await vi.runAllTimersAsync();
    expect(states.at(-1)).toMatchObject({ kind: 'failed', error: new Error('boom') });
  });
});
