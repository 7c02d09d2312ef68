// The audit log: who did what, when, and for policy changes the versions before and after.

import type { StoreContext } from './context.js';
import type { Db, Row } from './db.js';
import { ValidationError } from './errors.js';
import { instant, iso, num, strOrNull } from './rows.js';
import { checkJsonText, checkKey, checkOptionalText, checkText } from './text.js';
import type { AuditEntry, AuditFilter, AuditInput } from './types.js';

export interface AuditStore {
  audit(entry: AuditInput): Promise<AuditEntry>;
  /** Newest first, filtered by scope, actor and period [from, to). */
  listAudit(filter?: AuditFilter): Promise<AuditEntry[]>;
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

function toEntry(row: Row): AuditEntry {
  return {
    id: num(row.id),
    at: iso(row.at),
    actor: String(row.actor),
    actorName: strOrNull(row.actor_name),
    action: String(row.action),
    scopeId: strOrNull(row.scope_id),
    beforeVersionId: strOrNull(row.before_version_id),
    afterVersionId: strOrNull(row.after_version_id),
    detail: (row.detail ?? null) as Record<string, unknown> | null,
  };
}

/** Writes an entry on `db` (a transaction's handle, so it commits with the change it records). */
export async function writeAudit(db: Db, at: Date, entry: AuditInput): Promise<AuditEntry> {
  checkText(entry.actor, 'actor', 'id');
  checkText(entry.action, 'action', 'name');
  checkOptionalText(entry.scopeId, 'scopeId', 'id');
  checkOptionalText(entry.beforeVersionId, 'beforeVersionId', 'id');
  checkOptionalText(entry.afterVersionId, 'afterVersionId', 'id');
  checkJsonText(entry.detail, 'detail', 'text');
  const { rows } = await db.query(
    `INSERT INTO audit_log (at, actor, action, scope_id, before_version_id, after_version_id, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     RETURNING id, at, actor, action, scope_id, before_version_id, after_version_id, detail`,
    [
      at,
      entry.actor,
      entry.action,
      entry.scopeId ?? null,
      entry.beforeVersionId ?? null,
      entry.afterVersionId ?? null,
      entry.detail == null ? null : JSON.stringify(entry.detail),
    ],
  );
  return toEntry({ ...rows[0], actor_name: null });
}

export function auditStore(ctx: StoreContext): AuditStore {
  const { db } = ctx;
  return {
    async audit(entry) {
      const written = await writeAudit(db, ctx.now(), entry);
      const user = await db.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [entry.actor]);
      return { ...written, actorName: user.rows[0]?.name ?? null };
    },

    async listAudit(filter = {}) {
      const limit = filter.limit ?? DEFAULT_LIMIT;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
        throw new ValidationError('limit', `limit must be a whole number from 1 to ${MAX_LIMIT}`);
      }
      const where: string[] = [];
      const values: unknown[] = [];
      const add = (sql: string, value: unknown) => {
        values.push(value);
        where.push(sql.replace('?', `$${values.length}`));
      };
      if (filter.scopeId !== undefined) add('a.scope_id = ?', checkKey(filter.scopeId, 'scopeId'));
      if (filter.actor !== undefined) add('a.actor = ?', checkKey(filter.actor, 'actor'));
      if (filter.action !== undefined) add('a.action = ?', checkKey(filter.action, 'action'));
      if (filter.actionPrefix !== undefined) {
        // Only characters LIKE takes as themselves, so the prefix needs no escaping.
        if (!/^[A-Za-z0-9.-]{1,100}$/.test(filter.actionPrefix)) throw new ValidationError('actionPrefix', 'an action prefix has letters, digits, - and . only');
        add("a.action LIKE ?", `${filter.actionPrefix}%`);
      }
      if (filter.from !== undefined) add('a.at >= ?', instant(filter.from, 'from'));
      if (filter.to !== undefined) add('a.at < ?', instant(filter.to, 'to'));
      if (filter.beforeId !== undefined) add('a.id < ?', filter.beforeId);
      values.push(limit);
      const { rows } = await db.query(
        `SELECT a.id, a.at, a.actor, u.name AS actor_name, a.action, a.scope_id,
                a.before_version_id, a.after_version_id, a.detail
           FROM audit_log a LEFT JOIN users u ON u.id = a.actor
          ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY a.id DESC
          LIMIT $${values.length}`,
        values,
      );
      return rows.map(toEntry);
    },
  };
}
