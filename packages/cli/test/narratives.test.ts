// The narrative surfaces end to end on a real SQLite file: ingest labels documents, `narratives`
// counts them per month and source, `narratives show` gives evidence, `search narrative:ID` finds
// them, `labels reject|confirm` change what is stored, `analyze --json` carries labels; bad
// input is a usage or input error. Posts written for this test.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { runCli, tempDir } from './cli.harness.ts';

const ALLIANCE = 'demo-moscow-beijing-pyongyang-alliance';
const POSTS = [
  {
    url: 'https://wire.test/a',
    title: 'Союз трёх столиц',
    published: '2023-09-14T10:00:00Z',
    source: 'Wire',
    language: 'ru',
    text: 'Визит завершился.\n\nМоскве, Пекину и Пхеньяну пора заключить союз в ответ на «восточное НАТО».',
  },
  {
    url: 'https://wire.test/b',
    title: 'Погода',
    published: '2023-10-02T10:00:00Z',
    source: 'Wire',
    language: 'ru',
    text: 'В выходные в Москве облачно, местами небольшой снег, ночью до минус пяти градусов.',
  },
];

describe('echotrace narratives and labels', () => {
  const dir = tempDir();
  const db = path.join(dir, 'narratives.db');
  let allianceDoc = '';
  before(async () => {
    const file = path.join(dir, 'posts.ndjson');
    writeFileSync(file, POSTS.map((p) => JSON.stringify(p)).join('\n') + '\n');
    const ingest = await runCli(['ingest', file, '--db', db]);
    assert.equal(ingest.code, 0, ingest.stderr);
  });

  it('counts narratives per month and source, and shows evidence that cites the text', async () => {
    const result = await runCli(['narratives', '--json', '--db', db]);
    assert.equal(result.code, 0, result.stderr);
    const counts = JSON.parse(result.stdout) as Array<{
      id: string;
      documents: number;
      byMonth: Record<string, number>;
      bySource: Record<string, number>;
    }>;
    const alliance = counts.find((c) => c.id === ALLIANCE);
    assert.deepEqual(alliance && [alliance.documents, alliance.byMonth, alliance.bySource], [
      1,
      { '2023-09': 1 },
      { wire: 1 },
    ]);
    const shown = JSON.parse(
      (await runCli(['narratives', 'show', ALLIANCE, '--json', '--db', db])).stdout,
    ) as {
      documents: Array<{ documentId: string; evidence: Array<{ start: number; end: number; text: string }> }>;
    };
    allianceDoc = shown.documents[0]!.documentId;
    assert.match(shown.documents[0]!.evidence[0]!.text, /^Москве, Пекину и Пхеньяну/u);
    const doc = JSON.parse((await runCli(['show', allianceDoc, '--json', '--db', db])).stdout) as {
      document: { text: string };
    };
    const e = shown.documents[0]!.evidence[0]!;
    assert.equal(doc.document.text.slice(e.start, e.end), e.text);
  });

  it('finds labelled documents with search narrative:ID, and a rejection removes the label', async () => {
    const titles = async (): Promise<string[]> =>
      (
        JSON.parse((await runCli(['search', `narrative:${ALLIANCE}`, '--json', '--db', db])).stdout) as {
          hits: Array<{ title: string }>;
        }
      ).hits.map((h) => h.title);
    assert.deepEqual(await titles(), ['Союз трёх столиц']);
    const reject = await runCli(['labels', 'reject', allianceDoc, ALLIANCE, '--note', 'test', '--db', db]);
    assert.equal(reject.code, 0, reject.stderr);
    assert.deepEqual(await titles(), []);
    const listed = JSON.parse(
      (await runCli(['narratives', '--doc', allianceDoc, '--json', '--db', db])).stdout,
    ) as Array<{ id: string; decision: string | null }>;
    assert.deepEqual(
      listed.filter((l) => l.id === ALLIANCE).map((l) => l.decision),
      ['rejected'],
    );
    const confirm = await runCli(['labels', 'confirm', allianceDoc, ALLIANCE, '--db', db]);
    assert.equal(confirm.code, 0, confirm.stderr);
    assert.deepEqual(await titles(), ['Союз трёх столиц']);
  });

  it('refuses an unknown label or document, and a technique filter is accepted', async () => {
    const unknown = await runCli(['labels', 'reject', allianceDoc, 'no-such-narrative', '--db', db]);
    assert.notEqual(unknown.code, 0);
    assert.match(unknown.stderr, /no-such-narrative/u);
    const missing = await runCli(['labels', 'confirm', 'ffffffffffffffff', ALLIANCE, '--db', db]);
    assert.notEqual(missing.code, 0);
    const technique = await runCli(['search', 'technique:Loaded_Language', '--json', '--db', db]);
    assert.equal(technique.code, 0, technique.stderr);
  });

  it('carries narratives with evidence in analyze --json', async () => {
    const file = path.join(dir, 'one.txt');
    writeFileSync(file, POSTS[0]!.text);
    const result = await runCli(['analyze', file, '--lang', 'ru', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const analysis = JSON.parse(result.stdout) as {
      text: string;
      narratives: Array<{ id: string; start: number; end: number; text: string }>;
    };
    const label = analysis.narratives.find((n) => n.id === ALLIANCE);
    assert.ok(label);
    assert.equal(analysis.text.slice(label.start, label.end), label.text);
  });
});
