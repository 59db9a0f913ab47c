// An evidence bundle: a folder anyone can check without Echotrace's store. It holds the rendered
// dispatch, the raw bytes of every cited capture (named by their SHA-256), and manifest.json with
// each excerpt's document, capture, span and text. `verifyBundle` rehashes every file and looks for
// every excerpt's text in its capture's reader-visible text, and names each check that fails.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { codePointOffsets, codePointSpan, InputError, NotFoundError, type Store } from '@echotrace/core';
import { captureContains } from '@echotrace/extract';
import { renderDispatch } from './dispatch.render.ts';
import { loadDispatchView } from './dispatch.view.ts';

export const BUNDLE_FORMAT = 'echotrace-evidence-bundle/1';

const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

const manifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  dispatch: z.object({ id: z.string(), headline: z.string(), date: z.string() }),
  files: z.array(z.object({ path: z.string(), sha256: z.string() })),
  captures: z.array(
    z.object({
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      path: z.string(),
      mediaType: z.string(),
      charset: z.string().nullable(),
      capturedAt: z.string(),
      origin: z.string(),
      byteLength: z.number().int().nonnegative(),
    }),
  ),
  excerpts: z.array(
    z.object({
      id: z.string(),
      documentId: z.string(),
      captureSha256: z.string(),
      start: z.number().int().nonnegative(),
      end: z.number().int().positive(),
      // Added after the first bundles were written, so a manifest without them still verifies.
      startCodePoint: z.number().int().nonnegative().nullable().optional(),
      endCodePoint: z.number().int().positive().nullable().optional(),
      text: z.string().min(1),
      footnote: z.number().int().positive(),
    }),
  ),
});
export type BundleManifest = z.infer<typeof manifestSchema>;

export interface BundleResult {
  dir: string;
  files: string[];
  captures: number;
  excerpts: number;
}

/**
 * Writes more files into the bundle (the entry point's WARC of the cited documents, say) and
 * returns their paths relative to it; they are hashed into the manifest like the renderings.
 */
export type BundleAttachments = (dir: string, documentIds: string[]) => Promise<string[]>;

/**
 * The excerpt's span in code points of its document's text, for readers outside JavaScript. Stored
 * documents keep only their latest text: when it no longer holds the excerpt at that span (the page
 * changed), the code-point offsets are unknown and written as null; the UTF-16 span and the
 * excerpt's own text still say what was cited.
 */
async function excerptCodePoints(
  store: Store,
  excerpt: { documentId: string; start: number; end: number; text: string },
): Promise<{ startCodePoint: number | null; endCodePoint: number | null }> {
  const document = await store.documents.get(excerpt.documentId);
  if (!document || document.text.slice(excerpt.start, excerpt.end) !== excerpt.text)
    return { startCodePoint: null, endCodePoint: null };
  return codePointSpan(codePointOffsets(document.text), excerpt);
}

/** Writes the bundle into `dir`, which must not exist or be empty. */
export async function writeDispatchBundle(
  store: Store,
  dispatchId: string,
  dir: string,
  attach?: BundleAttachments,
): Promise<BundleResult> {
  if (existsSync(dir) && readdirSync(dir).length > 0)
    throw new InputError(dir, 'the bundle folder exists and is not empty');
  const view = await loadDispatchView(store, dispatchId);
  mkdirSync(path.join(dir, 'captures'), { recursive: true });
  const files: BundleManifest['files'] = [];
  for (const format of ['md', 'html'] as const) {
    const name = `dispatch.${format}`;
    const text = renderDispatch(view, format);
    writeFileSync(path.join(dir, name), text);
    files.push({ path: name, sha256: sha256(text) });
  }
  const captures: BundleManifest['captures'] = [];
  const excerpts: BundleManifest['excerpts'] = [];
  const written = new Set<string>();
  for (const block of view.blocks) {
    if (block.kind !== 'excerpt') continue;
    const { excerpt } = block;
    if (!written.has(excerpt.captureSha256)) {
      const [capture, bytes] = await Promise.all([
        store.captures.get(excerpt.captureSha256),
        store.captures.bytes(excerpt.captureSha256),
      ]);
      if (!capture || !bytes) throw new NotFoundError('capture', excerpt.captureSha256);
      const file = `captures/${capture.sha256}`;
      writeFileSync(path.join(dir, file), bytes);
      captures.push({
        sha256: capture.sha256,
        path: file,
        mediaType: capture.mediaType,
        charset: capture.charset,
        capturedAt: capture.capturedAt,
        origin: capture.origin,
        byteLength: capture.byteLength,
      });
      written.add(excerpt.captureSha256);
    }
    excerpts.push({
      id: excerpt.id,
      documentId: excerpt.documentId,
      captureSha256: excerpt.captureSha256,
      start: excerpt.start,
      end: excerpt.end,
      ...(await excerptCodePoints(store, excerpt)),
      text: excerpt.text,
      footnote: block.footnote,
    });
  }
  if (attach) {
    const documentIds = [...new Set(excerpts.map((e) => e.documentId))];
    for (const file of await attach(dir, documentIds))
      files.push({ path: file, sha256: sha256(readFileSync(path.join(dir, file))) });
  }
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    dispatch: { id: view.dispatch.id, headline: view.dispatch.headline, date: view.dispatch.date },
    files,
    captures,
    excerpts,
  };
  writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return {
    dir,
    files: [...files.map((f) => f.path), 'manifest.json'],
    captures: captures.length,
    excerpts: excerpts.length,
  };
}

