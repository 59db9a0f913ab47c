// A dispatch as it will be rendered: its blocks in order, each excerpt numbered by the document it
// cites (footnotes in order of first citation), each footnote with outlet, author, original title,
// publication date, URL, archive time and the capture's SHA-256, the outlet's sanctioned ownership
// where the lists show it, and a warning where the page no longer holds the passage.
import { NotFoundError, type Dispatch, type Excerpt, type Store } from '@echotrace/core';
import { loadStoredKnowledgeBase } from '../entities/knowledge.base.loader.ts';
import { createSourceTracer } from '../sources/ownership.screening.ts';

export interface DispatchFootnote {
  number: number;
  documentId: string;
  outlet: string;
  sourceId: string;
  author: string | null;
  /** The title as the outlet wrote it. */
  title: string | null;
  publishedAt: string | null;
  url: string | null;
  capturedAt: string;
  captureSha256: string;
  /** "Owner: Tsargrad → TSARGRAD OOO → linked to MALOFEYEV, Konstantin (RUSSIA-EO14024)". */
  context: string[];
}

/** Set when the document as stored now no longer carries the excerpt as it was taken. */
export interface ExcerptChange {
  kind: 'changed' | 'deleted';
  note: string;
}

export type DispatchBlock =
  | { kind: 'heading'; position: number; text: string }
  | { kind: 'text'; position: number; text: string }
  | {
      kind: 'excerpt';
      position: number;
      excerpt: Excerpt;
      footnote: number;
      change: ExcerptChange | null;
      /** Who is quoted, when the excerpt was taken from a quote annotation that names a speaker. */
      speaker: QuoteSpeaker | null;
    };

export interface QuoteSpeaker {
  /** The knowledge base's English (else Russian) name when the speaker was resolved, else as written. */
  name: string;
  entityId: string | null;
  /** The role the text gives ("deputy minister"), when it gives one. */
  role: string | null;
}

export interface DispatchView {
  dispatch: Dispatch;
  blocks: DispatchBlock[];
  footnotes: DispatchFootnote[];
}

export async function loadDispatchView(store: Store, id: string): Promise<DispatchView> {
  const dispatch = await store.dispatches.get(id);
  if (!dispatch) throw new NotFoundError('dispatch', id);
  const items = await store.dispatches.items(id);
  const tracer = await createSourceTracer(store);
  let kb: Awaited<ReturnType<typeof loadStoredKnowledgeBase>> | null = null;
  const speakerOf = async (excerpt: Excerpt): Promise<QuoteSpeaker | null> => {
    if (!excerpt.annotationId) return null;
    const annotation = (await store.annotations.forDocument(excerpt.documentId)).find(
      (a) => a.id === excerpt.annotationId,
    );
    if (annotation?.kind !== 'quote') return null;
    const attributes = annotation.attributes as {
      speaker?: string | null;
      speakerEntityId?: string | null;
      role?: string | null;
    };
    const entityId = attributes.speakerEntityId ?? null;
    let name: string | null = null;
    if (entityId) {
      kb ??= await loadStoredKnowledgeBase(store);
      const entity = kb.get(entityId);
      name = entity?.names.en ?? entity?.names.ru ?? null;
    }
    name ??= attributes.speaker ?? null;
    return name ? { name, entityId, role: attributes.role ?? null } : null;
  };
  const footnotes: DispatchFootnote[] = [];
  const byDocument = new Map<string, DispatchFootnote>();
  const blocks: DispatchBlock[] = [];
  for (const [position, item] of items.entries()) {
    if (item.kind !== 'excerpt') {
      blocks.push({ kind: item.kind, position, text: item.text });
      continue;
    }
    const excerpt = await store.dispatches.excerpt(item.excerptId);
    if (!excerpt) throw new NotFoundError('excerpt', item.excerptId);
    let footnote = byDocument.get(excerpt.documentId);
    const document = await store.documents.get(excerpt.documentId);
    if (!footnote) {
      const capture = await store.captures.get(excerpt.captureSha256);
      const source = document ? await store.sources.get(document.sourceId) : null;
      const context: string[] = [];
      if (source && tracer) {
        const trace = await tracer(source);
        if (trace.flagged)
          for (const chain of trace.chains) {
            const programs = [...new Set(chain.links.flatMap((link) => link.programs))];
            context.push(`${chain.summary}${programs.length ? ` (${programs.join(', ')})` : ''}`);
          }
      }
      footnote = {
        number: footnotes.length + 1,
        documentId: excerpt.documentId,
        outlet: source?.name ?? document?.sourceId ?? 'unknown outlet',
        sourceId: document?.sourceId ?? '',
        author: document?.byline ?? null,
        title: document?.title ?? null,
        publishedAt: document?.publishedAt ?? null,
        url: document?.canonicalUrl ?? (document && /^https?:\/\//.test(document.key) ? document.key : null),
        capturedAt: capture?.capturedAt ?? '',
        captureSha256: excerpt.captureSha256,
        context,
      };
      footnotes.push(footnote);
      byDocument.set(excerpt.documentId, footnote);
    }
    blocks.push({
      kind: 'excerpt',
      position,
      excerpt,
      footnote: footnote.number,
      change: await changeOf(store, excerpt, document),
      speaker: await speakerOf(excerpt),
    });
  }
  return { dispatch, blocks, footnotes };
}

async function changeOf(
  store: Store,
  excerpt: Excerpt,
  document: Awaited<ReturnType<Store['documents']['get']>>,
): Promise<ExcerptChange | null> {
  if (!document) return { kind: 'deleted', note: 'the document is no longer in the store' };
  const post = await store.telegramPosts.get(document.id);
  if (post?.deletedAt)
    return { kind: 'deleted', note: `the post was found deleted on ${post.deletedAt.slice(0, 10)}` };
  if (document.captureSha256 === excerpt.captureSha256 || document.text.includes(excerpt.text)) return null;
  const later = await store.captures.get(document.captureSha256);
  return {
    kind: 'changed',
    note: `the page as captured on ${later?.capturedAt.slice(0, 10) ?? 'a later date'} no longer contains this passage`,
  };
}
