// Applies the numbered SQL files in ./migrations in order, each in its own transaction, and records
// them in schema_migrations. Which migrations are applied is read inside the write lock (BEGIN
// IMMEDIATE): two processes opening a new file together must not both apply migration 1.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import {
  checkKnown,
  loadMigrations,
  SCHEMA_MIGRATIONS_DDL,
  statusOf,
  type MigrationStatus,
} from '../database/migrations.ts';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export function migrationStatus(db: Database.Database): MigrationStatus[] {
  db.exec(SCHEMA_MIGRATIONS_DDL);
  const rows = db.prepare('SELECT version, applied_at FROM schema_migrations').all() as Array<{
    version: number;
    applied_at: string;
  }>;
  return statusOf(loadMigrations(MIGRATIONS_DIR), new Map(rows.map((r) => [r.version, r.applied_at])));
}

export function migrate(db: Database.Database): number[] {
  const migrations = loadMigrations(MIGRATIONS_DIR);
  const done: number[] = [];
  for (;;) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(SCHEMA_MIGRATIONS_DDL);
      const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
      checkKnown(migrations, applied);
      const next = migrations.find((m) => !applied.has(m.version));
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
