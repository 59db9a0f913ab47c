// File-system side of `echotrace ingest`: expands paths and globs, reads files (NDJSON streamed line
// by line so its size is unbounded), and hands bytes to the pure parsers in @echotrace/extract.
import { createReadStream } from 'node:fs';
import { glob, readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describeError, InputError, type IngestInput, type Source, type Timestamp } from '@echotrace/core';
import {
  INGEST_EXTENSIONS,
  parseHtmlFile,
  type HtmlLimits,
  parseJsonFile,
  parseNdjsonLine,
  parseTextFile,
} from '@echotrace/extract';

const SUPPORTED = new Set<string>(INGEST_EXTENSIONS);
const GLOB_CHARS = /[*?[\]{}]/;

export type FileEntry = { path: string } | { missing: string; reason: string };

// A folder's own paperwork, not articles: README.md, LICENSE, LICENCE.md, COPYING, NOTICE, CHANGELOG…
const PAPERWORK =
  /^(?:readme|licen[cs]e|copying|copyright|notice|changelog|authors|contributors|contributing|code_of_conduct)(?:[._-].*)?$/i;

export interface ExpandOptions {
  /** Globs of files (or folders) to leave out, matched against the path as given, absolute, and the name. */
  exclude?: readonly string[];
  /** Read README/LICENSE-style files found in folders too (default false). */
  includePaperwork?: boolean;
}

export interface Expanded {
  entries: FileEntry[];
  /** Files left out by `exclude` or as a folder's paperwork, as paths relative to the working folder. */
  skipped: string[];
}

function excludedBy(file: string, globs: readonly string[]): boolean {
  if (globs.length === 0) return false;
  const absolute = path.resolve(file);
  const forms = [file, absolute, path.relative(process.cwd(), absolute), path.basename(file)];
  return globs.some((glob) => forms.some((form) => path.matchesGlob(form, glob)));
}

/** Expands arguments into files in a stable order; folders are walked for supported extensions. */
export async function expandPaths(args: string[], options: ExpandOptions = {}): Promise<FileEntry[]> {
  return (await expandInputs(args, options)).entries;
}

/** expandPaths, with the files it left out and why they were left out kept for the summary. */
export async function expandInputs(args: string[], options: ExpandOptions = {}): Promise<Expanded> {
  const exclude = options.exclude ?? [];
  const entries: FileEntry[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  const add = (file: string, inFolder = false): void => {
    const absolute = path.resolve(file);
    if (seen.has(absolute)) return;
    seen.add(absolute);
    if (
      excludedBy(file, exclude) ||
      (inFolder && !options.includePaperwork && PAPERWORK.test(path.basename(file)))
    ) {
      skipped.push(path.relative(process.cwd(), absolute) || absolute);
      return;
    }
    entries.push({ path: absolute });
  };
  const walkInto = async (dir: string): Promise<void> => {
    for (const found of await walk(dir, (sub) => excludedBy(sub, exclude))) {
      if ('missing' in found) entries.push(found);
      else add(found.path, true);
    }
  };
  for (const arg of args) {
    if (GLOB_CHARS.test(arg)) {
      const matches: string[] = [];
      for await (const match of glob(arg)) matches.push(match);
      if (matches.length === 0) entries.push({ missing: arg, reason: 'pattern matched no files' });
      for (const match of matches.sort()) {
        if ((await stat(match)).isDirectory()) await walkInto(match);
        else add(match);
      }
      continue;
    }
    let info;
    try {
      info = await stat(arg);
    } catch (error) {
      entries.push({
        missing: arg,
        reason:
          (error as NodeJS.ErrnoException).code === 'ENOENT'
            ? 'no such file or directory'
            : describeError(error),
      });
      continue;
    }
    if (info.isDirectory()) await walkInto(arg);
    else add(arg);
  }
  return { entries, skipped };
}

// A folder that cannot be listed (no permission, removed meanwhile) is reported as one failed entry
// and the walk goes on: one unreadable subfolder must not cost the rest of the tree.
async function walk(dir: string, skipFolder: (dir: string) => boolean): Promise<FileEntry[]> {
  const files: FileEntry[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const origin = path.relative(process.cwd(), dir) || dir;
    return [{ missing: origin, reason: `cannot read folder: ${describeError(error)}` }];
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skipFolder(full)) files.push(...(await walk(full, skipFolder)));
    } else if (entry.isFile() && SUPPORTED.has(path.extname(entry.name).toLowerCase()))
      files.push({ path: full });
  }
  return files;
}

