// Text the backends would treat differently (a NUL, which PostgreSQL and PGlite refuse and
// pg-mem stores; a lone surrogate, which PostgreSQL alters or refuses; text longer than an
// index entry may be) is refused by the repository itself, the same way on every backend,
// with the field it was found in, and nothing is stored.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidTextError, NotFoundError, TEXT_LIMITS, ValidationError, type Property } from '../../../../server/store/index.js';
import { seedEstate, ticket, uid, type SuiteEnv } from './env.js';

const NUL = '\u0000';

/** The InvalidTextError `promise` rejects with, checked to be one. */
async function refusal(promise: Promise<unknown>): Promise<InvalidTextError> {
  const error = await promise.then(
    () => {
      throw new Error('expected an InvalidTextError, but it was accepted');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidTextError);
  expect(error).toBeInstanceOf(ValidationError); // the HTTP layer's 400 with a pointer
  return error as InvalidTextError;
}

export function textTests(env: () => SuiteEnv): void {
  describe('text a backend could not keep as sent', () => {
    it('refuses a NUL in a ticket, naming the field, and stores nothing', async () => {
      const { repo } = env();
      const { property, unit } = await seedEstate(repo);
      const cases: [string, (t: ReturnType<typeof ticket>) => void][] = [
        ['id', (t) => (t.id = `${t.id}${NUL}`)],
        ['category', (t) => (t.category = `engi${NUL}neering`)],
        ['events/1/note', (t) => (t.events[1]!.note = `已电话${NUL}联系`)],
        ['events/0/by', (t) => (t.events[0]!.by = NUL)],
        ['floor', (t) => ((t as unknown as Record<string, unknown>).floor = `3${NUL}`)],
      ];
      for (const [field, spoil] of cases) {
        const t = ticket(property, unit);
        spoil(t);
        const error = await refusal(repo.upsertTicket(t));
        expect({ field: error.field, problem: error.problem }).toEqual({ field, problem: 'nul' });
        expect(await repo.countTickets({ propertyId: property })).toBe(0);
      }
    });

    it('refuses a NUL in a name, a source, an audit detail, a ledger entry, a lookup and a login name', async () => {
      const { repo } = env();
      const { property, unit } = await seedEstate(repo);
      const t = ticket(property, unit);
      await repo.upsertTicket(t);
      const checks: [string, () => Promise<unknown>][] = [
        ['name', () => repo.createOrganisation({ kind: 'group', id: uid('g'), name: `华宇${NUL}` })],
        ['units/1/name', () => repo.setUnits(property, [{ id: `${property}/a`, name: 'a' }, { id: `${property}/b`, name: NUL }])],
        ['source', () => repo.createDraft({ scopeId: property, baseVersionId: null, source: `property x${NUL}`, hash: 'h', author: 'a' })],
        ['detail/why/0', () => repo.audit({ actor: 'a', action: 'x', detail: { why: [`bad${NUL}`] } })],
        ['0/level', () => repo.recordLedger([{ ticketId: t.id, unit, level: `red${NUL}`, points: 1, period: '2026-03', reachedAt: '2026-03-02T09:00:00+08:00' }])],
        ['id', () => repo.getTicket(`${t.id}${NUL}`)],
        ['name', () => repo.findCredentials(`admin${NUL}`)],
        ['unit', () => repo.unitScores(`${unit}${NUL}`, '2026-03')],
        ['name', () => repo.createUser({ name: `ada${NUL}`, role: 'viewer', passwordHash: 'h' })],
      ];
      for (const [field, promise] of checks) {
        const error = await refusal(promise());
        expect({ field: error.field, problem: error.problem }).toEqual({ field, problem: 'nul' });
      }
      expect(((await repo.getOrganisation(property)) as Property).units.map((u) => u.name)).toEqual(['保洁部', '工程部']);
      expect(await repo.latestVersion(property)).toBeNull();
      expect(await repo.listLedger({ ticketId: t.id })).toEqual([]);
    });

    it('refuses a NUL in any statement parameter, before the backend sees it', async () => {
      const { db } = env();
      const error = await refusal(db.query('SELECT $1::text AS x', [`a${NUL}b`]));
      expect(error.problem).toBe('nul');
    });

    it('refuses half a surrogate pair, which is not Unicode text', async () => {
      const { repo } = env();
      const { property, unit } = await seedEstate(repo);
      const t = { ...ticket(property, unit), household: 'A-\ud800' };
      const error = await refusal(repo.upsertTicket(t));
      expect({ field: error.field, problem: error.problem }).toEqual({ field: 'household', problem: 'ill-formed' });
      await repo.upsertTicket({ ...t, household: 'A-😀' }); // a whole pair is text like any other
      expect((await repo.getTicket(t.id)).household).toBe('A-😀');
    });

    it('keeps any text without NUL or a lone surrogate exactly, and refuses any with a NUL', async () => {
      const { repo } = env();
      const { property, unit } = await seedEstate(repo);
      const text = fc.string({ unit: 'grapheme', maxLength: 40 });
      await fc.assert(
        fc.asyncProperty(text, text, fc.boolean(), async (before, after, withNul) => {
          const note = withNul ? `${before}${NUL}${after}` : `${before}${after}`;
          const t = ticket(property, unit, { events: [{ type: 'accepted', at: '2026-03-02T08:05:00+08:00', note }] });
          if (note.includes(NUL)) {
            expect((await refusal(repo.upsertTicket(t))).field).toBe('events/0/note');
            await expect(repo.getTicket(t.id)).rejects.toBeInstanceOf(NotFoundError);
          } else {
            await repo.upsertTicket(t);
            expect((await repo.getTicket(t.id)).events[0]!.note).toBe(note);
          }
        }),
        { numRuns: 25 },
      );
    });
  });

  describe('long text', () => {
    it('keeps an id or a name at its bound, even of four-byte characters, and refuses one past it', async () => {
      const { repo } = env();
      // 200 characters of 3 bytes each, unrepeated so nothing compresses: still an index entry PostgreSQL takes.
      const longest = uid('g').padEnd(TEXT_LIMITS.id, '华宇锦绣花园星河大厦物业服务中心工程保洁秩序客服');
      const distinct = Array.from({ length: TEXT_LIMITS.name }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 7919) % 20000))).join('');
      const group = await repo.createOrganisation({ kind: 'group', id: longest, name: distinct });
      expect(group).toMatchObject({ id: longest, name: distinct });
      const over = await refusal(repo.createOrganisation({ kind: 'group', id: `${longest}x`, name: 'x' }));
      expect(over).toMatchObject({ field: 'id', problem: 'too-long', maxLength: TEXT_LIMITS.id });
      expect(await refusal(repo.createUser({ name: 'n'.repeat(TEXT_LIMITS.name + 1), role: 'viewer', passwordHash: 'h' }))).toMatchObject({ field: 'name', problem: 'too-long' });
      const emoji = '😀'.repeat(TEXT_LIMITS.name / 2); // 200 UTF-16 units, 400 bytes
      const user = await repo.createUser({ name: `${emoji}`, role: 'viewer', passwordHash: 'h' });
      expect(user.name).toBe(emoji);
    });

    it('keeps a note at its bound and refuses one past it', async () => {
      const { repo } = env();
      const { property, unit } = await seedEstate(repo);
      const note = Array.from({ length: TEXT_LIMITS.text }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 7919) % 20000))).join('');
      const t = ticket(property, unit, { events: [{ type: 'accepted', at: '2026-03-02T08:05:00+08:00', note }] });
      await repo.upsertTicket(t);
      expect((await repo.getTicket(t.id)).events[0]!.note).toBe(note);
      const error = await refusal(repo.upsertTicket({ ...t, events: [{ type: 'accepted', at: '2026-03-02T08:05:00+08:00', note: `${note}!` }] }));
      expect(error).toMatchObject({ field: 'events/0/note', problem: 'too-long', maxLength: TEXT_LIMITS.text });
      expect((await repo.getTicket(t.id)).events[0]!.note).toBe(note);
    });

    it('refuses a policy source past its bound', async () => {
      const { repo } = env();
      const { property } = await seedEstate(repo);
      const error = await refusal(repo.createDraft({ scopeId: property, baseVersionId: null, source: 'x'.repeat(TEXT_LIMITS.source + 1), hash: 'h', author: 'a' }));
      expect(error).toMatchObject({ field: 'source', problem: 'too-long' });
      expect(await repo.latestVersion(property)).toBeNull();
    });
  });
}

