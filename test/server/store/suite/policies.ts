import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  createRepository,
  NotFoundError,
  StaleBaseError,
  type PolicyVersion,
  type Repository,
} from '../../../../server/store/index.js';
import { race, seedEstate, type SuiteEnv } from './env.js';

const SOURCE_V1 = 'group huayu "华宇物业集团报事处理标准"\n';
const SOURCE_V2 = 'group huayu "华宇物业集团报事处理标准（修订）"\n';

function draft(repo: Repository, scopeId: string, baseVersionId: string | null, source = SOURCE_V1, author = 'alice') {
  return repo.createDraft({ scopeId, baseVersionId, source, hash: `sha256:${source.length}`, author });
}

export function policyTests(env: () => SuiteEnv): void {
  describe('policy versions', () => {
    it('numbers drafts per scope, each on the latest version, and keeps their text', async () => {
      const { repo } = env();
      const { property } = await seedEstate(repo);
      const v1 = await draft(repo, property, null);
      const v2 = await draft(repo, property, v1.id, SOURCE_V2, 'bob');
      expect(v1).toMatchObject({ scopeId: property, version: 1, status: 'draft', baseVersionId: null, createdBy: 'alice' });
      expect(v2).toMatchObject({ version: 2, baseVersionId: v1.id, source: SOURCE_V2, createdBy: 'bob' });
      expect(await repo.getVersion(v2.id)).toEqual(v2);
      expect(await repo.latestVersion(property)).toEqual(v2);
      const history = await repo.history(property);
      expect(history.map((v) => v.version)).toEqual([2, 1]);
      expect(history[0]).not.toHaveProperty('source');
    });

    it('refuses a draft on a base that is no longer the latest with StaleBaseError (409)', async () => {
      const { repo } = env();
      const { property } = await seedEstate(repo);
      const v1 = await draft(repo, property, null);
      const v2 = await draft(repo, property, v1.id);
      const stale = draft(repo, property, v1.id);
      await expect(stale).rejects.toBeInstanceOf(StaleBaseError);
      await expect(stale).rejects.toMatchObject({ scopeId: property, baseVersionId: v1.id, latestVersionId: v2.id });
      await expect(draft(repo, property, null)).rejects.toBeInstanceOf(StaleBaseError);
      expect(new StaleBaseError('s', null, null)).toBeInstanceOf(ConflictError);
    });

    it('refuses an unknown scope or a base from another scope as not found', async () => {
      const { repo } = env();
      const a = await seedEstate(repo);
      const b = await seedEstate(repo);
      const other = await draft(repo, b.property, null);
      await expect(draft(repo, 'no-such-scope', null)).rejects.toBeInstanceOf(NotFoundError);
      await expect(draft(repo, a.property, other.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(repo.getVersion('no-such-version')).rejects.toBeInstanceOf(NotFoundError);
    });

    it('lets exactly one of several concurrent drafts on one base win', async () => {
      const { repo, db, fresh, clock } = env();
      const { property } = await seedEstate(repo);
      const v1 = await draft(repo, property, null);
      const second = await fresh.second();
      const repos = [repo, createRepository(second, { now: clock.now })];
      const { ok, failed } = await race(6, (i) => draft(repos[i % 2]!, property, v1.id, `${SOURCE_V2}// writer ${i}\n`));
      expect(ok).toHaveLength(1);
      expect(failed).toHaveLength(5);
      for (const e of failed) expect(e).toBeInstanceOf(StaleBaseError);
      expect((await repo.history(property)).map((v) => v.version)).toEqual([2, 1]);
      if (second !== db) await second.close();
    });

    it('activates atomically, retiring the active version and auditing the change', async () => {
      const { repo } = env();
      const { property } = await seedEstate(repo);
      const v1 = await draft(repo, property, null);
      const first = await repo.activate(v1.id, 'carol');
      expect(first.previous).toBeNull();
      expect(first.active).toMatchObject({ id: v1.id, status: 'active' });
      const v2 = await draft(repo, property, v1.id, SOURCE_V2);
      const second = await repo.activate(v2.id, 'carol');
      expect(second.previous).toMatchObject({ id: v1.id, status: 'retired' });
      expect(await repo.activeVersion(property)).toMatchObject({ id: v2.id, status: 'active' });
      expect((await repo.history(property)).map((v) => v.status)).toEqual(['active', 'retired']);
      await expect(repo.activate(v2.id, 'carol')).rejects.toBeInstanceOf(ConflictError);
      await expect(repo.activate('no-such-version', 'carol')).rejects.toBeInstanceOf(NotFoundError);
      const audit = await repo.listAudit({ scopeId: property });
      expect(audit.map((a) => [a.action, a.beforeVersionId, a.afterVersionId])).toEqual([
        ['policy.activate', v1.id, v2.id],
        ['policy.draft', v1.id, v2.id],
        ['policy.activate', null, v1.id],
        ['policy.draft', null, v1.id],
      ]);
    });

    it('rolls back step by step to the versions active before, then refuses', async () => {
      const { repo } = env();
      const { property } = await seedEstate(repo);
      const versions: PolicyVersion[] = [];
      for (let i = 0; i < 3; i++) {
        versions.push(await draft(repo, property, versions.at(-1)?.id ?? null, `${SOURCE_V1}// ${i}\n`));
        await repo.activate(versions[i]!.id, 'carol');
      }
      const [v1, v2, v3] = versions as [PolicyVersion, PolicyVersion, PolicyVersion];
      const back = await repo.rollback(property, 'dave');
      expect(back.active.id).toBe(v2.id);
      expect(back.previous?.id).toBe(v3.id);
      expect(back.activation).toMatchObject({ kind: 'rollback', versionId: v2.id, actor: 'dave', seq: 4 });
      expect((await repo.rollback(property, 'dave')).active.id).toBe(v1.id);
      await expect(repo.rollback(property, 'dave')).rejects.toBeInstanceOf(ConflictError);
      expect((await repo.activeVersion(property))?.id).toBe(v1.id);
      expect((await repo.history(property)).filter((v) => v.status === 'active')).toHaveLength(1);
      expect((await repo.activations(property)).map((a) => [a.kind, a.versionId])).toEqual([
        ['rollback', v1.id],
        ['rollback', v2.id],
        ['activate', v3.id],
        ['activate', v2.id],
        ['activate', v1.id],
      ]);
      const [latest] = await repo.listAudit({ scopeId: property, limit: 1 });
      expect(latest).toMatchObject({ action: 'policy.rollback', actor: 'dave', beforeVersionId: v2.id, afterVersionId: v1.id });
    });

    it('keeps exactly one active version when activations race', async () => {
      const { repo, db, fresh, clock } = env();
      const { property } = await seedEstate(repo);
      const v1 = await draft(repo, property, null);
      const v2 = await draft(repo, property, v1.id);
      const v3 = await draft(repo, property, v2.id);
      const second = await fresh.second();
      const repos = [repo, createRepository(second, { now: clock.now })];
      const ids = [v1.id, v2.id, v3.id, v1.id, v2.id, v3.id];
      const { ok, failed } = await race(ids.length, (i) => repos[i % 2]!.activate(ids[i]!, 'carol'));
      for (const e of failed) expect(e).toBeInstanceOf(ConflictError);
      expect(ok.length).toBeGreaterThanOrEqual(1);
      const active = (await repo.history(property)).filter((v) => v.status === 'active');
      expect(active).toHaveLength(1);
      expect((await repo.activations(property))[0]?.versionId).toBe(active[0]!.id);
      if (second !== db) await second.close();
    });
  });
}
