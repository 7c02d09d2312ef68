import { describe, expect, it } from 'vitest';
import { createRepository, NotFoundError, OutOfScopeError, ValidationError } from '../../../../server/store/index.js';
import type { Ticket } from '../../../../engine/index.js';
import { race, seedEstate, ticket, uid, type SuiteEnv } from './env.js';

export function ticketTests(env: () => SuiteEnv): void {
  describe('tickets', () => {
    it('stores a ticket with its events and gives it back as sent', async () => {
      const { repo } = env();
      const { property, unit } = await seedEstate(repo);
      const sent = ticket(property, unit, { household: '3-2-1201', flags: ['repeat'], floor: 12 });
      expect(await repo.upsertTicket(sent)).toEqual({ id: sent.id, created: true, changed: true });
      expect(await repo.getTicket(sent.id)).toEqual(sent);
      await expect(repo.getTicket(uid('T'))).rejects.toBeInstanceOf(NotFoundError);
    });

    it('audits each change with the writer, in the same transaction, and nothing when nothing changed', async () => {
      const { repo } = env();
      const { property, unit } = await seedEstate(repo);
      const sent = ticket(property, unit);
      const actor = uid('writer');
      await repo.upsertTicket(sent, { actor, detail: { keyId: 'k-1' } });
      await repo.upsertTicket(sent, { actor });
      await repo.upsertTicket({ ...sent, priority: 'general' }, { actor });
      await repo.upsertTicket({ ...sent, priority: 'urgent' }); // a writer that asks for no audit
      const entries = await repo.listAudit({ actor });
      expect(entries.map((e) => [e.action, e.scopeId, e.detail])).toEqual([
        ['ticket.update', property, { ticketId: sent.id }],
        ['ticket.create', property, { ticketId: sent.id, keyId: 'k-1' }],
      ]);
    });

    it("refuses, with a scope, to overwrite a stored ticket of a property outside it, and writes nothing", async () => {
      const { repo } = env();
      const theirs = await seedEstate(repo);
      const mine = await seedEstate(repo);
      const stored = ticket(theirs.property, theirs.unit);
      await repo.upsertTicket(stored);
      const takeover = { ...ticket(mine.property, mine.unit), id: stored.id };
      await expect(repo.upsertTicket(takeover, undefined, new Set([mine.property]))).rejects.toMatchObject({ name: 'OutOfScopeError', property: theirs.property });
      await expect(repo.upsertTicket(takeover, undefined, new Set([mine.property]))).rejects.toBeInstanceOf(OutOfScopeError);
      expect(await repo.getTicket(stored.id)).toEqual(stored);
      // Within scope, and for a new id, the scope changes nothing.
      expect(await repo.upsertTicket({ ...stored, priority: 'general' }, undefined, new Set([theirs.property]))).toMatchObject({ changed: true });
      expect(await repo.upsertTicket(ticket(mine.property, mine.unit), undefined, new Set([mine.property]))).toMatchObject({ created: true });
    });

    it('changes nothing when the same ticket comes twice, whatever its key order', async () => {
      const { repo, clock } = env();
      const { property, unit } = await seedEstate(repo);
      const sent = ticket(property, unit);
      await repo.upsertTicket(sent);
      clock.advance(5);
      expect(await repo.upsertTicket(sent)).toEqual({ id: sent.id, created: false, changed: false });
      const reordered = Object.fromEntries(Object.entries(sent).reverse()) as Ticket;
      expect(await repo.upsertTicket(reordered)).toEqual({ id: sent.id, created: false, changed: false });
    });

    it('replaces the ticket and its events when it changed', async () => {
      const { repo } = env();
      const { property, unit } = await seedEstate(repo);
      const sent = ticket(property, unit);
      await repo.upsertTicket(sent);
      const later: Ticket = { ...sent, events: [...sent.events, { type: 'resolved', at: '2026-03-02T10:00:00+08:00' }] };
      expect(await repo.upsertTicket(later)).toEqual({ id: sent.id, created: false, changed: true });
      expect(await repo.getTicket(sent.id)).toEqual(later);
      const fewer: Ticket = { ...later, priority: 'general', events: [] };
      expect(await repo.upsertTicket(fewer)).toMatchObject({ changed: true });
      expect(await repo.getTicket(sent.id)).toEqual(fewer);
    });

    it('stores a ticket sent by several writers at once once', async () => {
      const { repo, db, fresh, clock } = env();
      const { property, unit } = await seedEstate(repo);
      const sent = ticket(property, unit);
      const second = await fresh.second();
      const repos = [repo, createRepository(second, { now: clock.now })];
      const { ok, failed } = await race(6, (i) => repos[i % 2]!.upsertTicket(sent));
      expect(failed).toEqual([]);
      expect(ok.filter((r) => r.created)).toHaveLength(1);
      expect(ok.filter((r) => r.changed)).toHaveLength(1);
      expect(await repo.getTicket(sent.id)).toEqual(sent);
      if (second !== db) await second.close();
    });

    it('refuses a ticket for an unknown property or with a bad instant', async () => {
      const { repo } = env();
      const { branch, property, unit } = await seedEstate(repo);
      await expect(repo.upsertTicket(ticket(uid('ghost'), unit))).rejects.toBeInstanceOf(NotFoundError);
      await expect(repo.upsertTicket(ticket(branch, unit))).rejects.toBeInstanceOf(NotFoundError);
      await expect(repo.upsertTicket(ticket(property, unit, { createdAt: 'yesterday' }))).rejects.toMatchObject({
        field: 'createdAt',
      });
      await expect(
        repo.upsertTicket(ticket(property, unit, { events: [{ type: 'accepted', at: '2026-03-02T08:05:00' }] })),
      ).rejects.toBeInstanceOf(ValidationError);
    });

    it('lists a property’s tickets of a period in creation order, page by page', async () => {
      const { repo } = env();
      const { property, unit } = await seedEstate(repo);
      const days = ['2026-02-28', '2026-03-01', '2026-03-05', '2026-03-05', '2026-04-01'];
      const sent = days.map((day) => ticket(property, unit, { createdAt: `${day}T09:00:00+08:00` }));
      for (const t of sent) await repo.upsertTicket(t);
      const march = { propertyId: property, from: '2026-03-01T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00' };
      const expected = sent.slice(1, 4).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
      expect((await repo.listTickets(march)).map((t) => t.id)).toEqual(expected.map((t) => t.id));
      const page1 = await repo.listTickets({ ...march, limit: 2 });
      const last = page1.at(-1)!;
      const page2 = await repo.listTickets({ ...march, limit: 2, after: { createdAt: last.createdAt, id: last.id } });
      expect([...page1, ...page2].map((t) => t.id)).toEqual(expected.map((t) => t.id));
      expect(page2[0]?.events).toHaveLength(2);
      expect(await repo.listTickets({ unit, from: '2026-04-01T00:00:00+08:00' })).toEqual([sent[4]]);
    });

    it('counts the tickets a filter lists, all pages together', async () => {
      const { repo } = env();
      const { property, unit } = await seedEstate(repo);
      const days = ['2026-02-28', '2026-03-01', '2026-03-05', '2026-03-05', '2026-04-01'];
      for (const day of days) await repo.upsertTicket(ticket(property, unit, { createdAt: `${day}T09:00:00+08:00` }));
      const march = { propertyId: property, from: '2026-03-01T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00' };
      expect(await repo.countTickets(march)).toBe(3);
      expect(await repo.countTickets({ propertyId: property })).toBe(5);
      expect(await repo.countTickets({ unit, from: '2026-04-01T00:00:00+08:00' })).toBe(1);
      expect(await repo.countTickets({ propertyId: uid('ghost') })).toBe(0);
    });

    it('lists only the tickets sharing one of the given field values, when asked', async () => {
      const { repo } = env();
      const { property, unit } = await seedEstate(repo);
      const lift = ticket(property, unit, { issueKey: 'lift-3', household: 'h1' });
      const sameHousehold = ticket(property, unit, { issueKey: 'gate', household: 'h1', createdAt: '2026-03-02T09:00:00+08:00' });
      const other = ticket(property, unit, { issueKey: 'gate', household: 'h2', createdAt: '2026-03-02T10:00:00+08:00' });
      for (const t of [lift, sameHousehold, other]) await repo.upsertTicket(t);
      const ids = async (sharing: { field: string; value: string }[]) => (await repo.listTickets({ propertyId: property, sharing })).map((t) => t.id);
      expect(await ids([{ field: 'issueKey', value: 'lift-3' }])).toEqual([lift.id]);
      expect(await ids([{ field: 'issueKey', value: 'lift-3' }, { field: 'household', value: 'h1' }])).toEqual([lift.id, sameHousehold.id]);
      expect(await ids([{ field: 'issueKey', value: "lift-3' OR '1'='1" }])).toEqual([]);
      expect(await repo.countTickets({ propertyId: property, sharing: [{ field: 'issueKey', value: 'gate' }] })).toBe(2);
      await expect(repo.listTickets({ propertyId: property, sharing: [] })).rejects.toBeInstanceOf(ValidationError);
    });
  });
}
