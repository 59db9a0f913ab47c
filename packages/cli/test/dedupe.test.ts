import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { documentIdForKey } from '@echotrace/core';
import {
  dedupeDocument,
  forwardEdgesOf,
  parseJsonFile,
  runDedupe,
  signatureScheme,
} from '@echotrace/extract';
import { openSqliteStore } from '@echotrace/storage';
import { loadCopiesSection, writeCopiesSection } from '../src/copies.section.ts';
import { runCli, tempDir } from './cli.harness.ts';

// Invented posts: a wire channel, a channel that reposts with its own header and signature, and a
// Telegram Desktop export with a forward.
const STORY =
  'Паромная переправа через залив у Ольховска возобновит работу в пятницу после двухнедельного перерыва, сообщили в портовой службе. Первый рейс отправится в семь утра, билеты можно будет купить только в кассах на причале, а грузовики будут перевозить ночью.';
const OTHER =
  'Городской совет Ольховска утвердил бюджет на следующий год: расходы на ремонт дорог вырастут на двенадцать процентов, а на строительство двух новых школ выделят отдельную строку.';

function fixtures(): string {
  const dir = tempDir('echotrace-dedupe-');
  writeFileSync(
    path.join(dir, 'wire.json'),
    JSON.stringify([
      {
        message_id: 10,
        sender_id: -1001,
        text: STORY,
        date: '2024-12-02T06:00:00+00:00',
        channel: 'Ольховск Инфо',
      },
      {
        message_id: 11,
        sender_id: -1001,
        text: OTHER,
        date: '2024-12-02T07:00:00+00:00',
        channel: 'Ольховск Инфо',
      },
    ]),
  );
  writeFileSync(
    path.join(dir, 'reposts.json'),
    JSON.stringify([
      {
        message_id: 500,
        sender_id: -1002,
        text: `**Хорошие новости для островитян**\n\n${STORY.replace('сообщили в портовой службе', 'сообщает портовая служба')}\n\n__Подписывайтесь на Залив Live__`,
        date: '2024-12-02T06:40:00+00:00',
        channel: 'Залив Live',
      },
    ]),
  );
  writeFileSync(
    path.join(dir, 'export.json'),
    JSON.stringify({
      name: 'Острова сегодня',
      type: 'public_channel',
      id: 3003,
      messages: [
        {
          id: 7,
          type: 'message',
          date: '2024-12-02T10:00:00',
          date_unixtime: '1733133600',
          text: STORY,
          forwarded_from: 'Ольховск Инфо',
        },
      ],
    }),
  );
  return dir;
}

