// Sanctions triage: flagged mentions grouped by list entry, and an analyst's confirm or dismiss of
// a (resolved entity, list entry) pair, with the reason kept beside the decision.
import { decideSanctionsHit, listSanctionsHits } from '@echotrace/app';
import { createRoute, z } from '@hono/zod-openapi';
import { ErrorSchema, LooseObjectSchema, loose } from '../schemas.ts';
import type { ApiApp, ServerDeps } from '../server.deps.ts';
import { ANALYST, VIEWER } from '../auth.middleware.ts';

const hitsRoute = createRoute({
  method: 'get',
  path: '/api/sanctions/hits',
  summary: 'Flagged mentions grouped by list entry, most mentioned first',
  middleware: VIEWER,
  request: {
    query: z.object({
      status: z.enum(['open', 'confirmed', 'dismissed']).optional(),
      list: z.string().max(200).optional(),
      entry: z.string().max(200).optional(),
      entity: z.string().max(200).optional().openapi({ description: 'only this entity' }),
    }),
  },
  responses: {
    200: {
      content: { 'application/json': { schema: z.object({ groups: z.array(LooseObjectSchema) }) } },
      description: 'hit groups with their entities, decisions and mentions (spans into each document)',
    },
  },
});

export const DecisionBodySchema = z
  .object({
    entityId: z.string().min(1).max(200),
    listEntryId: z.string().min(1).max(200),
    list: z.string().min(1).max(200).optional(),
    status: z.enum(['confirmed', 'dismissed']),
    reason: z.string().min(1).max(2000),
  })
  .openapi('SanctionsDecisionRequest');

const decideRoute = createRoute({
  method: 'post',
  path: '/api/sanctions/decisions',
  summary: 'Confirm or dismiss a flagged (entity, list entry) pair',
  middleware: ANALYST,
  request: { body: { content: { 'application/json': { schema: DecisionBodySchema } }, required: true } },
  responses: {
    200: {
      content: {
        'application/json': {
          schema: z.object({ decision: LooseObjectSchema, unflagged: z.number().int() }),
        },
      },
      description: 'the decision, and how many flagged mentions a dismissal removed',
    },
    400: {
      content: { 'application/json': { schema: ErrorSchema } },
      description: 'not flagged, or bad body',
    },
  },
});

export function registerSanctionsRoutes(app: ApiApp, deps: ServerDeps): void {
  app.openapi(hitsRoute, async (c) => {
    const { status, list, entry, entity } = c.req.valid('query');
    const groups = await listSanctionsHits(deps.store, { status, list, entryId: entry, entityId: entity });
    return c.json({ groups: groups.map((g) => loose(g)) }, 200);
  });

  app.openapi(decideRoute, async (c) => {
    const request = c.req.valid('json');
    const outcome = await decideSanctionsHit(deps.store, { ...request, now: deps.clock.now() });
    const { decision } = outcome;
    c.set('audit', {
      action: 'sanctions.decide',
      target: `${decision.entityId} ${decision.list}:${decision.listEntryId}`,
      details: { status: decision.status, reason: decision.reason, unflagged: outcome.unflagged },
    });
    return c.json({ decision: loose(outcome.decision), unflagged: outcome.unflagged }, 200);
  });
}
