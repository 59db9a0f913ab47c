// Row ↔ domain mapping for archive_entries, used by the archive repository.
import type { ArchiveEntry } from '@echotrace/core';
import type { Selectable } from 'kysely';
import type { ArchiveEntriesTable } from '../database/schema.ts';

export type ArchiveRow = Selectable<ArchiveEntriesTable>;

export const archiveFromRow = (row: ArchiveRow): ArchiveEntry => ({
  id: row.id,
  requestUrl: row.request_url,
  finalUrl: row.final_url,
  status: row.status,
  statusText: row.status_text,
  headers: JSON.parse(row.headers) as Record<string, string>,
  requestHeaders: JSON.parse(row.request_headers) as Record<string, string>,
  fetchedAt: row.fetched_at,
  sha256: row.sha256,
  byteLength: row.byte_length,
});
