// The one place that chooses a storage adapter from configuration.
import { OperationalError, type Store } from '@echotrace/core';
import { openSqliteStore } from '@echotrace/storage';
import type { Config } from './config.ts';

export async function openConfiguredStore(config: Config): Promise<Store> {
  if (config.databaseUrl) {
    throw new OperationalError('DATABASE_URL is set but this build has no PostgreSQL adapter yet');
  }
  return openSqliteStore(config.dbPath);
}
