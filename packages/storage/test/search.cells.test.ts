// Score-bound cells (database/sqlite.score-bound.ts) must not change a single result: the search
// that reads the best cells first and stops is compared with scoring every match, on a corpus of
// varied lengths, repeated words, titles and tied scores, for pages of several sizes; entries from
// before the cells (cell 0) and their filing, and a document replaced by another text, too.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { indexForm, parseQuery } from '@echotrace/core';
import { fileSearchCells, openSqliteStore, type SqliteStore } from '@echotrace/storage';
import { sql } from 'kysely';
import { compileMatch } from '../src/database/full-text.ts';
import { fts5Syntax, rankedAll, rankedByCells } from '../src/database/sqlite.full-text.ts';
import { CELL_SHIFT } from '../src/database/sqlite.score-bound.ts';
import { buildDocument, buildSource, storeDocument } from './contract/builders.ts';

const WORDS = [
  'санкции',
  'переговоры',
  'Москва',
  'Украина',
  'Киев',
  'нефть',
  'газ',
  'армия',
  'ракеты',
  'выборы',
  'президент',
  'Европа',
  'Китай',
  'экономика',
  'рубль',
  'sanctions',
  'talks',
  'border',
  'drone',
  'oil',
];
const FILLER = ['в', 'и', 'на', 'что', 'это', 'the', 'of', 'and', 'сегодня', 'заявил', 'источник', 'стало'];
const QUERIES = [
  'санкции',
  'Москва',
  'Украина -Киев',
  'нефть OR газ',
  '"Москва нефть"',
  'армия',
  'выборы президента',
  'oil',
  'drone OR border OR talks',
  'Китай -рубль',
  'рубль',
  'sanctions',
  '(нефть OR газ) Европа',
];

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function text(next: () => number): string {
  const length = 2 + Math.floor(next() ** 3 * 300);
  const favourite = WORDS[Math.floor(next() * WORDS.length)]!;
  const words: string[] = [];
  for (let i = 0; i < length; i++) {
    const roll = next();
    words.push(
      roll < 0.5
        ? FILLER[Math.floor(next() * FILLER.length)]!
        : roll < 0.65
          ? favourite
          : WORDS[Math.floor(next() * WORDS.length)]!,
    );
  }
  return `${words.join(' ')}.`;
}

const include = (q: string): string => compileMatch(parseQuery(q).text, q, fts5Syntax).include!;

async function bothWays(store: SqliteStore, q: string, wanted: number) {
  const db = store.context.db();
  const cells = await rankedByCells(db, store.db, include(q), wanted, { always: true });
  const all = await rankedAll(db, { include: include(q), filter: null, limit: wanted, offset: 0 });
  return { cells, all };
}

describe('search by score-bound cells finds what scoring every match finds', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'echotrace-cells-'));
  const store = openSqliteStore(path.join(dir, 'cells.db'));
  before(async () => {
    await store.sources.upsert(buildSource());
    const next = random(18);
    for (let i = 0; i < 700; i++) {
      // Every seventh document repeats an earlier one: equal scores, broken by date and id.
      const body = i % 7 === 6 ? text(random(i - 6)) : text(next);
      await storeDocument(
        store,
        buildDocument({
          key: `cells:${i}`,
          text: body,
          title: i % 5 === 0 ? text(random(1000 + i)).slice(0, 60) : null,
          publishedAt: i % 11 === 0 ? null : `2024-0${1 + (i % 9)}-1${i % 10}T10:00:00Z`,
        }),
      );
    }
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same hits, scores and order for every query and page size', async () => {
    let pruned = 0;
    for (const q of QUERIES) {
      for (const wanted of [1, 10, 37]) {
        const { cells, all } = await bothWays(store, q, wanted);
        // Fewer matches than wanted: every match is scored anyway.
        if (all.total < wanted) {
          assert.equal(cells, null, q);
          continue;
        }
        assert.ok(cells, `${q}: every phrase has a bound, so the cells are read`);
        assert.equal(cells.total, all.total, q);
        assert.deepEqual(cells.rows, all.rows, `${q}, first ${wanted}`);
        if (all.total > wanted) pruned++;
      }
    }
    assert.ok(pruned > 20, 'most searches have more matches than the page');
  });

  it('scores every match when a phrase has no bound (a prefix)', async () => {
    assert.equal(
      await rankedByCells(store.context.db(), store.db, include('санкц*'), 10, { always: true }),
      null,
    );
  });

  it('files the entries of before the cells and finds the same before and after', async () => {
    const db = store.context.db();
    const before = await Promise.all(
      QUERIES.map((q) => rankedAll(db, { include: include(q), filter: null, limit: 10, offset: 0 })),
    );
    // As a store indexed before migration 0160 holds them: rowid alone, no cell.
    const rows = await sql<{ rowid: number; title: string | null; text: string; cell: number }>`
      SELECT d.rowid AS rowid, d.title AS title, d.text AS text, c.cell AS cell
      FROM documents d JOIN documents_fts_cells c ON c.rowid = d.rowid`.execute(db);
    for (const row of rows.rows) {
      await sql`DELETE FROM documents_fts WHERE rowid = ${row.cell * CELL_SHIFT + row.rowid}`.execute(db);
      await sql`INSERT INTO documents_fts (rowid, title, body)
        VALUES (${row.rowid}, ${indexForm(row.title ?? '')}, ${indexForm(row.text)})`.execute(db);
    }
    await sql`DELETE FROM documents_fts_cells`.execute(db);
    for (const [i, q] of QUERIES.entries()) {
      const { cells, all } = await bothWays(store, q, 10);
      assert.deepEqual(all, before[i], `${q} in cell 0`);
      if (all.total >= 10) assert.deepEqual(cells, all, `${q} in cell 0, by cells`);
    }
    const { filed } = await fileSearchCells(store, { batchSize: 100 });
    assert.equal(filed, rows.rows.length);
    assert.equal((await fileSearchCells(store)).filed, 0, 'a second run has nothing left to file');
    for (const [i, q] of QUERIES.entries()) {
      const { cells, all } = await bothWays(store, q, 10);
      assert.deepEqual(all, before[i], `${q} after filing`);
      if (all.total >= 10) assert.deepEqual(cells, all, `${q} after filing, by cells`);
    }
  });

  it('moves a replaced document to its new cell and forgets its old words', async () => {
    const replaced = buildDocument({
      key: 'cells:3',
      text: 'землетрясение землетрясение в горах',
      title: null,
    });
    await storeDocument(store, replaced);
    const old = await store.search.search({
      query: parseQuery('"Москва нефть" OR санкции'),
      limit: 1000,
      offset: 0,
    });
    assert.ok(!old.hits.some((h) => h.documentId === replaced.id), 'the old text is not found');
    const found = await store.search.search({ query: parseQuery('землетрясение'), limit: 10, offset: 0 });
    assert.deepEqual(
      found.hits.map((h) => h.documentId),
      [replaced.id],
    );
    const entries = await sql<{ n: number }>`SELECT count(*) AS n FROM documents_fts`.execute(
      store.context.db(),
    );
    assert.equal(Number(entries.rows[0]!.n), 700, 'one entry per document');
    for (const q of QUERIES) {
      const { cells, all } = await bothWays(store, q, 10);
      if (all.total >= 10) assert.deepEqual(cells, all, `${q} after the replacement`);
    }
  });
});
