// Credentials other than passwords: API keys, sessions and one-time setup tokens. The
// store keeps only their hashes (hashToken in secrets.ts); callers look them up by hash.

import type { StoreContext } from './context.js';
import type { Row } from './db.js';
import { DuplicateError, FOREIGN_KEY_VIOLATION, isDbError, NotFoundError, UNIQUE_VIOLATION } from './errors.js';
import { CHANNELS } from './notify.js';
import { iso, isoOrNull, storedInstant } from './rows.js';
import { checkKey, checkText } from './text.js';
import type { ApiKey, Role, Session, User } from './types.js';
import { userIn, usersIn } from './users.js';

export interface AccessStore {
  createApiKey(input: { userId: string; name: string; keyHash: string }): Promise<ApiKey>;
  listApiKeys(userId: string): Promise<ApiKey[]>;
  /** Every key with its owner's name and role (the rights it acts with), oldest first. */
  listAllApiKeys(): Promise<(ApiKey & { owner: string; role: Role })[]>;
  /** Revokes a key (again is harmless). Throws NotFoundError. */
  revokeApiKey(id: string): Promise<ApiKey>;
  /** The key and its user when the key is live and the user enabled; marks the key used. */
  authenticateApiKey(keyHash: string): Promise<{ key: ApiKey; user: User } | null>;

  createSession(input: { tokenHash: string; userId: string; expiresAt: Date | string }): Promise<Session>;
  /** The session and its user while it has not expired and the user is enabled. */
  findSession(tokenHash: string): Promise<{ session: Session; user: User } | null>;
  deleteSession(tokenHash: string): Promise<boolean>;
  deleteExpiredSessions(): Promise<number>;

  createSetupToken(input: { tokenHash: string; expiresAt: Date | string }): Promise<void>;
  /** true exactly once for a live token, however many callers race for it. */
  consumeSetupToken(tokenHash: string): Promise<boolean>;
}

const KEY_COLUMNS = 'id, user_id, name, created_at, last_used_at, revoked_at';

function toKey(row: Row): ApiKey {
  return {
    id: String(row.id),
    userId: String(row.user_id),
    name: String(row.name),
    createdAt: iso(row.created_at),
    lastUsedAt: isoOrNull(row.last_used_at),
    revokedAt: isoOrNull(row.revoked_at),
  };
}

function toSession(row: Row): Session {
  return { userId: String(row.user_id), createdAt: iso(row.created_at), expiresAt: iso(row.expires_at) };
}

