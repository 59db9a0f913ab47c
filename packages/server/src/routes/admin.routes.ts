// Administration: users, their API tokens, and the audit log. Admins only.
import {
  auditTrail,
  createApiToken,
  createUser,
  listApiTokens,
  listUsers,
  revokeApiToken,
  setUserDisabled,
} from '@echotrace/app';
import { createRoute, z } from '@hono/zod-openapi';
import { requireRole } from '../auth.middleware.ts';
import { ErrorSchema, limitParam } from '../schemas.ts';
import type { ApiApp, ServerDeps } from '../server.deps.ts';
import { UserSchema } from './auth.routes.ts';

const admin = [requireRole('admin')];
const UsernameParam = z.object({
  username: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'username', in: 'path' } }),
});
const TokenSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    name: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiToken');
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});
const refused = json(ErrorSchema, 'bad request');

const usersRoute = createRoute({
  method: 'get',
  path: '/api/users',
  summary: 'Users',
  middleware: admin,
  responses: { 200: json(z.object({ users: z.array(UserSchema) }), 'users') },
});

const addUserRoute = createRoute({
  method: 'post',
  path: '/api/users',
  summary: 'Add a user',
  middleware: admin,
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({
            username: z.string().min(1).max(64),
            password: z.string().min(1).max(1024),
            role: z.enum(['viewer', 'analyst', 'admin']),
          }),
        },
      },
      required: true,
    },
  },
  responses: { 201: json(UserSchema, 'the user'), 400: refused, 409: json(ErrorSchema, 'name taken') },
});

const disableRoute = createRoute({
  method: 'post',
  path: '/api/users/{username}/disable',
  summary: 'Disable a user (ends their sessions; their tokens stop working)',
  middleware: admin,
  request: { params: UsernameParam },
  responses: { 200: json(UserSchema, 'the user'), 404: json(ErrorSchema, 'unknown user') },
});

const tokensRoute = createRoute({
  method: 'get',
  path: '/api/users/{username}/tokens',
  summary: "A user's API tokens (never the tokens themselves)",
  middleware: admin,
  request: { params: UsernameParam },
  responses: { 200: json(z.object({ tokens: z.array(TokenSchema) }), 'tokens') },
});

const addTokenRoute = createRoute({
  method: 'post',
  path: '/api/users/{username}/tokens',
  summary: 'Make an API token for a user (shown once)',
  middleware: admin,
  request: {
    params: UsernameParam,
    body: {
      content: { 'application/json': { schema: z.object({ name: z.string().min(1).max(200) }) } },
      required: true,
    },
  },
  responses: { 201: json(z.object({ token: z.string(), record: TokenSchema }), 'the token'), 404: refused },
});

const revokeRoute = createRoute({
  method: 'post',
  path: '/api/tokens/{id}/revoke',
  summary: 'Revoke an API token',
  middleware: admin,
  request: {
    params: z.object({
      id: z
        .string()
        .min(1)
        .max(100)
        .openapi({ param: { name: 'id', in: 'path' } }),
    }),
  },
  responses: { 200: json(z.object({ revoked: z.string() }), 'revoked'), 404: refused },
});

const AuditEventSchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    target: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .openapi('AuditEvent');

const auditRoute = createRoute({
  method: 'get',
  path: '/api/audit',
  summary: 'The audit log, newest first',
  middleware: admin,
  request: {
    query: z.object({
      actor: z.string().max(100).optional(),
      action: z.string().max(100).optional(),
      before: z.coerce.number().int().min(1).optional(),
      limit: limitParam(100, 1000),
    }),
  },
  responses: { 200: json(z.object({ events: z.array(AuditEventSchema) }), 'events') },
});

export function registerAdminRoutes(app: ApiApp, deps: ServerDeps): void {
  const actor = (c: { get(key: 'principal'): { user: { username: string } } | null }) =>
    c.get('principal')!.user.username;

  app.openapi(usersRoute, async (c) => c.json({ users: await listUsers(deps.store) }, 200));

  app.openapi(addUserRoute, async (c) => {
    const body = c.req.valid('json');
    const user = await createUser(deps.store, { ...body, actor: actor(c), now: deps.clock.now() });
    c.set('audit', 'recorded');
    return c.json(user, 201);
  });

  app.openapi(disableRoute, async (c) => {
    const { username } = c.req.valid('param');
    const user = await setUserDisabled(deps.store, {
      username,
      disabled: true,
      actor: actor(c),
      now: deps.clock.now(),
    });
    c.set('audit', 'recorded');
    return c.json(user, 200);
  });

  app.openapi(tokensRoute, async (c) =>
    c.json({ tokens: await listApiTokens(deps.store, c.req.valid('param').username) }, 200),
  );

  app.openapi(addTokenRoute, async (c) => {
    const made = await createApiToken(deps.store, {
      username: c.req.valid('param').username,
      name: c.req.valid('json').name,
      actor: actor(c),
      now: deps.clock.now(),
    });
    c.set('audit', 'recorded');
    return c.json(made, 201);
  });

  app.openapi(revokeRoute, async (c) => {
    const { id } = c.req.valid('param');
    await revokeApiToken(deps.store, { id, actor: actor(c), now: deps.clock.now() });
    c.set('audit', 'recorded');
    return c.json({ revoked: id }, 200);
  });

  app.openapi(auditRoute, async (c) => {
    const { actor: who, action, before, limit } = c.req.valid('query');
    return c.json(
      { events: await auditTrail(deps.store, { actor: who, action, beforeId: before, limit }) },
      200,
    );
  });
}
