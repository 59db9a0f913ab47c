// The Store contract (sources, captures, documents, annotations, search, units of work, jobs) on
// every dialect the storage implementation supports.
import { describeStoreContract } from './contract/store.contract.ts';
import { EVERY_DIALECT } from './every-dialect.ts';

for (const { name, factory } of EVERY_DIALECT) describeStoreContract(name, factory);
