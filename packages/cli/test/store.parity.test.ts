// The commands that use the later storage ports (sanctions, source settings and owners, duplicates)
// give the same answers on SQLite and on PostgreSQL. The PostgreSQL run needs a server
// (ECHOTRACE_TEST_PG_URL or DATABASE_URL); without one it is skipped, and the storage contract
// suites cover PGlite.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { runCli, tempDir } from './cli.harness.ts';

const serverUrl = process.env.ECHOTRACE_TEST_PG_URL || process.env.DATABASE_URL || null;
const sanctionsFixtures = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../sanctions/test/fixtures',
);
const STORY =
  'Паромная переправа через залив у Ольховска возобновит работу в пятницу после перерыва, сообщили в портовой службе. Первый рейс отправится в семь утра, билеты продают только в кассах на причале.';

function corpus(): string {
  const dir = tempDir('echotrace-parity-');
  const post = (id: number, channel: string, text: string, date: string) => ({
    message_id: id,
    sender_id: channel === 'Ольховск Инфо' ? -1001 : -1002,
    text,
    date,
    channel,
  });
  writeFileSync(
    path.join(dir, 'wire.json'),
    JSON.stringify([
      post(10, 'Ольховск Инфо', STORY, '2024-12-02T06:00:00+00:00'),
      post(11, 'Ольховск Инфо', 'Совет утвердил бюджет на следующий год.', '2024-12-02T07:00:00+00:00'),
    ]),
  );
  writeFileSync(
    path.join(dir, 'reposts.json'),
    JSON.stringify([post(500, 'Залив Live', `${STORY}\n\nПодписывайтесь.`, '2024-12-02T06:40:00+00:00')]),
  );
  return dir;
}

/** Runs one session of commands and returns what each printed as JSON. */
async function session(args: string[], env: NodeJS.ProcessEnv): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const run = async (name: string, command: string[]): Promise<void> => {
    const result = await runCli([...command, '--json', ...args], env);
    assert.equal(result.code, 0, `${name}: ${result.stderr}`);
    // When a document was ingested differs between two runs by design; everything else must not.
    out[name] = JSON.parse(result.stdout, (key, value: unknown) =>
      key === 'ingestedAt' ? '<ingested>' : value,
    );
  };
  await run('sanctions import', [
    'sanctions',
    'import',
    path.join(sanctionsFixtures, 'ofac_sdn.fixture.csv'),
    path.join(sanctionsFixtures, 'ofac_alt.fixture.csv'),
    '--date',
    '2023-01-15',
  ]);
  await run('sanctions import again', [
    'sanctions',
    'import',
    path.join(sanctionsFixtures, 'ofac_sdn.fixture.csv'),
    '--date',
    '2023-02-15',
  ]);
  await run('sanctions match', ['sanctions', 'match', 'Ирина Волкова', '--type', 'person']);
  const dir = corpus();
  const sources = path.join(dir, 'sources.yaml');
  writeFileSync(
    sources,
    'sources:\n  - name: Other Outlet\n    language: en\n    owner: Irina Volkova\n    feeds:\n      - https://outlet.test/atom.xml\n    pollIntervalMinutes: 15\n',
  );
  await run('sources import', ['sources', 'import', sources]);
  await run('sources list', ['sources', 'list']);
  await run('sources show', ['sources', 'show', 'other-outlet']);
  await run('ingest', ['ingest', path.join(dir, 'wire.json'), path.join(dir, 'reposts.json')]);
  await run('dedupe', ['dedupe']);
  return out;
}

describe('same command output on SQLite and PostgreSQL', () => {
  const drops: Array<() => Promise<void>> = [];
  after(async () => {
    for (const drop of drops) await drop();
  });

  it('sanctions, sources and dedupe', { skip: serverUrl ? false : 'no PostgreSQL server set' }, async () => {
    const sqlite = await session(['--db', path.join(tempDir(), 'parity.db')], {});
    const schema = `et_parity_${randomBytes(6).toString('hex')}`;
    const admin = async (sql: string): Promise<void> => {
      const client = new pg.Client({ connectionString: serverUrl! });
      await client.connect();
      await client.query(sql);
      await client.end();
    };
    await admin(`CREATE SCHEMA ${schema}`);
    drops.push(() => admin(`DROP SCHEMA ${schema} CASCADE`));
    const scoped = new URL(serverUrl!);
    scoped.searchParams.set('options', `-c search_path=${schema}`);
    const postgres = await session([], { DATABASE_URL: scoped.toString() });

    assert.deepEqual(postgres, sqlite);
    // Without alt.csv the aliases are gone: two entries changed, compared with the stored first import.
    const again = sqlite['sanctions import again'] as { updated: number; unchanged: number };
    assert.deepEqual([again.updated, again.unchanged], [2, 2]);
    const shown = sqlite['sources show'] as { source: { owner: string }; ownership: { flagged: boolean } };
    assert.equal(shown.source.owner, 'Irina Volkova');
    assert.equal(shown.ownership.flagged, true, 'the owner is traced through the stored list');
    const dedupe = sqlite.dedupe as { summary: { groups: number } };
    assert.equal(dedupe.summary.groups, 1);
  });
});
