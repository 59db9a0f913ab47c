// The DuplicateRepository of the open store. The SQLite store shares its connection; a store that
// already offers `duplicates` (once the Store port carries it) is used as is.
import { OperationalError, type DuplicateRepository, type Store } from '@echotrace/core';
import { createDuplicateRepository, type SqliteStore } from '@echotrace/storage';

export function duplicateRepositoryOf(store: Store): DuplicateRepository {
  const withDuplicates = store as Store & { duplicates?: DuplicateRepository };
  if (withDuplicates.duplicates) return withDuplicates.duplicates;
  if ('db' in store) return createDuplicateRepository((store as SqliteStore).db);
  throw new OperationalError('this store keeps no near-duplicate groups');
}
