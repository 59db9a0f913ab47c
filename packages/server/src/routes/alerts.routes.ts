// Alerts over the API, the same use cases as `echotrace alerts …`: list, create and delete saved
// searches, their deliveries (pending, failed, delivered) and each search's Atom feed. Evaluating
// and delivering is `echotrace alerts run`'s job, not a request's.
import { addAlert, alertDeliveries, alertFeed, listAlerts, removeAlert } from '@echotrace/app';
import { ALERT_TRIGGERS, DELIVERY_STATUSES } from '@echotrace/core';
import { createRoute, z } from '@hono/zod-openapi';
import { ANALYST, VIEWER } from '../auth.middleware.ts';
import { ErrorSchema, LooseObjectSchema, loose } from '../schemas.ts';
import type { ApiApp, ServerDeps } from '../server.deps.ts';

const notFound = {
  content: { 'application/json': { schema: ErrorSchema } },
  description: 'no such saved search',
};
const badInput = {
  content: { 'application/json': { schema: ErrorSchema } },
  description: 'a bad name, query, interval, URL, address or trigger',
};

const NameParamSchema = z.object({
  name: z
    .string()
    .min(1)
    .max(80)
    .openapi({ param: { name: 'name', in: 'path' } }),
});

const listRoute = createRoute({
  method: 'get',
  path: '/api/alerts',
  summary: 'Saved searches with their schedule, triggers, deliveries and last evaluation',
  middleware: VIEWER,
  responses: {
    200: {
      content: { 'application/json': { schema: z.object({ alerts: z.array(LooseObjectSchema) }) } },
      description: 'the saved searches',
    },
  },
});

export const NewAlertSchema = z
  .object({
    name: z.string().min(1).max(80),
    query: z.string().trim().min(1).max(2_000),
    every: z.string().max(20).optional().describe('15m (default), 2h, 1d'),
    triggers: z.array(z.enum(ALERT_TRIGGERS)).max(ALERT_TRIGGERS.length).optional(),
    webhook: z.string().max(2_000).optional(),
    secretEnv: z
      .string()
      .max(128)
      .optional()
      .describe("The server's environment variable holding the webhook's signing secret"),
    email: z.string().max(254).optional(),
  })
  .openapi('NewAlert');

const createAlertRoute = createRoute({
  method: 'post',
  path: '/api/alerts',
  summary: 'Save a search with a schedule and triggers',
  middleware: ANALYST,
  request: { body: { content: { 'application/json': { schema: NewAlertSchema } }, required: true } },
  responses: {
    201: { content: { 'application/json': { schema: LooseObjectSchema } }, description: 'the saved search' },
    400: badInput,
    409: { content: { 'application/json': { schema: ErrorSchema } }, description: 'the name is taken' },
  },
});

const removeRoute = createRoute({
  method: 'delete',
  path: '/api/alerts/{name}',
  summary: 'Delete a saved search with its events and deliveries',
  middleware: ANALYST,
  request: { params: NameParamSchema },
  responses: {
    200: {
      content: { 'application/json': { schema: z.object({ removed: z.string() }) } },
      description: 'removed',
    },
    404: notFound,
  },
});

const eventsRoute = createRoute({
  method: 'get',
  path: '/api/alerts/events',
  summary: 'Deliveries of fired events with their events, newest first',
  middleware: VIEWER,
  request: {
    query: z.object({
      status: z.enum(DELIVERY_STATUSES).optional(),
      name: z.string().min(1).max(80).optional(),
      limit: z.coerce.number().int().min(1).max(1_000).default(100),
    }),
  },
  responses: {
    200: {
      content: { 'application/json': { schema: z.object({ deliveries: z.array(LooseObjectSchema) }) } },
      description: 'the deliveries',
    },
    404: notFound,
  },
});

const feedRoute = createRoute({
  method: 'get',
  path: '/api/alerts/{name}/feed',
  summary: "A saved search's latest events as an Atom feed",
  middleware: VIEWER,
  request: { params: NameParamSchema },
  responses: {
    200: { content: { 'application/atom+xml': { schema: z.string() } }, description: 'the feed' },
    404: notFound,
  },
});

export function registerAlertRoutes(app: ApiApp, deps: ServerDeps): void {
  app.openapi(listRoute, async (c) => {
    const alerts = await listAlerts(deps.store);
    return c.json({ alerts: alerts.map((a) => loose(a)) }, 200);
  });

  app.openapi(createAlertRoute, async (c) => {
    const body = c.req.valid('json');
    const search = await addAlert(deps.store, deps.clock, body, deps.checkWebhookTarget);
    c.set('audit', {
      action: 'alert.create',
      target: search.name,
      details: { query: search.query, webhook: search.webhookUrl, email: search.email },
    });
    return c.json(loose(search), 201);
  });

  app.openapi(removeRoute, async (c) => {
    const { name } = c.req.valid('param');
    await removeAlert(deps.store, name);
    c.set('audit', { action: 'alert.remove', target: name });
    return c.json({ removed: name }, 200);
  });

  app.openapi(eventsRoute, async (c) => {
    const deliveries = await alertDeliveries(deps.store, c.req.valid('query'));
    return c.json({ deliveries: deliveries.map((d) => loose(d)) }, 200);
  });

  app.openapi(feedRoute, async (c) => {
    const { name } = c.req.valid('param');
    const { xml } = await alertFeed(deps.store, name, { selfUrl: new URL(c.req.url).href });
    return c.body(xml, 200, {
      'Content-Type': 'application/atom+xml; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
    });
  });
}
