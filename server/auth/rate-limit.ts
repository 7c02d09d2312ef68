// Failed sign-ins per key (address + name), in memory: after `max` failures within
// `windowMs` the key is refused until the oldest failure leaves the window. One
// instance's memory: behind several instances each counts its own.

export interface RateLimiter {
  /** Seconds to wait when the key is blocked, else 0. */
  retryAfter(key: string): number;
  fail(key: string): void;
  reset(key: string): void;
}

export function createRateLimiter(options: { max: number; windowMs: number; now?: () => number; maxKeys?: number }): RateLimiter {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 10_000;
  const failures = new Map<string, number[]>();

  const live = (key: string): number[] => {
    const since = now() - options.windowMs;
    const list = (failures.get(key) ?? []).filter((t) => t > since);
    if (list.length === 0) failures.delete(key);
    else failures.set(key, list);
    return list;
  };

  return {
    retryAfter(key) {
      const list = live(key);
      if (list.length < options.max) return 0;
      return Math.max(1, Math.ceil((list[list.length - options.max]! + options.windowMs - now()) / 1000));
    },
    fail(key) {
      const list = live(key);
      // Bounded memory: when full, forget the key touched longest ago.
      if (!failures.has(key) && failures.size >= maxKeys) failures.delete(failures.keys().next().value as string);
      failures.delete(key);
      failures.set(key, [...list, now()]);
    },
    reset(key) {
      failures.delete(key);
    },
  };
}
