// Chooses the acquisition adapters from configuration: the HTTP fetcher, and the archive
// repository that shares the store's database.
import {
  OperationalError,
  type ArchiveRepository,
  type Fetcher,
  type SourceSettingsRepository,
  type Store,
} from '@echotrace/core';
import { HttpFetcher } from '@echotrace/fetch';
import {
  createSqliteArchiveRepository,
  createSqliteSourceSettingsRepository,
  type SqliteStore,
} from '@echotrace/storage';
import type { Config } from './config.ts';

export function createFetcher(config: Config): Fetcher {
  return new HttpFetcher({
    userAgent: config.userAgent,
    allowPrivateNetwork: config.allowPrivateNetwork,
    perHostDelayMs: config.fetchDelayMs,
    timeoutMs: config.fetchTimeoutMs,
  });
}

export function openArchive(store: Store): ArchiveRepository {
  if ('db' in store) return createSqliteArchiveRepository((store as SqliteStore).db);
  throw new OperationalError('this store has no archive adapter yet');
}

export function openSourceSettings(store: Store): SourceSettingsRepository {
  if ('db' in store) return createSqliteSourceSettingsRepository((store as SqliteStore).db);
  throw new OperationalError('this store has no source settings adapter yet');
}
