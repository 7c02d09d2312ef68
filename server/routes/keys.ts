// API keys, admins only: GET /v1/keys (every key, never its secret), POST /v1/keys (the
// key is in this response only; the store keeps its hash) and DELETE /v1/keys/{id}
// (revoked at once in every instance: the key cache hears the store's notification).
import { Router } from 'express';
import { bodyOf, callerOf, requireRole, smallJson } from '../auth/index.js';
import { newKeyRequestSchema, type ApiKeyListResponse, type NewKeyRequest } from '../schemas/index.js';
import { hashToken, newToken, type Repository } from '../store/index.js';

export function keyRoutes(repository: Repository): Router {
  const router = Router();

  router.get('/v1/keys', requireRole('admin'), async (_req, res) => {
    const keys = await repository.listAllApiKeys();
    const answer: ApiKeyListResponse = { keys: keys.map((k) => ({ id: k.id, name: k.name, userId: k.userId, owner: k.owner, role: k.role, createdAt: k.createdAt, lastUsedAt: k.lastUsedAt, revokedAt: k.revokedAt })) };
    res.json(answer);
  });

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
      await repo.audit({ actor: actor.id, action: 'key.revoke', detail: { keyId: id, name: revoked.name, userId: revoked.userId } });
      return revoked;
    });
    res.json(apiKey);
  });

  return router;
}
