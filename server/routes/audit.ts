// GET /v1/audit?property=&user=&period=YYYY-MM&limit=&before=: who did what, when,
// and for policies the versions before and after. Admins and the quality
// department read it; periods are months in UTC.
import { Router } from 'express';
import { requireRole } from '../auth/index.js';
import { InvalidRequestError } from '../errors.js';
import { periodBounds } from '../ledger.js';
import { periodParam } from './period.js';
import { REQUEST_INVALID } from '../schemas/index.js';
import type { AuditFilter, Repository } from '../store/index.js';

function invalid(parameter: string, message: string): InvalidRequestError {
  return new InvalidRequestError(`${parameter} is not valid.`, [{ pointer: `/${parameter}`, code: REQUEST_INVALID, message }]);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function auditRoutes(repository: Repository): Router {
  const router = Router();

  router.get('/v1/audit', requireRole('admin', 'quality'), async (req, res) => {
    const filter: AuditFilter = {};
    const property = text(req.query['property']);
    if (property) filter.scopeId = property;
    const user = text(req.query['user']);
    if (user) {
      const found = (await repository.listUsers()).find((u) => u.name === user || u.id === user);
      if (!found) {
        res.json({ entries: [] });
        return;
      }
      filter.actor = found.id;
    }
    if (req.query['period'] !== undefined) {
      const { from, to } = periodBounds(periodParam(req.query['period']), 'UTC');
      filter.from = from;
      filter.to = to;
    }
    const limit = text(req.query['limit']);
    if (limit !== undefined) {
      const n = Number(limit);
      if (!Number.isInteger(n) || n < 1 || n > 1000) throw invalid('limit', 'limit must be a whole number from 1 to 1000.');
      filter.limit = n;
    }
    const before = text(req.query['before']);
    if (before !== undefined) {
      const n = Number(before);
      if (!Number.isInteger(n) || n < 1) throw invalid('before', 'before must be the id of an entry (a whole number).');
      filter.beforeId = n;
    }
    res.json({ entries: await repository.listAudit(filter) });
  });

  return router;
}
