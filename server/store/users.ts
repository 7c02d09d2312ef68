// Users: a name, a role, a scrypt password hash (see secrets.ts) and the properties
// they are assigned.

import type { StoreContext } from './context.js';
import type { Db, Row } from './db.js';
import { DuplicateError, isDbError, NotFoundError, UNIQUE_VIOLATION, ValidationError } from './errors.js';
import { CHANNELS } from './notify.js';
import { iso, isoOrNull, params, valueRows } from './rows.js';
import { checkKey, checkText } from './text.js';
import { ROLES, type NewUser, type Role, type User, type UserChanges } from './types.js';

export interface UserStore {
  createUser(input: NewUser): Promise<User>;
  /** Throws NotFoundError. */
  getUser(id: string): Promise<User>;
  /** The user and their password hash, for signing in; null when no such name. */
  findCredentials(name: string): Promise<{ user: User; passwordHash: string } | null>;
  listUsers(): Promise<User[]>;
  updateUser(id: string, changes: UserChanges): Promise<User>;
  /** Users that are not disabled, by role: whether setup is still needed, say. */
  countUsers(role?: Role): Promise<number>;
  /**
   * The same password hashed at a higher cost, stored only if the hash is still `was` (a
   * password changed meanwhile stays). Sessions live on: the password did not change.
   */
  rehashPassword(id: string, was: string, hash: string): Promise<void>;
  /**
   * The ids of the enabled admins, their rows locked until the transaction ends: two
   * admins demoting or disabling each other at once then decide one after the other, so
   * the last admin is never lost (call inside `transaction`).
   */
  lockActiveAdmins(): Promise<string[]>;
}

const COLUMNS = 'id, name, role, created_at, disabled_at';

function checkRole(role: string): void {
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new ValidationError('role', `role must be one of ${ROLES.join(', ')}, got ${JSON.stringify(role)}`);
  }
}

function checkName(name: string): void {
  if (typeof name !== 'string' || name.trim() === '') throw new ValidationError('name', 'a user needs a name');
  checkText(name, 'name', 'name');
}

/** Refuses a name another user has; called before the write, where a clash would abort the transaction. */
async function checkNameFree(tx: Db, name: string, userId: string): Promise<void> {
  const { rows } = await tx.query('SELECT id FROM users WHERE name = $1 AND id <> $2', [name, userId]);
  if (rows.length > 0) throw new DuplicateError('user', name, `a user named "${name}" exists already`);
}

function toUser(row: Row, properties: string[]): User {
  return {
    id: String(row.id),
    name: String(row.name),
    role: row.role as Role,
    properties,
    createdAt: iso(row.created_at),
    disabledAt: isoOrNull(row.disabled_at),
  };
}

export async function usersIn(db: Db, rows: Row[]): Promise<User[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => String(r.id));
  const assigned = await db.query<{ user_id: string; property_id: string }>(
    `SELECT user_id, property_id FROM user_properties WHERE user_id IN (${params(ids.length)}) ORDER BY property_id`,
    ids,
  );
  return rows.map((row) =>
    toUser(
      row,
      assigned.rows.filter((a) => a.user_id === row.id).map((a) => a.property_id),
    ),
  );
}

export async function userIn(db: Db, id: string): Promise<User> {
  checkKey(id, 'id');
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
  if (rows.length === 0) throw new NotFoundError('user', id);
  return (await usersIn(db, rows))[0]!;
}

async function assign(tx: Db, userId: string, properties: string[]): Promise<void> {
  await tx.query('DELETE FROM user_properties WHERE user_id = $1', [userId]);
  properties.forEach((p, i) => checkKey(p, `properties/${i}`));
  const wanted = [...new Set(properties)];
  if (wanted.length === 0) return;
  const found = await tx.query<{ id: string }>(
    `SELECT id FROM organisations WHERE kind = 'property' AND id IN (${params(wanted.length)})`,
    wanted,
  );
  const known = new Set(found.rows.map((r) => r.id));
  const missing = wanted.find((p) => !known.has(p));
  if (missing !== undefined) throw new NotFoundError('property', missing);
  await tx.query(
    `INSERT INTO user_properties (user_id, property_id) VALUES ${valueRows(wanted.length, 2)}`,
    wanted.flatMap((p) => [userId, p]),
  );
}

