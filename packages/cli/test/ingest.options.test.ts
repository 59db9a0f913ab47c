import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli, tempDir } from './cli.harness.ts';

interface Summary {
  added: number;
  skipped: string[];
}

interface Hit {
  documentId: string;
  title: string | null;
  sourceId: string;
}

function notesFolder(): string {
  const dir = tempDir('echotrace-notes-');
  const notes = path.join(dir, 'notes');
  mkdirSync(path.join(notes, 'drafts'), { recursive: true });
  writeFileSync(path.join(notes, 'README.md'), '# About these notes\n\nHow the folder is organised.\n');
  writeFileSync(path.join(notes, 'LICENCE.md'), 'Creative Commons Attribution 4.0 International\n');
  writeFileSync(path.join(notes, 'CHANGELOG.txt'), 'v2: more notes\n');
  writeFileSync(path.join(notes, 'meeting.txt'), 'Meeting notes\n\nThe delegation arrived in the morning.\n');
  writeFileSync(path.join(notes, 'readers.md'), '# Readers\n\nThe readership of the outlet doubled.\n');
  writeFileSync(path.join(notes, 'drafts', 'unfinished.txt'), 'Unfinished draft about the delegation.\n');
  return notes;
}

async function hits(db: string, query: string): Promise<Hit[]> {
  return (JSON.parse((await runCli(['search', query, '--db', db, '--json'])).stdout) as { hits: Hit[] }).hits;
}

describe('ingest options', () => {
  it("leaves out a folder's README/LICENSE files and --exclude globs, and applies --source, --published, --language", async () => {
    const notes = notesFolder();
    const db = path.join(path.dirname(notes), 'c.db');
    const run = await runCli([
      'ingest',
      notes,
      '--exclude',
      '**/drafts/**',
      '--exclude',
      'nothing-matches-*.txt',
      '--source',
      'Field notes',
      '--published',
      '2024-03-01',
      '--language',
      'ru',
      '--no-enrich',
      '--db',
      db,
      '--json',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const summary = JSON.parse(run.stdout) as Summary;
    assert.equal(summary.added, 2);
    assert.deepEqual(summary.skipped.map((f) => path.relative(notes, path.resolve(f))).sort(), [
      'CHANGELOG.txt',
      'LICENCE.md',
      'README.md',
      path.join('drafts', 'unfinished.txt'),
    ]);
    const found = await hits(db, 'delegation');
    assert.deepEqual(
      found.map((h) => h.title),
      ['Meeting notes'],
    );
    const shown = JSON.parse((await runCli(['show', found[0]!.documentId, '--db', db, '--json'])).stdout) as {
      document: { publishedAt: string; language: string; sourceId: string };
    };
    assert.equal(shown.document.publishedAt, '2024-03-01');
    assert.equal(shown.document.language, 'ru', 'the stated language wins over identification');
    assert.equal(shown.document.sourceId, 'field-notes');
  });

  it('keeps what the file itself carries over the defaults', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'records.ndjson');
    writeFileSync(
      file,
      JSON.stringify({
        url: 'https://wire.test/1',
        text: 'The delegation left.',
        published: '2023-05-05',
        language: 'en',
        source: 'Wire',
      }),
    );
    const db = path.join(dir, 'c.db');
    await runCli([
      'ingest',
      file,
      '--published',
      '2024-03-01',
      '--language',
      'ru',
      '--source',
      'Notes',
      '--db',
      db,
    ]);
    const [hit] = await hits(db, 'delegation');
    const shown = JSON.parse((await runCli(['show', hit!.documentId, '--db', db, '--json'])).stdout) as {
      document: { publishedAt: string; language: string; sourceId: string };
    };
    assert.deepEqual(
      [shown.document.publishedAt, shown.document.language, shown.document.sourceId],
      ['2023-05-05', 'en', 'wire'],
    );
  });

  it('reads paperwork when asked, or when the file is named', async () => {
    const notes = notesFolder();
    const db = path.join(path.dirname(notes), 'c.db');
    const all = JSON.parse(
      (await runCli(['ingest', notes, '--include-paperwork', '--no-enrich', '--db', db, '--json'])).stdout,
    ) as Summary;
    assert.equal(all.added, 6);
    const db2 = path.join(path.dirname(notes), 'd.db');
    const named = JSON.parse(
      (await runCli(['ingest', path.join(notes, 'README.md'), '--no-enrich', '--db', db2, '--json'])).stdout,
    ) as Summary;
    assert.equal(named.added, 1);
  });

  it('refuses bad values with a usage error naming the option, before creating a store', async () => {
    const notes = notesFolder();
    const db = path.join(path.dirname(notes), 'never.db');
    const cases: Array<[string[], RegExp]> = [
      [['--published', 'yesterday-ish'], /--published must be a date or time .*"yesterday-ish"/],
      [['--published', '2024-13-40'], /--published must be a date or time/],
      [['--language', 'Russian'], /--language must be a two- or three-letter language code .*"Russian"/],
      [['--exclude', ''], /--exclude must be a glob/],
      [['--source', ' '], /--source must name a source/],
    ];
    for (const [options, message] of cases) {
      const result = await runCli(['ingest', notes, ...options, '--db', db]);
      assert.equal(result.code, 2, options.join(' '));
      assert.match(result.stderr, message);
    }
    assert.equal(existsSync(db), false);
  });
});
