// The one place that chooses a storage adapter from configuration (DATABASE_URL=postgres://… selects
// PostgreSQL; otherwise the SQLite file).
import { accessSync, constants, copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InputError, type Store } from '@echotrace/core';
import { openStore } from '@echotrace/storage';
import type { Config } from './config.ts';

/** Where a notice about how the store was opened goes (the CLI's stderr). */
export type StoreNotice = (message: string) => void;

export async function openConfiguredStore(config: Config, notice: StoreNotice = () => {}): Promise<Store> {
  const readonly = !config.databaseUrl && existsSync(config.dbPath) && !writable(config.dbPath);
  if (readonly) {
    const folder = path.dirname(path.resolve(config.dbPath));
    // SQLite reads a WAL database through an index file (-shm) beside it; in a folder it may not
    // write, with no index there yet, it can only say "attempt to write a readonly database". The
    // bundled SQLite has no URI filenames, so `immutable=1` is not available: read a private copy.
    if (!writable(folder) && !existsSync(`${config.dbPath}-shm`))
      return openPrivateCopy(config.dbPath, notice);
  }
  return openStore({ dbPath: config.dbPath, databaseUrl: config.databaseUrl, readonly });
}

/**
 * Copies the file (and its -wal, which holds committed pages not yet in the file) into a private
 * temporary folder, opens the copy read-only, and removes it when the store is closed. The
 * original is never opened, so nothing about it changes.
 */
async function openPrivateCopy(dbPath: string, notice: StoreNotice): Promise<Store> {
  const dir = mkdtempSync(path.join(tmpdir(), 'echotrace-readonly-'));
  const copy = path.join(dir, path.basename(dbPath));
  try {
    copyFileSync(dbPath, copy);
    if (existsSync(`${dbPath}-wal`)) copyFileSync(`${dbPath}-wal`, `${copy}-wal`);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new InputError(
      dbPath,
      `the database and its folder are read-only, and a private copy to read could not be made in ${dir}: ${(error as Error).message}`,
    );
  }
  const megabytes = (statSync(copy).size / 1048576).toFixed(1);
  notice(
    `${dbPath}: the database and its folder are read-only; reading a private copy (${megabytes} MB in ${dir}), removed on exit. Writing commands fail.`,
  );
  const store = await openStore({ dbPath: copy, readonly: true });
  const close = store.close.bind(store);
  return Object.assign(store, {
    async close() {
      try {
        await close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  });
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
