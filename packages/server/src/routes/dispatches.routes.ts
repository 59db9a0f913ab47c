// Dispatches over the API, the same use cases as `echotrace dispatch …`: list, the composed view
// (blocks, footnotes, change notes, quote speakers), a rendering, and the analyst's writes —
// create, add a block or an excerpt, move, remove, revise an excerpt's translation or note.
// Block positions are 0-based here (the CLI shows them 1-based). Renderings are served as
// downloads under a CSP that runs nothing: the HTML is our template's, its text escaped.
import {
  addBlock,
  addExcerpt,
  createDispatch,
  loadDispatchView,
  moveBlock,
  removeBlock,
  renderDispatch,
  renderDispatchDocx,
  reviseExcerpt,
  type ExcerptSource,
} from '@echotrace/app';
import { createRoute, z } from '@hono/zod-openapi';
import { ANALYST, VIEWER } from '../auth.middleware.ts';
import { ErrorSchema, IdParamSchema, LooseObjectSchema, loose } from '../schemas.ts';
import type { ApiApp, ServerDeps } from '../server.deps.ts';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const RENDERING_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

const text = (max: number) => z.string().trim().min(1).max(max);
const notFound = {
  content: { 'application/json': { schema: ErrorSchema } },
  description: 'no such dispatch, document or excerpt',
};
const badInput = {
  content: { 'application/json': { schema: ErrorSchema } },
  description: 'bad body, or a passage or span not in the document',
};
const DispatchSchema = LooseObjectSchema;

const listRoute = createRoute({
  method: 'get',
  path: '/api/dispatches',
  summary: 'Every dispatch, newest first',
  middleware: VIEWER,
  responses: {
    200: {
      content: { 'application/json': { schema: z.object({ dispatches: z.array(DispatchSchema) }) } },
      description: 'the dispatches',
    },
  },
});

const viewRoute = createRoute({
  method: 'get',
  path: '/api/dispatches/{id}',
  summary: 'A dispatch as it will render: blocks in order, footnotes, change notes, speakers',
  middleware: VIEWER,
  request: { params: IdParamSchema },
  responses: {
    200: { content: { 'application/json': { schema: LooseObjectSchema } }, description: 'the view' },
    404: notFound,
  },
});

const renderRoute = createRoute({
  method: 'get',
  path: '/api/dispatches/{id}/render',
  summary: 'The dispatch rendered as Markdown, HTML (both deterministic) or Word, as a download',
  middleware: VIEWER,
  request: {
    params: IdParamSchema,
    query: z.object({ format: z.enum(['md', 'html', 'docx']).default('md') }),
  },
  responses: {
    200: {
      content: {
        'text/markdown': { schema: z.string() },
        'text/html': { schema: z.string() },
        [DOCX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) },
      },
      description: 'the rendering',
    },
    404: notFound,
  },
});

export const NewDispatchSchema = z
  .object({
    headline: text(500),
    subheadline: text(500).optional(),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    summary: text(20_000).optional(),
  })
  .openapi('NewDispatch');

const createDispatchRoute = createRoute({
  method: 'post',
  path: '/api/dispatches',
  summary: 'Start a dispatch',
  middleware: ANALYST,
  request: { body: { content: { 'application/json': { schema: NewDispatchSchema } }, required: true } },
  responses: {
    201: { content: { 'application/json': { schema: DispatchSchema } }, description: 'the new dispatch' },
    400: badInput,
  },
});

const ExcerptSourceSchema = z
  .object({
    documentId: text(200),
    passage: text(20_000).optional(),
    span: z.tuple([z.number().int().min(0), z.number().int().min(1)]).optional(),
    annotationId: text(200).optional(),
    translation: text(20_000).optional(),
    note: text(20_000).optional(),
  })
  .refine((e) => [e.passage, e.span, e.annotationId].filter((v) => v !== undefined).length === 1, {
    message: 'an excerpt needs exactly one of passage, span or annotationId',
  });

export const NewBlockSchema = z
  .object({
    heading: text(500).optional(),
    text: text(20_000).optional(),
    excerpt: ExcerptSourceSchema.optional(),
    at: z.number().int().min(0).optional(),
  })
  .refine((b) => [b.heading, b.text, b.excerpt].filter((v) => v !== undefined).length === 1, {
    message: 'a block is exactly one of heading, text or excerpt',
  })
  .openapi('NewDispatchBlock');

const addBlockRoute = createRoute({
  method: 'post',
  path: '/api/dispatches/{id}/blocks',
  summary: 'Add a heading, a paragraph of your own, or an excerpt (a passage, a span or an annotation)',
  middleware: ANALYST,
  request: {
    params: IdParamSchema,
    body: { content: { 'application/json': { schema: NewBlockSchema } }, required: true },
  },
  responses: {
    201: {
      content: { 'application/json': { schema: z.object({ excerpt: LooseObjectSchema.nullable() }) } },
      description: 'added; the excerpt when one was',
    },
    400: badInput,
    404: notFound,
  },
});

const MoveSchema = z.object({ from: z.number().int().min(0), to: z.number().int().min(0) });

const moveRoute = createRoute({
  method: 'post',
  path: '/api/dispatches/{id}/move',
  summary: 'Move the block at `from` to `to` (0-based)',
  middleware: ANALYST,
  request: {
    params: IdParamSchema,
    body: { content: { 'application/json': { schema: MoveSchema } }, required: true },
  },
  responses: {
    200: { content: { 'application/json': { schema: LooseObjectSchema } }, description: 'the new view' },
    400: badInput,
    404: notFound,
  },
});

