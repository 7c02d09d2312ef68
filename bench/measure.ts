// Timing helpers. Figures are medians of repeated runs after a warm-up, and
// are always reported beside a baseline measured in the same process.

export interface Timing {
  medianMs: number;
  minMs: number;
  runs: number;
}

// Warm-up runs let the JIT compile the hot paths and the heap reach its
// working size, so the samples measure steady-state work rather than start-up.
export function measure(fn: () => unknown, { warmups = 5, minRuns = 20, minTimeMs = 1000 } = {}): Timing {
  for (let i = 0; i < warmups; i++) fn();
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < minRuns || performance.now() - started < minTimeMs) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
    if (samples.length > 10_000) break;
  }
  samples.sort((a, b) => a - b);
  return { medianMs: samples[Math.floor(samples.length / 2)] as number, minMs: samples[0] as number, runs: samples.length };
}

/** Items per second through `fn`, over at least `minMs` of whole passes, after a pass over the first 2,000 to warm up. */
export function perSecond<T>(items: readonly T[], fn: (item: T) => void, minMs = 1500): number {
  for (let i = 0; i < Math.min(items.length, 2000); i++) fn(items[i] as T);
  let done = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < minMs) {
    for (const item of items) fn(item);
    done += items.length;
  }
  return (done / (performance.now() - t0)) * 1000;
}

export function fmtMs(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms.toFixed(1);
}

/**
 * Runs `fn` and reports how much of its wall time went to garbage collection, from the
 * 'gc' performance entries Node records (both the main-thread pauses and the time V8
 * reports for each collection).
 */
export async function withGcShare<T>(fn: () => Promise<T> | T): Promise<{ value: T; ms: number; gcShare: number }> {
  const { PerformanceObserver } = await import('node:perf_hooks');
  let gcMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  });
  observer.observe({ entryTypes: ['gc'] });
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  // Entries are delivered on a later turn of the event loop.
  await new Promise((resolve) => setTimeout(resolve, 20));
  for (const entry of observer.takeRecords()) gcMs += entry.duration;
  observer.disconnect();
  return { value, ms, gcShare: ms > 0 ? gcMs / ms : 0 };
}