describe('echotrace dedupe', () => {
  it('groups reposts across channels, lists copies for show, and keeps groups on re-runs', async () => {
    const dir = fixtures();
    const db = path.join(dir, 'corpus.db');
    assert.equal((await runCli(['ingest', dir, '--db', db, '--no-dedupe'])).code, 0);

    const first = await runCli(['dedupe', '--db', db, '--json']);
    assert.equal(first.code, 0, first.stderr);
    const report = JSON.parse(first.stdout) as {
      summary: { rebuilt: number; signed: number; groups: number; groupedDocuments: number };
      largest: Array<{ id: string; members: string[] }>;
    };
    const wire = documentIdForKey('telegram:-1001/10');
    const repost = documentIdForKey('telegram:-1002/500');
    const forwarded = documentIdForKey('telegram:3003/7');
    assert.deepEqual(report.summary, { rebuilt: 0, signed: 4, groups: 1, groupedDocuments: 3, failed: [] });
    assert.deepEqual(
      report.largest.map(({ id, members }) => ({ id, members })),
      [{ id: wire, members: [wire, repost, forwarded] }],
    );
    // Listed for an analyst: each copy with its date, source and title, the original first.
    const listed = (await runCli(['dedupe', '--db', db])).stdout.split('\n');
    assert.equal(listed[2], `3 copies · group ${wire}`);
    assert.match(
      listed[3]!,
      new RegExp(`^  2024-12-02T06:00:00Z · Ольховск Инфо · Паромная переправа .+ · ${wire} \\[original\\]$`),
    );
    assert.match(
      listed[4]!,
      new RegExp(`^  2024-12-02T06:40:00Z · Залив Live · Хорошие новости для островитян · ${repost}$`),
    );

    // A second run rebuilds from stored signatures and signs nothing.
    const second = JSON.parse((await runCli(['dedupe', '--db', db, '--json'])).stdout) as typeof report;
    assert.deepEqual(second.summary, { rebuilt: 4, signed: 0, groups: 1, groupedDocuments: 3, failed: [] });
    assert.deepEqual(second.largest, report.largest);

    const store = openSqliteStore(db);
    try {
      const duplicates = store.duplicates;
      // Forwards are recorded from what the reader produced (ingest does not keep them yet).
      const exportPath = path.join(dir, 'export.json');
      for (const edge of forwardEdgesOf(parseJsonFile(exportPath, readFileSync(exportPath))))
        await duplicates.recordForward(edge);
      const section = await loadCopiesSection(duplicates, forwarded);
      assert.deepEqual(section.forwards, [
        { documentId: forwarded, fromChannel: 'Ольховск Инфо', fromMessageId: null },
      ]);
      assert.deepEqual(
        section.copies.map((c) => [c.documentId, c.original]),
        [
          [wire, true],
          [repost, false],
          [forwarded, false],
        ],
      );
      let text = '';
      const out = new Writable({
        write(chunk: Buffer, _encoding, callback) {
          text += chunk.toString('utf8');
          callback();
        },
      });
      writeCopiesSection(out, forwarded, section);
      assert.match(text, /^Forwarded from Ольховск Инфо\n/);
      assert.match(
        text,
        new RegExp(`${wire} · olkhovsk-info · 2024-12-02T06:00:00Z · [^\\n]+ \\[original\\]`),
      );
      assert.match(text, new RegExp(`${forwarded} · .* \\[this\\]`));
      assert.deepEqual(await duplicates.copiesOf(documentIdForKey('telegram:-1001/11')), []);
    } finally {
      await store.close();
    }
  });

  it('re-signs a changed document, and adds new ones to a live index (watch)', async () => {
    const dir = fixtures();
    const db = path.join(dir, 'corpus.db');
    assert.equal((await runCli(['ingest', dir, '--db', db, '--no-dedupe'])).code, 0);
    assert.equal((await runCli(['dedupe', '--db', db])).code, 0);

    // The wire channel edits its second post into a copy of the first.
    const wirePath = path.join(dir, 'wire.json');
    const posts = JSON.parse(readFileSync(wirePath, 'utf8')) as Array<{ text: string }>;
    posts[1]!.text = `${STORY}\n\nДополнено: расписание опубликуют в четверг.`;
    writeFileSync(wirePath, JSON.stringify(posts));
    assert.equal((await runCli(['ingest', dir, '--db', db, '--no-dedupe'])).code, 0);

    const store = openSqliteStore(db);
    try {
      const duplicates = store.duplicates;
      const ports = { documents: store.documents, duplicates };
      const { summary, index } = await runDedupe(ports);
      assert.equal(summary.signed, 1);
      assert.equal(summary.rebuilt, 3);
      const edited = documentIdForKey('telegram:-1001/11');
      const wire = documentIdForKey('telegram:-1001/10');
      assert.equal(await duplicates.groupOf(edited), wire);

      // A post arriving later joins the live index and its group is stored at once.
      const late = {
        key: 'telegram:-1002/501',
        text: `Повторяем для тех, кто проспал:\n\n${STORY}`,
      };
      const lateDir = tempDir('echotrace-dedupe-late-');
      writeFileSync(
        path.join(lateDir, 'late.json'),
        JSON.stringify([
          {
            message_id: 501,
            sender_id: -1002,
            text: late.text,
            date: '2024-12-03T08:00:00+00:00',
            channel: 'Залив Live',
          },
        ]),
      );
      assert.equal((await runCli(['ingest', lateDir, '--db', db, '--no-dedupe'])).code, 0);
      const lateDocument = (await store.documents.getByKey(late.key))!;
      const outcome = await dedupeDocument(ports, index, lateDocument);
      assert.equal(outcome.groupId, wire);
      assert.equal(await duplicates.groupOf(lateDocument.id), wire);
      assert.equal((await duplicates.copiesOf(wire)).length, 5);
      assert.deepEqual(
        await duplicates.unsignedDocumentIds(signatureScheme(index.config), { limit: 10 }),
        [],
      );
    } finally {
      await store.close();
    }
  });
});