export interface ReadOptions {
  maxFileBytes: number;
  /** Source for files that do not name their own (plain text, HTML). */
  defaultSource: Source;
  /** Publication time for items whose file carries none (checked: a Timestamp). */
  defaultPublished?: Timestamp | null;
  /** Language for items whose file states none, instead of identifying it from the text. */
  defaultLanguage?: string | null;
  onFileDone?: () => void;
  /** Bounds an HTML page must keep to be extracted (ECHOTRACE_HTML_MAX_*); default DEFAULT_HTML_LIMITS. */
  htmlLimits?: HtmlLimits;
}

export async function* readInputs(entries: FileEntry[], options: ReadOptions): AsyncGenerator<IngestInput> {
  for (const entry of entries) {
    if ('missing' in entry) {
      yield { failed: true, origin: entry.missing, reason: entry.reason };
      options.onFileDone?.();
      continue;
    }
    for await (const input of readOne(entry.path, options)) yield withDefaults(input, options);
    options.onFileDone?.();
  }
}

function withDefaults(input: IngestInput, options: ReadOptions): IngestInput {
  if ('failed' in input) return input;
  const published = input.publishedAt ?? options.defaultPublished ?? null;
  const language = input.language || options.defaultLanguage || null;
  if (published === input.publishedAt && language === (input.language ?? null)) return input;
  return { ...input, publishedAt: published, language };
}

async function* readOne(file: string, options: ReadOptions): AsyncGenerator<IngestInput> {
  const extension = path.extname(file).toLowerCase();
  const origin = path.relative(process.cwd(), file) || file;
  if (!SUPPORTED.has(extension)) {
    yield {
      failed: true,
      origin,
      reason: `unsupported file type ${extension || '(none)'}; expected one of ${INGEST_EXTENSIONS.join(' ')}`,
    };
    return;
  }
  if (extension === '.ndjson' || extension === '.jsonl') {
    yield* readNdjson(file, origin, options.defaultSource);
    return;
  }
  let bytes: Uint8Array;
  try {
    const { size } = await stat(file);
    if (size > options.maxFileBytes) {
      yield {
        failed: true,
        origin,
        reason: `file is ${formatBytes(size)}, over the ${formatBytes(options.maxFileBytes)} limit for whole-file formats (split it, convert to NDJSON, or raise ECHOTRACE_MAX_FILE_BYTES)`,
      };
      return;
    }
    bytes = await readFile(file);
  } catch (error) {
    yield { failed: true, origin, reason: `cannot read file: ${describeError(error)}` };
    return;
  }
  if (bytes.byteLength === 0) {
    yield { failed: true, origin, reason: 'empty file' };
    return;
  }
  yield* parseWhole(file, origin, extension, bytes, options.defaultSource, options.htmlLimits);
}

// The parsers report bad input as failures; anything they throw still stays with this one file, so
// the rest of the run is read and stored and the summary names the file.
function parseWhole(
  file: string,
  origin: string,
  extension: string,
  bytes: Uint8Array,
  source: Source,
  htmlLimits: HtmlLimits | undefined,
): IngestInput[] {
  const key = `file:${file}`;
  try {
    switch (extension) {
      case '.txt':
      case '.md':
        return parseTextFile(origin, key, bytes, source);
      case '.html':
      case '.htm':
        return parseHtmlFile(origin, key, bytes, source, htmlLimits);
      case '.json':
        return parseJsonFile(origin, bytes);
      default:
        return [];
    }
  } catch (error) {
    return [{ failed: true, origin, reason: InputError.problemOf(error, origin) }];
  }
}

async function* readNdjson(file: string, origin: string, defaultSource: Source): AsyncGenerator<IngestInput> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNumber = 0;
  let records = 0;
  try {
    for await (const line of lines) {
      lineNumber++;
      let input: IngestInput | null;
      try {
        input = parseNdjsonLine(origin, lineNumber, line, defaultSource);
      } catch (error) {
        const where = `${origin}:${lineNumber}`;
        input = { failed: true, origin: where, reason: InputError.problemOf(error, where) };
      }
      if (input) {
        records++;
        yield input;
      }
    }
  } catch (error) {
    yield {
      failed: true,
      origin: `${origin}:${lineNumber + 1}`,
      reason: `cannot read file: ${describeError(error)}`,
    };
    return;
  }
  // Silence would read as success: an empty export is usually a failed export upstream.
  if (records === 0)
    yield {
      failed: true,
      origin,
      reason: `0 records: ${lineNumber === 0 ? 'the file is empty' : `${lineNumber} blank line${lineNumber === 1 ? '' : 's'}`}`,
    };
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${(n / 1024).toFixed(1)} KB`;
}
