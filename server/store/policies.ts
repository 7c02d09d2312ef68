// Policy versions: immutable text with a version number per scope, drafts made against
// the scope's head (StaleBaseError otherwise), and atomic activation and rollback keeping
// exactly one active version per scope, each judged (by the caller's `judge`) inside its
// transaction against the version active under the lock.
//
// Every change locks the scope's organisation row (FOR NO KEY UPDATE, which does not
// block rows that merely reference it), so writers on one scope take turns; the unique
// keys (scope, version) and (scope) where active back this up, and a clash on them is
// reported as the conflict it means.

import { writeAudit } from './audit.js';
import type { StoreContext } from './context.js';
import type { Db, Row } from './db.js';
import { ConflictError, DuplicateError, InvalidTextError, isDbError, NotFoundError, StaleBaseError, UNIQUE_VIOLATION } from './errors.js';
import { CHANNELS } from './notify.js';
import { iso, num, strOrNull } from './rows.js';
import { checkKey, checkText } from './text.js';
import type { Activation, ActivationResult, NewDraft, PolicyHistoryEntry, PolicyStatus, PolicyVersion, PolicyVersionInfo } from './types.js';

/** What an activation or rollback is about to do, as seen under the scope's lock. */
export interface PendingSwitch {
  target: PolicyVersion;
  /** The version active now (re-read under the lock); null for the scope's first activation. */
  active: PolicyVersion | null;
}

export interface SwitchOptions {
  /**
   * Called inside the transaction, after the scope is locked and before anything changes;
   * throwing refuses the switch. A concurrent activation has either committed before
   * (and `active` shows it) or waits until this one ends.
   */
  judge?: (pending: PendingSwitch) => Promise<void> | void;
  /** More for the audit entry's detail (e.g. a forced activation's reason and failing tests). */
  auditDetail?: Record<string, unknown>;
  /** Why, kept with the activation (and in the audit entry); absent or null for none. */
  comment?: string | null;
}

export interface PolicyStore {
  /** A new draft version on top of `baseVersionId`, which must be the scope's head (headVersion). */
  createDraft(input: NewDraft): Promise<PolicyVersion>;
  /** Throws NotFoundError. */
  getVersion(id: string): Promise<PolicyVersion>;
  activeVersion(scopeId: string): Promise<PolicyVersion | null>;
  latestVersion(scopeId: string): Promise<PolicyVersion | null>;
  /**
   * The version a new draft must be based on: the newest of the drafts made on the active
   * version one on another, else the active version; with none active, the latest. A
   * version retired by a rollback is never the head.
   */
  headVersion(scopeId: string): Promise<PolicyVersion | null>;
  /** The scope's versions, newest first, without their source, with their authors' names and last activations. */
  history(scopeId: string): Promise<PolicyHistoryEntry[]>;
  /** The scope's activations and rollbacks, newest first. */
  activations(scopeId: string): Promise<Activation[]>;
  /** Makes a draft or retired version the active one; the active one is retired. */
  activate(versionId: string, actor: string, options?: SwitchOptions): Promise<ActivationResult>;
  /** Returns to the version active before the current activation (ConflictError when there is none). */
  rollback(scopeId: string, actor: string, options?: SwitchOptions): Promise<ActivationResult>;
}

const INFO = 'id, scope_id, version, hash, base_version_id, status, created_by, created_at, comment';
/**
 * The longest comment a version or an activation keeps, in UTF-16 code units: the API allows
 * 500 characters (code points), which may take up to 1,000 units.
 */
export const POLICY_COMMENT_MAX_UNITS = 1_000;
const FULL = `${INFO}, source`;

function toInfo(row: Row): PolicyVersionInfo {
  return {
    id: String(row.id),
    scopeId: String(row.scope_id),
    version: num(row.version),
    hash: String(row.hash),
    baseVersionId: strOrNull(row.base_version_id),
    status: row.status as PolicyStatus,
    createdBy: String(row.created_by),
    createdAt: iso(row.created_at),
    comment: strOrNull(row.comment),
  };
}

function toVersion(row: Row): PolicyVersion {
  return { ...toInfo(row), source: String(row.source) };
}

function toActivation(row: Row): Activation {
  return {
    id: num(row.id),
    scopeId: String(row.scope_id),
    seq: num(row.seq),
    versionId: String(row.version_id),
    previousActivationId: row.previous_activation_id == null ? null : num(row.previous_activation_id),
    kind: row.kind as Activation['kind'],
    actor: String(row.actor),
    at: iso(row.at),
    comment: strOrNull(row.comment),
  };
}

/** A comment the store may keep: text checks as any other, and no longer than its bound. */
function checkComment(value: string | null | undefined, field: string): string | null {
  if (value === undefined || value === null) return null;
  checkText(value, field, 'text');
  if (value.length > POLICY_COMMENT_MAX_UNITS) throw new InvalidTextError(field, 'too-long', POLICY_COMMENT_MAX_UNITS);
  return value;
}

