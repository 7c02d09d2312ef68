// Users, admins only: POST /v1/users and GET /v1/users; PATCH /v1/users/{id} (role,
// assigned properties, disabled: disabling ends the user's sessions and keys at once)
// and POST /v1/users/{id}/password-reset (a new password shown once; every session of
// the user ends). Each change is audited in its transaction, and none may leave the
// service without an enabled admin (409 H523).
import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import { bodyOf, callerOf, requireRole, smallJson, type Passwords } from '../auth/index.js';
import { HttpError, LAST_ADMIN } from '../errors.js';
import { newUserRequestSchema, userChangesSchema, type NewUserRequest, type UserChangesRequest } from '../schemas/index.js';
import type { Repository, User } from '../store/index.js';

/** 120 random bits as 20 URL-safe characters: over the 12-character minimum, easy to pass on. */
export function temporaryPassword(): string {
  return randomBytes(15).toString('base64url');
}

/** 409 when the change leaves no enabled admin: `user` is the last and would be disabled or demoted. */
async function keepAnAdmin(repo: Repository, user: User, changes: UserChangesRequest): Promise<void> {
  const losesAdmin = user.role === 'admin' && user.disabledAt === null && (changes.disabled === true || (changes.role !== undefined && changes.role !== 'admin'));
  if (!losesAdmin) return;
  const admins = await repo.lockActiveAdmins();
  if (admins.length <= 1) {
    const message = `'${user.name}' is the last enabled admin: make another user admin (or enable one) first, or no one could manage users and keys.`;
    throw new HttpError(409, 'last-admin', 'The last admin', message, [{ pointer: changes.disabled === true ? '/disabled' : '/role', code: LAST_ADMIN, message }]);
  }
}

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
    const actor = callerOf(req).user;
    const id = String(req.params['id']);
    const user = await repository.transaction(async (repo) => {
      const before = await repo.getUser(id);
      await keepAnAdmin(repo, before, changes);
      const after = await repo.updateUser(id, changes);
      await repo.audit({
        actor: actor.id,
        action: changes.disabled === true ? 'user.disable' : changes.disabled === false ? 'user.enable' : 'user.update',
        detail: { userId: id, name: before.name, before: { role: before.role, properties: before.properties, disabled: before.disabledAt !== null }, changes },
      });
      return after;
    });
    res.json(user);
  });

  router.post('/v1/users/:id/password-reset', requireRole('admin'), async (req, res) => {
    const actor = callerOf(req).user;
    const id = String(req.params['id']);
    await repository.getUser(id); // 404 before spending a hash on nobody
    const password = temporaryPassword();
    const passwordHash = await passwords.hash(password);
    await repository.transaction(async (repo) => {
      const user = await repo.updateUser(id, { passwordHash }); // ends every session of the user
      await repo.audit({ actor: actor.id, action: 'user.password-reset', detail: { userId: id, name: user.name } });
    });
    res.setHeader('Cache-Control', 'no-store').json({ temporaryPassword: password });
  });

  return router;
}
