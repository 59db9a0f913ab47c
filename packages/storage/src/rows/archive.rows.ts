// Row ↔ domain mapping for archive_entries, used by the archive repository.
import type { ArchiveEntry } from '@echotrace/core';

export interface ArchiveRow {
  id: string;
  request_url: string;
  final_url: string;
  status: number;
  status_text: string;
  headers: string;
  request_headers: string;
  fetched_at: string;
  sha256: string;
  byte_length: number;
}

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
