import { describe, expect, it } from 'vitest';
import { notifiedCache } from '../../server/cache.js';
import type { Listener } from '../../server/store/index.js';

/** A channel the test drives: listen() resolves (or fails) when the test says. */
function channel() {
  const listeners = new Set<Listener>();
  let settle: { ok: () => void; fail: (e: Error) => void } | undefined;
  let attempts = 0;
  return {
    get attempts() {
      return attempts;
    },
    listen: (_name: string, fn: Listener) =>
      new Promise<() => void>((ok, fail) => {
        attempts++;
        settle = {
          ok: () => {
            listeners.add(fn);
            ok(() => listeners.delete(fn));
          },
          fail,
        };
      }),
    open: () => settle?.ok(),
    refuse: () => settle?.fail(new Error('no LISTEN')),
    notify: (payload: string) => listeners.forEach((fn) => fn(payload)),
    get listeners() {
      return listeners.size;
    },
  };
}

const tick = () => new Promise((ok) => setTimeout(ok, 0));

describe('notifiedCache', () => {
  it('keeps nothing until it hears notifications, then keeps until one comes', async () => {
    const ch = channel();
    const cache = notifiedCache<number>({ listen: ch.listen, channel: 'c' });
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get('k', load)).toBe(1);
    expect(await cache.get('k', load)).toBe(2); // not live yet: every lookup loads
    ch.open();
    await tick();
    expect(cache.live).toBe(true);
    expect(await cache.get('k', load)).toBe(3);
    expect(await cache.get('k', load)).toBe(3);
    ch.notify('anything');
    expect(await cache.get('k', load)).toBe(4);
    cache.close();
    expect(ch.listeners).toBe(0);
    expect(await cache.get('k', load)).toBe(5);
  });

  it('drops an entry loaded while a notification came, so the next lookup loads again', async () => {
    const ch = channel();
    const cache = notifiedCache<string>({ listen: ch.listen, channel: 'c' });
    ch.open();
    await tick();
    let release!: (v: string) => void;
    const slow = cache.get('k', () => new Promise<string>((ok) => (release = ok)));
    ch.notify('activated'); // arrives while the first load is still reading the store
    release('old');
    expect(await slow).toBe('old');
    expect(await cache.get('k', async () => 'new')).toBe('new');
  });

  it('keeps neither failures nor values it is told not to keep', async () => {
    const ch = channel();
    const cache = notifiedCache<string | null>({ listen: ch.listen, channel: 'c', keep: (v) => v !== null });
    ch.open();
    await tick();
    await expect(cache.get('k', () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    await tick();
    expect(await cache.get('k', async () => 'up')).toBe('up');
    expect(await cache.get('missing', async () => null)).toBeNull();
    await tick();
    expect(await cache.get('missing', async () => 'created since')).toBe('created since');
  });

  it('expires entries after the ttl and holds at most `max`, least recently used first out', async () => {
    const ch = channel();
    let now = 0;
    const cache = notifiedCache<string>({ listen: ch.listen, channel: 'c', ttlMs: 1000, max: 2, now: () => now });
    ch.open();
    await tick();
    await cache.get('a', async () => 'a1');
    await cache.get('b', async () => 'b1');
    await cache.get('a', async () => 'a2'); // a is now the most recent
    await cache.get('c', async () => 'c1'); // b goes
    expect(cache.size).toBe(2);
    expect(await cache.get('b', async () => 'b2')).toBe('b2');
    now = 1001;
    expect(await cache.get('b', async () => 'b3')).toBe('b3');
  });

  it('tries to listen again when listening fails, and says so', async () => {
    const ch = channel();
    const errors: unknown[] = [];
    const cache = notifiedCache<number>({ listen: ch.listen, channel: 'c', retryMs: 5, onListenError: (e) => errors.push(e) });
    ch.refuse();
    await tick();
    expect(errors).toHaveLength(1);
    expect(cache.live).toBe(false);
    await new Promise((ok) => setTimeout(ok, 30));
    expect(ch.attempts).toBe(2);
    ch.open();
    await tick();
    expect(cache.live).toBe(true);
    cache.close();
  });
});
