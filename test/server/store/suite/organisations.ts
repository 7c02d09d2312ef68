import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, ValidationError } from '../../../../server/store/index.js';
import { seedEstate, uid, type SuiteEnv } from './env.js';

export function organisationTests(env: () => SuiteEnv): void {
  describe('organisations', () => {
    it('keeps a group, its branch and a property with households, time zone and units', async () => {
      const { repo } = env();
      const estate = await seedEstate(repo);
      expect(await repo.getOrganisation(estate.property)).toEqual({
        kind: 'property',
        id: estate.property,
        name: '朝阳花园',
        parentId: estate.branch,
        households: 1200,
        timeZone: 'Asia/Shanghai',
        createdAt: '2026-03-02T00:00:00.000Z',
        units: [
          { id: `${estate.property}/cleaning`, propertyId: estate.property, name: '保洁部' },
          { id: `${estate.property}/engineering`, propertyId: estate.property, name: '工程部' },
        ],
      });
      expect(await repo.getOrganisation(estate.group)).toMatchObject({ kind: 'group', parentId: null });
      expect((await repo.lineage(estate.property)).map((o) => o.id)).toEqual([estate.property, estate.branch, estate.group]);
      const all = (await repo.listOrganisations()).map((o) => o.id);
      expect(all.indexOf(estate.group)).toBeLessThan(all.indexOf(estate.branch));
      expect(all.indexOf(estate.branch)).toBeLessThan(all.indexOf(estate.property));
    });

    it('lists the properties under a group or a branch', async () => {
      const { repo } = env();
      const estate = await seedEstate(repo);
      const second = uid('riverside');
      await repo.createOrganisation({
        kind: 'property', id: second, name: '滨江苑', parentId: estate.branch, households: 300, timeZone: 'Asia/Shanghai',
      });
      const ids = [estate.property, second].sort();
      expect((await repo.listProperties({ under: estate.group })).map((p) => p.id)).toEqual(ids);
      expect((await repo.listProperties({ under: estate.branch })).map((p) => p.id)).toEqual(ids);
      expect((await repo.listProperties()).map((p) => p.id)).toEqual(expect.arrayContaining(ids));
      await expect(repo.listProperties({ under: uid('nowhere') })).rejects.toBeInstanceOf(NotFoundError);
    });

    it('refuses a parent of the wrong kind, an unknown parent, a taken id and a bad time zone', async () => {
      const { repo } = env();
      const estate = await seedEstate(repo);
      await expect(
        repo.createOrganisation({ kind: 'branch', id: uid('b'), name: 'x', parentId: estate.property }),
      ).rejects.toMatchObject({ name: 'ValidationError', field: 'parentId' });
      await expect(
        repo.createOrganisation({ kind: 'property', id: uid('p'), name: 'x', parentId: estate.group, households: 1, timeZone: 'Asia/Shanghai' }),
      ).rejects.toBeInstanceOf(ValidationError);
      await expect(repo.createOrganisation({ kind: 'branch', id: uid('b'), name: 'x', parentId: uid('ghost') })).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await expect(repo.createOrganisation({ kind: 'group', id: estate.group, name: 'again' })).rejects.toBeInstanceOf(ConflictError);
      await expect(
        repo.createOrganisation({ kind: 'property', id: uid('p'), name: 'x', parentId: estate.branch, households: 1, timeZone: 'Mars/Olympus' }),
      ).rejects.toMatchObject({ field: 'timeZone' });
      await expect(repo.getOrganisation(uid('ghost'))).rejects.toBeInstanceOf(NotFoundError);
    });

    it('updates a property and replaces its units', async () => {
      const { repo } = env();
      const estate = await seedEstate(repo);
      const updated = await repo.updateProperty(estate.property, { households: 1350, timeZone: 'Asia/Urumqi' });
      expect(updated).toMatchObject({ name: '朝阳花园', households: 1350, timeZone: 'Asia/Urumqi' });
      const units = await repo.setUnits(estate.property, [{ id: `${estate.property}/security`, name: '秩序部' }]);
      expect(units).toEqual([{ id: `${estate.property}/security`, propertyId: estate.property, name: '秩序部' }]);
      await expect(repo.updateProperty(estate.branch, { households: 1 })).rejects.toBeInstanceOf(ValidationError);
      const other = await seedEstate(repo);
      await expect(repo.setUnits(other.property, [{ id: `${estate.property}/security`, name: 'taken' }])).rejects.toBeInstanceOf(
        ConflictError,
      );
      // the failed replacement left the old units in place
      expect(await repo.getOrganisation(other.property)).toMatchObject({ units: other.propertyRecord.units });
    });

    it('undoes every step of a repository transaction that throws', async () => {
      const { repo } = env();
      const id = uid('undone');
      await expect(
        repo.transaction(async (tx) => {
          await tx.createOrganisation({ kind: 'group', id, name: 'x' });
          await tx.audit({ actor: 'system', action: 'test.undone', scopeId: id });
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      await expect(repo.getOrganisation(id)).rejects.toBeInstanceOf(NotFoundError);
      expect(await repo.listAudit({ scopeId: id })).toEqual([]);
    });
  });
}
