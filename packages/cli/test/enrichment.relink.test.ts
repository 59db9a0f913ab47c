// `entities relink` re-runs the entity enricher through the one runner, so screening, which reads
// the entity annotations, is re-run with it: the sanction annotations always match the entity
// annotations they were computed from (before, relink left them stale).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Annotation } from '@echotrace/core';
import { openSqliteStore } from '@echotrace/storage';
import { runCli, tempDir } from './cli.harness.ts';

const corpus = path.resolve(import.meta.dirname, '../../../demo/corpus');
const list = path.join(corpus, 'sanctions_demo.csv');

async function annotations(db: string): Promise<Annotation[]> {
  const store = openSqliteStore(db);
  try {
    const all: Annotation[] = [];
    for (const d of await store.documents.list({ limit: 10_000 }))
      all.push(...(await store.annotations.forDocument(d.id)));
    return all;
  } finally {
    await store.close();
  }
}

const sanctionKeys = (all: readonly Annotation[]) =>
  all
    .filter((a) => a.kind === 'sanction')
    .map(
      (a) =>
        `${a.documentId}:${a.start}-${a.end}:${String(a.attributes.entityId)}:${String(a.attributes.listEntryId)}`,
    )
    .sort();

describe('entities relink', () => {
  it('re-screens what it relinks: sanction annotations match the new entity annotations', async () => {
    const dir = tempDir();
    const relinked = path.join(dir, 'relinked.db');
    const direct = path.join(dir, 'direct.db');
    for (const db of [relinked, direct])
      assert.equal((await runCli(['sanctions', 'import', list, '--db', db])).code, 0);
    // Stored without enrichment: no entities, no sanctions; relink must produce both.
    const bare = await runCli(['ingest', corpus, '--no-enrich', '--db', relinked]);
    assert.equal(bare.code, 0, bare.stderr);
    assert.deepEqual(sanctionKeys(await annotations(relinked)), []);
    const relink = await runCli(['entities', 'relink', '--json', '--db', relinked]);
    assert.equal(relink.code, 0, relink.stderr);

    const after = await annotations(relinked);
    const sanctions = sanctionKeys(after);
    assert.ok(sanctions.length > 0, 'relinking screened the new entity annotations');
    // Every sanction sits on an entity annotation of the same entity, as screening writes it.
    const entities = new Set(
      after
        .filter((a) => a.kind === 'entity')
        .map((a) => `${a.documentId}:${a.start}-${a.end}:${String(a.attributes.entityId)}`),
    );
    for (const key of sanctions) assert.ok(entities.has(key.slice(0, key.lastIndexOf(':'))), key);
    // And they are what an enriched ingest of the same corpus writes.
    assert.equal((await runCli(['ingest', corpus, '--db', direct])).code, 0);
    assert.deepEqual(sanctions, sanctionKeys(await annotations(direct)));
  });
});
