// A cache that is only trusted while it hears the store's change notifications: each
// notification on its channel empties it, and until listening works (PostgreSQL's LISTEN
// may fail at start) every lookup loads afresh. Entries also expire after a while, a
// bound on staleness should a notification ever be missed.
import type { Listener } from './store/index.js';

export interface NotifiedCacheOptions<V> {
  /** How to hear the channel (Repository.listen). */
  listen: (channel: string, fn: Listener) => Promise<() => void>;
  channel: string;
  /** An entry is loaded again after this long: 60 s by default. */
  ttlMs?: number;
  /** At most this many entries, the least recently used dropped first: 1,000 by default. */
  max?: number;
  /** Wait between attempts to listen when listening fails: 5 s by default. */
  retryMs?: number;
  /** Whether a loaded value is kept (say, not a "not found"); all are by default. */
  keep?: (value: V) => boolean;
  /** Told when listening fails (it is tried again). */
  onListenError?: (err: unknown) => void;
  now?: () => number;
}

export interface NotifiedCache<V> {
  /** The cached value for `key`, or what `load` gives (kept if it resolves and the cache is live). */
  get(key: string, load: () => Promise<V>): Promise<V>;
  /** True once notifications are heard; before that nothing is kept. */
  readonly live: boolean;
  readonly size: number;
  /** Stops listening and empties the cache. */
  close(): void;
}

interface Entry<V> {
  value: Promise<V>;
  expires: number;
}

export function notifiedCache<V>(options: NotifiedCacheOptions<V>): NotifiedCache<V> {
  const ttlMs = options.ttlMs ?? 60_000;
  const max = options.max ?? 1000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry<V>>();
  let live = false;
  let closed = false;
  let unsubscribe: (() => void) | undefined;
  let retry: NodeJS.Timeout | undefined;

  const subscribe = (): void => {
    options
      .listen(options.channel, () => entries.clear())
      .then(
        (stop) => {
          if (closed) return stop();
          unsubscribe = stop;
          live = true;
        },
        (err: unknown) => {
          options.onListenError?.(err);
          if (closed) return;
          retry = setTimeout(subscribe, options.retryMs ?? 5000);
          retry.unref();
        },
      );
  };
  subscribe();

  return {
    get(key, load) {
      const at = now();
      const hit = entries.get(key);
      if (hit && hit.expires > at) {
        entries.delete(key); // re-inserted last: Map order is the LRU order
        entries.set(key, hit);
        return hit.value;
      }
      const value = load();
      if (!live) return value;
      // Set before anything resolves, so a notification arriving meanwhile clears it too.
      const entry: Entry<V> = { value, expires: at + ttlMs };
      entries.delete(key);
      entries.set(key, entry);
      while (entries.size > max) entries.delete(entries.keys().next().value as string);
      const drop = (): void => {
        if (entries.get(key) === entry) entries.delete(key);
      };
      // Failures are not kept: the next caller tries again.
      value.then((v) => (options.keep && !options.keep(v) ? drop() : undefined), drop);
      return value;
    },
    get live() {
      return live;
    },
    get size() {
      return entries.size;
    },
    close() {
      closed = true;
      live = false;
      if (retry) clearTimeout(retry);
      unsubscribe?.();
      entries.clear();
    },
  };
}
