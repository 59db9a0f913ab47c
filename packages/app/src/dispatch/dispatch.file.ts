// A dispatch written as a file (YAML or JSON): headline, date, summary and blocks, each excerpt
// naming its document by URL or id and its span by a passage or a quote it contains. `dispatch
// import` reads it, so a dispatch can be drafted in an editor, kept in version control and rebuilt
// from the store at any time (the demo's sample dispatch is one). The whole file is checked and
// every excerpt found before anything is written.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError, type Clock, type Dispatch, type Store } from '@echotrace/core';
import { parse } from 'yaml';
import { z } from 'zod';
import {
  addBlock,
  addExcerpt,
  createDispatch,
  dispatchIdOf,
  excerptSpan,
  reviseExcerpt,
  type ExcerptSource,
} from './dispatch.usecase.ts';

const text = z.string().trim().min(1);

const excerptSpec = z
  .object({
    document: text.describe('The document: its id, its URL, or the path of the file it was ingested from'),
    passage: text.optional().describe('The exact passage to excerpt (its first occurrence)'),
    quote: text
      .optional()
      .describe('Excerpt the quote (with its attributed speaker) whose text contains this'),
    span: z.tuple([z.number().int().min(0), z.number().int().min(1)]).optional(),
    translation: text.optional(),
    note: text.optional(),
  })
  .strict()
  .refine((e) => [e.passage, e.quote, e.span].filter((v) => v !== undefined).length === 1, {
    message: 'an excerpt needs exactly one of passage, quote or span',
  });

const blockSpec = z.union([
  z.object({ heading: text }).strict(),
  z.object({ text }).strict(),
  z.object({ excerpt: excerptSpec }).strict(),
]);

export const dispatchFileSchema = z
  .object({
    headline: text,
    subheadline: text.optional(),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    summary: text.optional(),
    blocks: z.array(blockSpec).min(1),
  })
  .strict();

export type DispatchFile = z.infer<typeof dispatchFileSchema>;

export function parseDispatchFile(source: string, origin: string): DispatchFile {
  let data: unknown;
  try {
    // YAML dates stay strings: a dispatch date is a calendar day, not an instant.
    data = parse(source, { maxAliasCount: 100, schema: 'core' });
  } catch (error) {
    throw new InputError(origin, `not YAML or JSON: ${(error as Error).message}`);
  }
  const parsed = dispatchFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(origin, `${issue.path.join('.') || 'the file'}: ${issue.message}`);
  }
  return parsed.data;
}

async function documentIdOf(store: Store, reference: string, where: string): Promise<string> {
  const document =
    (await store.documents.get(reference)) ??
    (await store.documents.getByKey(reference)) ??
    // A file ingested without a canonical URL is keyed by its absolute path.
    (await store.documents.getByKey(`file:${path.resolve(reference)}`));
  if (document) return document.id;
  throw new InputError(where, `no stored document has the id or URL ${JSON.stringify(reference)}`);
}

async function sourceOf(
  store: Store,
  spec: z.infer<typeof excerptSpec>,
  where: string,
): Promise<ExcerptSource> {
  const documentId = await documentIdOf(store, spec.document, `${where}.document`);
  const document = (await store.documents.get(documentId))!;
  // Located here, not when writing, so that a missing passage refuses the file before any change.
  if (spec.span) {
    const [start, end] = spec.span;
    return {
      kind: 'span',
      documentId,
      ...excerptSpan(document, { kind: 'span', documentId, start, end }, `${where}.span`),
    };
  }
  if (spec.passage)
    return {
      kind: 'span',
      documentId,
      ...excerptSpan(document, { kind: 'passage', documentId, passage: spec.passage }, `${where}.passage`),
    };
  const quote = (await store.annotations.forDocument(documentId)).find(
    (a) => a.kind === 'quote' && document.text.slice(a.start, a.end).includes(spec.quote!),
  );
  if (!quote)
    throw new InputError(
      `${where}.quote`,
      `document ${documentId} has no quote containing ${JSON.stringify(spec.quote)} (is it enriched?)`,
    );
  return { kind: 'annotation', documentId, annotationId: quote.id };
}

export interface DispatchImport {
  dispatch: Dispatch;
  /** True when an existing dispatch of that headline was rebuilt (`replace`). */
  replaced: boolean;
  excerpts: number;
}

/**
 * Builds a dispatch from a file. With `replace`, a dispatch whose id the headline gives is rebuilt
 * in place (same id, its blocks replaced); otherwise a new one is made beside it.
 */
export async function importDispatchFile(
  store: Store,
  clock: Clock,
  file: string,
  options: { replace?: boolean } = {},
): Promise<DispatchImport> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(file, `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const spec = parseDispatchFile(source, file);
  const sources = new Map<number, ExcerptSource>();
  for (const [index, block] of spec.blocks.entries())
    if ('excerpt' in block)
      sources.set(index, await sourceOf(store, block.excerpt, `${file}: blocks.${index}.excerpt`));

  const fields = {
    headline: spec.headline,
    subheadline: spec.subheadline,
    date: spec.date,
    summary: spec.summary,
  };
  const existing = options.replace ? await store.dispatches.get(dispatchIdOf(spec.headline)) : null;
  let dispatch: Dispatch;
  if (existing) {
    dispatch = {
      ...existing,
      headline: spec.headline,
      subheadline: spec.subheadline ?? null,
      date: spec.date ?? existing.date,
      summary: spec.summary ?? null,
      updatedAt: clock.now().toISOString(),
    };
    await store.transaction(async () => {
      await store.dispatches.update(dispatch);
      await store.dispatches.replaceItems(dispatch.id, []);
    });
  } else dispatch = await createDispatch(store, clock, fields);
  const replaced = existing !== null;
  let excerpts = 0;
  for (const [index, block] of spec.blocks.entries()) {
    if ('heading' in block)
      await addBlock(store, clock, { dispatchId: dispatch.id, kind: 'heading', text: block.heading });
    else if ('text' in block)
      await addBlock(store, clock, { dispatchId: dispatch.id, kind: 'text', text: block.text });
    else {
      const excerpt = await addExcerpt(store, clock, {
        dispatchId: dispatch.id,
        source: sources.get(index)!,
        translation: block.excerpt.translation,
        note: block.excerpt.note,
      });
      // The same span taken before keeps its first translation and note: the file's win.
      if (
        (block.excerpt.translation && excerpt.translation !== block.excerpt.translation) ||
        (block.excerpt.note && excerpt.note !== block.excerpt.note)
      )
        await reviseExcerpt(store, {
          excerptId: excerpt.id,
          translation: block.excerpt.translation,
          note: block.excerpt.note,
        });
      excerpts++;
    }
  }
  return { dispatch: (await store.dispatches.get(dispatch.id))!, replaced, excerpts };
}
