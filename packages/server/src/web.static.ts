// The built web app (packages/web, `echotrace serve --web DIR`), served beside the API on the same
// origin so the session cookie and CSRF token work without CORS. Unknown paths outside /api/ get
// index.html (the app routes itself). The policy allows only the app's own files: no inline
// script, no remote loads. serveStatic refuses `..`, doubled slashes and encoded separators.
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import type { ApiApp, ApiEnv } from './server.deps.ts';

export const WEB_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const outsideApi =
  (handler: MiddlewareHandler<ApiEnv>): MiddlewareHandler<ApiEnv> =>
  async (c, next) =>
    c.req.path === '/api' || c.req.path.startsWith('/api/') ? next() : handler(c, next);

export function registerWebApp(app: ApiApp, webRoot: string): void {
  app.use(
    '*',
    outsideApi(async (c, next) => {
      await next();
      c.res.headers.set('Content-Security-Policy', WEB_CSP);
    }),
  );
  app.get('*', outsideApi(serveStatic({ root: webRoot })));
  app.get('*', outsideApi(serveStatic({ root: webRoot, path: 'index.html' })));
}
