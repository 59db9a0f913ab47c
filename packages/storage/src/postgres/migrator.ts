// Applies the numbered SQL files in ./migrations (same numbers as the SQLite adapter's) in order,
// each in its own transaction, and records them in schema_migrations. A database newer than this
// code is refused rather than misread.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadMigrations, type MigrationStatus } from '../sqlite/migrator.ts';
import type { Sql } from './sql.client.ts';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

async function ensureTable(sql: Sql): Promise<void> {
  await sql.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
}

export async function migrationStatus(sql: Sql): Promise<MigrationStatus[]> {
  await ensureTable(sql);
  const applied = new Map(
    (
      await sql.rows<{ version: number; applied_at: string }>(
        'SELECT version, applied_at FROM schema_migrations',
      )
    ).map((r) => [Number(r.version), r.applied_at]),
  );
  return loadMigrations(MIGRATIONS_DIR).map((m) => ({
    version: m.version,
    name: m.name,
    appliedAt: applied.get(m.version) ?? null,
  }));
}

export async function migrate(sql: Sql): Promise<number[]> {
  await ensureTable(sql);
  const migrations = loadMigrations(MIGRATIONS_DIR);
  const known = new Set(migrations.map((m) => m.version));
  const applied = new Set(
    (await sql.rows<{ version: number }>('SELECT version FROM schema_migrations')).map((r) =>
      Number(r.version),
    ),
  );
  const unknown = [...applied].filter((v) => !known.has(v));
  if (unknown.length > 0) {
    throw new Error(
      `database has migrations this version of Echotrace does not know (${unknown.join(', ')}): upgrade Echotrace`,
    );
  }
  const done: number[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    await sql.transaction(async () => {
      // Workers starting together: one applies the migration, the others wait and then skip it.
      await sql.rows('SELECT pg_advisory_xact_lock(7210001)');
      const present = await sql.rows('SELECT 1 FROM schema_migrations WHERE version = $1', [
        migration.version,
      ]);
      if (present.length > 0) return;
      await sql.exec(migration.sql);
      await sql.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        new Date().toISOString(),
      ]);
    });
    done.push(migration.version);
  }
  return done;
}
