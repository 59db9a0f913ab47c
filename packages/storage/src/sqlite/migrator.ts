// Applies the numbered SQL files in ./migrations in order, each in its own transaction, and records
// them in schema_migrations. A database newer than this code is refused rather than misread.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export interface MigrationStatus {
  version: number;
  name: string;
  appliedAt: string | null;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_.+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file.slice(5, -4),
      sql: readFileSync(path.join(dir, file), 'utf8'),
    }));
}

export function migrationStatus(db: Database.Database): MigrationStatus[] {
  ensureTable(db);
  const applied = new Map(
    (
      db.prepare('SELECT version, applied_at FROM schema_migrations').all() as Array<{
        version: number;
        applied_at: string;
      }>
    ).map((row) => [row.version, row.applied_at]),
  );
  return loadMigrations().map((m) => ({
    version: m.version,
    name: m.name,
    appliedAt: applied.get(m.version) ?? null,
  }));
}

export function migrate(db: Database.Database): number[] {
  ensureTable(db);
  const migrations = loadMigrations();
  const known = new Set(migrations.map((m) => m.version));
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  const unknown = [...applied].filter((v) => !known.has(v));
  if (unknown.length > 0) {
    throw new Error(
      `database has migrations this version of Echotrace does not know (${unknown.join(', ')}): upgrade Echotrace`,
    );
  }
  const done: number[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
    })();
    done.push(migration.version);
  }
  return done;
}

function ensureTable(db: Database.Database): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
}