export function userStore(ctx: StoreContext): UserStore {
  const { db } = ctx;

  return {
    async createUser(input) {
      checkName(input.name);
      checkRole(input.role);
      checkText(input.passwordHash, 'passwordHash', 'hash');
      return db.transaction(async (tx) => {
        const id = checkText(ctx.newId(), 'id', 'id');
        const taken = await tx.query('SELECT id FROM users WHERE id = $1', [id]);
        if (taken.rows.length > 0) throw new DuplicateError('user', id, `a user with id "${id}" exists already`);
        await checkNameFree(tx, input.name, id);
        try {
          await tx.query(
            'INSERT INTO users (id, name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)',
            [id, input.name, input.role, input.passwordHash, ctx.now()],
          );
        } catch (e) {
          // Only a writer that took the name since the look above gets here.
          if (isDbError(e, UNIQUE_VIOLATION)) throw new DuplicateError('user', input.name, `a user named "${input.name}" exists already`, { cause: e });
          throw e;
        }
        await assign(tx, id, input.properties ?? []);
        return userIn(tx, id);
      });
    },

    getUser: (id) => userIn(db, id),

    async findCredentials(name) {
      checkKey(name, 'name');
      const { rows } = await db.query(`SELECT ${COLUMNS}, password_hash FROM users WHERE name = $1`, [name]);
      if (rows.length === 0) return null;
      const [user] = await usersIn(db, rows);
      return { user: user!, passwordHash: String(rows[0]!.password_hash) };
    },

    async listUsers() {
      const { rows } = await db.query(`SELECT ${COLUMNS} FROM users ORDER BY name`);
      return usersIn(db, rows);
    },

    async updateUser(id, changes) {
      if (changes.name !== undefined) checkName(changes.name);
      if (changes.role !== undefined) checkRole(changes.role);
      if (changes.passwordHash !== undefined) checkText(changes.passwordHash, 'passwordHash', 'hash');
      return db.transaction(async (tx) => {
        const current = await userIn(tx, id);
        if (changes.name !== undefined) await checkNameFree(tx, changes.name, id);
        const disabledAt =
          changes.disabled === undefined ? current.disabledAt : changes.disabled ? (current.disabledAt ?? ctx.now().toISOString()) : null;
        try {
          await tx.query('UPDATE users SET name = $2, role = $3, disabled_at = $4 WHERE id = $1', [
            id,
            changes.name ?? current.name,
            changes.role ?? current.role,
            disabledAt === null ? null : new Date(disabledAt),
          ]);
        } catch (e) {
          if (isDbError(e, UNIQUE_VIOLATION)) throw new DuplicateError('user', String(changes.name), `a user named "${changes.name}" exists already`, { cause: e });
          throw e;
        }
        if (changes.passwordHash !== undefined) {
          await tx.query('UPDATE users SET password_hash = $2 WHERE id = $1', [id, changes.passwordHash]);
        }
        // A new password or a disabled account ends every session the user had.
        if (changes.passwordHash !== undefined || changes.disabled === true) {
          await tx.query('DELETE FROM sessions WHERE user_id = $1', [id]);
        }
        if (changes.properties !== undefined) await assign(tx, id, changes.properties);
        await tx.notify(CHANNELS.access, id);
        return userIn(tx, id);
      });
    },

    async rehashPassword(id, was, hash) {
      await db.query('UPDATE users SET password_hash = $3 WHERE id = $1 AND password_hash = $2', [id, was, hash]);
    },

    async lockActiveAdmins() {
      const { rows } = await db.query<{ id: string }>("SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL ORDER BY id FOR UPDATE");
      return rows.map((r) => r.id);
    },

    async countUsers(role) {
      const { rows } =
        role === undefined
          ? await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users WHERE disabled_at IS NULL')
          : await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users WHERE disabled_at IS NULL AND role = $1', [
              role,
            ]);
      return Number(rows[0]?.n ?? 0);
    },
  };
}
