// Analysis over a selection (a search query, entity:ID, or group:DOCUMENT_ID, with from/to): attention
// over time (trend), how a story spread across outlets (spread), and who is mentioned with whom
// (network, also as GEXF or GraphML for Gephi); and the narratives found in the corpus. The same use
// cases as `echotrace trend|spread|network|narratives`, and the same selection rules.
import {
  INTERVALS,
  TREND_SPLITS,
  checkSelection,
  documentLabels,
  narrativeCounts,
  narrativeDocuments,
  network,
  selectionFromText,
  spread,
  toGexf,
  toGraphml,
  trend,
} from '@echotrace/app';
import type { DocumentSelection, Store } from '@echotrace/core';
import { createRoute, z } from '@hono/zod-openapi';
import { ErrorSchema, IdParamSchema, limitParam } from '../schemas.ts';
import type { ApiApp, ServerDeps } from '../server.deps.ts';
import { VIEWER } from '../auth.middleware.ts';

const DATE = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'YYYY, YYYY-MM or YYYY-MM-DD')
  .optional();

const selectionQuery = {
  q: z
    .string()
    .min(1)
    .max(2000)
    .openapi({ description: 'a search query (docs/query-syntax.md; entity:ID), or group:DOCUMENT_ID' }),
  from: DATE,
  to: DATE,
};

async function select(
  store: Store,
  query: { q: string; from?: string; to?: string },
): Promise<DocumentSelection> {
  const selection = selectionFromText(query.q, { from: query.from, to: query.to });
  await checkSelection(store, selection);
  return selection;
}

const badSelection = {
  content: { 'application/json': { schema: ErrorSchema } },
  description: 'bad query or date, or an unknown source',
};
const unknownGroup = {
  content: { 'application/json': { schema: ErrorSchema } },
  description: 'group:ID names no document',
};

const nullableNumber = z.number().nullable();

export const TrendSchema = z
  .object({
    interval: z.enum(INTERVALS),
    by: z.enum(TREND_SPLITS).nullable(),
    documents: z.number().int(),
    periods: z.array(z.string()),
    series: z.array(
      z.object({
        key: z.string().openapi({ description: '`all`, a source id, a language or a label' }),
        documents: z.number().int(),
        points: z.array(
          z.object({
            period: z.string(),
            documents: z.number().int(),
            total: z.number().int(),
            share: nullableNumber,
            baselineShare: nullableNumber,
            expected: nullableNumber,
            z: nullableNumber,
            change: z.enum(['rise', 'drop']).nullable(),
          }),
        ),
      }),
    ),
    changes: z.array(
      z.object({
        key: z.string(),
        period: z.string(),
        direction: z.enum(['rise', 'drop']),
        documents: z.number().int(),
        expected: z.number(),
        z: z.number(),
      }),
    ),
  })
  .openapi('Trend');

const trendRoute = createRoute({
  method: 'get',
  path: '/api/trend',
  summary: 'Documents over time for a selection: counts, shares, baseline and change points',
  middleware: VIEWER,
  request: {
    query: z.object({
      ...selectionQuery,
      interval: z.enum(INTERVALS).default('week'),
      by: z.enum(TREND_SPLITS).optional().openapi({ description: 'one series per source, lang or label' }),
    }),
  },
  responses: {
    200: { content: { 'application/json': { schema: TrendSchema } }, description: 'the series' },
    400: badSelection,
    404: unknownGroup,
  },
});

export const SpreadSchema = z
  .object({
    documents: z.number().int(),
    sources: z.array(
      z.object({
        order: z.number().int(),
        sourceId: z.string(),
        name: z.string(),
        labels: z.array(z.string()),
        documents: z.number().int(),
        firstDocumentId: z.string(),
        firstPublishedUtc: z.string(),
        delayHours: z.number(),
      }),
    ),
    links: z.array(
      z.object({
        kind: z.string(),
        fromSourceId: z.string().nullable(),
        fromChannel: z.string().nullable().optional(),
        toSourceId: z.string(),
        documents: z.number().int(),
        firstPublishedUtc: z.string().nullable(),
        delayHours: z.number().nullable(),
      }),
    ),
    curve: z.array(
      z.object({ day: z.string(), sources: z.number().int(), byLabel: z.record(z.string(), z.number()) }),
    ),
    labels: z.array(
      z.object({
        label: z.string(),
        firstPublishedUtc: z.string(),
        firstSourceId: z.string(),
        sources: z.number().int(),
        delayHours: z.number(),
      }),
    ),
    crossings: z.array(
      z.object({
        from: z.string(),
        to: z.string(),
        reachedUtc: z.string(),
        delayHours: z.number(),
        overtookDay: z.string().nullable(),
      }),
    ),
  })
  .openapi('Spread');

const spreadRoute = createRoute({
  method: 'get',
  path: '/api/spread',
  summary: 'How a story spread: first appearance, who followed and when, copies, forwards, labels',
  middleware: VIEWER,
  request: {
    query: z.object({
      ...selectionQuery,
      labels: z
        .string()
        .max(2000)
        .optional()
        .openapi({ description: 'comma-separated labels to follow; the first is the origin' }),
    }),
  },
  responses: {
    200: { content: { 'application/json': { schema: SpreadSchema } }, description: 'the spread' },
    400: badSelection,
    404: unknownGroup,
  },
});

export const NetworkSchema = z
  .object({
    nodes: z.array(
      z.object({ id: z.string(), label: z.string(), type: z.string(), documents: z.number().int() }),
    ),
    edges: z.array(z.object({ source: z.string(), target: z.string(), weight: z.number().int() })),
  })
  .openapi('Network');

