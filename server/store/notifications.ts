// The notifications outbox (migration 009): channels an admin configures, events written
// in the transaction that records them, a delivery per (event, channel) claimed under a
// lease so that two dispatchers never send the same one at once, and every attempt.

import type { StoreContext } from './context.js';
import type { Row } from './db.js';
import { NotFoundError, ValidationError } from './errors.js';
import { iso, isoOrNull, num, params, strOrNull } from './rows.js';
import { checkJsonText, checkKey, checkOptionalText, checkText } from './text.js';

export type ChannelKind = 'webhook' | 'wecom' | 'dingtalk';

export interface NotificationChannel {
  id: string;
  name: string;
  kind: ChannelKind;
  url: string;
  /** Roles served; `*` serves every role. */
  roles: string[];
  /** Only events of this property; null for every property. */
  propertyId: string | null;
  enabled: boolean;
  hasSecret: boolean;
  createdAt: string;
}

export interface NewChannel {
  name: string;
  kind: ChannelKind;
  url: string;
  secret?: string | null;
  roles: string[];
  propertyId?: string | null;
}

export type ChannelChanges = Partial<Pick<NewChannel, 'name' | 'url' | 'secret' | 'roles'>> & { enabled?: boolean };

/** An event for roles of a unit: a warning raised, a duty missed. */
export interface NotificationEvent {
  /** Unique per event (`warning:<ticket>:<level>`): enqueuing it again does nothing. */
  key: string;
  kind: string;
  propertyId: string;
  unit: string;
  roles: string[];
  payload: Record<string, unknown>;
}

export interface ClaimedDelivery {
  outboxId: number;
  attempts: number;
  channel: NotificationChannel & { secret: string | null };
  event: Omit<NotificationEvent, 'key'> & { key: string; createdAt: string };
}

export interface DeliveryAttempt {
  at: string;
  ok: boolean;
  responseCode: number | null;
  error: string | null;
}

export interface NotificationEntry {
  id: number;
  key: string;
  kind: string;
  propertyId: string;
  unit: string;
  roles: string[];
  payload: Record<string, unknown>;
  createdAt: string;
  deliveries: { channelId: string; channelName: string; status: 'pending' | 'delivered' | 'cancelled'; attempts: number; nextAt: string; deliveredAt: string | null; tries: DeliveryAttempt[] }[];
}

