// The EntityRepository contract on every dialect the storage implementation supports.
import { describeEntityRepositoryContract } from './contract/entity.contract.ts';
import { EVERY_DIALECT } from './every-dialect.ts';

for (const { name, factory } of EVERY_DIALECT) describeEntityRepositoryContract(name, factory);