const GRAPH_FILES = {
  gexf: { type: 'application/gexf+xml', write: toGexf },
  graphml: { type: 'application/graphml+xml', write: toGraphml },
} as const;

const networkRoute = createRoute({
  method: 'get',
  path: '/api/network',
  summary: 'Entity co-occurrence for a selection, as JSON or as a GEXF or GraphML download',
  middleware: VIEWER,
  request: {
    query: z.object({
      ...selectionQuery,
      format: z.enum(['json', 'gexf', 'graphml']).default('json'),
      minWeight: z.coerce.number().int().min(1).max(1_000_000).default(1),
      isolated: z.enum(['true', 'false']).default('false'),
    }),
  },
  responses: {
    200: {
      content: {
        'application/json': { schema: NetworkSchema },
        'application/gexf+xml': { schema: z.string() },
        'application/graphml+xml': { schema: z.string() },
      },
      description: 'nodes and edges (weight: documents mentioning both)',
    },
    400: badSelection,
    404: unknownGroup,
  },
});

export const NarrativeCountSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    level: z.string(),
    documents: z.number().int(),
    byMonth: z.record(z.string(), z.number().int()),
    bySource: z.record(z.string(), z.number().int()),
  })
  .openapi('NarrativeCount');

const EvidenceSchema = z.object({ start: z.number().int(), end: z.number().int(), text: z.string() });

const narrativesRoute = createRoute({
  method: 'get',
  path: '/api/narratives',
  summary: 'Narratives found in the corpus, with documents per month and per source',
  middleware: VIEWER,
  request: { query: z.object({ limit: limitParam(100, 10_000) }) },
  responses: {
    200: {
      content: {
        'application/json': { schema: z.object({ narratives: z.array(NarrativeCountSchema) }) },
      },
      description: 'most documents first',
    },
  },
});

const narrativeRoute = createRoute({
  method: 'get',
  path: '/api/narratives/{id}',
  summary: "A narrative's top documents with their evidence sentences",
  middleware: VIEWER,
  request: { params: IdParamSchema, query: z.object({ limit: limitParam(20, 1000) }) },
  responses: {
    200: {
      content: {
        'application/json': {
          schema: z
            .object({
              id: z.string(),
              name: z.string(),
              documents: z.array(
                z.object({
                  documentId: z.string(),
                  title: z.string().nullable(),
                  sourceId: z.string(),
                  publishedAt: z.string().nullable(),
                  url: z.string().nullable(),
                  score: z.number(),
                  method: z.string(),
                  evidence: z.array(EvidenceSchema),
                }),
              ),
            })
            .openapi('NarrativeDocuments'),
        },
      },
      description: 'highest score first; evidence spans in UTF-16 code units of each document',
    },
    404: { content: { 'application/json': { schema: ErrorSchema } }, description: 'not in the taxonomy' },
  },
});

const labelsRoute = createRoute({
  method: 'get',
  path: '/api/documents/{id}/labels',
  summary: "A document's narrative and technique labels with their evidence",
  middleware: VIEWER,
  request: { params: IdParamSchema },
  responses: {
    200: {
      content: {
        'application/json': {
          schema: z.object({
            labels: z.array(
              z.object({
                kind: z.enum(['narrative', 'technique']),
                id: z.string(),
                name: z.string(),
                level: z.string().optional(),
                score: z.number(),
                method: z.string(),
                start: z.number().int(),
                end: z.number().int(),
                text: z.string(),
                evidence: z.array(EvidenceSchema),
                paragraph: z.object({ start: z.number().int(), end: z.number().int() }).optional(),
                decision: z.enum(['confirmed', 'rejected']).nullable(),
              }),
            ),
          }),
        },
      },
      description: 'narratives first, then techniques, highest score first',
    },
    404: { content: { 'application/json': { schema: ErrorSchema } }, description: 'no such document' },
  },
});

export function registerAnalysisRoutes(app: ApiApp, deps: ServerDeps): void {
  app.openapi(trendRoute, async (c) => {
    const query = c.req.valid('query');
    const selection = await select(deps.store, query);
    return c.json(
      await trend(deps.store, { selection, interval: query.interval, by: query.by ?? null }),
      200,
    );
  });

  app.openapi(spreadRoute, async (c) => {
    const query = c.req.valid('query');
    const labels = query.labels
      ?.split(',')
      .map((l) => l.trim())
      .filter(Boolean);
    const selection = await select(deps.store, query);
    const result = await spread(deps.store, { selection, labels: labels?.length ? labels : undefined });
    return c.json(result, 200);
  });

  app.openapi(networkRoute, async (c) => {
    const query = c.req.valid('query');
    const selection = await select(deps.store, query);
    const graph = await network(deps.store, {
      selection,
      minWeight: query.minWeight,
      isolated: query.isolated === 'true',
    });
    if (query.format === 'json') return c.json(graph, 200);
    const file = GRAPH_FILES[query.format];
    const body = file.write(graph, `Entity co-occurrence in documents matching ${query.q}`);
    return c.body(body, 200, {
      'Content-Type': `${file.type}; charset=utf-8`,
      'Content-Disposition': `attachment; filename="network.${query.format}"`,
    });
  });

  app.openapi(narrativesRoute, async (c) => {
    const { limit } = c.req.valid('query');
    return c.json({ narratives: await narrativeCounts(deps.store, { limit }) }, 200);
  });

  app.openapi(narrativeRoute, async (c) => {
    const { limit } = c.req.valid('query');
    return c.json(await narrativeDocuments(deps.store, c.req.valid('param').id, limit), 200);
  });

  app.openapi(labelsRoute, async (c) => {
    const { id } = c.req.valid('param');
    return c.json({ labels: await documentLabels(deps.store, id) }, 200);
  });
}
