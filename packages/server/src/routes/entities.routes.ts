// Entities: the knowledge base (decisions replayed) and one entity's mentions over time, per source
// and in documents. Quotes: who said what, with the span to cite.
import { listEntities, listQuotes, showEntity } from '@echotrace/app';
import { ENTITY_TYPES } from '@echotrace/core';
import { createRoute, z } from '@hono/zod-openapi';
import { ErrorSchema, IdParamSchema, LooseObjectSchema, loose, limitParam } from '../schemas.ts';
import type { ApiApp, ServerDeps } from '../server.deps.ts';
import { VIEWER } from '../auth.middleware.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/api/entities',
  summary: 'Entities of the knowledge base, by type then name',
  middleware: VIEWER,
  request: {
    query: z.object({ type: z.enum(ENTITY_TYPES).optional(), limit: limitParam(100, 10_000) }),
  },
  responses: {
    200: {
      content: { 'application/json': { schema: z.object({ entities: z.array(LooseObjectSchema) }) } },
      description: 'entities (id, type, name, names, aliases, …)',
    },
  },
});

const showRoute = createRoute({
  method: 'get',
  path: '/api/entities/{id}',
  summary: 'One entity: mentions over time, per source, and the mentions themselves',
  middleware: VIEWER,
  request: {
    params: IdParamSchema,
    query: z.object({ by: z.enum(['month', 'day']).default('month'), limit: limitParam(50, 1000) }),
  },
  responses: {
    200: { content: { 'application/json': { schema: LooseObjectSchema } }, description: 'the entity view' },
    404: { content: { 'application/json': { schema: ErrorSchema } }, description: 'unknown entity' },
  },
});

const DATE = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'YYYY, YYYY-MM or YYYY-MM-DD')
  .optional();

const quotesRoute = createRoute({
  method: 'get',
  path: '/api/quotes',
  summary: 'Quotes, filtered by speaker, words, dates and source',
  middleware: VIEWER,
  request: {
    query: z.object({
      speaker: z.string().max(200).optional(),
      q: z.string().max(2000).optional(),
      from: DATE,
      to: DATE,
      source: z.string().max(200).optional(),
      limit: limitParam(50, 1000),
    }),
  },
  responses: {
    200: {
      content: { 'application/json': { schema: z.object({ quotes: z.array(LooseObjectSchema) }) } },
      description: 'quotes with document, date, source, URL and span',
    },
    400: { content: { 'application/json': { schema: ErrorSchema } }, description: 'bad filter' },
  },
});

export function registerEntityRoutes(app: ApiApp, deps: ServerDeps): void {
  app.openapi(listRoute, async (c) => {
    const { type, limit } = c.req.valid('query');
    const entities = await listEntities(deps.store, { type: type ?? null, limit });
    return c.json({ entities: entities.map((e) => loose(e)) }, 200);
  });

  app.openapi(showRoute, async (c) => {
    const { by, limit } = c.req.valid('query');
    const view = await showEntity(deps.store, { id: c.req.valid('param').id, by, limit });
    return c.json(loose(view), 200);
  });

  app.openapi(quotesRoute, async (c) => {
    const { speaker, q, from, to, source, limit } = c.req.valid('query');
    const quotes = await listQuotes(deps.store, { speaker, query: q, from, to, source, limit });
    return c.json({ quotes: quotes.map((quote) => loose(quote)) }, 200);
  });
}
