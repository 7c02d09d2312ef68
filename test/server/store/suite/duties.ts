import { describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError, type DutyLedgerInput, type LedgerEntryInput } from '../../../../server/store/index.js';
import { seedEstate, ticket, uid, type SuiteEnv } from './env.js';

function charge(propertyId: string, unit: string, occurrence: string, extra: Partial<DutyLedgerInput> = {}): DutyLedgerInput {
  return { propertyId, dutyId: 'weekly_summary', occurrence, level: 'blue', points: 0.2, unit, period: '2026-03', reachedAt: `${occurrence}T17:00:00+08:00`, ...extra };
}

function entry(ticketId: string, unit: string, level: string, points: number): LedgerEntryInput {
  return { ticketId, unit, level, points, period: '2026-03', reachedAt: '2026-03-02T09:00:00+08:00' };
}

export function dutyTests(env: () => SuiteEnv): void {
  describe('duty fulfilments', () => {
    it('records the first fulfilment of an occurrence and returns it again, unchanged, after', async () => {
      const { repo } = env();
      const { property } = await seedEstate(repo);
      const unit = `${property}/liaison`;
      const input = { propertyId: property, dutyId: 'weekly_summary', occurrence: '2026-03-06', unit, doneAt: '2026-03-06T16:00:00+08:00', by: 'u1', note: '已签字' };
      const first = await repo.recordFulfilment(input);
      expect(first).toMatchObject({ created: true, fulfilment: { occurrence: '2026-03-06', doneAt: '2026-03-06T08:00:00.000Z', by: 'u1', note: '已签字', unit } });
      const again = await repo.recordFulfilment({ ...input, doneAt: '2026-03-07T10:00:00+08:00', by: 'u2' });
      expect(again).toEqual({ created: false, fulfilment: first.fulfilment });
      expect((await repo.listFulfilments(property, '2026-03-01', '2026-03-31')).map((f) => f.occurrence)).toEqual(['2026-03-06']);
      expect(await repo.listFulfilments(property, '2026-03-07', '2026-03-31')).toEqual([]);
    });

    it('refuses an unknown property, a malformed occurrence and text past its bound', async () => {
      const { repo } = env();
      const { property } = await seedEstate(repo);
      const base = { propertyId: property, dutyId: 'd', occurrence: '2026-03-06', unit: `${property}/x`, doneAt: '2026-03-06T16:00:00+08:00', by: 'u1' };
      await expect(repo.recordFulfilment({ ...base, propertyId: uid('ghost') })).rejects.toBeInstanceOf(NotFoundError);
      await expect(repo.recordFulfilment({ ...base, occurrence: '2026-3-6' })).rejects.toBeInstanceOf(ValidationError);
      await expect(repo.recordFulfilment({ ...base, note: 'x'.repeat(10_001) })).rejects.toBeInstanceOf(ValidationError);
      await expect(repo.recordFulfilment({ ...base, doneAt: '2400-01-01T00:00:00Z' })).rejects.toBeInstanceOf(ValidationError);
    });

    it('keeps the first time it saw a duty of a property', async () => {
      const { repo } = env();
      const { property } = await seedEstate(repo);
      const first = await repo.watchDuties(property, ['a'], new Date('2026-03-01T00:00:00Z'));
      expect(first.get('a')).toBe('2026-03-01T00:00:00.000Z');
      const later = await repo.watchDuties(property, ['a', 'b'], new Date('2026-03-05T00:00:00Z'));
      expect(Object.fromEntries(later)).toEqual({ a: '2026-03-01T00:00:00.000Z', b: '2026-03-05T00:00:00.000Z' });
    });
  });

  describe('duty ledger and scores', () => {
    it('charges an occurrence once and counts it in the unit’s score', async () => {
      const { repo } = env();
      const { property } = await seedEstate(repo);
      const unit = `${property}/liaison`;
      const first = await repo.recordDutyLedger([charge(property, unit, '2026-03-06'), charge(property, unit, '2026-03-06')]);
      expect(first).toHaveLength(1);
      expect(await repo.recordDutyLedger([charge(property, unit, '2026-03-06'), charge(property, unit, '2026-03-13')])).toHaveLength(1);
      expect(await repo.unitScores(unit, '2026-03')).toEqual({ unit, period: '2026-03', points: 0.4, counts: { blue: 2 } });
      expect(await repo.propertiesOfUnit(unit)).toEqual([property]);
      expect((await repo.listDutyLedger({ unit })).map((e) => e.occurrence)).toEqual(['2026-03-06', '2026-03-13']);
    });

    it('refuses a charge with a malformed period', async () => {
      const { repo } = env();
      const { property } = await seedEstate(repo);
      await expect(repo.recordDutyLedger([charge(property, 'u', '2026-03-06', { period: '2026-3' })])).rejects.toBeInstanceOf(ValidationError);
    });
  });

  describe('ledger reversals', () => {
    it('reverses a recorded level once, keeps the entry and nets it out of the score', async () => {
      const { repo } = env();
      const { property, unit } = await seedEstate(repo);
      const t = ticket(property, unit);
      await repo.upsertTicket(t);
      await repo.recordLedger([entry(t.id, unit, 'blue', 0.2), entry(t.id, unit, 'red', 1)]);
      const reason = { zh: '非责任说明已审核通过', en: 'non-responsibility statement accepted' };
      const made = await repo.reverseLedger([{ ticketId: t.id, level: 'red', reason, reversedAt: '2026-04-02T10:00:00+08:00' }]);
      expect(made).toHaveLength(1);
      expect(made[0]).toMatchObject({ ticketId: t.id, level: 'red', points: 1, period: '2026-03', reason, reversedAt: '2026-04-02T02:00:00.000Z' });
      // Again: nothing new; a level never recorded has nothing to reverse.
      expect(await repo.reverseLedger([{ ticketId: t.id, level: 'red', reason, reversedAt: '2026-04-03T10:00:00+08:00' }, { ticketId: t.id, level: 'yellow', reason, reversedAt: '2026-04-03T10:00:00+08:00' }])).toEqual([]);
      expect((await repo.listLedger({ ticketId: t.id })).map((e) => e.level).sort()).toEqual(['blue', 'red']);
      expect(await repo.unitScores(unit, '2026-03')).toEqual({ unit, period: '2026-03', points: 0.2, counts: { blue: 1 } });
      expect(await repo.unitScoreParts(unit, '2026-03')).toEqual({
        unit,
        period: '2026-03',
        charged: { points: 1.2, counts: { blue: 1, red: 1 } },
        voided: { points: 1, counts: { red: 1 } },
        duties: { points: 0, counts: {} },
        company: { points: 0, counts: {} },
      });
      expect((await repo.listUnitScores('2026-03', { propertyId: property })).map((s) => [s.unit, s.points])).toEqual([[unit, 0.2]]);
      expect((await repo.listReversals({ ticketId: t.id })).map((r) => r.level)).toEqual(['red']);
    });
  });

  describe('company share ledger', () => {
    it('records a company’s red once, counts it in the company’s score and knows the company as a unit of its properties', async () => {
      const { repo } = env();
      const { branch, property } = await seedEstate(repo);
      const red = { companyId: branch, cluster: 'lift-outage', ticketId: 'T-1', households: 60, total: 1200, level: 'red', points: 1, unit: branch, period: '2026-03', reachedAt: '2026-03-05T10:00:00+08:00' };
      expect(await repo.recordCompanyShare([red, red])).toHaveLength(1);
      expect(await repo.recordCompanyShare([red])).toEqual([]);
      expect((await repo.listCompanyShare(branch)).map((e) => [e.cluster, e.households, e.total, e.reachedAt])).toEqual([['lift-outage', 60, 1200, '2026-03-05T02:00:00.000Z']]);
      expect(await repo.unitScores(branch, '2026-03')).toEqual({ unit: branch, period: '2026-03', points: 1, counts: { red: 1 } });
      expect(await repo.propertiesOfUnit(branch)).toEqual([property]);
      await expect(repo.recordCompanyShare([{ ...red, households: -1 }])).rejects.toBeInstanceOf(ValidationError);
    });
  });
}
