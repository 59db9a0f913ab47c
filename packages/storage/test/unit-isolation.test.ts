// Units of work isolate on every dialect the storage implementation supports.
import { describeUnitIsolationContract } from './contract/isolation.contract.ts';
import { EVERY_DIALECT } from './every-dialect.ts';

for (const { name, factory } of EVERY_DIALECT) describeUnitIsolationContract(name, factory);
