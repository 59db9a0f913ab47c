// Jobs: the queues' counts and latest failures, and their progress as server-sent events (a
// snapshot whenever it changes, checked every interval, with a heartbeat comment in between).
import { jobsOverview } from '@echotrace/app';
import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { limitParam } from '../schemas.ts';
import type { ApiApp, ServerDeps } from '../server.deps.ts';
import { VIEWER } from '../auth.middleware.ts';

const QueueSchema = z.object({
  queue: z.string(),
  queued: z.number().int(),
  running: z.number().int(),
  done: z.number().int(),
  dead: z.number().int(),
});

export const JobsOverviewSchema = z
  .object({
    queues: z.array(QueueSchema),
    failures: z.array(
      z.object({
        id: z.string(),
        queue: z.string(),
        key: z.string(),
        attempts: z.number().int(),
        lastError: z.string().nullable(),
      }),
    ),
  })
  .openapi('JobsOverview');

const listRoute = createRoute({
  method: 'get',
  path: '/api/jobs',
  summary: 'Job queues: counts per state and the latest failures',
  middleware: VIEWER,
  request: { query: z.object({ failures: limitParam(20, 1000) }) },
  responses: {
    200: { content: { 'application/json': { schema: JobsOverviewSchema } }, description: 'the queues' },
  },
});

const eventsRoute = createRoute({
  method: 'get',
  path: '/api/jobs/events',
  summary: 'Job progress as server-sent events (`event: jobs`, data: a JobsOverview)',
  middleware: VIEWER,
  responses: {
    200: { content: { 'text/event-stream': { schema: z.string() } }, description: 'an endless event stream' },
  },
});

export function registerJobRoutes(app: ApiApp, deps: ServerDeps): void {
  app.openapi(listRoute, async (c) =>
    c.json(await jobsOverview(deps.store, c.req.valid('query').failures), 200),
  );

  const interval = deps.jobsEventIntervalMs ?? 1000;
  app.openapi(eventsRoute, (c) =>
    streamSSE(c, async (stream) => {
      let closed = false;
      stream.onAbort(() => {
        closed = true;
      });
      let last = '';
      let id = 0;
      while (!closed) {
        const data = JSON.stringify(await jobsOverview(deps.store, 20));
        if (data !== last) {
          await stream.writeSSE({ event: 'jobs', data, id: String(++id) });
          last = data;
        } else {
          await stream.write(': heartbeat\n\n');
        }
        await stream.sleep(interval);
      }
    }),
  );
}
