// Users, admins only: POST /v1/users and GET /v1/users; PATCH /v1/users/{id} (role,
// assigned properties, disabled: disabling ends the user's sessions and keys at once)
// and POST /v1/users/{id}/password-reset (a new password shown once; every session of
// the user ends). Each change is audited in its transaction, and none may leave the
// service without an enabled admin (409 H523).
import { Router } from 'express';
import { bodyOf, callerOf, requireRole, smallJson, type Passwords } from '../auth/index.js';
import { newUserRequestSchema, userChangesSchema, type NewUserRequest, type UserChangesRequest } from '../schemas/index.js';
import type { Repository } from '../store/index.js';
import { changeUser, resetPassword } from '../user-admin.js';

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

  router.patch('/v1/users/:id', requireRole('admin'), smallJson, async (req, res) => {
    const changes = bodyOf<UserChangesRequest>(req, userChangesSchema);
    res.json(await changeUser(repository, callerOf(req).user.id, String(req.params['id']), changes));
  });

  router.post('/v1/users/:id/password-reset', requireRole('admin'), async (req, res) => {
    const password = await resetPassword(repository, callerOf(req).user.id, String(req.params['id']), (p) => passwords.hash(p));
    res.setHeader('Cache-Control', 'no-store').json({ temporaryPassword: password });
  });

  return router;
}
