// The one place that chooses a storage adapter from configuration (DATABASE_URL=postgres://… selects
// PostgreSQL; otherwise the SQLite file).
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { InputError, type Store } from '@echotrace/core';
import { openStore } from '@echotrace/storage';
import type { Config } from './config.ts';

export async function openConfiguredStore(config: Config): Promise<Store> {
  const readonly = !config.databaseUrl && existsSync(config.dbPath) && !writable(config.dbPath);
  if (readonly) {
    const folder = path.dirname(path.resolve(config.dbPath));
    // SQLite reads a WAL database through an index file (-shm) beside it; in a folder it may not
    // write, with no index there yet, it can only say "attempt to write a readonly database".
    if (!writable(folder) && !existsSync(`${config.dbPath}-shm`))
      throw new InputError(
        config.dbPath,
        `the database is read-only and so is its folder ${folder}, where SQLite must create ${path.basename(config.dbPath)}-shm to read it: copy the file to a writable folder`,
      );
  }
  return openStore({ dbPath: config.dbPath, databaseUrl: config.databaseUrl, readonly });
}

// A SQLite file we may not write is opened read-only (no migrations), so reading commands work on
// an archived copy; a writing command then fails on its first write with SQLite's "attempt to
// write a readonly database".
function writable(file: string): boolean {
  try {
    accessSync(file, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