export interface NotificationStore {
  createChannel(input: NewChannel): Promise<NotificationChannel>;
  listChannels(): Promise<NotificationChannel[]>;
  /** Throws NotFoundError (also for a deleted channel). */
  updateChannel(id: string, changes: ChannelChanges): Promise<NotificationChannel>;
  /** Deletes the channel; its pending deliveries are cancelled (kept, with their attempts). */
  deleteChannel(id: string): Promise<NotificationChannel>;
  /** Writes each new event with a delivery per enabled channel serving one of its roles (call in the transaction that records the events). */
  enqueueNotifications(events: readonly NotificationEvent[]): Promise<number>;
  /** Up to `limit` due deliveries leased to `owner` until `leaseUntil`; none another live lease holds. */
  claimDeliveries(owner: string, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedDelivery[]>;
  /** Records an attempt of a claimed delivery: delivered, or due again at `nextAt`. False when the lease was lost (nothing changed but the attempt's record). */
  finishDelivery(owner: string, outboxId: number, channelId: string, at: Date, result: { ok: boolean; responseCode: number | null; error: string | null; nextAt: Date }): Promise<boolean>;
  listNotifications(filter: { status?: 'pending' | 'delivered' | 'cancelled'; limit: number; beforeId?: number }): Promise<NotificationEntry[]>;
}

const CHANNEL_COLUMNS = 'id, name, kind, url, secret, roles, property_id, enabled, created_at';

function jsonList(value: unknown): string[] {
  const list = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  return Array.isArray(list) ? list.map(String) : [];
}

function toChannel(row: Row): NotificationChannel & { secret: string | null } {
  return {
    id: String(row.id),
    name: String(row.name),
    kind: row.kind as ChannelKind,
    url: String(row.url),
    roles: jsonList(row.roles),
    propertyId: strOrNull(row.property_id),
    enabled: row.enabled === true || row.enabled === 't',
    hasSecret: row.secret !== null && row.secret !== undefined,
    createdAt: iso(row.created_at),
    secret: strOrNull(row.secret),
  };
}

const withoutSecret = ({ secret: _secret, ...channel }: NotificationChannel & { secret: string | null }): NotificationChannel => channel;

function checkRoles(roles: readonly string[]): void {
  if (roles.length === 0 || roles.length > 50) throw new ValidationError('roles', 'a channel serves 1 to 50 roles (* for every role)');
  roles.forEach((r, i) => checkText(r, `roles/${i}`, 'name'));
}

export function notificationStore(ctx: StoreContext): NotificationStore {
  const { db } = ctx;

  async function channelRow(id: string): Promise<NotificationChannel & { secret: string | null }> {
    checkKey(id, 'id');
    const { rows } = await db.query(`SELECT ${CHANNEL_COLUMNS} FROM notification_channels WHERE id = $1 AND deleted_at IS NULL`, [id]);
    if (rows.length === 0) throw new NotFoundError('notification channel', id);
    return toChannel(rows[0]!);
  }

  return {
    async createChannel(input) {
      checkText(input.name, 'name', 'name');
      checkText(input.url, 'url', 'name');
      checkOptionalText(input.secret, 'secret', 'name');
      checkOptionalText(input.propertyId, 'propertyId', 'id');
      checkRoles(input.roles);
      const id = checkText(ctx.newId(), 'id', 'id');
      if (input.propertyId) {
        const { rows } = await db.query("SELECT id FROM organisations WHERE id = $1 AND kind = 'property'", [input.propertyId]);
        if (rows.length === 0) throw new NotFoundError('property', input.propertyId);
      }
      await db.query(
        `INSERT INTO notification_channels (id, name, kind, url, secret, roles, property_id, enabled, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, true, $8)`,
        [id, input.name, input.kind, input.url, input.secret ?? null, JSON.stringify(input.roles), input.propertyId ?? null, ctx.now()],
      );
      return withoutSecret(await channelRow(id));
    },

    async listChannels() {
      const { rows } = await db.query(`SELECT ${CHANNEL_COLUMNS} FROM notification_channels WHERE deleted_at IS NULL ORDER BY created_at, id`);
      return rows.map((r) => withoutSecret(toChannel(r)));
    },

    async updateChannel(id, changes) {
      const current = await channelRow(id);
      if (changes.name !== undefined) checkText(changes.name, 'name', 'name');
      if (changes.url !== undefined) checkText(changes.url, 'url', 'name');
      if (changes.secret !== undefined) checkOptionalText(changes.secret, 'secret', 'name');
      if (changes.roles !== undefined) checkRoles(changes.roles);
      await db.query('UPDATE notification_channels SET name = $2, url = $3, secret = $4, roles = $5, enabled = $6 WHERE id = $1', [
        id,
        changes.name ?? current.name,
        changes.url ?? current.url,
        changes.secret === undefined ? current.secret : changes.secret,
        JSON.stringify(changes.roles ?? current.roles),
        changes.enabled ?? current.enabled,
      ]);
      return withoutSecret(await channelRow(id));
    },

    async deleteChannel(id) {
      return db.transaction(async (tx) => {
        const current = await channelRow(id);
        await tx.query('UPDATE notification_channels SET deleted_at = $2, enabled = false WHERE id = $1', [id, ctx.now()]);
        await tx.query("UPDATE notification_deliveries SET status = 'cancelled', lease_owner = NULL, lease_until = NULL WHERE channel_id = $1 AND status = 'pending'", [id]);
        return withoutSecret(current);
      });
    },

    async enqueueNotifications(events) {
      if (events.length === 0) return 0;
      const now = ctx.now();
      let written = 0;
      const channels = (await db.query(`SELECT ${CHANNEL_COLUMNS} FROM notification_channels WHERE enabled AND deleted_at IS NULL`)).rows.map(toChannel);
      for (const e of events) {
        checkText(e.key, 'key', 'id');
        checkText(e.kind, 'kind', 'name');
        checkKey(e.propertyId, 'propertyId');
        checkKey(e.unit, 'unit');
        e.roles.forEach((r, i) => checkText(r, `roles/${i}`, 'name'));
        checkJsonText(e.payload, 'payload', 'text');
        const taken = await db.query('SELECT id FROM notification_outbox WHERE event_key = $1', [e.key]);
        if (taken.rows.length > 0) continue;
        const { rows } = await db.query(
          `INSERT INTO notification_outbox (event_key, kind, property_id, unit_id, roles, payload, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [e.key, e.kind, e.propertyId, e.unit, JSON.stringify(e.roles), JSON.stringify(e.payload), now],
        );
        const outboxId = num(rows[0]!.id);
        written++;
        const serving = channels.filter((c) => (c.propertyId === null || c.propertyId === e.propertyId) && (c.roles.includes('*') || c.roles.some((r) => e.roles.includes(r))));
        for (const c of serving) {
          await db.query("INSERT INTO notification_deliveries (outbox_id, channel_id, status, attempts, next_at) VALUES ($1, $2, 'pending', 0, $3)", [outboxId, c.id, now]);
        }
      }
      return written;
    },

    async claimDeliveries(owner, now, leaseUntil, limit) {
      checkText(owner, 'owner', 'name');
      // One statement: of dispatchers racing for a row, SKIP LOCKED gives it to one.
      const { rows } = await db.query(
        `UPDATE notification_deliveries d SET lease_owner = $1, lease_until = $2
           FROM (SELECT outbox_id, channel_id FROM notification_deliveries
                  WHERE status = 'pending' AND next_at <= $3 AND (lease_until IS NULL OR lease_until < $3)
                  ORDER BY next_at, outbox_id LIMIT $4 FOR UPDATE SKIP LOCKED) due
          WHERE d.outbox_id = due.outbox_id AND d.channel_id = due.channel_id
          RETURNING d.outbox_id, d.channel_id, d.attempts`,
        [owner, leaseUntil, now, limit],
      );
      if (rows.length === 0) return [];
      const outboxIds = [...new Set(rows.map((r) => num(r.outbox_id)))];
      const channelIds = [...new Set(rows.map((r) => String(r.channel_id)))];
      const events = new Map(
        (await db.query(`SELECT id, event_key, kind, property_id, unit_id, roles, payload, created_at FROM notification_outbox WHERE id IN (${params(outboxIds.length)})`, outboxIds)).rows.map((r) => [num(r.id), r]),
      );
      const channels = new Map((await db.query(`SELECT ${CHANNEL_COLUMNS} FROM notification_channels WHERE id IN (${params(channelIds.length)})`, channelIds)).rows.map((r) => [String(r.id), toChannel(r)]));
      return rows.map((r) => {
        const e = events.get(num(r.outbox_id))!;
        return {
          outboxId: num(r.outbox_id),
          attempts: num(r.attempts),
          channel: channels.get(String(r.channel_id))!,
          event: { key: String(e.event_key), kind: String(e.kind), propertyId: String(e.property_id), unit: String(e.unit_id), roles: jsonList(e.roles), payload: e.payload as Record<string, unknown>, createdAt: iso(e.created_at) },
        };
      });
    },

    async finishDelivery(owner, outboxId, channelId, at, result) {
      checkOptionalText(result.error, 'error', 'text');
      return db.transaction(async (tx) => {
        await tx.query('INSERT INTO notification_attempts (outbox_id, channel_id, at, ok, response_code, error) VALUES ($1, $2, $3, $4, $5, $6)', [outboxId, channelId, at, result.ok, result.responseCode, result.error]);
        const { rows } = result.ok
          ? await tx.query(
              `UPDATE notification_deliveries SET status = 'delivered', delivered_at = $4, attempts = attempts + 1, lease_owner = NULL, lease_until = NULL
                WHERE outbox_id = $1 AND channel_id = $2 AND lease_owner = $3 AND status = 'pending' RETURNING outbox_id`,
              [outboxId, channelId, owner, at],
            )
          : await tx.query(
              `UPDATE notification_deliveries SET attempts = attempts + 1, next_at = $4, lease_owner = NULL, lease_until = NULL
                WHERE outbox_id = $1 AND channel_id = $2 AND lease_owner = $3 AND status = 'pending' RETURNING outbox_id`,
              [outboxId, channelId, owner, result.nextAt],
            );
        return rows.length > 0;
      });
    },

    async listNotifications(filter) {
      const values: unknown[] = [];
      const where: string[] = [];
      if (filter.status !== undefined) {
        values.push(filter.status);
        where.push(`o.id IN (SELECT outbox_id FROM notification_deliveries WHERE status = $${values.length})`);
      }
      if (filter.beforeId !== undefined) {
        values.push(filter.beforeId);
        where.push(`o.id < $${values.length}`);
      }
      values.push(filter.limit);
      const { rows } = await db.query(
        `SELECT o.id, o.event_key, o.kind, o.property_id, o.unit_id, o.roles, o.payload, o.created_at FROM notification_outbox o
          ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY o.id DESC LIMIT $${values.length}`,
        values,
      );
      if (rows.length === 0) return [];
      const ids = rows.map((r) => num(r.id));
      const deliveries = (
        await db.query(
          `SELECT d.outbox_id, d.channel_id, c.name, d.status, d.attempts, d.next_at, d.delivered_at FROM notification_deliveries d JOIN notification_channels c ON c.id = d.channel_id
            WHERE d.outbox_id IN (${params(ids.length)}) ORDER BY d.outbox_id, d.channel_id`,
          ids,
        )
      ).rows;
      const attempts = (await db.query(`SELECT outbox_id, channel_id, at, ok, response_code, error FROM notification_attempts WHERE outbox_id IN (${params(ids.length)}) ORDER BY id`, ids)).rows;
      return rows.map((r) => ({
        id: num(r.id),
        key: String(r.event_key),
        kind: String(r.kind),
        propertyId: String(r.property_id),
        unit: String(r.unit_id),
        roles: jsonList(r.roles),
        payload: r.payload as Record<string, unknown>,
        createdAt: iso(r.created_at),
        deliveries: deliveries
          .filter((d) => num(d.outbox_id) === num(r.id))
          .map((d) => ({
            channelId: String(d.channel_id),
            channelName: String(d.name),
            status: d.status as 'pending' | 'delivered' | 'cancelled',
            attempts: num(d.attempts),
            nextAt: iso(d.next_at),
            deliveredAt: isoOrNull(d.delivered_at),
            tries: attempts
              .filter((a) => num(a.outbox_id) === num(r.id) && String(a.channel_id) === String(d.channel_id))
              .map((a) => ({ at: iso(a.at), ok: a.ok === true || a.ok === 't', responseCode: a.response_code === null ? null : num(a.response_code), error: strOrNull(a.error) })),
          })),
      }));
    },
  };
}
