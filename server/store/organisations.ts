// Organisations: a group, its branches, their properties (with units).

import type { StoreContext } from './context.js';
import type { Db, Row } from './db.js';
import { DuplicateError, isDbError, NotFoundError, UNIQUE_VIOLATION, ValidationError } from './errors.js';
import { CHANNELS } from './notify.js';
import { iso, num, params, valueRows } from './rows.js';
import { checkKey, checkText } from './text.js';
import type { NewOrganisation, Organisation, OrganisationKind, Property, PropertyChanges, Unit } from './types.js';

export interface OrganisationStore {
  createOrganisation(input: NewOrganisation): Promise<Organisation>;
  /** Throws NotFoundError. */
  getOrganisation(id: string): Promise<Organisation>;
  /** Every organisation, groups first, then branches, then properties, each by id. */
  listOrganisations(): Promise<Organisation[]>;
  /** Properties, all or those under a group or branch. */
  listProperties(filter?: { under?: string }): Promise<Property[]>;
  updateProperty(id: string, changes: PropertyChanges): Promise<Property>;
  /** Replaces a property's units. */
  setUnits(propertyId: string, units: { id: string; name: string }[]): Promise<Unit[]>;
  /** The organisation and its ancestors, nearest first: [property, branch, group]. */
  lineage(id: string): Promise<Organisation[]>;
  /** The properties a unit works for: the one it is registered under, and those of tickets naming it. Sorted. */
  propertiesOfUnit(unitId: string): Promise<string[]>;
}

const PARENT_KIND: Record<OrganisationKind, OrganisationKind | null> = {
  group: null,
  branch: 'group',
  property: 'branch',
};

const COLUMNS = 'id, kind, parent_id, name, households, time_zone, created_at';

function checkTimeZone(zone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw new ValidationError('timeZone', `unknown time zone "${zone}"`);
  }
}

function checkHouseholds(households: number): void {
  if (!Number.isInteger(households) || households < 0) {
    throw new ValidationError('households', `households must be a whole number ≥ 0, got ${households}`);
  }
}

function toOrganisation(row: Row, units: Unit[]): Organisation {
  const base = { id: String(row.id), name: String(row.name), createdAt: iso(row.created_at) };
  switch (row.kind) {
    case 'group':
      return { ...base, kind: 'group', parentId: null };
    case 'branch':
      return { ...base, kind: 'branch', parentId: String(row.parent_id) };
    default:
      return {
        ...base,
        kind: 'property',
        parentId: String(row.parent_id),
        households: num(row.households),
        timeZone: String(row.time_zone),
        units: units.filter((u) => u.propertyId === row.id),
      };
  }
}

function toUnit(row: Row): Unit {
  return { id: String(row.id), propertyId: String(row.property_id), name: String(row.name) };
}

async function unitsOf(db: Db, propertyIds: string[]): Promise<Unit[]> {
  if (propertyIds.length === 0) return [];
  const { rows } = await db.query(
    `SELECT id, property_id, name FROM units WHERE property_id IN (${params(propertyIds.length)}) ORDER BY id`,
    propertyIds,
  );
  return rows.map(toUnit);
}

async function insertUnits(db: Db, propertyId: string, units: { id: string; name: string }[]): Promise<void> {
  if (units.length === 0) return;
  const ids = new Set<string>();
  units.forEach((unit, i) => {
    checkText(unit.id, `units/${i}/id`, 'id');
    checkText(unit.name, `units/${i}/name`, 'name');
    if (ids.has(unit.id)) throw new ValidationError('units', `unit "${unit.id}" is listed twice`);
    ids.add(unit.id);
  });
  // Named before the insert: a clash aborts the transaction, and the key's name is the
  // same on every backend this way.
  const taken = await db.query<{ id: string }>(`SELECT id FROM units WHERE id IN (${params(units.length)}) ORDER BY id LIMIT 1`, [...ids]);
  if (taken.rows[0]) throw new DuplicateError('unit', taken.rows[0].id);
  try {
    await db.query(
      `INSERT INTO units (id, property_id, name) VALUES ${valueRows(units.length, 3)}`,
      units.flatMap((u) => [u.id, propertyId, u.name]),
    );
  } catch (e) {
    if (isDbError(e, UNIQUE_VIOLATION)) throw new DuplicateError('unit', units.map((u) => u.id).join(', '), undefined, { cause: e });
    throw e;
  }
}

