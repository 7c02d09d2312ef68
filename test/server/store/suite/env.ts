// What every section of the repository suite works with: a migrated database, a
// repository over it with a clock the tests move, and fixtures with ids unique to the test.

import type { Db, Property, Repository } from '../../../../server/store/index.js';
import type { Ticket } from '../../../../engine/index.js';

export interface StoreBackend {
  name: string;
  /** false for pg-mem, whose snapshots hold data but not schema: a failed migration cannot be undone there. */
  undoesSchemaChanges?: boolean;
  /** A new empty database (or schema); `dispose` removes it. */
  fresh(): Promise<FreshDb>;
}

export interface FreshDb {
  db: Db;
  /** Another handle on the same database, as a second instance would have (or `db` itself where one process holds it). */
  second(): Promise<Db>;
  dispose(): Promise<void>;
}

export class Clock {
  constructor(public ms = Date.parse('2026-03-02T00:00:00Z')) {}
  now = (): Date => new Date(this.ms);
  advance(minutes: number): void {
    this.ms += minutes * 60_000;
  }
}

export interface SuiteEnv {
  db: Db;
  repo: Repository;
  clock: Clock;
  backend: StoreBackend;
  fresh: FreshDb;
}

let counter = 0;
/** An id no other test uses, so tests share one database without meeting. */
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2, 7)}`;
}

export interface Estate {
  group: string;
  branch: string;
  property: string;
  unit: string;
}

/** A group with one branch and one property with two units. */
export async function seedEstate(repo: Repository): Promise<Estate & { propertyRecord: Property }> {
  const group = uid('huayu');
  const branch = uid('east');
  const property = uid('sunrise');
  await repo.createOrganisation({ kind: 'group', id: group, name: '华宇物业集团' });
  await repo.createOrganisation({ kind: 'branch', id: branch, name: '华东分公司', parentId: group });
  const propertyRecord = (await repo.createOrganisation({
    kind: 'property',
    id: property,
    name: '朝阳花园',
    parentId: branch,
    households: 1200,
    timeZone: 'Asia/Shanghai',
    units: [
      { id: `${property}/engineering`, name: '工程部' },
      { id: `${property}/cleaning`, name: '保洁部' },
    ],
  })) as Property;
  return { group, branch, property, unit: `${property}/engineering`, propertyRecord };
}

export function ticket(property: string, unit: string, overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: uid('T'),
    property,
    unit,
    category: 'engineering',
    priority: 'urgent',
    createdAt: '2026-03-02T08:00:00+08:00',
    events: [
      { type: 'accepted', at: '2026-03-02T08:05:00+08:00', by: 'desk-1' },
      { type: 'contacted', at: '2026-03-02T08:15:00+08:00', note: '已电话联系' },
    ],
    ...overrides,
  };
}

/** Runs `n` calls of `fn` at once and sorts their outcomes. */
export async function race<T>(n: number, fn: (i: number) => Promise<T>): Promise<{ ok: T[]; failed: unknown[] }> {
  const settled = await Promise.allSettled(Array.from({ length: n }, (_, i) => fn(i)));
  return {
    ok: settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : [])),
    failed: settled.flatMap((s) => (s.status === 'rejected' ? [s.reason] : [])),
  };
}
