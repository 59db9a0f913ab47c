// Narrative labels on a real SQLite store: the demo corpus is labelled as it is ingested, an
// analyst's rejection removes a label at once, survives re-enrichment, and search filters by label.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { InputError, parseQuery } from '@echotrace/core';
import { openSqliteStore } from '@echotrace/storage';
import {
  createEnrichment,
  decideLabel,
  documentLabels,
  ingestFiles,
  narrativeCounts,
  narrativeDocuments,
  searchDocuments,
} from '@echotrace/app';
import { tempDir } from './helpers/temp.dir.ts';

const corpus = path.resolve(import.meta.dirname, '../../../demo/corpus');
const ALLIANCE = 'demo-moscow-beijing-pyongyang-alliance';

describe('narrative labels', () => {
  it('labels the demo corpus, and an analyst rejection holds through re-enrichment and search', async () => {
    const store = openSqliteStore(path.join(tempDir(), 'labels.db'));
    try {
      const enrichment = await createEnrichment(store, { threads: 1 });
      await ingestFiles(
        { store, clock: { now: () => new Date('2024-06-01T00:00:00Z') }, enrichers: enrichment },
        { paths: [path.join(corpus, 'articles.ndjson')], maxFileBytes: 64 * 1024 * 1024, dedupe: false },
      );
      const counts = await narrativeCounts(store);
      const alliance = counts.find((c) => c.id === ALLIANCE);
      assert.ok(alliance && alliance.documents > 0, JSON.stringify(counts.map((c) => c.id)));
      assert.equal(
        Object.values(alliance.byMonth).reduce((a, b) => a + b, 0),
        alliance.documents,
      );

      const shown = await narrativeDocuments(store, ALLIANCE);
      const first = shown.documents[0]!;
      const doc = (await store.documents.get(first.documentId))!;
      for (const e of first.evidence) assert.equal(doc.text.slice(e.start, e.end), e.text);

      const search = async (q: string): Promise<string[]> =>
        (await searchDocuments(store, { query: parseQuery(q), limit: 100, offset: 0 })).hits.map(
          (h) => h.documentId,
        );
      assert.ok((await search(`narrative:${ALLIANCE}`)).includes(doc.id));

      const outcome = await decideLabel(store, {
        documentId: doc.id,
        kind: 'narrative',
        label: ALLIANCE,
        status: 'rejected',
        analyst: 'test',
        note: 'not advocacy',
        now: new Date('2026-12-02T12:00:00Z'),
      });
      assert.equal(outcome.decision.labelId, ALLIANCE);
      const labels = await documentLabels(store, doc.id);
      assert.deepEqual(
        labels.filter((l) => l.id === ALLIANCE).map((l) => [l.decision, l.method]),
        [['rejected', 'analyst']],
      );
      assert.ok(!(await search(`narrative:${ALLIANCE}`)).includes(doc.id));

      // Re-enrichment (as a re-ingest or a relink would) reads the decision from the store.
      const again = await createEnrichment(store, { threads: 1 });
      const [output] = await again.compute([doc]);
      assert.ok(!output!['narratives']!.some((a) => a.label === ALLIANCE));

      await assert.rejects(
        decideLabel(store, {
          documentId: doc.id,
          kind: 'technique',
          label: 'shouting',
          status: 'confirmed',
          now: new Date(),
        }),
        InputError,
      );
    } finally {
      await store.close();
    }
  });
});
