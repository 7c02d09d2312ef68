// Which properties a caller may see and write. Admins and the quality department work
// across the group; managers and viewers only with the properties assigned to them
// (and, for policies, the group and branch those properties extend). An API key acts
// with at most its owner's rights: a key made for a manager writes that manager's
// properties only, a key made for a viewer writes nothing.
import type { RequestHandler } from 'express';
import type { Repository, User } from '../store/index.js';
import type { Caller } from './caller.js';
import { ForbiddenError } from './errors.js';

/** True for roles whose work spans every property. */
function seesEveryProperty(user: User): boolean {
  return user.role === 'admin' || user.role === 'quality';
}

/** The user whose rights bound the caller: the signed-in user, or the owner of the key. */
function restricted(caller: Caller): User | undefined {
  return seesEveryProperty(caller.user) ? undefined : caller.user;
}

export { NOT_YOUR_PROPERTY } from '../errors.js';

/** The property ids the caller is limited to, or undefined when it may see every property. */
export function propertiesOf(caller: Caller): ReadonlySet<string> | undefined {
  const user = restricted(caller);
  return user ? new Set(user.properties) : undefined;
}

/** ForbiddenError unless the caller may see or write the property's data (`what`: "read this ticket"). */
export function assertPropertyAccess(caller: Caller, propertyId: string, what: string): void {
  const user = restricted(caller);
  if (user && !user.properties.includes(propertyId)) {
    throw new ForbiddenError(`A ${user.role} may ${what} only for properties assigned to them; '${propertyId}' is not one of yours.`);
  }
}

/** ForbiddenError unless the scope is one of the caller's properties or a group or branch above one. */
export async function assertScopeReadable(repository: Repository, caller: Caller, scopeId: string): Promise<void> {
  const user = restricted(caller);
  if (!user) return;
  const lineages = await Promise.all(user.properties.map((p) => repository.lineage(p)));
  if (lineages.some((lineage) => lineage.some((o) => o.id === scopeId))) return;
  throw new ForbiddenError(`A ${user.role} may read the policies of their own properties and of the branch and group above them; '${scopeId}' is none of these.`);
}

/** A signed-in user who is not a viewer, or an API key whose owner is not one. */
export const notViewer: RequestHandler = (req, _res, next) => {
  const caller = req.caller;
  if (caller?.user.role === 'viewer') {
    throw new ForbiddenError(
      caller.kind === 'key'
        ? `${req.method} ${req.path} writes; this API key belongs to a viewer, and a key acts with at most its owner's rights. Use a key of a manager, quality or admin user.`
        : `${req.method} ${req.path} needs an API key or a signed-in user other than a viewer.`,
    );
  }
  next();
};
