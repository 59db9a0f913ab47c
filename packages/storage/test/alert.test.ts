// The AlertRepository contract on every dialect the storage implementation supports.
import { describeAlertRepositoryContract } from './contract/alert.contract.ts';
import { EVERY_DIALECT } from './every-dialect.ts';

for (const { name, factory } of EVERY_DIALECT) describeAlertRepositoryContract(name, factory);
