// Triage end to end on a real SQLite file: screening flags mentions at ingest, `sanctions hits`
// groups them by list entry, an analyst confirms one pair and dismisses another, and the decisions
// hold through re-screening and a re-import of the list; `entities show` and `analyze --json` show
// the status with the explanation.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli, tempDir } from './cli.harness.ts';

// An invented list in OFAC's SDN CSV layout and two invented posts.
const LIST = [
  '990101,"TUMANOV, Gleb Arsenyevich",individual,RUSSIA-EO14024,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 12 Mar 1967."',
  '990201,"RAKITIN, Pavel Olegovich",individual,RUSSIA-EO14024,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 01 Feb 1970."',
].join('\n');
const POSTS: Record<string, string> = {
  'post-1.md':
    '# Встреча в Вологде\n\nБизнесмен Глеб Туманов заявил в пятницу, что холдинг сохранит редакцию. ' +
    'Позже Туманов добавил, что новых увольнений не будет.\n',
  'post-2.md':
    '# Новый директор\n\nДиректором завода назначен Павел Ракитин. Павел Ракитин работал инженером ' +
    'в Череповце.\n',
};

interface Group {
  listEntryId: string;
  mentions: number;
  documents: number;
  entities: Array<{ entityId: string; status: string; reason: string | null; mentions: number }>;
  hits: Array<{ text: string; start: number; end: number; explanation: string }>;
}

describe('sanctions triage (hits, confirm, dismiss)', () => {
  it('lists hits by entry and keeps decisions through re-screening and re-imports', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'triage.db');
    const posts = path.join(dir, 'posts');
    mkdirSync(posts);
    for (const [name, text] of Object.entries(POSTS)) writeFileSync(path.join(posts, name), text);
    const listFile = path.join(dir, 'sdn.csv');
    writeFileSync(listFile, `${LIST}\n`);
    const run = (...args: string[]) => runCli([...args, '--db', db]);
    const hits = async (...args: string[]): Promise<Group[]> => {
      const result = await run('sanctions', 'hits', '--json', ...args);
      assert.equal(result.code, 0, result.stderr);
      return (JSON.parse(result.stdout) as { groups: Group[] }).groups;
    };

    assert.equal((await run('sanctions', 'import', listFile)).code, 0);
    const ingested = await run('ingest', posts);
    assert.equal(ingested.code, 0, ingested.stderr);

    const open = await hits();
    const tumanov = open.find((g) => g.listEntryId === '990101');
    const rakitin = open.find((g) => g.listEntryId === '990201');
    assert.ok(tumanov && rakitin, JSON.stringify(open));
    // The surname alone ("Туманов") is flagged: the full name is in the same post.
    assert.ok(
      tumanov.hits.some((h) => h.text === 'Туманов'),
      JSON.stringify(tumanov.hits),
    );
    assert.ok(tumanov.hits.every((h) => h.end > h.start && h.explanation.includes('TUMANOV')));
    assert.equal(tumanov.documents, 1);
    assert.ok(tumanov.entities.every((e) => e.status === 'open'));
    const text = await run('sanctions', 'hits', '--entry', '990101');
    assert.match(
      text.stdout,
      /TUMANOV, Gleb Arsenyevich \(ofac-sdn:990101; RUSSIA-EO14024\): \d+ mentions in 1 documents/,
    );

    // Decisions need a flagged pair and a reason.
    const tumanovEntity = tumanov.entities[0]!.entityId;
    const rakitinEntity = rakitin.entities[0]!.entityId;
    const noReason = await run('sanctions', 'dismiss', rakitinEntity, '990201');
    assert.equal(noReason.code, 2, noReason.stderr);
    const unknown = await run('sanctions', 'confirm', 'person:nobody', '990101', '--reason', 'x');
    assert.notEqual(unknown.code, 0);
    assert.match(unknown.stderr, /has not flagged this entity/);

    const confirmed = await run(
      'sanctions',
      'confirm',
      tumanovEntity,
      '990101',
      '--reason',
      'same DOB in the post',
    );
    assert.equal(confirmed.code, 0, confirmed.stderr);
    const dismissed = await run(
      'sanctions',
      'dismiss',
      rakitinEntity,
      '990201',
      '--reason',
      'an engineer, a namesake',
      '--json',
    );
    assert.equal(dismissed.code, 0, dismissed.stderr);
    assert.ok((JSON.parse(dismissed.stdout) as { unflagged: number }).unflagged >= 1);

    const check = async () => {
      assert.deepEqual(
        (await hits('--status', 'confirmed')).map((g) => [g.listEntryId, g.entities.map((e) => e.reason)]),
        [['990101', ['same DOB in the post']]],
      );
      const gone = await hits('--status', 'dismissed');
      assert.deepEqual(
        gone.map((g) => [g.listEntryId, g.mentions, g.entities.map((e) => [e.entityId, e.reason])]),
        [['990201', 0, [[rakitinEntity, 'an engineer, a namesake']]]],
      );
      assert.deepEqual(
        (await hits('--status', 'open')).map((g) => g.listEntryId),
        [],
      );
    };
    await check();
    // Re-screening everything and re-importing the list keep both decisions.
    assert.equal((await run('sanctions', 'screen', '--all')).code, 0);
    await check();
    assert.equal((await run('sanctions', 'import', listFile)).code, 0);
    assert.equal((await run('sanctions', 'screen')).code, 0);
    await check();

    const shown = await run('entities', 'show', tumanovEntity, '--json');
    assert.equal(shown.code, 0, shown.stderr);
    const { sanctions } = JSON.parse(shown.stdout) as {
      sanctions: Array<{ listEntryId: string; status: string; explanation: string }>;
    };
    assert.deepEqual(
      sanctions.map((s) => [s.listEntryId, s.status]),
      [['990101', 'confirmed']],
    );
    assert.match(sanctions[0]!.explanation, /TUMANOV/);
    assert.match((await run('entities', 'show', tumanovEntity)).stdout, /SANCTIONS CONFIRMED: TUMANOV/);

    const analyzed = await run('analyze', path.join(posts, 'post-1.md'), '--json');
    assert.equal(analyzed.code, 0, analyzed.stderr);
    const analysis = JSON.parse(analyzed.stdout) as {
      sanctions: Array<{ listEntryId: string; status: string; explanation: string; text: string }>;
    };
    assert.ok(analysis.sanctions.length > 0);
    assert.ok(
      analysis.sanctions.every((s) => s.listEntryId === '990101' && s.explanation.includes('TUMANOV')),
    );
    // The analyst's confirmation of the stored entity shows in the analysis of the same text.
    assert.ok(
      analysis.sanctions.some((s) => s.status === 'confirmed'),
      JSON.stringify(analysis.sanctions),
    );
  });
});
