// The TelegramPostRepository contract on every dialect the storage implementation supports.
import { describeTelegramPostRepositoryContract } from './contract/telegram-post.contract.ts';
import { EVERY_DIALECT } from './every-dialect.ts';

for (const { name, factory } of EVERY_DIALECT) describeTelegramPostRepositoryContract(name, factory);
