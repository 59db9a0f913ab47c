// Who is asking, decided once per request: an API token (`Authorization: Bearer et_…`) or the
// session cookie. Writes made through the cookie must carry the session's CSRF token in
// X-CSRF-Token (a cross-site page can make the browser send the cookie, not read the token).
// Routes state the role they need with requireRole; the matrix test checks every route × role.
import { timingSafeEqual } from 'node:crypto';
import { roleAllows, sessionPrincipal, tokenPrincipal } from '@echotrace/app';
import type { Role } from '@echotrace/core';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { AuthenticationError, ForbiddenError } from './http.errors.ts';
import type { ApiEnv, ServerDeps } from './server.deps.ts';

export const SESSION_COOKIE = 'et_session';
export const CSRF_HEADER = 'X-CSRF-Token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export function authenticate(deps: ServerDeps): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    c.set('principal', null);
    const header = c.req.header('Authorization');
    if (header !== undefined) {
      // A bad token is an error, not anonymity: a script must learn its token stopped working.
      const match = /^Bearer (\S+)$/.exec(header);
      const found = match ? await tokenPrincipal(deps.store, match[1]!, deps.clock.now()) : null;
      if (!found) throw new AuthenticationError('the API token is unknown, revoked, or its user is disabled');
      c.set('principal', { user: found.user, via: 'token', session: null });
      return next();
    }
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie) {
      const found = await sessionPrincipal(deps.store, cookie, deps.clock.now());
      if (found) {
        if (!SAFE_METHODS.has(c.req.method)) {
          const sent = c.req.header(CSRF_HEADER) ?? '';
          if (!sameSecret(sent, found.session.csrfToken))
            throw new ForbiddenError(`a write through the session cookie needs its ${CSRF_HEADER} header`);
        }
        c.set('principal', {
          user: found.user,
          via: 'session',
          session: found.session,
          sessionToken: cookie,
        });
      }
    }
    return next();
  };
}

/** A route's guard: anonymous → 401, a role below `role` → 403. */
export function requireRole(role: Role): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const principal = c.get('principal');
    if (!principal) throw new AuthenticationError();
    if (!roleAllows(principal.user.role, role))
      throw new ForbiddenError(
        `this needs the ${role} role; ${principal.user.username} is ${principal.user.role}`,
      );
    return next();
  };
}

/** Guards for route definitions (`middleware: VIEWER`): reading needs viewer, triage and sources analyst. */
export const VIEWER = [requireRole('viewer')];
export const ANALYST = [requireRole('analyst')];
