// The account repository and audit log contract on every dialect the storage implementation supports.
import { describeAccountContract } from './contract/account.contract.ts';
import { EVERY_DIALECT } from './every-dialect.ts';

for (const { name, factory } of EVERY_DIALECT) describeAccountContract(name, factory);
