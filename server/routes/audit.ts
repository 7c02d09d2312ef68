// GET /v1/audit?property=&user=&action=&period=YYYY-MM|from=&to=&limit=&before=: who
// did what, when, and for policies the versions before and after (with the diff's path).
// Admins and the quality department read it; periods are months in UTC. Newest first;
// `nextBefore` continues the list.
import { Router } from 'express';
import { requireRole } from '../auth/index.js';
import { periodBounds } from '../ledger.js';
import { periodParam } from './period.js';
import type { AuditEntry, AuditFilter, Repository } from '../store/index.js';
import { instantParam, intParam, queryMistake, textParam } from './query.js';

/** An action (`policy.activate`) or every action under a prefix (`policy.*`). */
const ACTION = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*(\.\*)?$/;

/** Where the UI opens what a policy change did: the diff of the versions before and after. */
function withDiff(entry: AuditEntry): AuditEntry & { diff: string | null } {
  const { beforeVersionId: a, afterVersionId: b } = entry;
  return { ...entry, diff: entry.action.startsWith('policy.') && a !== null && b !== null ? `/v1/policy-versions/${encodeURIComponent(a)}/diff/${encodeURIComponent(b)}` : null };
}

export function auditRoutes(repository: Repository): Router {
  const router = Router();

  router.get('/v1/audit', requireRole('admin', 'quality'), async (req, res) => {
    const query = req.query as Record<string, unknown>;
    const filter: AuditFilter = {};
    const property = textParam(query, 'property');
    if (property) filter.scopeId = property;
    const action = textParam(query, 'action');
    if (action !== undefined) {
      if (!ACTION.test(action)) throw queryMistake('action', `action must be an action such as policy.activate, or a prefix such as policy.*; got ${JSON.stringify(action)}.`);
      if (action.endsWith('.*')) filter.actionPrefix = action.slice(0, -1);
      else filter.action = action;
    }
    const from = instantParam(query, 'from');
    const to = instantParam(query, 'to');
    if (query['period'] !== undefined) {
      if (from !== undefined || to !== undefined) throw queryMistake(from !== undefined ? 'from' : 'to', 'Give period, or from and to, not both.');
      const bounds = periodBounds(periodParam(query['period']), 'UTC');
      filter.from = bounds.from;
      filter.to = bounds.to;
    }
    if (from !== undefined) filter.from = from;
    if (to !== undefined) filter.to = to;
    if (from !== undefined && to !== undefined && from.getTime() >= to.getTime()) throw queryMistake('to', 'to must be after from.');
    const limit = intParam(query, 'limit', 1, 1000) ?? 100;
    const before = intParam(query, 'before', 1, Number.MAX_SAFE_INTEGER);
    if (before !== undefined) filter.beforeId = before;
    const user = textParam(query, 'user');
    if (user) {
      const found = (await repository.listUsers()).find((u) => u.name === user || u.id === user);
      if (!found) {
        res.json({ entries: [], nextBefore: null });
        return;
      }
      filter.actor = found.id;
    }
    // One more than the page: whether there is a next one.
    const entries = await repository.listAudit({ ...filter, limit: Math.min(limit + 1, 1000) });
    const page = entries.slice(0, limit);
    const more = entries.length > limit || (limit === 1000 && entries.length === 1000);
    res.json({ entries: page.map(withDiff), nextBefore: more ? (page[page.length - 1]?.id ?? null) : null });
  });

  return router;
}
