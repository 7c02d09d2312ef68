// Policy versions: GET /v1/scopes/{scope}/policy (the active version), …/policy/history,
// GET /v1/libraries (the calendars `use` names, for checks in the browser),
// …/policy/effective (provenance), POST …/policy/drafts, …/policy/rollback,
// GET /v1/policy-versions/{id}, …/{a}/diff/{b} and POST …/{id}/activate. Reads: any
// signed-in user; writes: per role and section (policy-versions.ts). Every write goes
// through the store, which audits it.
import express, { Router, type Request } from 'express';
import type { SourceFile } from '../../engine/index.js';
import { assertScopeReadable, bodyOf, callerOf, requireCaller, requireRole } from '../auth/index.js';
import { problemOf, sendProblem } from '../errors.js';
import {
  assertMayChange,
  chainOf,
  changedSections,
  checkDraft,
  diffVersions,
  effectiveOf,
  hashOf,
  NoActivePolicyError,
  StaleDraftError,
} from '../policy-versions.js';
import { newDraftRequestSchema, type NewDraftRequest } from '../schemas/index.js';
import { StaleBaseError, type ActivationResult, type PolicyVersion, type PolicyVersionInfo, type Repository } from '../store/index.js';

export interface PolicyRoutesOptions {
  repository: Repository;
  libraries: readonly SourceFile[];
  /** Body limit of a draft (its whole source). */
  draftLimit?: string;
}

const info = ({ source: _source, ...rest }: PolicyVersion): PolicyVersionInfo => rest;
const param = (req: Request, name: string): string => String(req.params[name]);
const activation = (r: ActivationResult) => ({ active: info(r.active), previous: r.previous ? info(r.previous) : null });

export function policyRoutes({ repository, libraries, draftLimit = '2mb' }: PolicyRoutesOptions): Router {
  const router = Router();
  const json = express.json({ limit: draftLimit, type: ['application/json', 'application/*+json'] });
  const writer = requireRole('admin', 'quality', 'manager');

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
    res.json({ scope: scope.id, versions: await repository.history(scope.id) });
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
    const body = bodyOf<NewDraftRequest>(req, newDraftRequestSchema);
    const user = callerOf(req).user;
    const scope = await repository.getOrganisation(param(req, 'scope'));
    // Role and assignment first, before anything is read or checked.
    assertMayChange(user, scope, [], 'draft policies');
    const base = body.baseVersionId === null ? null : await repository.getVersion(body.baseVersionId);
    if (base && base.scopeId !== scope.id) throw new StaleDraftError(scope.id, (await repository.latestVersion(scope.id))?.id ?? null);
    checkDraft(scope, body.source, await chainOf(repository, scope.id), libraries);
    assertMayChange(user, scope, changedSections(base?.source, body.source), 'make this draft');
    let draft: PolicyVersion;
    try {
      draft = await repository.createDraft({ scopeId: scope.id, baseVersionId: body.baseVersionId, source: body.source, hash: hashOf(body.source), author: user.id });
    } catch (e) {
      if (!(e instanceof StaleBaseError)) throw e;
      const latest = e.latestVersionId ?? (await repository.latestVersion(scope.id))?.id ?? null;
      const stale = new StaleDraftError(scope.id, latest);
      sendProblem(res, { ...problemOf(stale, typeof req.id === 'string' ? req.id : undefined), latestVersionId: latest } as ReturnType<typeof problemOf>);
      return;
    }
    res.status(201).location(`/v1/policy-versions/${encodeURIComponent(draft.id)}`).json(draft);
  });

  router.post('/v1/policy-versions/:id/activate', writer, async (req, res) => {
    const user = callerOf(req).user;
    const target = await repository.getVersion(param(req, 'id'));
    if (user.role === 'manager') {
      // What goes live is judged against what is live now, whoever wrote the draft.
      const scope = await repository.getOrganisation(target.scopeId);
      const active = await repository.activeVersion(scope.id);
      assertMayChange(user, scope, changedSections(active?.source, target.source), 'activate this version');
    }
    res.json(activation(await repository.activate(target.id, user.id)));
  });

  router.post('/v1/scopes/:scope/policy/rollback', writer, async (req, res) => {
    const user = callerOf(req).user;
    const scope = await repository.getOrganisation(param(req, 'scope'));
    if (user.role === 'manager') {
      const activations = await repository.activations(scope.id);
      const current = activations[0];
      const back = current?.previousActivationId == null ? undefined : activations.find((a) => a.id === current.previousActivationId);
      const active = await repository.activeVersion(scope.id);
      // Nothing to roll back to: the store says so (409).
      if (back && active) assertMayChange(user, scope, changedSections(active.source, (await repository.getVersion(back.versionId)).source), 'roll back to that version');
      else assertMayChange(user, scope, [], 'roll back policies');
    }
    res.json(activation(await repository.rollback(scope.id, user.id)));
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
