// Sign-in attempts per key (an address and a name; or an address alone), in memory.
// An attempt is counted BEFORE its password is checked (reserve): checking takes half a
// second, and attempts sent together would otherwise all be checked before the first
// failure counted (60 in parallel: 60 answers 401, none 429). After `max` attempts within
// `windowMs` the key is refused until the oldest leaves the window; an attempt that
// succeeds is taken back (release), and a success can forget the key's failures (reset).
// One instance's memory: behind several instances each counts its own.

export interface RateLimiter {
  /** Seconds to wait when the key is at its limit (nothing is counted), else 0. */
  retryAfter(key: string): number;
  /** Counts an attempt for the key now, before it is judged. */
  reserve(key: string): void;
  /** Takes back the key's latest attempt: it succeeded, or was never judged. */
  release(key: string): void;
  /** Forgets the key's attempts. */
  reset(key: string): void;
}

export function createRateLimiter(options: { max: number; windowMs: number; now?: () => number; maxKeys?: number }): RateLimiter {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 10_000;
  const attempts = new Map<string, number[]>();

  const live = (key: string): number[] => {
    const since = now() - options.windowMs;
    const list = (attempts.get(key) ?? []).filter((t) => t > since);
    if (list.length === 0) attempts.delete(key);
    else attempts.set(key, list);
    return list;
  };

  return {
    retryAfter(key) {
      const list = live(key);
      if (list.length < options.max) return 0;
      return Math.max(1, Math.ceil((list[list.length - options.max]! + options.windowMs - now()) / 1000));
    },
    reserve(key) {
      const list = live(key);
      // Bounded memory: when full, forget the key touched longest ago.
      if (!attempts.has(key) && attempts.size >= maxKeys) attempts.delete(attempts.keys().next().value as string);
      attempts.delete(key);
      attempts.set(key, [...list, now()]);
    },
    release(key) {
      const list = attempts.get(key);
      if (!list) return;
      list.pop();
      if (list.length === 0) attempts.delete(key);
    },
    reset(key) {
      attempts.delete(key);
    },
  };
}
