// Sources: the registry with ownership traces, one source with its health, and adding a source
// (with feed discovery when the server was given a fetcher).
import { addSource, listSources, showSource, sourcesHealth } from '@echotrace/app';
import { DEFAULT_POLL_INTERVAL_MINUTES, InputError, slugify } from '@echotrace/core';
import { createRoute, z } from '@hono/zod-openapi';
import { ErrorSchema, IdParamSchema, LooseObjectSchema, loose } from '../schemas.ts';
import type { ApiApp, ServerDeps } from '../server.deps.ts';
import { ANALYST, VIEWER } from '../auth.middleware.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/api/sources',
  summary: 'Registered sources with their settings and ownership traces',
  middleware: VIEWER,
  responses: {
    200: {
      content: { 'application/json': { schema: z.object({ sources: z.array(LooseObjectSchema) }) } },
      description: 'sources',
    },
  },
});

const healthRoute = createRoute({
  method: 'get',
  path: '/api/sources/health',
  summary: 'Every source: last poll and success, failures in a row, last error, and recent activity',
  middleware: VIEWER,
  responses: {
    200: {
      content: { 'application/json': { schema: z.object({ sources: z.array(LooseObjectSchema) }) } },
      description: 'one row per registered source (as `echotrace sources health --json`)',
    },
  },
});

const showRoute = createRoute({
  method: 'get',
  path: '/api/sources/{id}',
  summary: 'One source with its settings, health and ownership trace',
  middleware: VIEWER,
  request: { params: IdParamSchema },
  responses: {
    200: { content: { 'application/json': { schema: LooseObjectSchema } }, description: 'the source' },
    404: { content: { 'application/json': { schema: ErrorSchema } }, description: 'unknown source' },
  },
});

const HTTP_URL = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .openapi({ description: 'an http(s) URL' });

export const AddSourceBodySchema = z
  .object({
    name: z.string().min(1).max(200),
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'lowercase letters, digits and dashes')
      .optional(),
    kind: z.enum(['website', 'telegram', 'feed', 'files']).default('website'),
    homepage: HTTP_URL.optional(),
    language: z
      .string()
      .regex(/^[a-z]{2,3}$/)
      .optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional(),
    labels: z.array(z.string().min(1).max(100)).max(50).default([]),
    owner: z.string().max(500).optional(),
    feeds: z.array(HTTP_URL).max(100).default([]),
    sitemaps: z.array(HTTP_URL).max(100).default([]),
    pollIntervalMinutes: z.number().int().min(1).max(100_000).default(DEFAULT_POLL_INTERVAL_MINUTES),
    discover: z.boolean().default(false),
  })
  .openapi('AddSourceRequest');

const addRoute = createRoute({
  method: 'post',
  path: '/api/sources',
  summary: 'Add or update a source (discovering its feeds when asked)',
  middleware: ANALYST,
  request: { body: { content: { 'application/json': { schema: AddSourceBodySchema } }, required: true } },
  responses: {
    201: { content: { 'application/json': { schema: LooseObjectSchema } }, description: 'what was saved' },
    400: { content: { 'application/json': { schema: ErrorSchema } }, description: 'bad body' },
  },
});

export function registerSourceRoutes(app: ApiApp, deps: ServerDeps): void {
  app.openapi(listRoute, async (c) => {
    const sources = await listSources(deps.store);
    return c.json({ sources: sources.map((s) => loose(s)) }, 200);
  });

  // Before {id}, which would take `health` for a source id.
  app.openapi(healthRoute, async (c) => {
    const rows = await sourcesHealth(deps.store, deps.clock.now());
    return c.json({ sources: rows.map((r) => loose(r)) }, 200);
  });

  app.openapi(showRoute, async (c) => {
    const view = await showSource(deps.store, c.req.valid('param').id);
    return c.json(loose(view), 200);
  });

  app.openapi(addRoute, async (c) => {
    const body = c.req.valid('json');
    if (body.discover && !body.homepage)
      throw new InputError('discover', 'give a homepage to discover feeds from');
    const createFetcher = () => {
      if (!deps.createFetcher) throw new InputError('discover', 'this server was started without a fetcher');
      return deps.createFetcher();
    };
    const id = body.id ?? slugify(body.name);
    const warnings: string[] = [];
    const saved = await addSource(
      { store: deps.store, createFetcher },
      {
        source: {
          id,
          name: body.name,
          kind: body.kind,
          homepage: body.homepage ?? null,
          language: body.language ?? null,
          country: body.country ?? null,
          labels: body.labels,
          owner: body.owner ?? null,
        },
        settings: {
          sourceId: id,
          feeds: body.feeds,
          sitemaps: body.sitemaps,
          pollIntervalMinutes: body.pollIntervalMinutes,
          enabled: true,
        },
      },
      { discover: body.discover, signal: c.req.raw.signal, onWarning: (w) => warnings.push(w) },
    );
    c.set('audit', {
      action: 'sources.add',
      target: saved.source.id,
      details: {
        name: saved.source.name,
        kind: saved.source.kind,
        homepage: saved.source.homepage,
        feeds: saved.settings.feeds,
      },
    });
    return c.json(loose({ ...saved, warnings }), 201);
  });
}
