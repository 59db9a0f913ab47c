// Exports on a real SQLite store: every selected document once across keyset pages, a span that
// cites the text, the entity filter's mention as the span, and FollowTheMoney lines that reference
// each other (each entity once).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import {
  csvField,
  csvRow,
  exportFtm,
  exportRows,
  selectionFromText,
  type ExportRow,
  type FtmEntity,
} from '@echotrace/app';
import { Story } from './helpers/story.builders.ts';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function world() {
  const story = await Story.open();
  await story.source('a', ['fringe'], { name: 'Outlet A' });
  const ids: string[] = [];
  for (let i = 0; i < 7; i++)
    ids.push(
      await story.document({
        source: 'a',
        at: i === 3 ? null : `2024-01-0${i + 1}`,
        text: `Выпуск ${i}. Иванов говорил о санкциях, потом снова о санкции.`,
      }),
    );
  await story.document({ source: 'a', at: '2024-01-09', text: 'Погода. Иванов молчал.' });
  for (const id of ids.slice(0, 2)) await story.mentions(id, { Иванов: 'ivanov' });
  return { story, ids };
}

describe('export', () => {
  it('streams every matching document once over pages, with a span that cites the text', async () => {
    const { story, ids } = await world();
    const rows: ExportRow[] = await collect(exportRows(story.store, selectionFromText('санкции'), 2));
    assert.deepEqual(
      rows.map((r) => r.documentId),
      ids,
      'all seven, undated included, in ingest order',
    );
    for (const row of rows) {
      const document = (await story.store.documents.get(row.documentId))!;
      assert.equal(document.text.slice(row.start, row.end), row.matched);
      assert.equal(row.matched, 'санкциях');
      assert.equal(row.matches, 2);
      assert.equal(row.sourceName, 'Outlet A');
      assert.equal(row.url, document.canonicalUrl);
    }
    const entity = await collect(exportRows(story.store, selectionFromText('entity:ivanov'), 1));
    assert.deepEqual(
      entity.map((r) => [r.documentId, r.matched]),
      [
        [ids[0], 'Иванов'],
        [ids[1], 'Иванов'],
      ],
    );
    const everything = await collect(exportRows(story.store, selectionFromText('source:a'), 3));
    assert.equal(everything.length, 8);
    assert.equal(everything[7]!.end, 'Погода. Иванов молчал.'.length, 'no words: the whole text is the span');
    await story.store.close();
  });

  it('writes FollowTheMoney articles, each entity once, and mentions pointing at both', async () => {
    const { story, ids } = await world();
    const lines: FtmEntity[] = await collect(exportFtm(story.store, selectionFromText('санкции'), 2));
    const articles = lines.filter((l) => l.schema === 'Article');
    assert.equal(articles.length, 7);
    assert.deepEqual(articles[0]!.properties.publisher, ['Outlet A']);
    const people = lines.filter((l) => l.schema === 'Person');
    assert.deepEqual(
      people.map((p) => [p.id, p.properties.name]),
      [['echotrace-entity-ivanov', ['Иванов']]],
    );
    const mentions = lines.filter((l) => l.schema === 'Mention');
    assert.deepEqual(
      mentions.map((m) => [m.properties.document, m.properties.resolved, m.properties.name]),
      ids.slice(0, 2).map((id) => [[`echotrace-doc-${id}`], ['echotrace-entity-ivanov'], ['Иванов']]),
    );
    const ids_ = new Set(lines.map((l) => l.id));
    assert.equal(ids_.size, lines.length, 'ids are unique');
    for (const m of mentions) {
      assert.ok(ids_.has(m.properties.document![0]!) && ids_.has(m.properties.resolved![0]!));
      const text = (await story.store.documents.get(m.echotrace.documentId))!.text;
      assert.equal(text.slice(m.echotrace.start, m.echotrace.end), 'Иванов');
    }
    await story.store.close();
  });

  it('gives code-point offsets that Python slices to the same text, past emoji and astral characters', async () => {
    const story = await Story.open();
    await story.source('a', [], { name: 'Outlet A' });
    // Two emoji and a CJK Extension B ideograph before the mention: 3 code points, 6 UTF-16 units.
    const text = '🔥😀 𠀋 Срочно: Иванов о санкциях 🇷🇺, и снова Иванов.';
    const id = await story.document({ source: 'a', at: '2024-02-01', text });
    await story.mentions(id, { Иванов: 'ivanov' });
    const rows = await collect(exportRows(story.store, selectionFromText('санкции'), 5));
    const ftm = await collect(exportFtm(story.store, selectionFromText('санкции'), 5));
    const mentions = ftm.filter((l) => l.schema === 'Mention');
    assert.equal(rows.length, 1);
    assert.equal(mentions.length, 2);
    assert.equal(rows[0]!.start - rows[0]!.startCodePoint, 3, 'three astral characters before the match');
    // The JSON lines a user would write, read by a reader that indexes by code point.
    const lines = [
      { text, start: rows[0]!.startCodePoint, end: rows[0]!.endCodePoint },
      ...mentions.map((m) => ({ text, start: m.echotrace.startCodePoint, end: m.echotrace.endCodePoint })),
    ];
    const python =
      'import json,sys\nfor line in sys.stdin:\n  r=json.loads(line); print(json.dumps(r["text"][r["start"]:r["end"]]))';
    const sliced = execFileSync('python3', ['-c', python], {
      input: lines.map((l) => JSON.stringify(l)).join('\n'),
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as string);
    assert.deepEqual(sliced, ['санкциях', 'Иванов', 'Иванов']);
    assert.deepEqual(
      mentions.map((m) => text.slice(m.echotrace.start, m.echotrace.end)),
      ['Иванов', 'Иванов'],
      'the UTF-16 span still slices the same in JavaScript',
    );
    await story.store.close();
  });

  it('quotes CSV fields Excel would split and keeps formulas from running', () => {
    assert.equal(
      csvRow(['a,b', 'say "hi"', 'two\nlines', 3, null, -5]),
      '"a,b","say ""hi""","two\nlines",3,,-5\r\n',
    );
    assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvField('-5 %'), '-5 %');
  });
});
