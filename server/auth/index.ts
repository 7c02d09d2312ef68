// Authentication and roles: who is calling (caller.ts), what a route requires
// (guards.ts), sessions (session.ts) and the sign-in rate limit (rate-limit.ts).
export { authenticate, bearerToken, callerResolver, cookieValue, SESSION_COOKIE, type Caller, type Credentials, type KeyCallers } from './caller.js';
export { callerOf, requireCaller, requireRole } from './guards.js';
export { assertPropertyAccess, assertScopeReadable, NOT_YOUR_PROPERTY, notViewer, propertiesOf } from './scope.js';
export { BadCredentialsError, BusyError, ForbiddenError, TooManyAttemptsError, UnauthenticatedError } from './errors.js';
export { CrossSiteError, crossSiteReason, normaliseOrigin, sameOriginOnly } from './origin.js';
export { createPasswords, type PasswordOptions, type Passwords } from './passwords.js';
export { createRateLimiter, type RateLimiter } from './rate-limit.js';
export { DEFAULT_SESSION_TTL_MS, endSession, startSession, type SessionOptions } from './session.js';
export { bodyOf, smallForm, smallJson, SMALL_BODY_LIMIT } from './body.js';
