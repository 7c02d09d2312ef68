// Per-route guards over req.caller (caller.ts). API keys are for systems: they pass only
// guards that say `keys: true` (evaluation, ticket writes); everything else wants a user.
import type { Request, RequestHandler } from 'express';
import type { Role } from '../store/index.js';
import type { Caller } from './caller.js';
import { ForbiddenError, UnauthenticatedError } from './errors.js';

/** Any live caller: a signed-in user of any role, or (with keys: true) an API key. */
export function requireCaller(options: { keys?: boolean } = {}): RequestHandler {
  return (req, _res, next) => {
    const caller = req.caller;
    if (!caller) throw new UnauthenticatedError(); // its answer names how to authenticate (sendProblem)
    if (caller.kind === 'key' && !options.keys) throw new ForbiddenError(`${req.method} ${req.path} needs a signed-in user; API keys may only evaluate and write tickets.`);
    next();
  };
}

/** A signed-in user with one of these roles; API keys never pass. */
export function requireRole(...roles: Role[]): RequestHandler {
  const needed = roles.length === 1 ? `the ${roles[0]} role` : `one of the roles ${roles.join(', ')}`;
  return (req, _res, next) => {
    const caller = req.caller;
    if (!caller) throw new UnauthenticatedError(); // its answer names how to authenticate (sendProblem)
    if (caller.kind === 'key') throw new ForbiddenError(`${req.method} ${req.path} needs a signed-in user with ${needed}; API keys may only evaluate and write tickets.`);
    if (!roles.includes(caller.user.role)) throw new ForbiddenError(`${req.method} ${req.path} needs ${needed}; you are ${caller.user.role}.`);
    next();
  };
}

/** The caller after a guard passed. */
export function callerOf(req: Request): Caller {
  if (!req.caller) throw new UnauthenticatedError();
  return req.caller;
}
