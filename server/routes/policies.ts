// Policy versions: GET /v1/scopes/{scope}/policy (the active version), …/policy/history,
// GET /v1/libraries (the calendars `use` names, for checks in the browser),
// …/policy/effective (provenance), POST …/policy/drafts, …/policy/rollback,
// GET /v1/policy-versions/{id}, …/{a}/diff/{b} and POST …/{id}/activate. Reads: any
// signed-in user; writes: per role and by whose results each changed section feeds
// (policy-versions.ts), judged for activation and rollback inside the store's transaction.
// Drafts are checked in a worker (draft-check-pool.ts). Every write goes through the
// store, which audits it.
import express, { Router, type Request, type Response } from 'express';
import type { SourceFile } from '../../engine/index.js';
import { assertScopeReadable, bodyOf, callerOf, ForbiddenError, requireCaller, requireRole, smallJson } from '../auth/index.js';
import { sharedDraftChecker, type DraftChecker } from '../draft-check-pool.js';
import type { DraftCheckReport, FailedTest } from '../draft-check.js';
import { mistakesIn, problemOf, sendProblem } from '../errors.js';
import {
  assertMayChange,
  chainOf,
  dependentsOf,
  type Chain,
  diffVersions,
  DraftInvalidError,
  DraftTooLargeError,
  draftJob,
  effectiveOf,
  hashOf,
  MAX_DRAFT_BYTES,
  NoActivePolicyError,
  PolicyTestsFailedError,
  StaleDraftError,
} from '../policy-versions.js';
import { activateRequestSchema, newDraftRequestSchema, REQUEST_INVALID, rollbackRequestSchema, type ActivateRequest, type NewDraftRequest, type RollbackRequest } from '../schemas/index.js';
import { StaleBaseError, type ActivationResult, type Organisation, type PendingSwitch, type PolicyVersion, type PolicyVersionInfo, type Repository, type User } from '../store/index.js';

export interface PolicyRoutesOptions {
  repository: Repository;
  libraries: readonly SourceFile[];
  /** Where drafts are checked (a worker thread); the process's shared one by default. */
  checker?: DraftChecker;
}

const info = ({ source: _source, ...rest }: PolicyVersion): PolicyVersionInfo => rest;
const param = (req: Request, name: string): string => String(req.params[name]);
interface CheckContext {
  scope: Organisation;
  chain: Chain;
  dependents: PolicyVersion[];
}

const activation = (r: ActivationResult) => ({ active: info(r.active), previous: r.previous ? info(r.previous) : null });
/** A body a little larger than the largest draft, JSON escapes included; the draft's own limit is checked on its source. */
const DRAFT_BODY_LIMIT = 4 * MAX_DRAFT_BYTES;

/** 409 with the head a draft must be based on as `latestVersionId`. */
function sendStale(req: Request, res: Response, scopeId: string, head: string | null): void {
  const stale = new StaleDraftError(scopeId, head);
  sendProblem(res, { ...problemOf(stale, typeof req.id === 'string' ? req.id : undefined), latestVersionId: head } as ReturnType<typeof problemOf>);
}

/** 422 with the first errors and, as `errorCount`, how many there are. */
function sendInvalid(req: Request, res: Response, report: DraftCheckReport): void {
  const invalid = new DraftInvalidError(report.errors, report.errorCount);
  sendProblem(res, { ...problemOf(invalid, typeof req.id === 'string' ? req.id : undefined), errorCount: report.errorCount } as ReturnType<typeof problemOf>);
}

