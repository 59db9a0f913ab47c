// The sanctions repository contract: every adapter's SanctionsRepository must pass it unchanged.
import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import type { SanctionsEntry, SanctionsImport, Store } from '@echotrace/core';
import type { StoreFactory } from './store.contract.ts';

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

export function describeSanctionsRepositoryContract(adapter: string, factory: StoreFactory): void {
  describe(`SanctionsRepository contract: ${adapter}`, () => {
    let store: Store;
    const importList = (data: Partial<SanctionsImport> & Pick<SanctionsImport, 'importedAt' | 'entries'>) =>
      store.sanctions.importList({ list: 'test', sources: ['x'], relations: [], ...data });
    beforeEach(async () => {
      if (store) await factory.destroy(store);
      store = await factory.create();
    });
    after(async () => {
      if (store) await factory.destroy(store);
    });

    it('stores entries, relations and the import record', async () => {
      const record = await importList({
        sources: ['sdn.csv'],
        publishedOn: '2023-01-15',
        importedAt: '2023-01-16T00:00:00.000Z',
        entries: [entry('1', 'ONE, Person'), entry('2', 'TWO, Person')],
        relations: [{ list: 'test', fromId: '2', kind: 'linked-to', toId: '1', toName: 'ONE, Person' }],
      });
      assert.deepEqual(record.added, ['1', '2']);
      assert.deepEqual(record.removed, []);
      assert.deepEqual(record.sources, ['sdn.csv']);
      assert.equal(record.publishedOn, '2023-01-15');
      assert.equal(typeof record.id, 'number');
      assert.deepEqual(await store.sanctions.getEntry('test', '1'), entry('1', 'ONE, Person'));
      assert.equal(await store.sanctions.getEntry('test', '9'), null);
      assert.deepEqual(await store.sanctions.relationsOf('test', '1'), [
        { list: 'test', fromId: '2', kind: 'linked-to', toId: '1', toName: 'ONE, Person' },
      ]);
      assert.deepEqual(await store.sanctions.lists(), [
        { list: 'test', entries: 2, lastImportAt: '2023-01-16T00:00:00.000Z', publishedOn: '2023-01-15' },
      ]);
      assert.deepEqual(await store.sanctions.imports(), [record]);
    });

    it('reads entries back exactly as imported, optional fields included', async () => {
      const full: SanctionsEntry = {
        ...entry('7', 'SEVEN, Person'),
        kind: 'vessel',
        aliases: [
          { name: 'СЕМЬ', kind: 'fka' },
          { name: 'Seven weak', kind: 'aka', weak: true },
        ],
        birthDates: ['1952'],
        addresses: [{ city: 'Moscow', country: 'Russia' }, { full: 'ул. Тверская, 1' }],
        title: 'Captain',
        remarks: 'IMO 1234567; «кавычки» and \\ backslash',
      };
      await importList({ importedAt: '2023-01-01T00:00:00Z', entries: [full] });
      assert.deepEqual(await store.sanctions.getEntry('test', '7'), full);
      assert.deepEqual(await store.sanctions.entries('test'), [full]);
    });

    it('records additions, removals and updates when a newer list is imported', async () => {
      await importList({
        sources: ['old.csv'],
        importedAt: '2023-01-16T00:00:00.000Z',
        entries: [entry('1', 'ONE, Person'), entry('2', 'TWO, Person'), entry('3', 'THREE, Person')],
      });
      const record = await importList({
        sources: ['new.csv'],
        publishedOn: '2024-02-01',
        importedAt: '2024-02-02T00:00:00.000Z',
        entries: [
          entry('1', 'ONE, Person'),
          entry('2', 'TWO, Person', ['P1', 'P2']),
          entry('4', 'FOUR, Person'),
        ],
      });
      assert.deepEqual(record.added, ['4']);
      assert.deepEqual(record.removed, ['3']);
      assert.deepEqual(record.updated, ['2']);
      assert.equal(record.unchanged, 1);
      assert.deepEqual(
        (await store.sanctions.entries('test')).map((stored) => stored.id),
        ['1', '2', '4'],
      );
      assert.equal(await store.sanctions.getEntry('test', '3'), null);
      assert.deepEqual((await store.sanctions.getEntry('test', '2'))?.programs, ['P1', 'P2']);
      assert.deepEqual(await store.sanctions.entryHistory('test', '3'), {
        firstSeenAt: '2023-01-16T00:00:00.000Z',
        removedAt: '2024-02-02T00:00:00.000Z',
      });
      assert.deepEqual(await store.sanctions.entryHistory('test', '2'), {
        firstSeenAt: '2023-01-16T00:00:00.000Z',
        removedAt: null,
      });
      assert.deepEqual(await store.sanctions.entryHistory('test', 'never'), {
        firstSeenAt: null,
        removedAt: null,
      });
      const history = await store.sanctions.imports('test');
      assert.deepEqual(
        history.map((item) => item.sources),
        [['new.csv'], ['old.csv']],
      );
      assert.deepEqual((await store.sanctions.lists())[0]?.entries, 3);
    });

    it('reports removals in id order and counts a repeated id once', async () => {
      await importList({
        importedAt: '2023-01-01T00:00:00Z',
        entries: ['b', 'a', 'c', 'B'].map((id) => entry(id, `${id}, Person`)),
      });
      const record = await importList({
        importedAt: '2023-02-01T00:00:00Z',
        entries: [entry('x', 'X, Person'), entry('x', 'X again, Person')],
      });
      assert.deepEqual(record.removed, ['B', 'a', 'b', 'c'], 'byte order, as ids are compared');
      assert.deepEqual(record.added, ['x']);
      assert.equal((await store.sanctions.getEntry('test', 'x'))?.name, 'X, Person');
    });

    it('counts an entry listed again after removal as added', async () => {
      await importList({ importedAt: '2023-01-01T00:00:00Z', entries: [entry('1', 'ONE, Person')] });
      await importList({ importedAt: '2023-02-01T00:00:00Z', entries: [] });
      assert.deepEqual(await store.sanctions.entries(), []);
      const record = await importList({
        importedAt: '2023-03-01T00:00:00Z',
        entries: [entry('1', 'ONE, Person')],
      });
      assert.deepEqual(record.added, ['1']);
      assert.deepEqual(record.updated, []);
      assert.deepEqual(await store.sanctions.entryHistory('test', '1'), {
        firstSeenAt: '2023-01-01T00:00:00Z',
        removedAt: null,
      });
    });

    it('keeps lists apart', async () => {
      const base = { importedAt: '2023-01-01T00:00:00Z' };
      await importList({ ...base, list: 'b', entries: [entry('1', 'OTHER, Person')] });
      await importList({ ...base, list: 'a', entries: [entry('1', 'ONE, Person')] });
      assert.equal((await store.sanctions.getEntry('a', '1'))?.name, 'ONE, Person');
      assert.equal((await store.sanctions.getEntry('b', '1'))?.list, 'b');
      assert.deepEqual(
        (await store.sanctions.entries()).map((e) => `${e.list}:${e.id}`),
        ['a:1', 'b:1'],
      );
      assert.deepEqual(
        (await store.sanctions.lists()).map((l) => l.list),
        ['a', 'b'],
      );
      await importList({ importedAt: '2023-05-01T00:00:00Z', list: 'a', entries: [] });
      assert.equal((await store.sanctions.getEntry('b', '1'))?.name, 'OTHER, Person');
      assert.deepEqual(
        (await store.sanctions.imports()).map((i) => [i.list, i.importedAt]),
        [
          ['a', '2023-05-01T00:00:00Z'],
          ['a', '2023-01-01T00:00:00Z'],
          ['b', '2023-01-01T00:00:00Z'],
        ],
        'newest first; same instant: the later import first',
      );
    });

    it('replaces relations on each import and orders them by subject, kind and object', async () => {
      const entries = ['1', '2', '3'].map((id) => entry(id, `${id}, Person`));
      await importList({
        importedAt: '2023-01-01T00:00:00Z',
        entries,
        relations: [{ list: 'test', fromId: '1', kind: 'linked-to', toId: '3' }],
      });
      await importList({
        importedAt: '2023-02-01T00:00:00Z',
        entries,
        relations: [
          { list: 'test', fromId: '2', kind: 'ownership', toId: '1', detail: '37000 shares' },
          { list: 'test', fromId: '1', kind: 'linked-to', toId: '2', startDate: '2020-01-01' },
          { list: 'test', fromId: '1', kind: 'linked-to', toName: 'Unlisted LLC', endDate: '2021-12-31' },
          { list: 'test', fromId: '1', kind: 'family', toId: '2' },
        ],
      });
      assert.deepEqual(await store.sanctions.relationsOf('test', '1'), [
        { list: 'test', fromId: '1', kind: 'family', toId: '2' },
        { list: 'test', fromId: '1', kind: 'linked-to', toName: 'Unlisted LLC', endDate: '2021-12-31' },
        { list: 'test', fromId: '1', kind: 'linked-to', toId: '2', startDate: '2020-01-01' },
        { list: 'test', fromId: '2', kind: 'ownership', toId: '1', detail: '37000 shares' },
      ]);
      assert.deepEqual(await store.sanctions.relationsOf('test', '3'), [], 'the old relation is gone');
    });

    it('imports a list of thousands of entries and re-imports it as unchanged', async () => {
      const many = Array.from({ length: 2500 }, (_, i) => entry(String(i).padStart(5, '0'), `N${i}, Person`));
      const first = await importList({ importedAt: '2023-01-01T00:00:00Z', entries: many });
      assert.equal(first.added.length, 2500);
      const changed = many.map((e, i) => (i % 1000 === 0 ? { ...e, programs: ['P9'] } : e));
      const second = await importList({
        importedAt: '2023-02-01T00:00:00Z',
        entries: changed.slice(0, 2400),
      });
      assert.deepEqual(second.updated, ['00000', '01000', '02000']);
      assert.equal(second.unchanged, 2397);
      assert.equal(second.removed.length, 100);
      assert.deepEqual(await store.sanctions.lists(), [
        { list: 'test', entries: 2400, lastImportAt: '2023-02-01T00:00:00Z', publishedOn: null },
      ]);
      assert.deepEqual((await store.sanctions.getEntry('test', '01000'))?.programs, ['P9']);
    });

    it("keeps analysts' decisions per (entity, entry) pair, the latest winning, across re-imports", async () => {
      await importList({ importedAt: '2023-01-16T00:00:00.000Z', entries: [entry('1', 'ONE, Person')] });
      const decision = {
        entityId: 'person:one',
        list: 'test',
        listEntryId: '1',
        status: 'confirmed' as const,
        reason: 'same date of birth',
        decidedAt: '2024-01-01T00:00:00.000Z',
      };
      await store.sanctions.decide(decision);
      await store.sanctions.decide({
        ...decision,
        entityId: 'person:other',
        status: 'dismissed',
        reason: 'namesake',
      });
      await store.sanctions.decide({ ...decision, status: 'dismissed', reason: 'a namesake after all' });
      // A re-import without the entry, and one with it again, leave the decisions as they were.
      await importList({ importedAt: '2023-02-16T00:00:00.000Z', entries: [] });
      await importList({ importedAt: '2023-03-16T00:00:00.000Z', entries: [entry('1', 'ONE, Person')] });
      assert.deepEqual(await store.sanctions.decisions(), [
        { ...decision, status: 'dismissed', reason: 'a namesake after all' },
        { ...decision, entityId: 'person:other', status: 'dismissed', reason: 'namesake' },
      ]);
      assert.deepEqual(
        (await store.sanctions.decisions('person:other')).map((d) => d.reason),
        ['namesake'],
      );
      assert.deepEqual(await store.sanctions.decisions('nobody'), []);
    });
  });
}
