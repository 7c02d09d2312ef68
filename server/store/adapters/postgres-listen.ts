// LISTEN on a connection of its own (a pooled one would be handed to other queries).
// When that connection drops, listeners are told that anything may have changed, and
// it is opened again until it works, with every channel listened to as before.

import pg from 'pg';
import { StoreError } from '../errors.js';
import type { RemoteChannels } from '../notify.js';

const CHANNEL = /^[a-z_][a-z0-9_]*$/;

/** How the connection shows in pg_stat_activity. */
export const LISTEN_APPLICATION_NAME = 'beacon-listen';

export interface ListenOptions {
  /** Wait between attempts to open the connection again; 500 ms by default. */
  retryMs?: number;
  /** How the connection shows in pg_stat_activity; LISTEN_APPLICATION_NAME by default. */
  applicationName?: string;
}

export function postgresChannels(
  url: string,
  deliver: (channel: string, message: string) => void,
  lost: () => void,
  options: ListenOptions = {},
): RemoteChannels {
  const retryMs = options.retryMs ?? 500;
  const wanted = new Set<string>();
  let current: Promise<pg.Client> | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const gone = new WeakSet<pg.Client>();

  const dropped = (client: pg.Client): void => {
    if (gone.has(client)) return; // 'error' and then 'end' for one loss
    gone.add(client);
    client.end().catch(() => undefined);
    if (closed) return;
    current = undefined;
    lost();
    reopen();
  };

  const reopen = (): void => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      ensure().then(
        () => lost(), // loaded between the drop and now may be stale too
        () => reopen(),
      );
    }, retryMs);
    retry.unref();
  };

  const open = async (): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString: url, application_name: options.applicationName ?? LISTEN_APPLICATION_NAME });
    client.on('notification', (msg) => {
      if (msg.payload !== undefined) deliver(msg.channel, msg.payload);
    });
    client.on('error', () => dropped(client));
    client.on('end', () => dropped(client));
    try {
      await client.connect();
      for (const channel of wanted) await client.query(`LISTEN "${channel}"`);
      return client;
    } catch (e) {
      client.removeAllListeners('end');
      client.removeAllListeners('error');
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
      throw new StoreError(`cannot LISTEN for changes from other instances: ${(e as Error).message}`, { cause: e });
    }
  };

  const ensure = (): Promise<pg.Client> => {
    if (closed) return Promise.reject(new StoreError('the store is closed'));
    if (!current) {
      const opening = open();
      current = opening;
      opening.catch(() => {
        if (current === opening) current = undefined;
      });
    }
    return current;
  };

  return {
    async listen(channel) {
      if (!CHANNEL.test(channel)) throw new StoreError(`invalid channel name "${channel}"`);
      wanted.add(channel);
      const client = await ensure();
      await client.query(`LISTEN "${channel}"`); // a second LISTEN on a channel does nothing
    },
    send: (channel, message) => ({ sql: 'SELECT pg_notify($1, $2)', params: [channel, message] }),
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const client = await current?.catch(() => undefined);
      if (!client) return;
      client.removeAllListeners('end');
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
    },
  };
}
