import type { Store } from '@echotrace/core';
import type { PostgresStore } from '@echotrace/storage';
import { describeEntityRepositoryContract } from './contract/entity.contract.ts';
import { backendName, createTestStore, destroyTestStore } from './postgres.fixture.ts';

describeEntityRepositoryContract(`PostgreSQL (${backendName})`, {
  create: () => createTestStore(),
  destroy: (store: Store) => destroyTestStore(store as PostgresStore),
});