export function policyRoutes({ repository, libraries, checker = sharedDraftChecker() }: PolicyRoutesOptions): Router {
  const router = Router();
  const json = express.json({ limit: DRAFT_BODY_LIMIT, type: ['application/json', 'application/*+json'] });
  const writer = requireRole('admin', 'quality', 'manager');

  /** What a check of a text of `scope` needs from the store: the versions above it and below it. Read before any transaction, which must not wait on the store. */
  async function contextOf(scope: Organisation): Promise<CheckContext> {
    const [chain, dependents] = await Promise.all([chainOf(repository, scope.id), scope.kind === 'property' ? [] : dependentsOf(repository, scope.id)]);
    return { scope, chain, dependents };
  }

  /** Checks `source` as the scope's text in the worker: errors, tests (its own and the scopes' below), and its changes from `base` (null: not asked). */
  const checkAs = (context: CheckContext, source: string, base: string | undefined | null): Promise<DraftCheckReport> =>
    checker.check(draftJob(context.scope, source, base, context.chain, libraries, context.dependents));

  /**
   * Inside the activation's or rollback's transaction: a manager's change judged against
   * the version active under the lock (`judged`: a report already made against `judgedAgainst`).
   */
  const judgeAgainstActive =
    (user: User, context: CheckContext, what: string, judged?: { report: DraftCheckReport; against: string | null }) =>
    async ({ target, active }: PendingSwitch) => {
      if (user.role !== 'manager') return;
      const report = judged && judged.against === (active?.id ?? null) ? judged.report : await checkAs(context, target.source, active?.source);
      assertMayChange(user, context.scope, report.changed, what);
    };

  router.get('/v1/scopes/:scope/policy', requireCaller(), async (req, res) => {
    const scope = await repository.getOrganisation(param(req, 'scope'));
    await assertScopeReadable(repository, callerOf(req), scope.id);
    const active = await repository.activeVersion(scope.id);
    if (!active) throw new NoActivePolicyError(scope.id);
    res.json(active);
  });

  router.get('/v1/scopes/:scope/policy/history', requireCaller(), async (req, res) => {
    const scope = await repository.getOrganisation(param(req, 'scope'));
    await assertScopeReadable(repository, callerOf(req), scope.id);
    const [versions, head] = await Promise.all([repository.history(scope.id), repository.headVersion(scope.id)]);
    res.json({ scope: scope.id, versions, headVersionId: head?.id ?? null });
  });

  // Libraries are not secrets: every policy that names one shows its name, and anyone signed in may read any policy of their lineage.
  router.get('/v1/libraries', requireCaller(), (_req, res) => {
    res.json({ libraries: libraries.map(({ uri, text }) => ({ uri, text })) });
  });

  router.get('/v1/scopes/:scope/policy/effective', requireCaller(), async (req, res) => {
    const scope = await repository.getOrganisation(param(req, 'scope'));
    await assertScopeReadable(repository, callerOf(req), scope.id);
    const chain = await chainOf(repository, scope.id);
    const { rows } = effectiveOf(scope.id, chain, libraries);
    const versions = chain.own ? [...chain.ancestors, chain.own] : chain.ancestors;
    res.json({ scope: scope.id, chain: versions.map((v) => ({ scope: v.scopeId, version: v.version, hash: v.hash })), rows });
  });

  router.post('/v1/scopes/:scope/policy/drafts', writer, json, async (req, res) => {
    const raw = (req.body as { source?: unknown } | undefined)?.source;
    if (typeof raw === 'string' && Buffer.byteLength(raw) > MAX_DRAFT_BYTES) throw new DraftTooLargeError(Buffer.byteLength(raw));
    const body = bodyOf<NewDraftRequest>(req, newDraftRequestSchema);
    const user = callerOf(req).user;
    const scope = await repository.getOrganisation(param(req, 'scope'));
    // Role and assignment first, before anything is read or checked.
    assertMayChange(user, scope, [], 'draft policies');
    const base = body.baseVersionId === null ? null : await repository.getVersion(body.baseVersionId);
    // A stale base is answered before the check; the store decides again under its lock.
    const head = await repository.headVersion(scope.id);
    if ((base?.id ?? null) !== (head?.id ?? null)) {
      sendStale(req, res, scope.id, head?.id ?? null);
      return;
    }
    const report = await checkAs(await contextOf(scope), body.source, base?.source);
    if (report.errorCount > 0) return sendInvalid(req, res, report);
    assertMayChange(user, scope, report.changed, 'make this draft');
    let draft: PolicyVersion;
    try {
      draft = await repository.createDraft({ scopeId: scope.id, baseVersionId: body.baseVersionId, source: body.source, hash: hashOf(body.source), author: user.id, comment: body.comment ?? null });
    } catch (e) {
      if (!(e instanceof StaleBaseError)) throw e;
      sendStale(req, res, scope.id, e.latestVersionId ?? (await repository.headVersion(scope.id))?.id ?? null);
      return;
    }
    res.status(201).location(`/v1/policy-versions/${encodeURIComponent(draft.id)}`).json({ ...draft, tests: report.tests });
  });

  router.post('/v1/policy-versions/:id/activate', writer, smallJson, async (req, res) => {
    const user = callerOf(req).user;
    const body = req.body === undefined ? {} : bodyOf<ActivateRequest>(req, activateRequestSchema);
    if (body.force && user.role !== 'admin') throw new ForbiddenError('Only an admin may force an activation.');
    if (body.force && !body.reason) throw mistakesIn('request', [{ pointer: '/reason', code: REQUEST_INVALID, message: 'A forced activation needs a reason ({"force": true, "reason": "…"}); it is audited.' }]);
    const target = await repository.getVersion(param(req, 'id'));
    const scope = await repository.getOrganisation(target.scopeId);
    assertMayChange(user, scope, [], 'activate policies');
    // A manager's change is first judged against what is active now: the answer to a change they may not make is 403 whatever its tests say.
    const active = user.role === 'manager' ? await repository.activeVersion(scope.id) : null;
    const context = await contextOf(scope);
    const report = await checkAs(context, target.source, user.role === 'manager' ? active?.source : null);
    if (report.errorCount > 0) return sendInvalid(req, res, report);
    assertMayChange(user, scope, report.changed, 'activate this version');
    // The gate: the version's tests, and those of the scopes extending it, pass.
    const failed: FailedTest[] = report.tests.failed;
    if (failed.length > 0 && !body.force) throw new PolicyTestsFailedError(scope.id, failed);
    const forced = body.force ? { forced: true, reason: body.reason, failingTests: failed.map((t) => ({ scope: t.scope, name: t.name, line: t.line })) } : undefined;
    // Judged again under the scope's lock: an activation committed meanwhile is what this one replaces.
    const judge = judgeAgainstActive(user, context, 'activate this version', { report, against: active?.id ?? null });
    const result = await repository.activate(target.id, user.id, { judge, comment: body.comment ?? null, ...(forced ? { auditDetail: forced } : {}) });
    res.json(activation(result));
  });

  router.post('/v1/scopes/:scope/policy/rollback', writer, smallJson, async (req, res) => {
    const user = callerOf(req).user;
    // The body is optional: a rollback without one (or an empty one) has no comment.
    const body = req.body === undefined ? {} : bodyOf<RollbackRequest>(req, rollbackRequestSchema);
    const scope = await repository.getOrganisation(param(req, 'scope'));
    assertMayChange(user, scope, [], 'roll back policies');
    const judge = judgeAgainstActive(user, await contextOf(scope), 'roll back to that version');
    res.json(activation(await repository.rollback(scope.id, user.id, { judge, comment: body.comment ?? null })));
  });

  router.get('/v1/policy-versions/:id', requireCaller(), async (req, res) => {
    const version = await repository.getVersion(param(req, 'id'));
    await assertScopeReadable(repository, callerOf(req), version.scopeId);
    res.json(version);
  });

  router.get('/v1/policy-versions/:a/diff/:b', requireCaller(), async (req, res) => {
    const [a, b] = await Promise.all([repository.getVersion(param(req, 'a')), repository.getVersion(param(req, 'b'))]);
    for (const scopeId of new Set([a.scopeId, b.scopeId])) await assertScopeReadable(repository, callerOf(req), scopeId);
    res.json({ from: info(a), to: info(b), ...diffVersions(a, b) });
  });

  return router;
}
