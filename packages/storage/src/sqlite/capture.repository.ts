import { sha256Hex, type Capture, type CaptureRepository } from '@echotrace/core';
import type Database from 'better-sqlite3';

interface CaptureRow {
  sha256: string;
  byte_length: number;
  media_type: string;
  charset: string | null;
  captured_at: string;
  origin: string;
}

const fromRow = (row: CaptureRow): Capture => ({
  sha256: row.sha256,
  byteLength: row.byte_length,
  mediaType: row.media_type,
  charset: row.charset,
  capturedAt: row.captured_at,
  origin: row.origin,
});

export function createCaptureRepository(db: Database.Database): CaptureRepository {
  const insert = db.prepare(
    `INSERT INTO captures (sha256, byte_length, media_type, charset, captured_at, origin, bytes)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING`,
  );
  const get = db.prepare(
    'SELECT sha256, byte_length, media_type, charset, captured_at, origin FROM captures WHERE sha256 = ?',
  );
  const bytes = db.prepare('SELECT bytes FROM captures WHERE sha256 = ?').pluck();
  const has = db.prepare('SELECT 1 FROM captures WHERE sha256 = ?').pluck();
  return {
    async put(data, meta) {
      const sha256 = sha256Hex(data);
      insert.run(
        sha256,
        data.byteLength,
        meta.mediaType,
        meta.charset,
        meta.capturedAt,
        meta.origin,
        Buffer.from(data.buffer, data.byteOffset, data.byteLength),
      );
      return fromRow(get.get(sha256) as CaptureRow);
    },
    async get(sha256) {
      const row = get.get(sha256) as CaptureRow | undefined;
      return row ? fromRow(row) : null;
    },
    async bytes(sha256) {
      const data = bytes.get(sha256) as Buffer | undefined;
      return data ? new Uint8Array(data) : null;
    },
    async has(sha256) {
      return has.get(sha256) === 1;
    },
  };
}
