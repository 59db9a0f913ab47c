// Applies the numbered SQL files in ./migrations (same numbers as the SQLite adapter's) in order,
// each in its own transaction, and records them in schema_migrations. Every step takes an advisory
// lock first and reads what is applied after it: workers starting together apply each migration
// once. A database newer than this code is refused rather than misread.
import {
  dialectMigrations,
  nextMigration,
  SCHEMA_MIGRATIONS_DDL,
  statusOf,
  type MigrationStatus,
} from '../database/migrations.ts';
import type { Sql } from './sql.client.ts';

const MIGRATION_LOCK = 7210001;

async function appliedVersions(sql: Sql): Promise<Map<number, string>> {
  // CREATE TABLE IF NOT EXISTS is not safe against itself on PostgreSQL: take the lock first.
  await sql.rows(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
  await sql.exec(SCHEMA_MIGRATIONS_DDL);
  const rows = await sql.rows<{ version: number; applied_at: string }>(
    'SELECT version, applied_at FROM schema_migrations',
  );
  return new Map(rows.map((r) => [Number(r.version), r.applied_at]));
}

export async function migrationStatus(sql: Sql): Promise<MigrationStatus[]> {
  const applied = await sql.transaction(() => appliedVersions(sql));
  return statusOf(dialectMigrations('postgres'), applied);
}

export async function migrate(sql: Sql): Promise<number[]> {
  const migrations = dialectMigrations('postgres');
  const done: number[] = [];
  for (;;) {
    const applied = await sql.transaction(async () => {
      const applied = await appliedVersions(sql);
      const next = nextMigration(migrations, applied.keys());
      if (!next) return null;
      await sql.exec(next.sql);
      await sql.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        next.version,
        next.name,
        new Date().toISOString(),
      ]);
      return next.version;
    });
    if (applied === null) return done;
    done.push(applied);
  }
}