export interface BundleVerification {
  ok: boolean;
  checked: { files: number; captures: number; excerpts: number };
  /** Each failed check, naming the file, capture or excerpt. */
  problems: string[];
}

/** Checks a bundle folder as anyone receiving it would. */
export function verifyBundle(dir: string): BundleVerification {
  const manifestFile = path.join(dir, 'manifest.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch (error) {
    throw new InputError(manifestFile, `not a readable JSON manifest: ${(error as Error).message}`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success)
    throw new InputError(
      manifestFile,
      `not an ${BUNDLE_FORMAT} manifest: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  const manifest = parsed.data;
  const problems: string[] = [];
  const inside = (file: string): string | null => {
    const full = path.resolve(dir, file);
    // A manifest naming ../ paths must not make the check read outside the bundle.
    return full.startsWith(path.resolve(dir) + path.sep) ? full : null;
  };
  const read = (file: string): Buffer | null => {
    const full = inside(file);
    if (!full) {
      problems.push(`${file}: outside the bundle`);
      return null;
    }
    try {
      return readFileSync(full);
    } catch {
      problems.push(`${file}: missing`);
      return null;
    }
  };
  for (const file of manifest.files) {
    const bytes = read(file.path);
    if (bytes && sha256(bytes) !== file.sha256)
      problems.push(`${file.path}: SHA-256 is ${sha256(bytes)}, the manifest says ${file.sha256}`);
  }
  const captures = new Map<string, { bytes: Buffer; entry: BundleManifest['captures'][number] }>();
  for (const entry of manifest.captures) {
    const bytes = read(entry.path);
    if (!bytes) continue;
    const actual = sha256(bytes);
    if (actual !== entry.sha256) {
      problems.push(`capture ${entry.path}: SHA-256 is ${actual}, the manifest says ${entry.sha256}`);
      continue;
    }
    captures.set(entry.sha256, { bytes, entry });
  }
  for (const excerpt of manifest.excerpts) {
    const capture = captures.get(excerpt.captureSha256);
    if (!capture) {
      problems.push(
        `excerpt ${excerpt.id} [${excerpt.footnote}]: its capture ${excerpt.captureSha256} is not verified`,
      );
      continue;
    }
    let found = false;
    try {
      found = captureContains(capture.bytes, { ...capture.entry, origin: capture.entry.path }, excerpt.text);
    } catch (error) {
      problems.push(`excerpt ${excerpt.id} [${excerpt.footnote}]: ${(error as Error).message}`);
      continue;
    }
    if (!found)
      problems.push(
        `excerpt ${excerpt.id} [${excerpt.footnote}]: its text is not in capture ${excerpt.captureSha256}: ${JSON.stringify(excerpt.text.slice(0, 80))}`,
      );
  }
  return {
    ok: problems.length === 0,
    checked: {
      files: manifest.files.length,
      captures: manifest.captures.length,
      excerpts: manifest.excerpts.length,
    },
    problems,
  };
}
