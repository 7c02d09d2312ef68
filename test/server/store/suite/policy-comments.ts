// Comments on policy versions, activations and rollbacks (migration 008), and the history
// with the author's and the activator's names: the same on every backend.
import { describe, expect, it } from 'vitest';
import { InvalidTextError, POLICY_COMMENT_MAX_UNITS } from '../../../../server/store/index.js';
import { seedEstate, uid, type SuiteEnv } from './env.js';

const HASH = 'scrypt$16384$8$1$c2FsdA$aGFzaA';
const SOURCE = 'group huayu "华宇物业集团报事处理标准"\n';

export function policyCommentTests(env: () => SuiteEnv): void {
  describe('policy comments and the history', () => {
    it('keeps a draft’s comment and each activation’s and rollback’s, and names authors who are users', async () => {
      const { repo, clock } = env();
      const { property } = await seedEstate(repo);
      const wang = await repo.createUser({ name: uid('王经理'), role: 'manager', passwordHash: HASH, properties: [property] });
      const v1 = await repo.createDraft({ scopeId: property, baseVersionId: null, source: SOURCE, hash: 'h1', author: 'system' });
      const v2 = await repo.createDraft({ scopeId: property, baseVersionId: v1.id, source: `${SOURCE}// 2\n`, hash: 'h2', author: wang.id, comment: '维修联系时限改为 25 分钟' });
      expect(v1.comment).toBeNull();
      expect(v2.comment).toBe('维修联系时限改为 25 分钟');
      expect((await repo.getVersion(v2.id)).comment).toBe('维修联系时限改为 25 分钟');
      await repo.activate(v1.id, 'system');
      clock.ms += 60_000;
      const activated = await repo.activate(v2.id, wang.id, { comment: '上线' });
      expect(activated.activation.comment).toBe('上线');
      clock.ms += 60_000;
      const back = await repo.rollback(property, wang.id, { comment: '误报过多，回到 v1' });
      expect(back.activation).toMatchObject({ kind: 'rollback', comment: '误报过多，回到 v1' });

      const history = await repo.history(property);
      expect(history.map((v) => [v.version, v.comment, v.authorName])).toEqual([
        [2, '维修联系时限改为 25 分钟', wang.name],
        [1, null, null],
      ]);
      // v2's last activation is its activation; v1's is the rollback that made it active again.
      expect(history[0]!.lastActivation).toMatchObject({ kind: 'activate', actor: wang.id, actorName: wang.name, comment: '上线' });
      expect(history[1]!.lastActivation).toMatchObject({ kind: 'rollback', actor: wang.id, actorName: wang.name, comment: '误报过多，回到 v1' });
      expect(Date.parse(history[1]!.lastActivation!.at)).toBeGreaterThan(Date.parse(history[0]!.lastActivation!.at));
      // Newest first: the rollback, v2's activation, v1's (no comment), v2's draft, v1's (no comment).
      const audit = await repo.listAudit({ scopeId: property, limit: 5 });
      expect(audit.map((a) => a.detail?.['comment'])).toEqual(['误报过多，回到 v1', '上线', undefined, '维修联系时限改为 25 分钟', undefined]);
    });

    it('has no last activation for a version never active', async () => {
      const { repo } = env();
      const { property } = await seedEstate(repo);
      const v1 = await repo.createDraft({ scopeId: property, baseVersionId: null, source: SOURCE, hash: 'h1', author: 'alice' });
      expect(await repo.history(property)).toEqual([expect.objectContaining({ id: v1.id, authorName: null, lastActivation: null, comment: null })]);
    });

    it('refuses a comment with NUL or past its bound before writing anything', async () => {
      const { repo } = env();
      const { property } = await seedEstate(repo);
      const make = (comment: string) => repo.createDraft({ scopeId: property, baseVersionId: null, source: SOURCE, hash: 'h1', author: 'alice', comment });
      await expect(make('a\u0000b')).rejects.toBeInstanceOf(InvalidTextError);
      await expect(make('字'.repeat(POLICY_COMMENT_MAX_UNITS + 1))).rejects.toBeInstanceOf(InvalidTextError);
      expect(await repo.history(property)).toEqual([]);
      const v1 = await make('字'.repeat(POLICY_COMMENT_MAX_UNITS));
      await expect(repo.activate(v1.id, 'alice', { comment: '\u0000' })).rejects.toBeInstanceOf(InvalidTextError);
      expect((await repo.getVersion(v1.id)).status).toBe('draft');
    });
  });
}