export function instantTests(env: () => SuiteEnv): void {
  describe('instants written', () => {
    it.each(['0050-03-02T08:00:00+08:00', '1899-12-31T23:59:59Z', '2300-01-01T00:00:00Z', '9999-12-31T23:59:59Z'])(
      'refuses %s, which no ticket has and which would cost every later start that reads it',
      async (createdAt) => {
        const { repo } = env();
        const { property, unit } = await seedEstate(repo);
        const t = ticket(property, unit, { createdAt });
        await expect(repo.upsertTicket(t)).rejects.toMatchObject({ name: 'ValidationError', field: 'createdAt' });
        const late = ticket(property, unit, { events: [{ type: 'accepted', at: createdAt }] });
        await expect(repo.upsertTicket(late)).rejects.toMatchObject({ field: 'events/0/at' });
        expect(await repo.countTickets({ propertyId: property })).toBe(0);
      },
    );

    it('keeps the edges of the range', async () => {
      const { repo } = env();
      const { property, unit } = await seedEstate(repo);
      for (const createdAt of ['1900-01-01T00:00:00Z', '2299-12-31T23:59:59Z']) {
        const t = ticket(property, unit, { createdAt, events: [] });
        await repo.upsertTicket(t);
        expect((await repo.getTicket(t.id)).createdAt).toBe(createdAt);
      }
    });
  });
}
