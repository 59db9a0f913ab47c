// Applies the numbered SQL files in ./migrations in order, each in its own transaction, and records
// them in schema_migrations. Which migrations are applied is read inside the write lock (BEGIN
// IMMEDIATE): two processes opening a new file together must not both apply migration 1.
import type Database from 'better-sqlite3';
import {
  dialectMigrations,
  nextMigration,
  SCHEMA_MIGRATIONS_DDL,
  statusOf,
  type MigrationStatus,
} from '../database/migrations.ts';

export function migrationStatus(db: Database.Database): MigrationStatus[] {
  db.exec(SCHEMA_MIGRATIONS_DDL);
  const rows = db.prepare('SELECT version, applied_at FROM schema_migrations').all() as Array<{
    version: number;
    applied_at: string;
  }>;
  return statusOf(dialectMigrations('sqlite'), new Map(rows.map((r) => [r.version, r.applied_at])));
}

export function migrate(db: Database.Database): number[] {
  const migrations = dialectMigrations('sqlite');
  const done: number[] = [];
  for (;;) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(SCHEMA_MIGRATIONS_DDL);
      const applied = db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[];
      const next = nextMigration(migrations, applied);
      if (!next) {
        db.exec('COMMIT');
        return done;
      }
      db.exec(next.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        next.version,
        next.name,
        new Date().toISOString(),
      );
      db.exec('COMMIT');
      done.push(next.version);
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }
}
