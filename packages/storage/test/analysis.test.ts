// The AnalysisRepository contract on every dialect the storage implementation supports.
import { describeAnalysisRepositoryContract } from './contract/analysis.contract.ts';
import { EVERY_DIALECT } from './every-dialect.ts';

for (const { name, factory } of EVERY_DIALECT) describeAnalysisRepositoryContract(name, factory);
