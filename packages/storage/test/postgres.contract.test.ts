import type { Store } from '@echotrace/core';
import type { PostgresStore } from '@echotrace/storage';
import { describeStoreContract } from './contract/store.contract.ts';
import { backendName, createTestStore, destroyTestStore } from './postgres.fixture.ts';

describeStoreContract(`PostgreSQL (${backendName})`, {
  create: () => createTestStore(),
  destroy: (store: Store) => destroyTestStore(store as PostgresStore),
});
