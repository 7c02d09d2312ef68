// Comments on drafts, activations and rollbacks over the API, and the history with the
// author's name and the last activation: bounded and checked, 400 with the pointer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyClient, SCOPE, type PolicyClient } from './helper.js';

let c: PolicyClient;
beforeAll(async () => {
  c = await policyClient();
});
afterAll(() => c.close());

interface HistoryEntry {
  id: string;
  version: number;
  comment: string | null;
  createdBy: string;
  authorName: string | null;
  lastActivation: { kind: string; actorName: string | null; comment: string | null } | null;
}

const history = async (): Promise<HistoryEntry[]> => ((await (await c.get(`/v1/scopes/${SCOPE}/policy/history`)).json()) as { versions: HistoryEntry[] }).versions;
/** A draft that changes nothing but a trailing comment line, so its tests pass as the active version's do. */
const draftWith = async (body: Record<string, unknown>, as = 'ada'): Promise<Response> => {
  const base = await c.head();
  return c.postAs(as, `/v1/scopes/${SCOPE}/policy/drafts`, { baseVersionId: base.id, source: `${base.source}\n// ${Math.random()}\n`, ...body });
};
const pointers = async (res: Response): Promise<string[]> => ((await res.json()) as { errors: { pointer: string }[] }).errors.map((e) => e.pointer);

describe('POST …/policy/drafts with a comment', () => {
  it('keeps it, and the history shows it with the author’s name', async () => {
    const res = await draftWith({ comment: '维修联系时限改为 25 分钟\n见 004 第十一条' }, 'mia');
    expect(res.status).toBe(201);
    const draft = (await res.json()) as { id: string; comment: string };
    expect(draft.comment).toBe('维修联系时限改为 25 分钟\n见 004 第十一条');
    const [latest, ...older] = await history();
    expect(latest).toMatchObject({ id: draft.id, comment: '维修联系时限改为 25 分钟\n见 004 第十一条', authorName: 'mia', lastActivation: null });
    // The versions loaded from the policies folder at first start have no author who is a user.
    expect(older.at(-1)).toMatchObject({ version: 1, createdBy: 'system', authorName: null, comment: null });
  });

  it('takes none: comment null in the answer', async () => {
    const res = await draftWith({});
    expect(res.status).toBe(201);
    expect(((await res.json()) as { comment: unknown }).comment).toBeNull();
  });

  describe('with a comment past 500 characters, with a control character or NUL, or not a string', () => {
    it('responds 400 naming /comment, and makes no version', async () => {
      const before = (await history()).length;
      for (const comment of ['字'.repeat(501), 'a\u0007b', 'a\u0000b', 42]) {
        const res = await draftWith({ comment });
        expect(res.status, JSON.stringify(comment)).toBe(400);
        expect(await pointers(res)).toContain('/comment');
      }
      expect((await history()).length).toBe(before);
      // 500 characters, even of two UTF-16 units each, are within the bound.
      expect((await draftWith({ comment: '𠀀'.repeat(500) })).status).toBe(201);
    });
  });
});

describe('POST …/activate and …/rollback with a comment', () => {
  it('keeps each on the activation, shown as the version’s last activation', async () => {
    const draft = (await (await draftWith({ comment: '草稿' })).json()) as { id: string };
    const activated = await c.postAs('quinn', `/v1/policy-versions/${draft.id}/activate`, { comment: '质量部审核后上线' });
    expect(activated.status).toBe(200);
    expect((await history()).find((v) => v.id === draft.id)?.lastActivation).toMatchObject({ kind: 'activate', actorName: 'quinn', comment: '质量部审核后上线' });
    const back = await c.postAs('ada', `/v1/scopes/${SCOPE}/policy/rollback`, { comment: '误报过多，回到上一版' });
    expect(back.status).toBe(200);
    const { active } = (await back.json()) as { active: { id: string } };
    expect((await history()).find((v) => v.id === active.id)?.lastActivation).toMatchObject({ kind: 'rollback', actorName: 'ada', comment: '误报过多，回到上一版' });
  });

  it('responds 400 naming /comment for one past 500 characters, and switches nothing', async () => {
    const draft = (await (await draftWith({})).json()) as { id: string };
    const activeBefore = (await c.active()).id;
    const activate = await c.postAs('ada', `/v1/policy-versions/${draft.id}/activate`, { comment: 'x'.repeat(501) });
    expect(activate.status).toBe(400);
    expect(await pointers(activate)).toEqual(['/comment']);
    const rollback = await c.postAs('ada', `/v1/scopes/${SCOPE}/policy/rollback`, { comment: '\u001b[31m' });
    expect(rollback.status).toBe(400);
    expect(await pointers(rollback)).toEqual(['/comment']);
    expect((await c.active()).id).toBe(activeBefore);
  });

  it('rolls back without a body, as before', async () => {
    const draft = (await (await draftWith({})).json()) as { id: string };
    expect((await c.postAs('ada', `/v1/policy-versions/${draft.id}/activate`)).status).toBe(200);
    // An empty body: the string is sent as it is.
    const res = await c.postAs('ada', `/v1/scopes/${SCOPE}/policy/rollback`, '');
    expect(res.status).toBe(200);
  });
});
