import { describe, expect, it } from 'vitest';
import { createRepository, NotFoundError, ValidationError, type LedgerEntryInput } from '../../../../server/store/index.js';
import { race, seedEstate, ticket, uid, type SuiteEnv } from './env.js';

function entry(ticketId: string, unit: string, level: string, points: number, period = '2026-03'): LedgerEntryInput {
  return { ticketId, unit, level, points, period, reachedAt: '2026-03-02T09:00:00+08:00' };
}

export function ledgerTests(env: () => SuiteEnv): void {
  describe('penalty ledger', () => {
    it('records each level a ticket reaches once and returns only what is new', async () => {
      const { repo } = env();
      const { property, unit } = await seedEstate(repo);
      const t = ticket(property, unit);
      await repo.upsertTicket(t);
      const first = await repo.recordLedger([entry(t.id, unit, 'yellow', 2), entry(t.id, unit, 'yellow', 2)]);
      expect(first).toHaveLength(1);
      expect(first[0]).toMatchObject({
        ticketId: t.id, level: 'yellow', points: 2, unit, period: '2026-03', reachedAt: '2026-03-02T01:00:00.000Z',
      });
      const second = await repo.recordLedger([entry(t.id, unit, 'yellow', 2), entry(t.id, unit, 'red', 5)]);
      expect(second.map((e) => e.level)).toEqual(['red']);
      expect(await repo.recordLedger([entry(t.id, unit, 'red', 5)])).toEqual([]);
      expect(await repo.recordLedger([])).toEqual([]);
      expect((await repo.listLedger({ ticketId: t.id })).map((e) => e.level).sort()).toEqual(['red', 'yellow']);
    });

    it('records an entry once when several writers record it at once', async () => {
      const { repo, db, fresh, clock } = env();
      const { property, unit } = await seedEstate(repo);
      const t = ticket(property, unit);
      await repo.upsertTicket(t);
      const second = await fresh.second();
      const repos = [repo, createRepository(second, { now: clock.now })];
      const { ok, failed } = await race(8, (i) =>
        repos[i % 2]!.recordLedger(i % 3 === 0 ? [entry(t.id, unit, 'red', 5), entry(t.id, unit, 'blue', 1)] : [entry(t.id, unit, 'blue', 1)]),
      );
      expect(failed).toEqual([]);
      expect(ok.flat().map((e) => e.level).sort()).toEqual(['blue', 'red']);
      expect(await repo.listLedger({ ticketId: t.id })).toHaveLength(2);
      if (second !== db) await second.close();
    });

    it('sums a unit’s points and counts by level per period', async () => {
      const { repo } = env();
      const { property, unit } = await seedEstate(repo);
      const cleaning = `${property}/cleaning`;
      const tickets = [ticket(property, unit), ticket(property, unit), ticket(property, cleaning)];
      for (const t of tickets) await repo.upsertTicket(t);
      const [a, b, c] = tickets.map((t) => t.id) as [string, string, string];
      await repo.recordLedger([
        entry(a, unit, 'yellow', 2),
        entry(a, unit, 'red', 5.5),
        entry(b, unit, 'yellow', 2),
        entry(b, unit, 'blue', 0.5, '2026-04'),
        entry(c, cleaning, 'yellow', 2),
      ]);
      expect(await repo.unitScores(unit, '2026-03')).toEqual({ unit, period: '2026-03', points: 9.5, counts: { red: 1, yellow: 2 } });
      expect(await repo.unitScores(unit, '2026-04')).toEqual({ unit, period: '2026-04', points: 0.5, counts: { blue: 1 } });
      expect(await repo.unitScores(unit, '2025-12')).toEqual({ unit, period: '2025-12', points: 0, counts: {} });
      expect((await repo.listUnitScores('2026-03', { propertyId: property })).map((s) => [s.unit, s.points])).toEqual([
        [unit, 9.5],
        [cleaning, 2],
      ]);
      expect((await repo.listUnitScores('2026-03')).map((s) => s.unit)).toEqual(expect.arrayContaining([unit, cleaning]));
      expect(await repo.listLedger({ unit, period: '2026-03', propertyId: property })).toHaveLength(3);
    });

    it('refuses entries for unknown tickets or with a malformed period', async () => {
      const { repo } = env();
      const { property, unit } = await seedEstate(repo);
      const t = ticket(property, unit);
      await repo.upsertTicket(t);
      await expect(repo.recordLedger([entry(uid('ghost'), unit, 'red', 5)])).rejects.toBeInstanceOf(NotFoundError);
      await expect(repo.recordLedger([entry(t.id, unit, 'red', 5, '2026-3')])).rejects.toBeInstanceOf(ValidationError);
      await expect(repo.unitScores(unit, 'March')).rejects.toBeInstanceOf(ValidationError);
      // the refused batch left nothing behind
      await expect(repo.recordLedger([entry(t.id, unit, 'red', 5), entry(uid('ghost'), unit, 'red', 5)])).rejects.toBeInstanceOf(
        NotFoundError,
      );
      expect(await repo.listLedger({ ticketId: t.id })).toEqual([]);
    });
  });
}
