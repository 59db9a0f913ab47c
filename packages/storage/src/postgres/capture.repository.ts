import { sha256Hex, type Capture, type CaptureRepository } from '@echotrace/core';
import type { Sql } from './sql.client.ts';

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
  byteLength: Number(row.byte_length),
  mediaType: row.media_type,
  charset: row.charset,
  capturedAt: row.captured_at,
  origin: row.origin,
});

const META = 'sha256, byte_length, media_type, charset, captured_at, origin';

export function createCaptureRepository(sql: Sql): CaptureRepository {
  const get = async (sha256: string): Promise<Capture | null> => {
    const [row] = await sql.rows<CaptureRow>(`SELECT ${META} FROM captures WHERE sha256 = $1`, [sha256]);
    return row ? fromRow(row) : null;
  };
  return {
    async put(data, meta) {
      const sha256 = sha256Hex(data);
      await sql.run(
        `INSERT INTO captures (${META}, bytes) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (sha256) DO NOTHING`,
        [
          sha256,
          data.byteLength,
          meta.mediaType,
          meta.charset,
          meta.capturedAt,
          meta.origin,
          Buffer.from(data.buffer, data.byteOffset, data.byteLength),
        ],
      );
      return (await get(sha256))!;
    },
    get,
    async bytes(sha256) {
      const [row] = await sql.rows<{ bytes: Uint8Array }>('SELECT bytes FROM captures WHERE sha256 = $1', [
        sha256,
      ]);
      return row ? new Uint8Array(row.bytes) : null;
    },
    async has(sha256) {
      return (await sql.rows('SELECT 1 FROM captures WHERE sha256 = $1', [sha256])).length > 0;
    },
  };
}
