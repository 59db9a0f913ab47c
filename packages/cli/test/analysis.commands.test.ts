// The analysis commands end to end on a real SQLite file: sources with labels, posts ingested from
// NDJSON (entities recognized, copies grouped), then trend, spread, network and export as an analyst
// runs them; bad options and queries are usage errors (exit 2).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseXml } from '@echotrace/extract';
import { parse } from 'csv-parse/sync';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { runCli, tempDir } from './cli.harness.ts';

const SLOGAN = 'Санкции против КНДР — это санкции против самих себя, заявил Глеб Туманов в Москве.';

/** A routine item, so every week has volume to take a share of. */
const routine = (source: string, day: string, n: number) => ({
  url: `https://${source}.test/routine-${day}-${n}`,
  title: `Новости ${day}`,
  published: `${day}T08:00:00Z`,
  source,
  language: 'ru',
  text: `Погода в Москве, спорт и курсы валют, выпуск ${n}.`,
});

function posts(): object[] {
  const out: object[] = [];
  const weeks = Array.from({ length: 10 }, (_, i) =>
    new Date(Date.parse('2024-01-01T00:00:00Z') + i * 7 * 86_400_000).toISOString().slice(0, 10),
  );
  for (const day of weeks) {
    for (let n = 0; n < 3; n++) out.push(routine('Fringe Daily', day, n), routine('Big Paper', day, n));
  }
  // The fringe outlet says it first; a week later the big paper copies it word for word; then it spreads.
  out.push({
    url: 'https://fringe.test/origin',
    title: 'Санкции против самих себя',
    published: '2024-03-04T09:00:00Z',
    source: 'Fringe Daily',
    language: 'ru',
    text: SLOGAN,
  });
  out.push({
    url: 'https://big.test/copy',
    title: 'Санкции против самих себя',
    published: '2024-03-11T09:00:00Z',
    source: 'Big Paper',
    language: 'ru',
    text: SLOGAN,
  });
  for (let n = 0; n < 6; n++)
    out.push({
      url: `https://big.test/follow-${n}`,
      title: `Санкции обсуждают ${n}`,
      published: '2024-03-12T09:00:00Z',
      source: 'Big Paper',
      language: 'ru',
      text: `Санкции против КНДР обсуждают снова: Глеб Туманов и Владимир Путин, день ${n}.`,
    });
  return out;
}