const removeRoute = createRoute({
  method: 'delete',
  path: '/api/dispatches/{id}/blocks/{position}',
  summary: 'Remove the block at a position (0-based)',
  middleware: ANALYST,
  request: {
    params: IdParamSchema.extend({
      position: z.coerce
        .number()
        .int()
        .min(0)
        .openapi({ param: { name: 'position', in: 'path' } }),
    }),
  },
  responses: {
    200: { content: { 'application/json': { schema: LooseObjectSchema } }, description: 'the new view' },
    400: badInput,
    404: notFound,
  },
});

const ReviseSchema = z
  .object({ translation: z.string().max(20_000).optional(), note: z.string().max(20_000).optional() })
  .refine((r) => r.translation !== undefined || r.note !== undefined, {
    message: 'give a translation, a note, or both',
  });

const reviseRoute = createRoute({
  method: 'patch',
  path: '/api/excerpts/{id}',
  summary: "Replace an excerpt's translation (it becomes the analyst's) and note; empty clears",
  middleware: ANALYST,
  request: {
    params: IdParamSchema,
    body: { content: { 'application/json': { schema: ReviseSchema } }, required: true },
  },
  responses: {
    200: { content: { 'application/json': { schema: LooseObjectSchema } }, description: 'the excerpt' },
    400: badInput,
    404: notFound,
  },
});

export function registerDispatchRoutes(app: ApiApp, deps: ServerDeps): void {
  const view = async (id: string) => loose(await loadDispatchView(deps.store, id));

  app.openapi(listRoute, async (c) => {
    const dispatches = await deps.store.dispatches.list();
    return c.json({ dispatches: dispatches.map((d) => loose(d)) }, 200);
  });

  app.openapi(viewRoute, async (c) => c.json(await view(c.req.valid('param').id), 200));

  app.openapi(renderRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { format } = c.req.valid('query');
    const dispatchView = await loadDispatchView(deps.store, id);
    const rendered =
      format === 'docx'
        ? new Uint8Array(await renderDispatchDocx(dispatchView))
        : renderDispatch(dispatchView, format);
    return c.body(rendered, 200, {
      'Content-Type':
        format === 'docx'
          ? DOCX_TYPE
          : format === 'md'
            ? 'text/markdown; charset=utf-8'
            : 'text/html; charset=utf-8',
      'Content-Disposition': `attachment; filename="${id}.${format}"`,
      'Content-Security-Policy': RENDERING_CSP,
      'X-Content-Type-Options': 'nosniff',
    });
  });

  app.openapi(createDispatchRoute, async (c) => {
    const dispatch = await createDispatch(deps.store, deps.clock, c.req.valid('json'));
    c.set('audit', {
      action: 'dispatch.create',
      target: dispatch.id,
      details: { headline: dispatch.headline },
    });
    return c.json(loose(dispatch), 201);
  });

  app.openapi(addBlockRoute, async (c) => {
    const { id } = c.req.valid('param');
    const block = c.req.valid('json');
    if (block.excerpt) {
      const { documentId, passage, span, annotationId } = block.excerpt;
      const source: ExcerptSource = span
        ? { kind: 'span', documentId, start: span[0], end: span[1] }
        : annotationId
          ? { kind: 'annotation', documentId, annotationId }
          : { kind: 'passage', documentId, passage: passage! };
      const excerpt = await addExcerpt(deps.store, deps.clock, {
        dispatchId: id,
        source,
        translation: block.excerpt.translation,
        note: block.excerpt.note,
        at: block.at,
      });
      c.set('audit', {
        action: 'dispatch.add-excerpt',
        target: id,
        details: { excerptId: excerpt.id, documentId, start: excerpt.start, end: excerpt.end },
      });
      return c.json({ excerpt: loose(excerpt) }, 201);
    }
    const kind = block.heading !== undefined ? 'heading' : 'text';
    await addBlock(deps.store, deps.clock, {
      dispatchId: id,
      kind,
      text: (block.heading ?? block.text)!,
      at: block.at,
    });
    c.set('audit', { action: `dispatch.add-${kind}`, target: id, details: { at: block.at ?? null } });
    return c.json({ excerpt: null }, 201);
  });

  app.openapi(moveRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { from, to } = c.req.valid('json');
    await moveBlock(deps.store, deps.clock, { dispatchId: id, from, to });
    c.set('audit', { action: 'dispatch.move', target: id, details: { from, to } });
    return c.json(await view(id), 200);
  });

  app.openapi(removeRoute, async (c) => {
    const { id, position } = c.req.valid('param');
    await removeBlock(deps.store, deps.clock, { dispatchId: id, at: position });
    c.set('audit', { action: 'dispatch.remove', target: id, details: { at: position } });
    return c.json(await view(id), 200);
  });

  app.openapi(reviseRoute, async (c) => {
    const { id } = c.req.valid('param');
    const change = c.req.valid('json');
    const excerpt = await reviseExcerpt(deps.store, { excerptId: id, ...change });
    c.set('audit', {
      action: 'dispatch.revise-excerpt',
      target: id,
      details: { translation: change.translation !== undefined, note: change.note !== undefined },
    });
    return c.json(loose(excerpt), 200);
  });
}
