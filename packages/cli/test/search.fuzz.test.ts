// Property test from query text to SQL: any query the parser accepts runs on a real SQLite store
// and returns a page, or is refused with an InputError naming the query; never a database error
// (an FTS syntax error, a bad parameter) or a crash. Budget as in core's query.fuzz.test.ts.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { searchDocuments } from '@echotrace/app';
import { InputError, parseQuery, type Store } from '@echotrace/core';
import { openSqliteStore } from '@echotrace/storage';
import { runCli, tempDir } from './cli.harness.ts';

const RUNS = Number(process.env.ECHOTRACE_FUZZ_RUNS ?? 200);
const SEED = Number(process.env.ECHOTRACE_FUZZ_SEED ?? 16);

const piece = fc.constantFrom(
  'Пхеньян',
  'санкц*',
  'sanction*',
  '*',
  'AND',
  'OR',
  'NOT',
  '-',
  '(',
  ')',
  '"',
  "'",
  '«',
  '»',
  'lang:ru',
  'source:local-files',
  'from:2024',
  'to:2024-06',
  'entity:x',
  'NEAR',
  'NEAR(a b)',
  '^',
  '{a}',
  ':',
  '%',
  '_',
  '\\',
  ';',
  '--',
  '北京',
  'ё',
  '\u0301',
  ' ',
);

describe(`search from query to SQLite (${RUNS} runs, seed ${SEED})`, () => {
  let store: Store;
  before(async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.txt'), 'Пхеньян и санкции. Сеул молчит. sanctions NEAR Beijing 北京.\n');
    writeFileSync(path.join(dir, 'b.txt'), 'Пхеньян снова; 100% "quoted" text_with_underscores.\n');
    const db = path.join(dir, 'f.db');
    assert.equal((await runCli(['ingest', dir, '--db', db])).code, 0);
    store = openSqliteStore(db);
  });
  after(() => store.close());

  it('every parsed query returns a page or an InputError, never a database error', async () => {
    let executed = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { minLength: 1, maxLength: 16 }),
        fc.boolean(),
        async (parts, spaced) => {
          const text = parts.join(spaced ? ' ' : '');
          let query;
          try {
            query = parseQuery(text);
          } catch (error) {
            if (error instanceof InputError) return;
            throw error;
          }
          executed++;
          try {
            const result = await searchDocuments(store, { query, limit: 5, offset: 0 });
            assert.ok(result.total >= result.hits.length);
          } catch (error) {
            if (!(error instanceof InputError)) throw error;
            refused++;
          }
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
    console.log(`fuzz search on SQLite: ${executed} queries executed, ${refused} refused by the compiler`);
    assert.ok(executed > 0);
  });
});
