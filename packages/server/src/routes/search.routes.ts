// GET /api/search: the full query syntax (docs/query-syntax.md), paging, and facets over every match.
import { searchDocuments, searchFacets } from '@echotrace/app';
import { parseQuery } from '@echotrace/core';
import { createRoute, z } from '@hono/zod-openapi';
import { ErrorSchema, SearchResultSchema, limitParam } from '../schemas.ts';
import type { ApiApp, ServerDeps } from '../server.deps.ts';
import { VIEWER } from '../auth.middleware.ts';

const MAX_QUERY_LENGTH = 2000;
const MAX_OFFSET = 10_000;

const searchRoute = createRoute({
  method: 'get',
  path: '/api/search',
  summary: 'Search documents',
  middleware: VIEWER,
  request: {
    query: z.object({
      q: z
        .string()
        .max(MAX_QUERY_LENGTH)
        .default('')
        .openapi({ description: 'query (docs/query-syntax.md)' }),
      limit: limitParam(20, 100),
      offset: z.coerce.number().int().min(0).max(MAX_OFFSET).default(0),
      facets: z
        .enum(['true', 'false'])
        .default('false')
        .openapi({ description: 'also count every match by source, language and entity' }),
      facetLimit: limitParam(10, 100),
    }),
  },
  responses: {
    200: { content: { 'application/json': { schema: SearchResultSchema } }, description: 'a page of hits' },
    400: { content: { 'application/json': { schema: ErrorSchema } }, description: 'bad query' },
  },
});

export function registerSearchRoutes(app: ApiApp, deps: ServerDeps): void {
  app.openapi(searchRoute, async (c) => {
    const { q, limit, offset, facets, facetLimit } = c.req.valid('query');
    const query = parseQuery(q);
    const result = await searchDocuments(deps.store, { query, limit, offset });
    const counted = facets === 'true' ? await searchFacets(deps.store, query, facetLimit) : undefined;
    return c.json(
      { total: result.total, limit, offset, hits: result.hits, ...(counted ? { facets: counted } : {}) },
      200,
    );
  });
}