describe('analysis commands', () => {
  const dir = tempDir();
  const db = path.join(dir, 'analysis.db');
  before(async () => {
    for (const [name, label, homepage] of [
      ['Fringe Daily', 'fringe', 'https://fringe.test/'],
      ['Big Paper', 'mainstream', 'https://big.test/'],
    ] as const) {
      const added = await runCli([
        'sources',
        'add',
        name,
        '--homepage',
        homepage,
        '--label',
        label,
        '--db',
        db,
      ]);
      assert.equal(added.code, 0, added.stderr);
    }
    const file = path.join(dir, 'posts.ndjson');
    writeFileSync(
      file,
      posts()
        .map((p) => JSON.stringify(p))
        .join('\n') + '\n',
    );
    const ingest = await runCli(['ingest', file, '--db', db]);
    assert.equal(ingest.code, 0, ingest.stderr);
  });

  describe('trend', () => {
    it('charts counts per week with the change point, and the same series as JSON and CSV', async () => {
      const text = await runCli(['trend', 'санкции', '--by', 'label', '--db', db]);
      assert.equal(text.code, 0, text.stderr);
      assert.match(text.stdout, /^санкции: 8 documents by label, per week, 2024-01-01 … 2024-03-11/);
      assert.match(text.stdout, /mainstream +│ +[▁-█]+│ 7/);
      assert.match(text.stdout, /2024-03-11 ▲ rise mainstream/);

      const json = await runCli(['trend', 'санкции', '--by', 'label', '--json', '--db', db]);
      const trend = JSON.parse(json.stdout) as {
        documents: number;
        periods: string[];
        series: Array<{ key: string; points: Array<{ period: string; documents: number; total: number }> }>;
        changes: Array<{ key: string; period: string; direction: string }>;
      };
      assert.equal(trend.documents, 8);
      assert.equal(trend.periods.length, 11);
      const mainstream = trend.series.find((s) => s.key === 'mainstream')!;
      assert.deepEqual(mainstream.points.at(-1), {
        ...mainstream.points.at(-1),
        period: '2024-03-11',
        documents: 7,
        total: 7,
      });
      assert.deepEqual(
        trend.changes.map((c) => [c.key, c.period, c.direction]),
        [['mainstream', '2024-03-11', 'rise']],
      );

      const csv = await runCli(['trend', 'санкции', '--by', 'label', '--csv', '--db', db]);
      assert.ok(csv.stdout.startsWith('\ufeffseries,period,documents,total,share'));
      const rows = csv.stdout.slice(1).trimEnd().split('\r\n');
      assert.equal(rows.length, 1 + 2 * 11, 'a row per series and period');
      assert.ok(rows.includes('mainstream,2024-03-11,7,7,1,0,0,7,rise'), rows.at(-1));
    });

    it('counts an entity and refuses unknown splits, intervals, sources and bad syntax with exit 2', async () => {
      const entity = await runCli([
        'trend',
        'entity:person:gleb-tumanov',
        '--interval',
        'month',
        '--json',
        '--db',
        db,
      ]);
      assert.equal(entity.code, 0, entity.stderr);
      assert.equal((JSON.parse(entity.stdout) as { documents: number }).documents, 8);
      for (const args of [
        ['trend', 'санкции', '--by', 'outlet'],
        ['trend', 'санкции', '--interval', 'year'],
        ['trend', 'санкции source:nowhere'],
        ['trend', '(санкции'],
        ['trend'],
      ]) {
        const result = await runCli([...args, '--db', db]);
        assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      }
    });
  });

  describe('spread', () => {
    it('lists who published first and the copy as an edge, with the fringe → mainstream crossing', async () => {
      const json = await runCli(['spread', '"против самих себя"', '--json', '--db', db]);
      assert.equal(json.code, 0, json.stderr);
      const result = JSON.parse(json.stdout) as {
        sources: Array<{ sourceId: string; delayHours: number; firstDocumentId: string }>;
        links: Array<{ kind: string; fromSourceId: string; toSourceId: string; delayHours: number }>;
        crossings: Array<{ from: string; to: string; reachedUtc: string; overtookDay: string }>;
      };
      assert.deepEqual(
        result.sources.map((s) => [s.sourceId, s.delayHours]),
        [
          ['fringe-daily', 0],
          ['big-paper', 168],
        ],
      );
      assert.deepEqual(result.links, [
        {
          kind: 'copy',
          fromSourceId: 'fringe-daily',
          fromChannel: null,
          toSourceId: 'big-paper',
          documents: 1,
          firstPublishedUtc: '2024-03-11T09:00:00.000Z',
          delayHours: 168,
        },
      ]);
      assert.deepEqual(result.crossings, [
        {
          from: 'fringe',
          to: 'mainstream',
          reachedUtc: '2024-03-11T09:00:00.000Z',
          delayHours: 168,
          overtookDay: '2024-03-11',
        },
      ]);
      const text = await runCli(['spread', '"против самих себя"', '--db', db]);
      assert.match(text.stdout, /copy +fringe-daily → big-paper: 1 documents, first 2024-03-11 09:00 \+7d/);
      assert.match(
        text.stdout,
        /fringe → mainstream: reached 2024-03-11 09:00 \(\+7d\), as many sources by 2024-03-11/,
      );
      // The same story selected as the copy group of the big paper's copy.
      const group = await runCli([
        'spread',
        `group:${result.sources[1]!.firstDocumentId}`,
        '--json',
        '--db',
        db,
      ]);
      assert.equal(group.code, 0, group.stderr);
      assert.equal((JSON.parse(group.stdout) as { links: unknown[] }).links.length, 1);
      const missing = await runCli(['spread', 'group:0000000000000000', '--db', db]);
      assert.notEqual(missing.code, 0);
      assert.match(missing.stderr, /not found/);
    });
  });

  describe('network', () => {
    it('prints the pairs and writes GEXF and GraphML files that parse', async () => {
      const text = await runCli(['network', 'санкции', '--db', db]);
      assert.equal(text.code, 0, text.stderr);
      assert.match(text.stdout, /strongest pairs/);
      assert.match(text.stdout, /Глеб Туманов|gleb-tumanov/);
      for (const format of ['gexf', 'graphml'] as const) {
        const out = path.join(dir, `net.${format}`);
        const written = await runCli(['network', 'санкции', '--format', format, '--out', out, '--db', db]);
        assert.equal(written.code, 0, written.stderr);
        const root = parseXml(readFileSync(out, 'utf8'), out);
        assert.equal(root.local, format);
        assert.ok(readFileSync(out, 'utf8').includes('<edge '), 'at least one pair');
      }
      const json = JSON.parse(
        (await runCli(['network', 'санкции', '--format', 'json', '--db', db])).stdout,
      ) as {
        edges: Array<{ weight: number }>;
      };
      assert.ok(json.edges.length > 0 && json.edges.every((e) => e.weight >= 1));
      const bad = await runCli(['network', 'санкции', '--format', 'dot', '--db', db]);
      assert.equal(bad.code, 2);
    });
  });

  describe('export', () => {
    it('writes CSV that Excel and csv-parse read back, JSON lines and FollowTheMoney', async () => {
      const out = path.join(dir, 'export.csv');
      const csv = await runCli(['export', 'санкции', '--format', 'csv', '--out', out, '--db', db]);
      assert.equal(csv.code, 0, csv.stderr);
      assert.match(csv.stdout, /^8 rows →/);
      const bytes = readFileSync(out);
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark');
      const records = parse<Record<string, string>>(bytes, { bom: true, columns: true });
      assert.equal(records.length, 8);
      const copy = records.find((r) => r.url === 'https://big.test/copy')!;
      assert.equal(copy.sourceName, 'Big Paper');
      assert.equal(copy.matched, 'Санкции');
      assert.equal(copy.start, '0');
      assert.ok(records.every((r) => r.documentId && r.sourceId && r.publishedAt && r.end));

      const jsonl = await runCli([
        'export',
        'санкции',
        '--format',
        'jsonl',
        '--from',
        '2024-03-12',
        '--db',
        db,
      ]);
      const lines = jsonl.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as { url: string });
      assert.equal(lines.length, 6);
      const ftm = await runCli(['export', 'санкции', '--format', 'ftm', '--db', db]);
      const entities = ftm.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as { schema: string });
      assert.equal(entities.filter((e) => e.schema === 'Article').length, 8);
      assert.ok(entities.some((e) => e.schema === 'Mention'));
      const missing = await runCli(['export', 'санкции', '--db', db]);
      assert.equal(missing.code, 2);
    });
  });
});
