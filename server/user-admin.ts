// Changes to users that the API (routes/users.ts) and the CLI (beacon user) make alike:
// each in one transaction with its audit entry, and none leaving the service without an
// enabled admin (409, H523: two admins demoting each other at once decide in turn, under
// the lock of lockActiveAdmins).
import { randomBytes } from 'node:crypto';
import { HttpError, LAST_ADMIN } from './errors.js';
import type { Repository, Role, User } from './store/index.js';

export interface UserChangeRequest {
  role?: Role;
  properties?: string[];
  disabled?: boolean;
}

/** 120 random bits as 20 URL-safe characters: over the 12-character minimum, easy to pass on. */
export function temporaryPassword(): string {
  return randomBytes(15).toString('base64url');
}

/** The last enabled admin would be disabled or demoted. */
export class LastAdminError extends HttpError {
  constructor(name: string, pointer: string) {
    const message = `'${name}' is the last enabled admin: make another user admin (or enable one) first, or no one could manage users and keys.`;
    super(409, 'last-admin', 'The last admin', message, [{ pointer, code: LAST_ADMIN, message }]);
  }
}

async function keepAnAdmin(repo: Repository, user: User, changes: UserChangeRequest): Promise<void> {
  const losesAdmin = user.role === 'admin' && user.disabledAt === null && (changes.disabled === true || (changes.role !== undefined && changes.role !== 'admin'));
  if (!losesAdmin) return;
  if ((await repo.lockActiveAdmins()).length <= 1) throw new LastAdminError(user.name, changes.disabled === true ? '/disabled' : '/role');
}

/** Applies `changes` to user `id` as `actor` (a user id, or `cli`), audited as user.update, user.disable or user.enable. */
export async function changeUser(repository: Repository, actor: string, id: string, changes: UserChangeRequest): Promise<User> {
  return repository.transaction(async (repo) => {
    const before = await repo.getUser(id);
    await keepAnAdmin(repo, before, changes);
    const after = await repo.updateUser(id, changes);
    await repo.audit({
      actor,
      action: changes.disabled === true ? 'user.disable' : changes.disabled === false ? 'user.enable' : 'user.update',
      detail: { userId: id, name: before.name, before: { role: before.role, properties: before.properties, disabled: before.disabledAt !== null }, changes: { ...changes } },
    });
    return after;
  });
}

/** A new password for user `id`, hashed by `hash`; ends every session of the user; audited without the password. */
export async function resetPassword(repository: Repository, actor: string, id: string, hash: (password: string) => Promise<string>): Promise<string> {
  await repository.getUser(id); // NotFoundError before spending a hash on nobody
  const password = temporaryPassword();
  const passwordHash = await hash(password);
  await repository.transaction(async (repo) => {
    const user = await repo.updateUser(id, { passwordHash });
    await repo.audit({ actor, action: 'user.password-reset', detail: { userId: id, name: user.name } });
  });
  return password;
}