async function lockScope(tx: Db, scopeId: string): Promise<void> {
  checkKey(scopeId, 'scopeId');
  const { rows } = await tx.query('SELECT id FROM organisations WHERE id = $1 FOR NO KEY UPDATE', [scopeId]);
  if (rows.length === 0) throw new NotFoundError('organisation', scopeId);
}

async function versionIn(db: Db, id: string): Promise<PolicyVersion> {
  checkKey(id, 'versionId');
  const { rows } = await db.query(`SELECT ${FULL} FROM policy_versions WHERE id = $1`, [id]);
  if (!rows[0]) throw new NotFoundError('policy version', id);
  return toVersion(rows[0]);
}

async function latestIn(db: Db, scopeId: string): Promise<PolicyVersion | null> {
  checkKey(scopeId, 'scopeId');
  const { rows } = await db.query(
    `SELECT ${FULL} FROM policy_versions WHERE scope_id = $1 ORDER BY version DESC LIMIT 1`,
    [scopeId],
  );
  return rows[0] ? toVersion(rows[0]) : null;
}

async function headIn(db: Db, scopeId: string): Promise<PolicyVersion | null> {
  const { rows } = await db.query('SELECT id, base_version_id, status FROM policy_versions WHERE scope_id = $1 ORDER BY version', [scopeId]);
  const active = rows.find((r) => r.status === 'active');
  if (!active) return rows.length === 0 ? null : versionIn(db, String(rows[rows.length - 1]!.id));
  // Each draft is made on the head of its time, so the drafts on the active version form one line, in version order.
  let head = String(active.id);
  for (const r of rows) if (r.status === 'draft' && strOrNull(r.base_version_id) === head) head = String(r.id);
  return versionIn(db, head);
}

async function activeIn(db: Db, scopeId: string): Promise<PolicyVersion | null> {
  checkKey(scopeId, 'scopeId');
  const { rows } = await db.query(`SELECT ${FULL} FROM policy_versions WHERE scope_id = $1 AND status = 'active'`, [
    scopeId,
  ]);
  return rows[0] ? toVersion(rows[0]) : null;
}

async function currentActivation(db: Db, scopeId: string): Promise<Activation | null> {
  const { rows } = await db.query(
    'SELECT * FROM policy_activations WHERE scope_id = $1 ORDER BY seq DESC LIMIT 1',
    [scopeId],
  );
  return rows[0] ? toActivation(rows[0]) : null;
}

