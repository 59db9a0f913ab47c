// `echotrace ingest DIR` and `jobs add ingest-file DIR` + `worker` run the same use case, so one
// folder leaves the same store: documents, annotations, forward edges and groups of copies.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { openSqliteStore } from '@echotrace/storage';
import { runCli, tempDir } from './cli.harness.ts';

const STORY =
  'Паромная переправа через залив у Ольховска возобновит работу в пятницу после двухнедельного перерыва, сообщил Владимир Путин в Москве. Первый рейс отправится в семь утра, билеты можно будет купить только в кассах на причале, а грузовики будут перевозить ночью.';
const OTHER =
  'Городской совет Ольховска утвердил бюджет на следующий год: расходы на ремонт дорог вырастут на двенадцать процентов, а на строительство двух новых школ выделят отдельную строку.';

function folder(): string {
  const dir = tempDir('echotrace-parity-');
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
        text: `**Хорошие новости**\n\n${STORY}\n\n__Подписывайтесь на Залив Live__`,
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
  writeFileSync(path.join(dir, 'note.txt'), `Заметка\n\n${OTHER}\n`);
  // Paperwork both paths leave out of a folder.
  writeFileSync(path.join(dir, 'README.md'), '# Экспорт\n\nКанал и заметки, собранные для проверки.\n');
  return dir;
}

/** Drops the fields that record when a run happened, which two runs cannot share. */
function timeless(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(timeless);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !['ingestedAt', 'seenAt', 'fetchedAt', 'createdAt', 'capturedAt'].includes(key))
        .map(([key, inner]) => [key, timeless(inner)]),
    );
  }
  return value;
}

async function contents(db: string): Promise<unknown[]> {
  const store = openSqliteStore(db);
  let ids: string[];
  try {
    ids = (await store.documents.list({ limit: 1000 })).map((d) => d.id).sort();
  } finally {
    await store.close();
  }
  const views: unknown[] = [];
  for (const id of ids) {
    const shown = await runCli(['show', id, '--json', '--db', db]);
    assert.equal(shown.code, 0, shown.stderr);
    views.push(timeless(JSON.parse(shown.stdout)));
  }
  return views;
}

describe('ingest: CLI and worker parity', () => {
  it('leaves the same documents, annotations, forwards and copy groups for one folder', async () => {
    const dir = folder();
    const viaCli = path.join(tempDir(), 'cli.db');
    const viaWorker = path.join(tempDir(), 'worker.db');

    const ingested = await runCli(['ingest', dir, '--db', viaCli, '--json']);
    assert.equal(ingested.code, 0, ingested.stderr);
    const summary = JSON.parse(ingested.stdout) as { added: number; forwards: number; copies: unknown };
    assert.equal(summary.added, 5);
    assert.equal(summary.forwards, 1);
    // The story and its two reposts; the channel post and the note that copies it.
    assert.deepEqual(summary.copies, { groups: 2, groupedDocuments: 5 });

    assert.equal((await runCli(['jobs', 'add', 'ingest-file', dir, '--db', viaWorker])).code, 0);
    const worked = await runCli(['worker', '--until-empty', '--poll-ms', '10', '--db', viaWorker, '--json']);
    assert.equal(worked.code, 0, worked.stderr);
    assert.deepEqual(JSON.parse(worked.stdout), { done: 4, retried: 0, dead: 0 });

    const fromCli = await contents(viaCli);
    const fromWorker = await contents(viaWorker);
    assert.equal(fromCli.length, 5);
    assert.deepEqual(fromWorker, fromCli);

    // The comparison is not vacuous: the folder has a forward, groups of copies and entity mentions.
    const views = fromCli as Array<{ forwards: unknown[]; copies: unknown[]; annotations: unknown[] }>;
    assert.equal(views.filter((v) => v.forwards.length > 0).length, 1);
    assert.equal(views.filter((v) => v.copies.length === 3).length, 3);
    assert.equal(views.filter((v) => v.copies.length === 2).length, 2);
    assert.ok(views.some((v) => v.annotations.length > 0));
  });

  it('applies the same --source, --published, --language and --exclude to the files that carry none', async () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'draft.txt'), `Черновик\n\n${OTHER} Не публиковать.\n`);
    const options = ['--source', 'Полевые заметки', '--published', '2024-03-01', '--language', 'ru'];
    const exclude = ['--exclude', 'draft.txt'];
    const viaCli = path.join(tempDir(), 'cli.db');
    const viaWorker = path.join(tempDir(), 'worker.db');

    const ingested = await runCli(['ingest', dir, ...options, ...exclude, '--db', viaCli, '--json']);
    assert.equal(ingested.code, 0, ingested.stderr);
    assert.equal((JSON.parse(ingested.stdout) as { added: number }).added, 5);
    const queued = await runCli([
      'jobs',
      'add',
      'ingest-file',
      dir,
      ...options,
      ...exclude,
      '--db',
      viaWorker,
    ]);
    assert.equal(queued.code, 0, queued.stderr);
    const worked = await runCli(['worker', '--until-empty', '--poll-ms', '10', '--db', viaWorker, '--json']);
    assert.equal(worked.code, 0, worked.stderr);
    assert.deepEqual(JSON.parse(worked.stdout), { done: 4, retried: 0, dead: 0 });

    const fromCli = await contents(viaCli);
    assert.deepEqual(await contents(viaWorker), fromCli);
    // Not vacuous: the note took the defaults, the Telegram posts kept their own source and dates.
    const views = fromCli as Array<{
      document: { sourceId: string; publishedAt: string | null; language: string };
    }>;
    const note = views.find((v) => v.document.sourceId === 'polevye-zametki');
    assert.ok(note, JSON.stringify(views.map((v) => v.document.sourceId)));
    assert.equal(note.document.publishedAt?.slice(0, 10), '2024-03-01');
    assert.equal(views.filter((v) => v.document.sourceId === 'polevye-zametki').length, 1);
  });

  it('refuses a bad default when the job is queued, naming the option', async () => {
    const dir = folder();
    const db = path.join(tempDir(), 'worker.db');
    const queued = await runCli(['jobs', 'add', 'ingest-file', dir, '--published', 'soon', '--db', db]);
    assert.equal(queued.code, 2, queued.stderr);
    assert.match(queued.stderr, /--published/);
  });
});
