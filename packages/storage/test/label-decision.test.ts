// The LabelDecisionRepository contract on every dialect the storage implementation supports.
import { describeLabelDecisionRepositoryContract } from './contract/label-decision.contract.ts';
import { EVERY_DIALECT } from './every-dialect.ts';

for (const { name, factory } of EVERY_DIALECT) describeLabelDecisionRepositoryContract(name, factory);
