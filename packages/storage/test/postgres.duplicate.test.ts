import type { Store } from '@echotrace/core';
import type { PostgresStore } from '@echotrace/storage';
import { describeDuplicateRepositoryContract } from './contract/duplicate.contract.ts';
import { backendName, createTestStore, destroyTestStore } from './postgres.fixture.ts';

describeDuplicateRepositoryContract(`PostgreSQL (${backendName})`, {
  create: () => createTestStore(),
  destroy: (store: Store) => destroyTestStore(store as PostgresStore),
});