export function accessStore(ctx: StoreContext): AccessStore {
  const { db } = ctx;

  /** The clashes of a credential's insert: its user unknown, or its hash (the only key a caller gives) taken. */
  function credentialClash(entity: string, userId: string, hash: string) {
    return (e: unknown): never => {
      if (isDbError(e, FOREIGN_KEY_VIOLATION)) throw new NotFoundError('user', userId, { cause: e });
      if (isDbError(e, UNIQUE_VIOLATION)) throw new DuplicateError(entity, hash, 'this credential exists already', { cause: e });
      throw e;
    };
  }

  return {
    async createApiKey({ userId, name, keyHash }) {
      checkKey(userId, 'userId');
      checkText(name, 'name', 'name');
      checkText(keyHash, 'keyHash', 'hash');
      const { rows } = await db
        .query(
          `INSERT INTO api_keys (id, user_id, name, key_hash, created_at) VALUES ($1, $2, $3, $4, $5)
           RETURNING ${KEY_COLUMNS}`,
          [checkText(ctx.newId(), 'id', 'id'), userId, name, keyHash, ctx.now()],
        )
        .catch(credentialClash('API key', userId, keyHash));
      return toKey(rows[0]!);
    },

    async listApiKeys(userId) {
      checkKey(userId, 'userId');
      const { rows } = await db.query(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE user_id = $1 ORDER BY created_at, id`, [
        userId,
      ]);
      return rows.map(toKey);
    },

    async listAllApiKeys() {
      const { rows } = await db.query(
        `SELECT k.id, k.user_id, k.name, k.created_at, k.last_used_at, k.revoked_at, u.name AS owner, u.role
           FROM api_keys k JOIN users u ON u.id = k.user_id ORDER BY k.created_at, k.id`,
      );
      return rows.map((row) => ({ ...toKey(row), owner: String(row.owner), role: row.role as Role }));
    },

    async revokeApiKey(id) {
      checkKey(id, 'id');
      await db.query('UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [id, ctx.now()]);
      const { rows } = await db.query(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE id = $1`, [id]);
      if (rows.length === 0) throw new NotFoundError('API key', id);
      const key = toKey(rows[0]!);
      await db.notify(CHANNELS.access, key.userId);
      return key;
    },

    async authenticateApiKey(keyHash) {
      checkKey(keyHash, 'keyHash');
      const { rows } = await db.query(
        `UPDATE api_keys SET last_used_at = $2 WHERE key_hash = $1 AND revoked_at IS NULL RETURNING ${KEY_COLUMNS}`,
        [keyHash, ctx.now()],
      );
      if (rows.length === 0) return null;
      const key = toKey(rows[0]!);
      const user = await userIn(db, key.userId);
      return user.disabledAt === null ? { key, user } : null;
    },

    async createSession({ tokenHash, userId, expiresAt }) {
      checkText(tokenHash, 'tokenHash', 'hash');
      checkKey(userId, 'userId');
      const { rows } = await db
        .query(
          `INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)
           RETURNING user_id, created_at, expires_at`,
          [tokenHash, userId, ctx.now(), storedInstant(expiresAt, 'expiresAt')],
        )
        .catch(credentialClash('session', userId, tokenHash));
      return toSession(rows[0]!);
    },

    async findSession(tokenHash) {
      checkKey(tokenHash, 'tokenHash');
      const { rows } = await db.query(
        `SELECT s.user_id, s.created_at, s.expires_at, u.id, u.name, u.role, u.created_at AS user_created_at, u.disabled_at
           FROM sessions s JOIN users u ON u.id = s.user_id
          WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL`,
        [tokenHash, ctx.now()],
      );
      const row = rows[0];
      if (!row) return null;
      const [user] = await usersIn(db, [{ ...row, created_at: row.user_created_at }]);
      return { session: toSession(row), user: user! };
    },

    async deleteSession(tokenHash) {
      checkKey(tokenHash, 'tokenHash');
      const { rows } = await db.query('DELETE FROM sessions WHERE token_hash = $1 RETURNING token_hash', [tokenHash]);
      return rows.length > 0;
    },

    async deleteExpiredSessions() {
      const { rows } = await db.query('DELETE FROM sessions WHERE expires_at <= $1 RETURNING token_hash', [ctx.now()]);
      return rows.length;
    },

    async createSetupToken({ tokenHash, expiresAt }) {
      checkText(tokenHash, 'tokenHash', 'hash');
      try {
        await db.query('INSERT INTO setup_tokens (token_hash, created_at, expires_at) VALUES ($1, $2, $3)', [
          tokenHash,
          ctx.now(),
          storedInstant(expiresAt, 'expiresAt'),
        ]);
      } catch (e) {
        if (isDbError(e, UNIQUE_VIOLATION)) throw new DuplicateError('setup token', tokenHash, 'this setup token exists already', { cause: e });
        throw e;
      }
    },

    async consumeSetupToken(tokenHash) {
      checkKey(tokenHash, 'tokenHash');
      // One statement: of racing callers only the first finds used_at still empty.
      const now = ctx.now();
      const { rows } = await db.query(
        `UPDATE setup_tokens SET used_at = $2
          WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING token_hash`,
        [tokenHash, now],
      );
      return rows.length > 0;
    },
  };
}
