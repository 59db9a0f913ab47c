import type { Store } from '@echotrace/core';
import type { PostgresStore } from '@echotrace/storage';
import { describeSourceSettingsRepositoryContract } from './contract/source-settings.contract.ts';
import { backendName, createTestStore, destroyTestStore } from './postgres.fixture.ts';

describeSourceSettingsRepositoryContract(`PostgreSQL (${backendName})`, {
  create: () => createTestStore(),
  destroy: (store: Store) => destroyTestStore(store as PostgresStore),
});