export function policyStore(ctx: StoreContext): PolicyStore {
  const { db } = ctx;

  /** Retires the active version, activates `target` and records the activation, in `tx`. */
  async function switchTo(
    tx: Db,
    target: PolicyVersion,
    kind: Activation['kind'],
    previousActivationId: number | null,
    seq: number,
    actor: string,
    options: SwitchOptions,
  ): Promise<ActivationResult> {
    const previous = await activeIn(tx, target.scopeId);
    await options.judge?.({ target, active: previous });
    const at = ctx.now();
    try {
      if (previous) await tx.query(`UPDATE policy_versions SET status = 'retired' WHERE id = $1`, [previous.id]);
      await tx.query(`UPDATE policy_versions SET status = 'active' WHERE id = $1`, [target.id]);
    } catch (e) {
      if (isDbError(e, UNIQUE_VIOLATION)) {
        throw new ConflictError(`another version of "${target.scopeId}" was activated at the same time`, { cause: e });
      }
      throw e;
    }
    let rows: Row[];
    try {
      ({ rows } = await tx.query(
        `INSERT INTO policy_activations (scope_id, seq, version_id, previous_activation_id, kind, actor, at, comment)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
        [target.scopeId, seq, target.id, previousActivationId, kind, actor, at, options.comment ?? null],
      ));
    } catch (e) {
      // The scope's lock makes writers take turns; a clash here means one got past it.
      if (isDbError(e, UNIQUE_VIOLATION)) throw new ConflictError(`another change to "${target.scopeId}" was made at the same time`, { cause: e });
      throw e;
    }
    await writeAudit(tx, at, {
      actor,
      action: `policy.${kind}`,
      scopeId: target.scopeId,
      beforeVersionId: previous?.id ?? null,
      afterVersionId: target.id,
      detail: { version: target.version, ...(previous ? { previousVersion: previous.version } : {}), ...(options.comment ? { comment: options.comment } : {}), ...options.auditDetail },
    });
    return {
      active: { ...target, status: 'active' },
      previous: previous ? { ...previous, status: 'retired' } : null,
      activation: toActivation(rows[0]!),
    };
  }

  return {
    async createDraft(input) {
      checkText(input.source, 'source', 'source');
      checkText(input.hash, 'hash', 'hash');
      checkText(input.author, 'author', 'id');
      checkKey(input.baseVersionId, 'baseVersionId');
      const comment = checkComment(input.comment, 'comment');
      return db.transaction(async (tx) => {
        await lockScope(tx, input.scopeId);
        const latest = await latestIn(tx, input.scopeId);
        const head = await headIn(tx, input.scopeId);
        if ((head?.id ?? null) !== input.baseVersionId) {
          if (input.baseVersionId !== null) {
            const base = await tx.query('SELECT scope_id FROM policy_versions WHERE id = $1', [input.baseVersionId]);
            if (base.rows[0]?.scope_id !== input.scopeId) throw new NotFoundError('policy version', input.baseVersionId);
          }
          throw new StaleBaseError(input.scopeId, input.baseVersionId, head?.id ?? null);
        }
        const at = ctx.now();
        const id = checkText(ctx.newId(), 'id', 'id');
        // A clash on the id is told apart before the insert (a clash aborts the transaction).
        const taken = await tx.query('SELECT id FROM policy_versions WHERE id = $1', [id]);
        if (taken.rows.length > 0) throw new DuplicateError('policy version', id);
        let rows: Row[];
        try {
          ({ rows } = await tx.query(
            `INSERT INTO policy_versions (${FULL})
             VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $8, $9) RETURNING ${FULL}`,
            [id, input.scopeId, (latest?.version ?? 0) + 1, input.hash, input.baseVersionId, input.author, at, comment, input.source],
          ));
        } catch (e) {
          if (isDbError(e, UNIQUE_VIOLATION)) throw new StaleBaseError(input.scopeId, input.baseVersionId, null, { cause: e });
          throw e;
        }
        const draft = toVersion(rows[0]!);
        await writeAudit(tx, at, {
          actor: input.author,
          action: 'policy.draft',
          scopeId: input.scopeId,
          beforeVersionId: input.baseVersionId,
          afterVersionId: draft.id,
          detail: { version: draft.version, hash: draft.hash, ...(comment ? { comment } : {}) },
        });
        return draft;
      });
    },

    getVersion: (id) => versionIn(db, id),
    activeVersion: (scopeId) => activeIn(db, scopeId),
    latestVersion: (scopeId) => latestIn(db, scopeId),
    headVersion: (scopeId) => headIn(db, scopeId),

    async history(scopeId) {
      checkKey(scopeId, 'scopeId');
      // Two plain reads joined here: pg-mem has no LATERAL join to pick each version's last activation.
      const [versions, activations] = await Promise.all([
        db.query(`SELECT ${INFO.split(', ').map((c) => `v.${c}`).join(', ')}, u.name AS author_name FROM policy_versions v LEFT JOIN users u ON u.id = v.created_by WHERE v.scope_id = $1 ORDER BY v.version DESC`, [scopeId]),
        db.query('SELECT a.*, u.name AS actor_name FROM policy_activations a LEFT JOIN users u ON u.id = a.actor WHERE a.scope_id = $1 ORDER BY a.seq', [scopeId]),
      ]);
      const last = new Map<string, PolicyHistoryEntry['lastActivation']>();
      for (const row of activations.rows) {
        const a = toActivation(row);
        last.set(a.versionId, { kind: a.kind, actor: a.actor, actorName: strOrNull(row.actor_name), at: a.at, comment: a.comment });
      }
      return versions.rows.map((row) => {
        const version = toInfo(row);
        return { ...version, authorName: strOrNull(row.author_name), lastActivation: last.get(version.id) ?? null };
      });
    },

    async activations(scopeId) {
      checkKey(scopeId, 'scopeId');
      const { rows } = await db.query('SELECT * FROM policy_activations WHERE scope_id = $1 ORDER BY seq DESC', [scopeId]);
      return rows.map(toActivation);
    },

    async activate(versionId, actor, options = {}) {
      checkText(actor, 'actor', 'id');
      checkComment(options.comment, 'comment');
      return db.transaction(async (tx) => {
        const { scopeId } = await versionIn(tx, versionId);
        await lockScope(tx, scopeId);
        const target = await versionIn(tx, versionId); // as it is now that the scope is ours
        if (target.status === 'active') throw new ConflictError(`version ${target.version} of "${scopeId}" is already active`);
        const current = await currentActivation(tx, scopeId);
        const result = await switchTo(tx, target, 'activate', current?.id ?? null, (current?.seq ?? 0) + 1, actor, options);
        await tx.notify(CHANNELS.policy, scopeId);
        return result;
      });
    },

    async rollback(scopeId, actor, options = {}) {
      checkText(actor, 'actor', 'id');
      checkComment(options.comment, 'comment');
      return db.transaction(async (tx) => {
        await lockScope(tx, scopeId);
        const current = await currentActivation(tx, scopeId);
        if (current?.previousActivationId == null) {
          throw new ConflictError(`"${scopeId}" has no earlier active version to roll back to`);
        }
        const { rows } = await tx.query('SELECT * FROM policy_activations WHERE id = $1', [current.previousActivationId]);
        const back = toActivation(rows[0]!);
        const target = await versionIn(tx, back.versionId);
        const result = await switchTo(tx, target, 'rollback', back.previousActivationId, current.seq + 1, actor, options);
        await tx.notify(CHANNELS.policy, scopeId);
        return result;
      });
    },
  };
}
