// `echotrace db backup|restore`. SQLite: the online backup API (better-sqlite3's `backup`), which
// copies a consistent snapshot page by page while writers go on, so a live store can be backed up
// without stopping `watch` or the worker. PostgreSQL: pg_dump's custom format and pg_restore, the
// tools that know every object type (sequences, indexes, extensions) a hand-written copy would
// miss. A backup or restore is written under a temporary name and renamed when complete and
// checked, so an interrupted run never leaves a half file under the name asked for.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { InputError, OperationalError } from '@echotrace/core';
import { migrate as migrateSqlite } from '../sqlite/migrator.ts';
import { storeKind, redactUrl, type OpenStoreOptions } from '../open.store.ts';

const run = promisify(execFile);

export interface BackupReport {
  store: 'sqlite' | 'postgres';
  file: string;
  bytes: number;
  /** SQLite: `PRAGMA integrity_check` of the backup ("ok"); PostgreSQL: the objects pg_restore lists. */
  check: string;
}

export interface RestoreReport {
  store: 'sqlite' | 'postgres';
  /** The database restored into (a file, or a redacted URL). */
  target: string;
  check: string;
  /** Migrations applied after the restore (a backup from an earlier release is brought forward). */
  migrated: number[];
}

function refuseExisting(file: string, what: string): void {
  if (existsSync(file))
    throw new InputError(
      file,
      `${what} exists already; choose a new file or move this one aside (nothing was written)`,
    );
}

/** `PRAGMA integrity_check` and the presence of the schema table: "ok", or what is wrong. */
function checkSqliteFile(file: string): string {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new InputError(file, `cannot open as SQLite: ${(error as Error).message}`);
  }
  try {
    const problems = db.pragma('integrity_check', { simple: false }) as Array<{ integrity_check: string }>;
    const result = problems.map((row) => row.integrity_check).join('; ');
    if (result !== 'ok') return result;
    const schema = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
      .get();
    return schema ? 'ok' : 'not an Echotrace database (no schema_migrations table)';
  } catch (error) {
    return `not a readable SQLite database: ${(error as Error).message}`;
  } finally {
    db.close();
  }
}

