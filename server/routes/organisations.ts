// Organisations: the group, its branches and their properties (households, time zone,
// responsible units). Everyone signed in reads what they may see; admins change them,
// each change audited in its transaction.
import { Router } from 'express';
import { bodyOf, callerOf, propertiesOf, requireCaller, requireRole, smallJson } from '../auth/index.js';
import { mistakesIn } from '../errors.js';
import {
  newOrganisationRequestSchema,
  propertyChangesSchema,
  unitsRequestSchema,
  type ErrorItem,
  type NewOrganisationRequest,
  type PropertyChangesRequest,
  type UnitsRequest,
  REQUEST_INVALID,
} from '../schemas/index.js';
import type { NewOrganisation, Organisation, Repository } from '../store/index.js';

/** What a kind needs beyond the schema's fields, each missing one with its pointer. */
function newOrganisationOf(body: NewOrganisationRequest): NewOrganisation {
  const missing: ErrorItem[] = [];
  const need = (field: 'parentId' | 'households' | 'timeZone', why: string): void => {
    if (body[field] === undefined) missing.push({ pointer: `/${field}`, code: REQUEST_INVALID, message: `/${field} is required for a ${body.kind}: ${why}.` });
  };
  if (body.kind !== 'group') need('parentId', body.kind === 'branch' ? 'the group it belongs to' : 'the branch it belongs to');
  if (body.kind === 'property') {
    need('households', 'household-share conditions divide by it');
    need('timeZone', 'its tickets are read in it');
  }
  if (body.kind !== 'property' && (body.households !== undefined || body.timeZone !== undefined || body.units !== undefined)) {
    missing.push({ pointer: '/kind', code: REQUEST_INVALID, message: 'Only a property has households, a time zone and units.' });
  }
  if (missing.length > 0) throw mistakesIn(body.kind, missing);
  switch (body.kind) {
    case 'group':
      return { kind: 'group', id: body.id, name: body.name };
    case 'branch':
      return { kind: 'branch', id: body.id, name: body.name, parentId: body.parentId! };
    default:
      return { kind: 'property', id: body.id, name: body.name, parentId: body.parentId!, households: body.households!, timeZone: body.timeZone!, units: body.units ?? [] };
  }
}

/** A manager's or viewer's organisations: their properties and the branches and group above them. */
function visible(all: readonly Organisation[], mine: ReadonlySet<string>): Organisation[] {
  const byId = new Map(all.map((o) => [o.id, o]));
  const keep = new Set<string>();
  for (const id of mine) {
    for (let o = byId.get(id); o; o = o.parentId === null ? undefined : byId.get(o.parentId)) keep.add(o.id);
  }
  return all.filter((o) => keep.has(o.id));
}

export function organisationRoutes(repository: Repository): Router {
  const router = Router();
  const param = (value: unknown): string => String(value);

  router.get('/v1/organisations', requireCaller(), async (req, res) => {
    const all = await repository.listOrganisations();
    const mine = propertiesOf(callerOf(req));
    res.json({ organisations: mine ? visible(all, mine) : all });
  });

  router.post('/v1/organisations', requireRole('admin'), smallJson, async (req, res) => {
    const wanted = newOrganisationOf(bodyOf<NewOrganisationRequest>(req, newOrganisationRequestSchema));
    const actor = callerOf(req).user;
    const created = await repository.transaction(async (repo) => {
      const organisation = await repo.createOrganisation(wanted);
      await repo.audit({ actor: actor.id, action: 'organisation.create', scopeId: organisation.id, detail: { ...wanted } });
      return organisation;
    });
    res.status(201).location(`/v1/organisations/${encodeURIComponent(created.id)}`).json(created);
  });

  router.patch('/v1/properties/:id', requireRole('admin'), smallJson, async (req, res) => {
    const changes = bodyOf<PropertyChangesRequest>(req, propertyChangesSchema);
    const actor = callerOf(req).user;
    const id = param(req.params['id']);
    res.json(
      await repository.transaction(async (repo) => {
        const property = await repo.updateProperty(id, changes);
        await repo.audit({ actor: actor.id, action: 'property.update', scopeId: id, detail: { ...changes } });
        return property;
      }),
    );
  });

  router.put('/v1/properties/:id/units', requireRole('admin'), smallJson, async (req, res) => {
    const { units } = bodyOf<UnitsRequest>(req, unitsRequestSchema);
    const actor = callerOf(req).user;
    const id = param(req.params['id']);
    res.json({
      units: await repository.transaction(async (repo) => {
        const stored = await repo.setUnits(id, units);
        await repo.audit({ actor: actor.id, action: 'property.units', scopeId: id, detail: { units: units.map((u) => u.id) } });
        return stored;
      }),
    });
  });

  return router;
}
