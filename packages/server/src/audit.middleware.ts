// Every write is audited, in one place: after a successful POST, PUT, PATCH or DELETE, the change
// is recorded with who made it. Handlers name the change (c.set('audit', …)); a write whose
// handler named nothing is still recorded, by method and path, so none goes unlogged.
import { recordChange } from '@echotrace/app';
import type { MiddlewareHandler } from 'hono';
import type { ApiEnv, ServerDeps } from './server.deps.ts';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function auditWrites(deps: ServerDeps): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    await next();
    if (!WRITES.has(c.req.method) || c.res.status >= 400) return;
    const note = c.get('audit');
    // Login and logout record themselves (the actor is who logs in); nothing more to add.
    if (note === 'recorded') return;
    const actor = c.get('principal')?.user.username ?? 'anonymous';
    await recordChange(deps.store, {
      actor,
      action: note?.action ?? `${c.req.method} ${c.req.routePath}`,
      target: note?.target ?? null,
      details: note?.details ?? {},
      now: deps.clock.now(),
    });
  };
}
