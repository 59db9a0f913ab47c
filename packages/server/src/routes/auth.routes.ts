// Logging in and out: a password login sets the HttpOnly, SameSite=Strict session cookie and
// returns the CSRF token the web app sends back with every write; /api/auth/me tells the app who
// is logged in (and the CSRF token again, for a reloaded page).
import { login, logout } from '@echotrace/app';
import { createRoute, z } from '@hono/zod-openapi';
import { deleteCookie, setCookie } from 'hono/cookie';
import { requireRole, SESSION_COOKIE } from '../auth.middleware.ts';
import { AuthenticationError, RateLimitError } from '../http.errors.ts';
import { LoginThrottle } from '../login.throttle.ts';
import { ErrorSchema } from '../schemas.ts';
import type { ApiApp, ServerDeps } from '../server.deps.ts';

export const UserSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    role: z.enum(['viewer', 'analyst', 'admin']),
    createdAt: z.string(),
    disabledAt: z.string().nullable(),
  })
  .openapi('User');

const SessionSchema = z
  .object({ user: UserSchema, csrfToken: z.string().nullable(), via: z.enum(['session', 'token']) })
  .openapi('SessionInfo');

const loginRoute = createRoute({
  method: 'post',
  path: '/api/auth/login',
  summary: 'Log in with a password: sets the session cookie',
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) }),
        },
      },
      required: true,
    },
  },
  responses: {
    200: { content: { 'application/json': { schema: SessionSchema } }, description: 'logged in' },
    401: { content: { 'application/json': { schema: ErrorSchema } }, description: 'wrong name or password' },
    429: { content: { 'application/json': { schema: ErrorSchema } }, description: 'too many failures' },
  },
});

const logoutRoute = createRoute({
  method: 'post',
  path: '/api/auth/logout',
  summary: 'End the session (a token-authenticated call ends nothing)',
  middleware: [requireRole('viewer')],
  responses: {
    200: {
      content: { 'application/json': { schema: z.object({ loggedOut: z.boolean() }) } },
      description: 'the session, if any, is over',
    },
  },
});

const meRoute = createRoute({
  method: 'get',
  path: '/api/auth/me',
  summary: 'Who is logged in',
  middleware: [requireRole('viewer')],
  responses: {
    200: { content: { 'application/json': { schema: SessionSchema } }, description: 'the user' },
    401: { content: { 'application/json': { schema: ErrorSchema } }, description: 'nobody' },
  },
});

export function registerAuthRoutes(app: ApiApp, deps: ServerDeps): void {
  const throttle = new LoginThrottle(() => deps.clock.now().getTime());
  const secure = deps.secureCookies ?? true;

  app.openapi(loginRoute, async (c) => {
    const { username, password } = c.req.valid('json');
    const client = deps.clientAddress?.(c);
    const keys = [`user:${username}`, ...(client ? [`client:${client}`] : [])];
    const wait = throttle.retryAfter(keys);
    if (wait > 0) throw new RateLimitError('too many failed logins; wait before trying again', wait);
    const outcome = await login(deps.store, { username, password, now: deps.clock.now() });
    if (!outcome) {
      throttle.failed(keys);
      throw new AuthenticationError('wrong username or password, or the user is disabled');
    }
    throttle.succeeded(keys[0]!);
    setCookie(c, SESSION_COOKIE, outcome.sessionToken, {
      httpOnly: true,
      sameSite: 'Strict',
      secure,
      path: '/',
      expires: new Date(outcome.expiresAt),
    });
    c.set('audit', 'recorded');
    return c.json({ user: outcome.user, csrfToken: outcome.csrfToken, via: 'session' as const }, 200);
  });

  app.openapi(logoutRoute, async (c) => {
    const principal = c.get('principal')!;
    c.set('audit', 'recorded');
    if (principal.via !== 'session') return c.json({ loggedOut: false }, 200);
    await logout(deps.store, {
      sessionToken: principal.sessionToken!,
      actor: principal.user.username,
      now: deps.clock.now(),
    });
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure, httpOnly: true, sameSite: 'Strict' });
    return c.json({ loggedOut: true }, 200);
  });

  app.openapi(meRoute, (c) => {
    const principal = c.get('principal')!;
    return c.json(
      { user: principal.user, csrfToken: principal.session?.csrfToken ?? null, via: principal.via },
      200,
    );
  });
}
