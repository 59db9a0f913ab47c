// Documents: the metadata, the text and what enrichment found in it (entities, quotes, sanctions
// hits, each with its span in UTF-16 code units of the text), the text alone, and the archived
// bytes. Archived pages are hostile input: they are served only as text/plain under a CSP that
// forbids everything and sandboxes the response, so a browser never runs a script from them.
import { showDocument } from '@echotrace/app';
import { NotFoundError } from '@echotrace/core';
import { createRoute, z } from '@hono/zod-openapi';
import { DocumentViewSchema, ErrorSchema, IdParamSchema } from '../schemas.ts';
import type { ApiApp, ServerDeps } from '../server.deps.ts';
import { VIEWER } from '../auth.middleware.ts';

/** Headers of anything that carries archived bytes. */
export const ARCHIVED_CONTENT_HEADERS = {
  'Content-Type': 'text/plain; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'; sandbox",
  'X-Content-Type-Options': 'nosniff',
} as const;

const notFound = {
  content: { 'application/json': { schema: ErrorSchema } },
  description: 'no such document',
};

const documentRoute = createRoute({
  method: 'get',
  path: '/api/documents/{id}',
  summary: 'One document: metadata, text, entities, quotes and sanctions hits with their spans',
  middleware: VIEWER,
  request: { params: IdParamSchema },
  responses: {
    200: { content: { 'application/json': { schema: DocumentViewSchema } }, description: 'the document' },
    404: notFound,
  },
});

const textRoute = createRoute({
  method: 'get',
  path: '/api/documents/{id}/text',
  summary: 'The extracted text, as text/plain',
  middleware: VIEWER,
  request: { params: IdParamSchema },
  responses: {
    200: { content: { 'text/plain': { schema: z.string() } }, description: 'the text' },
    404: notFound,
  },
});

const captureRoute = createRoute({
  method: 'get',
  path: '/api/documents/{id}/capture',
  summary: 'The archived bytes the text was extracted from, as text/plain (never rendered as HTML)',
  middleware: VIEWER,
  request: {
    params: IdParamSchema,
    query: z.object({ download: z.enum(['true', 'false']).default('false') }),
  },
  responses: {
    200: { content: { 'text/plain': { schema: z.string() } }, description: 'the archived bytes' },
    404: notFound,
  },
});

export function registerDocumentRoutes(app: ApiApp, deps: ServerDeps): void {
  app.openapi(documentRoute, async (c) => {
    const view = await showDocument(deps.store, c.req.valid('param').id);
    const ofKind = (kind: string) => view.annotations.filter((a) => a.kind === kind);
    return c.json(
      {
        document: view.document,
        source: view.source,
        capture: view.capture,
        versions: view.versions,
        copies: view.copies,
        entities: ofKind('entity'),
        quotes: ofKind('quote'),
        sanctions: ofKind('sanction'),
        annotations: view.annotations,
      },
      200,
    );
  });

  app.openapi(textRoute, async (c) => {
    const { id } = c.req.valid('param');
    const document = await deps.store.documents.get(id);
    if (!document) throw new NotFoundError('document', id);
    return c.text(document.text, 200, { ...ARCHIVED_CONTENT_HEADERS });
  });

  app.openapi(captureRoute, async (c) => {
    const { id } = c.req.valid('param');
    const document = await deps.store.documents.get(id);
    if (!document) throw new NotFoundError('document', id);
    const bytes = await deps.store.captures.bytes(document.captureSha256);
    if (!bytes) throw new NotFoundError('capture', document.captureSha256);
    const capture = await deps.store.captures.get(document.captureSha256);
    const headers: Record<string, string> = { ...ARCHIVED_CONTENT_HEADERS };
    if (c.req.valid('query').download === 'true')
      headers['Content-Disposition'] = `attachment; filename="${document.captureSha256}.txt"`;
    return c.text(decodeCapture(bytes, capture?.charset ?? null), 200, headers);
  });
}

/** The capture's bytes as text in the charset it was decoded with at ingest (UTF-8 when unknown). */
function decodeCapture(bytes: Uint8Array, charset: string | null): string {
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    // A label TextDecoder does not know.
    return new TextDecoder('utf-8').decode(bytes);
  }
}
