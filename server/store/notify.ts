// Change notifications: how an instance learns that a policy was activated or a key
// revoked, here or in another instance on the same database, so that what it caches
// (compiled policies, callers) is never served stale.
//
// Within a process they are delivered in memory once the writing transaction commits:
// the writer's own next request already sees the change. Between processes PostgreSQL
// carries them (NOTIFY inside the transaction, delivered at commit; LISTEN on a
// connection of its own). PGlite and pg-mem serve one process, so memory is all.

import { randomUUID } from 'node:crypto';
import type { Db, Listener, SqlDb } from './db.js';

/** Channels the repository announces on. */
export const CHANNELS = {
  /** A scope's active version changed, or an organisation did; the payload is its id. */
  policy: 'beacon_policy',
  /** A key was revoked or a user changed (role, properties, password, disabled); the payload is the user id. */
  access: 'beacon_access',
} as const;

/** Everything may have changed: sent to listeners when notifications may have been missed. */
export const ANYTHING = '*';

/** Another process's notifications (PostgreSQL LISTEN); see adapters/postgres-listen.ts. */
export interface RemoteChannels {
  /** Resolves once the database will deliver `channel` to this process. */
  listen(channel: string): Promise<void>;
  /** The statement (and its parameters) that sends a notification from inside a transaction. */
  send(channel: string, message: string): { sql: string; params: unknown[] };
  close(): Promise<void>;
}

/** Listeners by channel, each called in its own try (a failing listener does not stop the others). */
class Hub {
  private readonly listeners = new Map<string, Set<Listener>>();

  add(channel: string, fn: Listener): () => void {
    const set = this.listeners.get(channel) ?? new Set<Listener>();
    set.add(fn);
    this.listeners.set(channel, set);
    return () => void set.delete(fn);
  }

  emit(channel: string, payload: string): void {
    for (const fn of [...(this.listeners.get(channel) ?? [])]) {
      try {
        fn(payload);
      } catch {
        // A cache that cannot drop an entry must not stop the others from dropping theirs.
      }
    }
  }

  emitEverywhere(payload: string): void {
    for (const channel of this.listeners.keys()) this.emit(channel, payload);
  }
}

/** A message on the wire: the sender's id, so an instance skips its own (already delivered in memory). */
function encode(origin: string, payload: string): string {
  return `${origin} ${payload}`;
}

function decode(message: string): { origin: string; payload: string } {
  const space = message.indexOf(' ');
  return space < 0 ? { origin: '', payload: message } : { origin: message.slice(0, space), payload: message.slice(space + 1) };
}

/**
 * The Db the repository uses: `sql` with notify and listen. `remote`, when given, is
 * created with the callbacks it must call: each message that arrives, and a lost
 * connection (after which listeners hear ANYTHING: what came meanwhile is unknown).
 */
export function withNotifications(
  sql: SqlDb,
  remote?: (deliver: (channel: string, message: string) => void, lost: () => void) => RemoteChannels,
): Db {
  const hub = new Hub();
  const origin = randomUUID();
  const channels = remote?.(
    (channel, message) => {
      const { origin: from, payload } = decode(message);
      if (from !== origin) hub.emit(channel, payload);
    },
    () => hub.emitEverywhere(ANYTHING),
  );

  const send = async (on: SqlDb, channel: string, payload: string): Promise<void> => {
    if (!channels) return;
    const { sql: text, params } = channels.send(channel, encode(origin, payload));
    await on.query(text, params);
  };

  const listen = async (channel: string, fn: Listener): Promise<() => void> => {
    const remove = hub.add(channel, fn);
    try {
      await channels?.listen(channel);
    } catch (e) {
      remove(); // a listener told of nothing must not believe it would be
      throw e;
    }
    return remove;
  };

  /** A transaction's handle: its notifications wait in `queue` until the commit. */
  const inTransaction = (tx: SqlDb, queue: (() => void)[]): Db => {
    const handle: Db = {
      dialect: tx.dialect,
      query: (text, params) => tx.query(text, params),
      exec: (script) => tx.exec(script),
      transaction: (fn) => fn(handle),
      lock: (key) => tx.lock(key),
      close: () => tx.close(),
      async notify(channel, payload) {
        await send(tx, channel, payload);
        queue.push(() => hub.emit(channel, payload));
      },
      listen,
    };
    return handle;
  };

  return {
    dialect: sql.dialect,
    query: (text, params) => sql.query(text, params),
    exec: (script) => sql.exec(script),
    async transaction(fn) {
      // A retried transaction (PostgreSQL serialization failure) may queue twice: harmless,
      // a notification only says "look again".
      const queue: (() => void)[] = [];
      const result = await sql.transaction((tx) => fn(inTransaction(tx, queue)));
      for (const deliver of queue) deliver();
      return result;
    },
    lock: (key) => sql.lock(key),
    async notify(channel, payload) {
      await send(sql, channel, payload);
      hub.emit(channel, payload);
    },
    listen,
    async close() {
      await channels?.close();
      await sql.close();
    },
  };
}
