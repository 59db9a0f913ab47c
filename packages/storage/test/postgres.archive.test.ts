import type { Store } from '@echotrace/core';
import type { PostgresStore } from '@echotrace/storage';
import { describeArchiveRepositoryContract } from './contract/archive.contract.ts';
import { backendName, createTestStore, destroyTestStore } from './postgres.fixture.ts';

describeArchiveRepositoryContract(`PostgreSQL (${backendName})`, {
  create: () => createTestStore(),
  destroy: (store: Store) => destroyTestStore(store as PostgresStore),
});
