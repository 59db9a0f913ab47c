import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SanctionsEntry, SanctionsRepository } from '@echotrace/core';
import { createSanctionsRepository, openSqliteStore, type SqliteStore } from '@echotrace/storage';

function entry(id: string, name: string, programs = ['P1']): SanctionsEntry {
  return {
    id,
    list: 'test',
    kind: 'person',
    name,
    aliases: [{ name: `${name} ALIAS`, kind: 'aka' }],
    programs,
    listedOn: ['2022-01-01'],
    identifiers: [{ kind: 'Tax ID No.', value: `TAX${id}` }],
    birthDates: [],
    addresses: [],
    countries: ['Russia'],
  };
}

describe('SQLite sanctions repository', () => {
  let dir: string;
  let store: SqliteStore;
  let repository: SanctionsRepository;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'echotrace-sanctions-'));
    store = openSqliteStore(path.join(dir, 'test.db'));
    repository = createSanctionsRepository(store.db);
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores entries, relations and the import record', async () => {
    const record = await repository.importList({
      list: 'test',
      sources: ['sdn.csv'],
      publishedOn: '2023-01-15',
      importedAt: '2023-01-16T00:00:00.000Z',
      entries: [entry('1', 'ONE, Person'), entry('2', 'TWO, Person')],
      relations: [{ list: 'test', fromId: '2', kind: 'linked-to', toId: '1', toName: 'ONE, Person' }],
    });
    assert.deepEqual(record.added, ['1', '2']);
    assert.deepEqual(record.removed, []);
    assert.deepEqual(await repository.getEntry('test', '1'), entry('1', 'ONE, Person'));
    assert.deepEqual(await repository.relationsOf('test', '1'), [
      { list: 'test', fromId: '2', kind: 'linked-to', toId: '1', toName: 'ONE, Person' },
    ]);
    assert.deepEqual(await repository.lists(), [
      { list: 'test', entries: 2, lastImportAt: '2023-01-16T00:00:00.000Z', publishedOn: '2023-01-15' },
    ]);
  });

  it('records additions, removals and updates when a newer list is imported', async () => {
    await repository.importList({
      list: 'test',
      sources: ['old.csv'],
      importedAt: '2023-01-16T00:00:00.000Z',
      entries: [entry('1', 'ONE, Person'), entry('2', 'TWO, Person'), entry('3', 'THREE, Person')],
      relations: [],
    });
    const record = await repository.importList({
      list: 'test',
      sources: ['new.csv'],
      publishedOn: '2024-02-01',
      importedAt: '2024-02-02T00:00:00.000Z',
      entries: [
        entry('1', 'ONE, Person'),
        entry('2', 'TWO, Person', ['P1', 'P2']),
        entry('4', 'FOUR, Person'),
      ],
      relations: [],
    });
    assert.deepEqual(record.added, ['4']);
    assert.deepEqual(record.removed, ['3']);
    assert.deepEqual(record.updated, ['2']);
    assert.equal(record.unchanged, 1);
    assert.deepEqual(
      (await repository.entries('test')).map((stored) => stored.id),
      ['1', '2', '4'],
    );
    assert.equal(await repository.getEntry('test', '3'), null);
    assert.deepEqual((await repository.getEntry('test', '2'))?.programs, ['P1', 'P2']);
    assert.deepEqual(await repository.entryHistory('test', '3'), {
      firstSeenAt: '2023-01-16T00:00:00.000Z',
      removedAt: '2024-02-02T00:00:00.000Z',
    });
    const history = await repository.imports('test');
    assert.deepEqual(
      history.map((item) => item.sources),
      [['new.csv'], ['old.csv']],
    );
  });

  it('counts an entry listed again after removal as added', async () => {
    const base = { list: 'test', sources: ['x'], relations: [] };
    await repository.importList({
      ...base,
      importedAt: '2023-01-01T00:00:00Z',
      entries: [entry('1', 'ONE, Person')],
    });
    await repository.importList({ ...base, importedAt: '2023-02-01T00:00:00Z', entries: [] });
    const record = await repository.importList({
      ...base,
      importedAt: '2023-03-01T00:00:00Z',
      entries: [entry('1', 'ONE, Person')],
    });
    assert.deepEqual(record.added, ['1']);
    assert.deepEqual((await repository.entryHistory('test', '1')).removedAt, null);
  });

  it('keeps lists apart', async () => {
    const base = { sources: ['x'], relations: [], importedAt: '2023-01-01T00:00:00Z' };
    await repository.importList({ ...base, list: 'a', entries: [entry('1', 'ONE, Person')] });
    await repository.importList({ ...base, list: 'b', entries: [entry('1', 'OTHER, Person')] });
    assert.equal((await repository.getEntry('a', '1'))?.name, 'ONE, Person');
    assert.equal((await repository.getEntry('b', '1'))?.list, 'b');
    assert.equal((await repository.entries()).length, 2);
  });
});
