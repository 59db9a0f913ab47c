// The one place that chooses a storage adapter from configuration (DATABASE_URL=postgres://… selects
// PostgreSQL; otherwise the SQLite file).
import type { Store } from '@echotrace/core';
import { openStore } from '@echotrace/storage';
import type { Config } from './config.ts';

export async function openConfiguredStore(config: Config): Promise<Store> {
  return openStore({ dbPath: config.dbPath, databaseUrl: config.databaseUrl });
}
