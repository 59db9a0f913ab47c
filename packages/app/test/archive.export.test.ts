// What an archive export selects, on a real SQLite store: a document ingested from a file is its
// capture (a resource), an unknown document is refused, and a bare end date includes its day.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError, NotFoundError, type Capture } from '@echotrace/core';
import { openSqliteStore } from '@echotrace/storage';
import { archiveTimeBound, exportArchive, ingestFiles } from '@echotrace/app';
import { tempDir } from './helpers/temp.dir.ts';

describe('exportArchive', () => {
  it('hands a file-ingested document over as its capture, and refuses what it cannot select', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'note.txt');
    await writeFile(file, 'Заметка о визите делегации в Минск.\n');
    const store = openSqliteStore(path.join(dir, 'archive.db'));
    try {
      await ingestFiles(
        { store, clock: { now: () => new Date('2024-06-01T00:00:00Z') }, enrichers: [] },
        { paths: [file], maxFileBytes: 1024 * 1024, dedupe: false },
      );
      const [document] = await store.documents.list({ limit: 10 });
      assert.ok(document);
      const resources: Array<[Capture, Uint8Array]> = [];
      const sink = {
        exchange: () => assert.fail('no HTTP exchange was archived'),
        resource: (capture: Capture, payload: Uint8Array) => resources.push([capture, payload]),
      };
      const result = await exportArchive(store, { documents: [document.id] }, sink);
      assert.deepEqual(result, { exchanges: 0, resources: 1, skipped: 0 });
      assert.equal(resources[0]![0].sha256, document.captureSha256);
      assert.equal(Buffer.from(resources[0]![1]).toString('utf8'), 'Заметка о визите делегации в Минск.\n');

      assert.deepEqual(await exportArchive(store, {}, sink), { exchanges: 0, resources: 0, skipped: 0 });
      await assert.rejects(exportArchive(store, { documents: ['0000000000000000'] }, sink), NotFoundError);
      await assert.rejects(
        exportArchive(store, { documents: [document.id], from: '2024-01-01T00:00:00.000Z' }, sink),
        InputError,
      );
    } finally {
      await store.close();
    }
  });

  it('reads time bounds as UTC, a bare end date through that day', () => {
    assert.equal(archiveTimeBound('2024-03-01', 'to', true), '2024-03-02T00:00:00.000Z');
    assert.equal(archiveTimeBound('2024-03-01', 'from', false), '2024-03-01T00:00:00.000Z');
    assert.equal(archiveTimeBound('2024-03-01T12:00:00+03:00', 'from', false), '2024-03-01T09:00:00.000Z');
    assert.throws(
      () => archiveTimeBound('yesterday', 'from', false),
      (e: unknown) => e instanceof InputError,
    );
  });
});
