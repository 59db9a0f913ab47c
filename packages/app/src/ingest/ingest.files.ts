// File-system side of `echotrace ingest`: expands paths and globs, reads files (NDJSON streamed line
// by line so its size is unbounded), and hands bytes to the pure parsers in @echotrace/extract.
import { createReadStream } from 'node:fs';
import { glob, readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describeError, type IngestInput, type Source } from '@echotrace/core';
import {
  INGEST_EXTENSIONS,
  parseHtmlFile,
  parseJsonFile,
  parseNdjsonLine,
  parseTextFile,
} from '@echotrace/extract';

const SUPPORTED = new Set<string>(INGEST_EXTENSIONS);
const GLOB_CHARS = /[*?[\]{}]/;

export type FileEntry = { path: string } | { missing: string; reason: string };

/** Expands arguments into files in a stable order; folders are walked for supported extensions. */
export async function expandPaths(args: string[]): Promise<FileEntry[]> {
  const entries: FileEntry[] = [];
  const seen = new Set<string>();
  const add = (file: string): void => {
    const absolute = path.resolve(file);
    if (seen.has(absolute)) return;
    seen.add(absolute);
    entries.push({ path: absolute });
  };
  for (const arg of args) {
    if (GLOB_CHARS.test(arg)) {
      const matches: string[] = [];
      for await (const match of glob(arg)) matches.push(match);
      if (matches.length === 0) entries.push({ missing: arg, reason: 'pattern matched no files' });
      for (const match of matches.sort()) {
        if ((await stat(match)).isDirectory()) for (const file of await walk(match)) add(file);
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
    if (info.isDirectory()) for (const file of await walk(arg)) add(file);
    else add(arg);
  }
  return entries;
}

async function walk(dir: string): Promise<string[]> {
  const files: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(full)));
    else if (entry.isFile() && SUPPORTED.has(path.extname(entry.name).toLowerCase())) files.push(full);
  }
  return files;
}

export interface ReadOptions {
  maxFileBytes: number;
  /** Source for files that do not name their own (plain text, HTML). */
  defaultSource: Source;
  onFileDone?: () => void;
}

export async function* readInputs(entries: FileEntry[], options: ReadOptions): AsyncGenerator<IngestInput> {
  for (const entry of entries) {
    if ('missing' in entry) {
      yield { failed: true, origin: entry.missing, reason: entry.reason };
      options.onFileDone?.();
      continue;
    }
    yield* readOne(entry.path, options);
    options.onFileDone?.();
  }
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
  const key = `file:${file}`;
  switch (extension) {
    case '.txt':
    case '.md':
      yield* parseTextFile(origin, key, bytes, options.defaultSource);
      return;
    case '.html':
    case '.htm':
      yield* parseHtmlFile(origin, key, bytes, options.defaultSource);
      return;
    case '.json':
      yield* parseJsonFile(origin, bytes);
      return;
  }
}

async function* readNdjson(file: string, origin: string, defaultSource: Source): AsyncGenerator<IngestInput> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber++;
      const input = parseNdjsonLine(origin, lineNumber, line, defaultSource);
      if (input) yield input;
    }
  } catch (error) {
    yield {
      failed: true,
      origin: `${origin}:${lineNumber + 1}`,
      reason: `cannot read file: ${describeError(error)}`,
    };
  }
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${(n / 1024).toFixed(1)} KB`;
}
