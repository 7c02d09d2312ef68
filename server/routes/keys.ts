// POST /v1/keys (the key is in this response only; the store keeps its hash) and
// DELETE /v1/keys/{id}: admins only.
import { Router } from 'express';
import { bodyOf, callerOf, requireRole, smallJson } from '../auth/index.js';
import { newKeyRequestSchema, type NewKeyRequest } from '../schemas/index.js';
import { hashToken, newToken, type Repository } from '../store/index.js';

export function keyRoutes(repository: Repository): Router {
  const router = Router();

  router.post('/v1/keys', requireRole('admin'), smallJson, async (req, res) => {
    const body = bodyOf<NewKeyRequest>(req, newKeyRequestSchema);
    const actor = callerOf(req).user;
    const key = newToken();
    const apiKey = await repository.transaction(async (repo) => {
      const created = await repo.createApiKey({ userId: body.userId ?? actor.id, name: body.name, keyHash: hashToken(key) });
      await repo.audit({ actor: actor.id, action: 'key.create', detail: { keyId: created.id, name: created.name, userId: created.userId } });
      return created;
    });
    res.status(201).setHeader('Cache-Control', 'no-store').json({ key, apiKey });
  });

  router.delete('/v1/keys/:id', requireRole('admin'), async (req, res) => {
    const actor = callerOf(req).user;
    const id = String(req.params['id']);
    const apiKey = await repository.transaction(async (repo) => {
      const revoked = await repo.revokeApiKey(id);
      await repo.audit({ actor: actor.id, action: 'key.revoke', detail: { keyId: id } });
      return revoked;
    });
    res.json(apiKey);
  });

  return router;
}
