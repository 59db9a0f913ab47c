// The HTTP API as a Hono app, built from the adapters an entry point chose. Tests call
// `createApp(deps).request(...)` in-process; `echotrace serve` hands the same app to a Node server.
// Order matters: security headers and the body limit wrap everything, then the routes; errors from
// anywhere end in errorHandler (http.errors.ts), the one place they become responses.
import { corpusStats } from '@echotrace/app';
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { auditWrites } from './audit.middleware.ts';
import { VIEWER, authenticate } from './auth.middleware.ts';
import { RequestValidationError, errorHandler, notFoundBody } from './http.errors.ts';
import { registerAdminRoutes } from './routes/admin.routes.ts';
import { registerAnalysisRoutes } from './routes/analysis.routes.ts';
import { registerAuthRoutes } from './routes/auth.routes.ts';
import { registerDispatchRoutes } from './routes/dispatches.routes.ts';
import { registerAlertRoutes } from './routes/alerts.routes.ts';
import { registerDocumentRoutes } from './routes/documents.routes.ts';
import { registerEntityRoutes } from './routes/entities.routes.ts';
import { registerJobRoutes } from './routes/jobs.routes.ts';
import { registerSanctionsRoutes } from './routes/sanctions.routes.ts';
import { registerSearchRoutes } from './routes/search.routes.ts';
import { registerSourceRoutes } from './routes/sources.routes.ts';
import { LooseObjectSchema, loose } from './schemas.ts';
import type { ApiApp, ApiEnv, ServerDeps } from './server.deps.ts';
import { registerWebApp } from './web.static.ts';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

const statsRoute = createRoute({
  method: 'get',
  path: '/api/stats',
  summary: 'Documents per source, language and month',
  middleware: VIEWER,
  responses: {
    200: { content: { 'application/json': { schema: LooseObjectSchema } }, description: 'counts' },
  },
});

export function createApp(deps: ServerDeps): ApiApp {
  const log = deps.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const app: ApiApp = new OpenAPIHono<ApiEnv>({
    // A request that fails its schema is thrown, to be answered by the one error handler.
    defaultHook: (result) => {
      if (!result.success) throw new RequestValidationError(result.target, result.error);
    },
  });
  app.use('*', secureHeaders({ referrerPolicy: 'no-referrer', crossOriginResourcePolicy: 'same-origin' }));
  // API responses load nothing and may not be framed; a route with a stricter policy (archived
  // bytes: sandbox) keeps its own.
  app.use('*', async (c, next) => {
    await next();
    if (!c.res.headers.has('Content-Security-Policy')) c.res.headers.set('Content-Security-Policy', API_CSP);
  });
  app.use(
    '*',
    bodyLimit({
      maxSize: deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      onError: () => {
        throw new HTTPException(413, {
          message: `request body over ${deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES} bytes`,
        });
      },
    }),
  );

  app.use('/api/*', authenticate(deps));
  app.use('/api/*', auditWrites(deps));
  app.openAPIRegistry.registerComponent('securitySchemes', 'token', { type: 'http', scheme: 'bearer' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'et_session',
    description: 'set by POST /api/auth/login; writes also need the X-CSRF-Token header',
  });

  registerAuthRoutes(app, deps);
  registerAdminRoutes(app, deps);
  registerSearchRoutes(app, deps);
  registerDocumentRoutes(app, deps);
  registerEntityRoutes(app, deps);
  registerSanctionsRoutes(app, deps);
  registerSourceRoutes(app, deps);
  registerDispatchRoutes(app, deps);
  registerAlertRoutes(app, deps);
  registerJobRoutes(app, deps);
  registerAnalysisRoutes(app, deps);
  app.openapi(statsRoute, async (c) => c.json(loose(await corpusStats(deps.store)), 200));

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Echotrace API', version: '0.1.0', description: 'See docs/server.md.' },
    security: [{ token: [] }, { session: [] }],
  });
  if (deps.webRoot) registerWebApp(app, deps.webRoot);
  app.notFound((c) => c.json(notFoundBody(c.req.path), 404));
  app.onError(errorHandler(log));
  return app;
}
