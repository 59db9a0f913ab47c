// Sanctions lists: reading OFAC (CSV or XML) and OpenSanctions (FtM JSON lines) files, importing a
// parsed list into the store (what it added and removed is recorded), and screening one name.
// Screening stored documents is the enrichment runner's (packages/app/src/enrichment).
import { readFile } from 'node:fs/promises';
import type { ParsedSanctionsList, Store } from '@echotrace/core';
import {
  createSanctionsMatcher,
  parseSanctionsFiles,
  type MatchCandidate,
  type MatchOptions,
} from '@echotrace/sanctions';

// OFAC files are ASCII or Windows-1252; FtM is UTF-8. Decode as UTF-8 when valid, else as Latin-1.
function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('latin1').decode(bytes);
  }
}

/** Reads and parses the files as one list; rows that cannot be read are in `issues`. */
export async function readSanctionsFiles(paths: string[], list?: string): Promise<ParsedSanctionsList> {
  const files = [];
  for (const file of paths) files.push({ name: file, text: decode(await readFile(file)) });
  return parseSanctionsFiles(files, list);
}

export interface SanctionsImportSummary {
  list: string;
  publishedOn: string | null;
  entries: number;
  aliases: number;
  relations: number;
  added: number;
  removed: number;
  updated: number;
  unchanged: number;
  issues: ParsedSanctionsList['issues'];
  addedIds: readonly string[];
  removedIds: readonly string[];
}

export async function importSanctionsList(
  store: Store,
  parsed: ParsedSanctionsList,
  request: { sources: string[]; publishedOn?: string; now: Date },
): Promise<SanctionsImportSummary> {
  const publishedOn = parsed.publishedOn ?? request.publishedOn;
  const record = await store.sanctions.importList({
    list: parsed.list,
    sources: request.sources,
    ...(publishedOn !== undefined && { publishedOn }),
    importedAt: request.now.toISOString(),
    entries: parsed.entries,
    relations: parsed.relations,
  });
  return {
    list: parsed.list,
    publishedOn: record.publishedOn,
    entries: parsed.entries.length,
    aliases: parsed.entries.reduce((sum, entry) => sum + entry.aliases.length, 0),
    relations: parsed.relations.length,
    added: record.added.length,
    removed: record.removed.length,
    updated: record.updated.length,
    unchanged: record.unchanged,
    issues: parsed.issues,
    addedIds: record.added,
    removedIds: record.removed,
  };
}

/** Candidates for one name, best first; null while no list (or not the named one) is imported. */
export async function matchSanctionedName(
  store: Store,
  request: { query: string; list?: string } & MatchOptions,
): Promise<MatchCandidate[] | null> {
  const entries = await store.sanctions.entries(request.list);
  if (entries.length === 0) return null;
  const { query, list: _list, ...options } = request;
  return createSanctionsMatcher(entries).matchName(query, options);
}