export async function getOrganisationIn(db: Db, id: string): Promise<Organisation> {
  checkKey(id, 'id');
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM organisations WHERE id = $1`, [id]);
  const row = rows[0];
  if (!row) throw new NotFoundError('organisation', id);
  return toOrganisation(row, row.kind === 'property' ? await unitsOf(db, [id]) : []);
}

export function organisationStore(ctx: StoreContext): OrganisationStore {
  const { db } = ctx;

  return {
    async createOrganisation(input) {
      checkText(input.id, 'id', 'id');
      checkText(input.name, 'name', 'name');
      if (input.kind !== 'group') checkKey(input.parentId, 'parentId');
      if (input.kind === 'property') {
        checkHouseholds(input.households);
        checkTimeZone(input.timeZone);
      }
      return db.transaction(async (tx) => {
        const parentId = input.kind === 'group' ? null : input.parentId;
        const wanted = PARENT_KIND[input.kind];
        if (parentId !== null) {
          const parent = await tx.query<{ kind: string }>('SELECT kind FROM organisations WHERE id = $1', [parentId]);
          const kind = parent.rows[0]?.kind;
          if (kind === undefined) throw new NotFoundError('organisation', parentId);
          if (kind !== wanted) {
            throw new ValidationError('parentId', `a ${input.kind} belongs to a ${wanted}; "${parentId}" is a ${kind}`);
          }
        }
        try {
          await tx.query(
            `INSERT INTO organisations (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
            [
              input.id,
              input.kind,
              parentId,
              input.name,
              input.kind === 'property' ? input.households : null,
              input.kind === 'property' ? input.timeZone : null,
              ctx.now(),
            ],
          );
        } catch (e) {
          if (isDbError(e, UNIQUE_VIOLATION)) throw new DuplicateError('organisation', input.id, undefined, { cause: e });
          throw e;
        }
        if (input.kind === 'property') await insertUnits(tx, input.id, input.units ?? []);
        await tx.notify(CHANNELS.policy, input.id);
        return getOrganisationIn(tx, input.id);
      });
    },

    getOrganisation: (id) => getOrganisationIn(db, id),

    async listOrganisations() {
      const [{ rows }, units] = await Promise.all([
        db.query(
          `SELECT ${COLUMNS} FROM organisations
            ORDER BY CASE kind WHEN 'group' THEN 0 WHEN 'branch' THEN 1 ELSE 2 END, id`,
        ),
        db.query('SELECT id, property_id, name FROM units ORDER BY id'),
      ]);
      const all = units.rows.map(toUnit);
      return rows.map((row) => toOrganisation(row, all));
    },

    async listProperties(filter = {}) {
      const under = checkKey(filter.under, 'under');
      const { rows } =
        under === undefined
          ? await db.query(`SELECT ${COLUMNS} FROM organisations WHERE kind = 'property' ORDER BY id`)
          : await db.query(
              `SELECT p.id, p.kind, p.parent_id, p.name, p.households, p.time_zone, p.created_at
                 FROM organisations p JOIN organisations b ON b.id = p.parent_id
                WHERE p.kind = 'property' AND (b.id = $1 OR b.parent_id = $1)
                ORDER BY p.id`,
              [under],
            );
      if (under !== undefined && rows.length === 0) await getOrganisationIn(db, under); // NotFound when unknown
      const units = await unitsOf(db, rows.map((r) => String(r.id)));
      return rows.map((row) => toOrganisation(row, units) as Property);
    },

    async updateProperty(id, changes) {
      if (changes.name !== undefined) checkText(changes.name, 'name', 'name');
      if (changes.households !== undefined) checkHouseholds(changes.households);
      if (changes.timeZone !== undefined) checkTimeZone(changes.timeZone);
      return db.transaction(async (tx) => {
        const current = await getOrganisationIn(tx, id);
        if (current.kind !== 'property') throw new ValidationError('id', `"${id}" is a ${current.kind}, not a property`);
        await tx.query('UPDATE organisations SET name = $2, households = $3, time_zone = $4 WHERE id = $1', [
          id,
          changes.name ?? current.name,
          changes.households ?? current.households,
          changes.timeZone ?? current.timeZone,
        ]);
        await tx.notify(CHANNELS.policy, id);
        return (await getOrganisationIn(tx, id)) as Property;
      });
    },

    async setUnits(propertyId, units) {
      return db.transaction(async (tx) => {
        const current = await getOrganisationIn(tx, propertyId);
        if (current.kind !== 'property') {
          throw new ValidationError('propertyId', `"${propertyId}" is a ${current.kind}, not a property`);
        }
        await tx.query('DELETE FROM units WHERE property_id = $1', [propertyId]);
        await insertUnits(tx, propertyId, units);
        // The policy service keeps each property's units beside its policy: they decide which units its tickets may charge.
        await tx.notify(CHANNELS.policy, propertyId);
        return unitsOf(tx, [propertyId]);
      });
    },

    async lineage(id) {
      const chain: Organisation[] = [];
      let next: string | null = id;
      while (next !== null && chain.length < 3) {
        const org: Organisation = await getOrganisationIn(db, next);
        chain.push(org);
        next = org.parentId;
      }
      return chain;
    },

    async propertiesOfUnit(unitId) {
      checkKey(unitId, 'unit');
      // Units named by tickets or charged for duties need not be registered: they are the record of who served where.
      const { rows } = await db.query<{ property_id: string }>(
        `SELECT property_id FROM units WHERE id = $1
          UNION SELECT DISTINCT property_id FROM tickets WHERE unit_id = $1
          UNION SELECT DISTINCT property_id FROM duty_ledger WHERE unit_id = $1
          UNION SELECT DISTINCT o.id FROM company_share_ledger c JOIN organisations o ON o.parent_id = c.company_id WHERE c.unit_id = $1`,
        [unitId],
      );
      return rows.map((r) => r.property_id).sort();
    },
  };
}