async function sqliteCopy(from: string, to: string): Promise<void> {
  const partial = `${to}.partial-${process.pid}`;
  mkdirSync(path.dirname(to), { recursive: true });
  rmSync(partial, { force: true });
  const source = new Database(from, { readonly: true, fileMustExist: true });
  try {
    await source.backup(partial);
  } catch (error) {
    rmSync(partial, { force: true });
    throw new OperationalError(`${from}: copying to ${to} failed: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    source.close();
  }
  // The copy is a rollback-journal file on its own (no -wal beside it): one file to move or archive.
  const copy = new Database(partial);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  const check = checkSqliteFile(partial);
  if (check !== 'ok') {
    rmSync(partial, { force: true });
    throw new OperationalError(`${from}: the copy failed its integrity check: ${check}`);
  }
  renameSync(partial, to);
}

export async function backupStore(options: OpenStoreOptions, file: string): Promise<BackupReport> {
  const target = path.resolve(file);
  refuseExisting(target, 'the backup file');
  if (storeKind(options) === 'postgres') return backupPostgres(options.databaseUrl!, target);
  const source = path.resolve(options.dbPath);
  if (!existsSync(source)) throw new InputError(source, 'no such database file');
  if (source === target) throw new InputError(target, 'is the database itself');
  await sqliteCopy(source, target);
  return { store: 'sqlite', file: target, bytes: statSync(target).size, check: 'ok' };
}

/**
 * Restores `file` into the configured store, which must be new: a SQLite path where no file is, or
 * an empty PostgreSQL database. Then applies the migrations the backup predates.
 */
export async function restoreStore(options: OpenStoreOptions, file: string): Promise<RestoreReport> {
  const backup = path.resolve(file);
  if (!existsSync(backup)) throw new InputError(backup, 'no such backup file');
  if (storeKind(options) === 'postgres') return restorePostgres(options.databaseUrl!, backup);
  const target = path.resolve(options.dbPath);
  refuseExisting(target, 'the database');
  for (const suffix of ['-wal', '-shm']) refuseExisting(`${target}${suffix}`, 'a database journal');
  const check = checkSqliteFile(backup);
  if (check !== 'ok') throw new InputError(backup, `not restored: ${check}`);
  await sqliteCopy(backup, target);
  const db = new Database(target);
  try {
    db.pragma('journal_mode = WAL');
    return { store: 'sqlite', target, check, migrated: migrateSqlite(db) };
  } finally {
    db.close();
  }
}

// --- PostgreSQL through pg_dump / pg_restore -------------------------------------------------

async function tool(name: 'pg_dump' | 'pg_restore', args: string[]): Promise<string> {
  try {
    const { stdout } = await run(name, args, { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT')
      throw new OperationalError(
        `${name} is not installed: PostgreSQL backups use pg_dump and pg_restore (Debian: apt-get install postgresql-client)`,
      );
    throw new OperationalError(`${name} failed: ${(failure.stderr ?? failure.message).trim()}`, {
      cause: error,
    });
  }
}

async function backupPostgres(url: string, target: string): Promise<BackupReport> {
  const partial = `${target}.partial-${process.pid}`;
  rmSync(partial, { force: true });
  try {
    // --no-owner/--no-acl: the restore may run as another role, into another cluster.
    const schema = schemaOf(url);
    await tool('pg_dump', [
      '--format=custom',
      '--no-owner',
      '--no-acl',
      ...(schema ? [`--schema=${schema}`] : []),
      `--file=${partial}`,
      `--dbname=${toolUrl(url)}`,
    ]);
    const listing = await tool('pg_restore', ['--list', partial]);
    if (!/TABLE DATA \S+ schema_migrations/.test(listing))
      throw new OperationalError(`${redactUrl(url)}: the dump holds no schema_migrations table`);
    renameSync(partial, target);
    return { store: 'postgres', file: target, bytes: statSync(target).size, check: objectCount(listing) };
  } finally {
    rmSync(partial, { force: true });
  }
}

async function restorePostgres(url: string, backup: string): Promise<RestoreReport> {
  const listing = await tool('pg_restore', ['--list', backup]).catch((error: unknown) => {
    throw new InputError(backup, `not a pg_dump custom-format backup: ${(error as Error).message}`);
  });
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const schema = schemaOf(url) ?? 'public';
    const { rows } = await client.query<{ n: string }>(
      'SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = $1',
      [schema],
    );
    if (Number(rows[0]!.n) > 0)
      throw new InputError(
        redactUrl(url),
        `schema ${schema} is not empty: restore into a new database (createdb)`,
      );
    // pg_restore recreates the schema the dump was taken from: it must be the one the URL uses.
    const dumped = /^\d+; \d+ \d+ SCHEMA - (\S+)/m.exec(listing)?.[1] ?? 'public';
    if (dumped !== schema)
      throw new InputError(
        backup,
        `holds schema ${dumped}, but ${redactUrl(url)} uses ${schema}: restore with search_path=${dumped}`,
      );
  } finally {
    await client.end();
  }
  await tool('pg_restore', ['--no-owner', '--no-acl', '--exit-on-error', `--dbname=${toolUrl(url)}`, backup]);
  const { openPostgresStore } = await import('../postgres/postgres.store.ts');
  const { migrate } = await import('../postgres/migrator.ts');
  const store = await openPostgresStore(url, { migrate: false });
  try {
    return {
      store: 'postgres',
      target: redactUrl(url),
      check: objectCount(listing),
      migrated: await migrate(store.sql),
    };
  } finally {
    await store.close();
  }
}

/** The schema a URL's connections use (`options=-c search_path=NAME`), or null for the default. */
function schemaOf(url: string): string | null {
  try {
    const options = new URL(url).searchParams.get('options') ?? '';
    return /search_path=([A-Za-z_][A-Za-z0-9_]*)/.exec(options)?.[1] ?? null;
  } catch {
    return null;
  }
}

// libpq reads `+` in a URI's query literally (`-c+search_path` is refused), and the tools are told
// the schema with --schema or recreate it from the dump, so the option is left out for them.
function toolUrl(url: string): string {
  const plain = new URL(url);
  plain.searchParams.delete('options');
  return plain.toString();
}

function objectCount(listing: string): string {
  const tables = listing.split('\n').filter((line) => / TABLE DATA /.test(line)).length;
  return `${tables} tables`;
}
