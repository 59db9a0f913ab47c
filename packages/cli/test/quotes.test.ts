// The quote surfaces end to end on a real SQLite file: ingest enriches with quotes, `quotes` lists
// them by speaker, words and dates, `search speaker:ID` finds the documents, `show` lists them, and
// `analyze --json` carries them; bad options are usage errors.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { runCli, tempDir } from './cli.harness.ts';

const POSTS = [
  {
    url: 'https://wire.test/1',
    title: 'Туманов о санкциях',
    published: '2024-03-01T10:00:00Z',
    source: 'Wire',
    language: 'ru',
    text: 'Бизнесмен Глеб Туманов выступил в Москве.\n\n«Санкции против КНДР — это санкции против самих себя», — заявил Туманов.',
  },
  {
    url: 'https://wire.test/2',
    title: 'Туманов промолчал',
    published: '2024-05-01T10:00:00Z',
    source: 'Wire',
    language: 'ru',
    text: 'Глеб Туманов не стал комментировать решение суда.\n\nПо словам источника, заседание перенесли на июнь.',
  },
];

interface Listed {
  documentId: string;
  text: string;
  speakerEntityId: string | null;
  url: string | null;
  start: number;
  end: number;
  mode: string;
}

describe('echotrace quotes', () => {
  const dir = tempDir();
  const db = path.join(dir, 'quotes.db');
  before(async () => {
    const file = path.join(dir, 'posts.ndjson');
    writeFileSync(file, POSTS.map((p) => JSON.stringify(p)).join('\n') + '\n');
    const ingest = await runCli(['ingest', file, '--db', db]);
    assert.equal(ingest.code, 0, ingest.stderr);
  });

  it('lists quotes by speaker with document, URL and span', async () => {
    const result = await runCli(['quotes', '--speaker', 'person:gleb-tumanov', '--json', '--db', db]);
    assert.equal(result.code, 0, result.stderr);
    const quotes = JSON.parse(result.stdout) as Listed[];
    assert.equal(quotes.length, 1);
    assert.equal(quotes[0]!.text, 'Санкции против КНДР — это санкции против самих себя');
    assert.equal(quotes[0]!.url, 'https://wire.test/1');
    assert.equal(quotes[0]!.mode, 'direct');
    const shown = await runCli(['show', quotes[0]!.documentId, '--json', '--db', db]);
    const text = (JSON.parse(shown.stdout) as { document: { text: string } }).document.text;
    assert.equal(text.slice(quotes[0]!.start, quotes[0]!.end), quotes[0]!.text, 'the span cites the text');
  });

  it('filters by words in the quote and by dates, and keeps unattributed-to-an-entity quotes in the listing', async () => {
    const all = JSON.parse((await runCli(['quotes', '--json', '--db', db])).stdout) as Listed[];
    assert.ok(all.some((q) => q.text.startsWith('заседание перенесли') && q.speakerEntityId === null));
    const words = JSON.parse(
      (await runCli(['quotes', '--query', 'санкциями', '--json', '--db', db])).stdout,
    ) as Listed[];
    assert.deepEqual(
      words.map((q) => q.url),
      ['https://wire.test/1'],
    );
    const later = JSON.parse(
      (await runCli(['quotes', '--from', '2024-04', '--json', '--db', db])).stdout,
    ) as Listed[];
    assert.deepEqual([...new Set(later.map((q) => q.url))], ['https://wire.test/2']);
  });

  it('finds with search speaker:ID only the document where the entity is quoted', async () => {
    const result = await runCli(['search', 'speaker:person:gleb-tumanov', '--json', '--db', db]);
    assert.equal(result.code, 0, result.stderr);
    const hits = (JSON.parse(result.stdout) as { hits: Array<{ title: string }> }).hits;
    assert.deepEqual(
      hits.map((h) => h.title),
      ['Туманов о санкциях'],
    );
  });

  it('marks the quotes in show', async () => {
    const found = JSON.parse(
      (await runCli(['quotes', '--speaker', 'person:gleb-tumanov', '--json', '--db', db])).stdout,
    ) as Listed[];
    const shown = await runCli(['show', found[0]!.documentId, '--db', db]);
    assert.match(shown.stdout, /Quotes \(1\):\n {2}direct \[\d+, \d+\) "Санкции против КНДР/);
    assert.match(shown.stdout, /Туманов → person:gleb-tumanov · cue "заявил"/);
  });

  it('puts quotes in analyze --json', async () => {
    const file = path.join(dir, 'one.txt');
    writeFileSync(file, 'Туманов о санкциях\n\n' + POSTS[0]!.text);
    const result = await runCli(['analyze', file, '--json', '--db', path.join(dir, 'absent.db')]);
    assert.equal(result.code, 0, result.stderr);
    const analysis = JSON.parse(result.stdout) as {
      quotes: Array<{ text: string; speakerEntityId: string | null; cue: { text: string } }>;
    };
    assert.equal(analysis.quotes.length, 1);
    assert.equal(analysis.quotes[0]!.speakerEntityId, 'person:gleb-tumanov');
    assert.equal(analysis.quotes[0]!.cue.text, 'заявил');
  });

  it('refuses a bad date as a usage error', async () => {
    const result = await runCli(['quotes', '--from', 'yesterday', '--db', db]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /not a date/);
  });
});
