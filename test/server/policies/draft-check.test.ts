// Issue 9, item 13: drafts are parsed and checked in a worker thread, with a size cap
// (413), an error-count cap (the first 200 and how many), and a time limit; the server
// keeps answering while a draft is checked.
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DraftChecker, DraftCheckTimeoutError, sharedDraftChecker } from '../../../server/draft-check-pool.js';
import { MAX_LISTED_ERRORS, type DraftCheckJob } from '../../../server/draft-check.js';
import { POLICIES } from '../app/helper.js';
import { policyClient, SCOPE, type PolicyClient } from './helper.js';

/** A property draft with `n` parameters of unknown value: each an error, and together slow to check (every one is compared with every name). */
const manyErrors = (n: number) => `property ${SCOPE} "x" extends huayu-group\n${Array.from({ length: n }, (_, i) => `param p${i}: duration = oops${i}`).join('\n')}\n`;

let c: PolicyClient;
beforeAll(async () => {
  c = await policyClient();
});
afterAll(() => c.close());

describe('POST …/policy/drafts with a large draft', () => {
  it('answers 413 naming the limit past 512 KiB', async () => {
    const { source } = await c.head();
    const res = await c.postAs('ada', `/v1/scopes/${SCOPE}/policy/drafts`, { baseVersionId: (await c.head()).id, source: `${source}\n${'// 填充\n'.repeat(60_000)}` });
    expect(res.status).toBe(413);
    const problem = (await res.json()) as { detail: string; errors: { pointer: string; code: string }[] };
    expect(problem.detail).toMatch(/at most 524,288 bytes/);
    expect(problem.errors[0]).toMatchObject({ pointer: '/source', code: 'H413' });
  });

  it(`lists the first ${MAX_LISTED_ERRORS} errors and counts them all (422)`, async () => {
    const res = await c.postAs('ada', `/v1/scopes/${SCOPE}/policy/drafts`, { baseVersionId: (await c.head()).id, source: manyErrors(400) });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { detail: string; errors: { line: number }[]; errorCount: number };
    expect(problem.errors).toHaveLength(MAX_LISTED_ERRORS);
    expect(problem.errorCount).toBeGreaterThan(400);
    expect(problem.detail).toContain(`${problem.errorCount} errors; the first ${MAX_LISTED_ERRORS} are listed`);
  });

  it('keeps answering /healthz while a draft is being checked', async () => {
    const checker = sharedDraftChecker();
    const events: string[] = [];
    const release = checker.hold();
    const handedOver = once(checker, 'start');
    const { source, id } = await c.head();
    const draft = c.postAs('ada', `/v1/scopes/${SCOPE}/policy/drafts`, { baseVersionId: id, source: `// 检查中\n${source}` }).then((res) => {
      events.push(`draft ${res.status}`);
    });
    await handedOver; // the check is in the worker, which waits until released
    const health = await fetch(`${c.server.url}/healthz`);
    events.push(`healthz ${health.status}`);
    release();
    await draft;
    expect(events).toEqual(['healthz 200', 'draft 201']);
  });
});

describe('DraftChecker', () => {
  const group = readFileSync(join(POLICIES, 'group.sla'), 'utf8');
  const job = (source: string): DraftCheckJob => ({ scope: { id: SCOPE, kind: 'property' }, uri: `${SCOPE}@draft.sla`, source, base: null, context: [{ uri: 'huayu-group@1.sla', text: group }], dependents: [] });

  it('stops a check that runs past its time limit (422 H431), and checks the next in a new worker', async () => {
    const checker = new DraftChecker();
    try {
      const slow = checker.check(job(manyErrors(3000)), { timeoutMs: 300 });
      await expect(slow).rejects.toBeInstanceOf(DraftCheckTimeoutError);
      await expect(slow).rejects.toMatchObject({ status: 422, errors: [{ code: 'H431' }] });
      const next = await checker.check(job(manyErrors(2)));
      expect(next.errorCount).toBeGreaterThan(2);
    } finally {
      await checker.close();
    }
  });

  it('refuses checks beyond the waiting limit (503) rather than queueing without bound', async () => {
    const checker = new DraftChecker({ maxWaiting: 1 });
    const release = checker.hold();
    try {
      const handedOver = once(checker, 'start');
      const first = checker.check(job(manyErrors(1)));
      await handedOver;
      const second = checker.check(job(manyErrors(1)));
      await expect(checker.check(job(manyErrors(1)))).rejects.toMatchObject({ status: 503 });
      release();
      expect((await first).errorCount).toBeGreaterThan(0);
      expect((await second).errorCount).toBeGreaterThan(0);
    } finally {
      release();
      await checker.close();
    }
  });
});
