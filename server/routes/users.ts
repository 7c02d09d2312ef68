// POST /v1/users and GET /v1/users: admins only.
import { Router } from 'express';
import { bodyOf, callerOf, requireRole, smallJson, type Passwords } from '../auth/index.js';
import { newUserRequestSchema, type NewUserRequest } from '../schemas/index.js';
import type { Repository } from '../store/index.js';

export function userRoutes(repository: Repository, passwords: Passwords): Router {
  const router = Router();

  router.post('/v1/users', requireRole('admin'), smallJson, async (req, res) => {
    const body = bodyOf<NewUserRequest>(req, newUserRequestSchema);
    const actor = callerOf(req).user;
    const passwordHash = await passwords.hash(body.password);
    const user = await repository.transaction(async (repo) => {
      const created = await repo.createUser({ name: body.name, role: body.role, passwordHash, properties: body.properties ?? [] });
      await repo.audit({ actor: actor.id, action: 'user.create', detail: { userId: created.id, name: created.name, role: created.role, properties: created.properties } });
      return created;
    });
    res.status(201).location(`/v1/users/${encodeURIComponent(user.id)}`).json(user);
  });

  router.get('/v1/users', requireRole('admin'), async (_req, res) => {
    res.json({ users: await repository.listUsers() });
  });

  return router;
}
