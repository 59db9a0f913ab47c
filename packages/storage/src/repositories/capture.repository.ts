// Captures (raw bytes under their SHA-256), written once over Kysely for every dialect.
import { sha256Hex, type Capture, type CaptureRepository } from '@echotrace/core';
import type { Selectable } from 'kysely';
import { prepared } from '../database/prepared.ts';
import type { CapturesTable } from '../database/schema.ts';
import type { StoreContext } from '../database/unit-of-work.ts';

const META = ['sha256', 'byte_length', 'media_type', 'charset', 'captured_at', 'origin'] as const;

type CaptureMeta = Omit<Selectable<CapturesTable>, 'bytes'>;

const fromRow = (row: CaptureMeta): Capture => ({
  sha256: row.sha256,
  byteLength: Number(row.byte_length),
  mediaType: row.media_type,
  charset: row.charset,
  capturedAt: row.captured_at,
  origin: row.origin,
});

export function createCaptureRepository(context: StoreContext): CaptureRepository {
  const insert = prepared<Selectable<CapturesTable>, CaptureMeta>(context, (db, slot) =>
    db
      .insertInto('captures')
      .values({
        sha256: slot('sha256'),
        byte_length: slot('byte_length'),
        media_type: slot('media_type'),
        charset: slot('charset'),
        captured_at: slot('captured_at'),
        origin: slot('origin'),
        bytes: slot('bytes'),
      })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .returning(META),
  );
  const select = prepared<{ sha256: string }, CaptureMeta>(context, (db, slot) =>
    db.selectFrom('captures').select(META).where('sha256', '=', slot('sha256')),
  );
  const get = async (sha256: string): Promise<Capture | null> => {
    const [row] = (await select({ sha256 })).rows;
    return row ? fromRow(row) : null;
  };
  return {
    async put(data, meta) {
      const sha256 = sha256Hex(data);
      const [inserted] = (
        await insert({
          sha256,
          byte_length: data.byteLength,
          media_type: meta.mediaType,
          charset: meta.charset,
          captured_at: meta.capturedAt,
          origin: meta.origin,
          // better-sqlite3 binds a Buffer, not a bare Uint8Array.
          bytes: Buffer.from(data.buffer, data.byteOffset, data.byteLength),
        })
      ).rows;
      // Nothing comes back when the bytes were stored before: then the stored row is the answer.
      return inserted ? fromRow(inserted) : (await get(sha256))!;
    },
    get,
    async bytes(sha256) {
      const row = await context
        .db()
        .selectFrom('captures')
        .select('bytes')
        .where('sha256', '=', sha256)
        .executeTakeFirst();
      return row ? new Uint8Array(context.dialect.decodeBytes(row.bytes)) : null;
    },
    async has(sha256) {
      return (await get(sha256)) !== null;
    },
  };
}
