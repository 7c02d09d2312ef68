// Voided levels in the ledger (004 第十条(二)4: an accepted non-responsibility statement
// makes the complaint invalid). The first tests give evaluateAndRecord its reader of voided
// levels; the last ones use the engine's own `voided`, from the shipped group's `void`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateAndRecord } from '../../server/ledger.js';
import { voidedLevels, type VoidedLevel } from '../../server/voids.js';
import type { Ticket } from '../../engine/index.js';
import { startTestServer, ticket, type TestServer } from './app/helper.js';

const reason = { zh: '非责任说明经集团客服中心审核通过', en: 'the non-responsibility statement was accepted by the group service centre' };
const blueVoided = (): VoidedLevel[] => [{ level: 'blue', reason }];
const none = (): VoidedLevel[] => [];

describe('voidedLevels', () => {
  it('reads the engine’s voided levels and ignores anything not of that shape', () => {
    expect(voidedLevels({ voided: [{ level: 'red', reason }] })).toEqual([{ level: 'red', reason }]);
    expect(voidedLevels({})).toEqual([]);
    expect(voidedLevels(null)).toEqual([]);
    expect(voidedLevels({ voided: [{ level: 'red' }, { level: '', reason }, 'red', null] })).toEqual([]);
  });
});

describe('evaluateAndRecord with voided levels', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  }, 120_000);
  afterAll(async () => server?.close());

  // The group started the second-complaint procedure on a platform complaint (flag second_complaint): blue (004 第十一条(一)1), 0.2 points.
  const repeat = (id: string): Ticket => ticket({ id, flags: ['second_complaint'], kind: 'complaint', channel: 'platform' }) as unknown as Ticket;
  const at = Date.parse('2026-03-02T09:00:00+08:00');

  it('reverses a recorded level once voided, keeping the entry, and nets it out of the unit’s score', async () => {
    const repo = server.store.repository;
    const active = await server.app.locals.policies.forProperty('jinxiu-garden');
    const t = repeat('JX-VOID-1');
    await repo.upsertTicket(t);
    const first = await evaluateAndRecord(repo, active, t, at, none);
    expect(first.recorded.map((e) => [e.level, e.points])).toEqual([['blue', 0.2]]);
    const before = await repo.unitScores(t.unit, '2026-03');
    const voided = await evaluateAndRecord(repo, active, t, at + 86_400_000, blueVoided);
    expect(voided.recorded).toEqual([]);
    expect(voided.reversed.map((r) => [r.ticketId, r.level, r.points, r.period, r.reason])).toEqual([['JX-VOID-1', 'blue', 0.2, '2026-03', reason]]);
    expect((await evaluateAndRecord(repo, active, t, at + 2 * 86_400_000, blueVoided)).reversed).toEqual([]);
    expect((await repo.listLedger({ ticketId: t.id })).map((e) => e.level)).toEqual(['blue']);
    const after = await repo.unitScores(t.unit, '2026-03');
    expect(after.points).toBe(Math.round((before.points - 0.2) * 100) / 100);
  });

  // The shipped group voids a platform complaint flagged not_responsible once its statement is accepted
  // (flag statement_accepted). Same blue as above (second_complaint), engine's reading of `voided`.
  const statement = (id: string, accepted: boolean): Ticket =>
    ticket({ id, flags: ['second_complaint', 'not_responsible', ...(accepted ? ['statement_accepted'] : [])], kind: 'complaint', channel: 'platform' }) as unknown as Ticket;

  it('with the real engine: blue recorded while the statement is only filed, reversed once it is accepted', async () => {
    const repo = server.store.repository;
    const active = await server.app.locals.policies.forProperty('jinxiu-garden');
    const filed = statement('JX-VOID-3', false);
    await repo.upsertTicket(filed);
    const first = await evaluateAndRecord(repo, active, filed, at);
    expect(first.recorded.map((e) => [e.level, e.points])).toEqual([['blue', 0.2]]);
    expect(first.result.voided).toBeUndefined();
    const accepted = statement('JX-VOID-3', true);
    await repo.upsertTicket(accepted);
    const second = await evaluateAndRecord(repo, active, accepted, at + 86_400_000);
    expect(second.result.penalty.points).toBe(0);
    expect(second.recorded).toEqual([]);
    expect(second.reversed.map((r) => [r.ticketId, r.level, r.points, r.reason.en])).toEqual([
      ['JX-VOID-3', 'blue', 0.2, 'invalid complaint: the non-responsibility statement was accepted by the group service centre'],
    ]);
  });

  it('with the real engine: a statement accepted before the level was reached records nothing', async () => {
    const repo = server.store.repository;
    const active = await server.app.locals.policies.forProperty('jinxiu-garden');
    const t = statement('JX-VOID-4', true);
    await repo.upsertTicket(t);
    const tracked = await evaluateAndRecord(repo, active, t, at);
    expect(tracked.result.voided?.map((v) => v.level)).toEqual(['blue']);
    expect([tracked.recorded, tracked.reversed]).toEqual([[], []]);
    expect(await repo.listLedger({ ticketId: t.id })).toEqual([]);
  });

  it('never records a level that is voided when first reached', async () => {
    const repo = server.store.repository;
    const active = await server.app.locals.policies.forProperty('jinxiu-garden');
    const t = repeat('JX-VOID-2');
    await repo.upsertTicket(t);
    const tracked = await evaluateAndRecord(repo, active, t, at, blueVoided);
    expect(tracked.recorded).toEqual([]);
    expect(tracked.reversed).toEqual([]);
    expect(await repo.listLedger({ ticketId: t.id })).toEqual([]);
  });
});
