import { describeStoreContract } from './contract/store.contract.ts';
import { sqliteStoreFactory } from './sqlite.fixture.ts';

describeStoreContract('SQLite', sqliteStoreFactory);
