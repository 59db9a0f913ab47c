// The numbered SQL migration files, read from a dialect's migrations folder (the same numbers on
// both databases), and what `db status` reports about them.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DialectName } from './dialect.ts';

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

export const SCHEMA_MIGRATIONS_DDL =
  'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)';

export function loadMigrations(dir: string): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_.+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file.slice(5, -4),
      sql: readFileSync(`${dir}/${file}`, 'utf8'),
    }));
}

/** Refuses a database newer than this code rather than misreading it. */
export function checkKnown(migrations: Migration[], applied: Iterable<number>): void {
  const known = new Set(migrations.map((m) => m.version));
  const unknown = [...applied].filter((v) => !known.has(v));
  if (unknown.length > 0) {
    throw new Error(
      `database has migrations this version of Echotrace does not know (${unknown.join(', ')}): upgrade Echotrace`,
    );
  }
}

export function statusOf(migrations: Migration[], applied: Map<number, string>): MigrationStatus[] {
  return migrations.map((m) => ({
    version: m.version,
    name: m.name,
    appliedAt: applied.get(m.version) ?? null,
  }));
}

/** A dialect's migrations, from src/<dialect>/migrations. */
export function dialectMigrations(dialect: DialectName): Migration[] {
  return loadMigrations(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', dialect, 'migrations'));
}

/** The first migration not applied yet, or null; refuses a database newer than this code. */
export function nextMigration(migrations: Migration[], applied: Iterable<number>): Migration | null {
  const versions = new Set(applied);
  checkKnown(migrations, versions);
  return migrations.find((m) => !versions.has(m.version)) ?? null;
}
