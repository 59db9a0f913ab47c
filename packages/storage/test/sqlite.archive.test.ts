import { describeArchiveRepositoryContract } from './contract/archive.contract.ts';
import { sqliteStoreFactory } from './sqlite.fixture.ts';

describeArchiveRepositoryContract('SQLite', sqliteStoreFactory);
