// The one place a Store is put together: from a database (Kysely instance + dialect seam) and the
// repository factories. Repositories are made on first use, not here: a store opened without
// migrating (`db status`, or `db copy` from a file made by an older version) must not touch tables
// that are not there yet.
import type { Store } from '@echotrace/core';
import { createSourceRepository } from '../repositories/source.repository.ts';
import type { StoreDatabase } from './dialect.ts';
import { createDuplicateRepository } from '../repositories/duplicate.repository.ts';
import { createEntityRepository } from '../repositories/entity.repository.ts';
import { createSanctionsRepository } from '../repositories/sanctions.repository.ts';
import { createAnnotationRepository } from '../repositories/annotation.repository.ts';
import { createArchiveRepository } from '../repositories/archive.repository.ts';
import { createCaptureRepository } from '../repositories/capture.repository.ts';
import { createDocumentRepository } from '../repositories/document.repository.ts';
import { createJobQueue } from '../repositories/job.queue.ts';
import { createSearchIndex } from '../repositories/search.index.ts';
import { createSourceSettingsRepository } from '../repositories/source-settings.repository.ts';
import { createTelegramPostRepository } from '../repositories/telegram-post.repository.ts';
import { createTranslationRepository } from '../repositories/translation.repository.ts';
import { createDispatchRepository } from '../repositories/dispatch.repository.ts';
import { createAlertRepository } from '../repositories/alert.repository.ts';
import { createAnalysisRepository } from '../repositories/analysis.repository.ts';
import { createLabelDecisionRepository } from '../repositories/label-decision.repository.ts';
import { createStoreContext, type StoreContext } from './unit-of-work.ts';
import { createAccountRepository } from '../repositories/account.repository.ts';
import { createAuditLog } from '../repositories/audit.log.ts';

export type Repositories = Omit<Store, 'transaction' | 'close'>;
export type RepositoryFactories = { [K in keyof Repositories]: (context: StoreContext) => Repositories[K] };

/** The repositories written once over Kysely, for every dialect. */
export const SHARED_REPOSITORIES: Partial<RepositoryFactories> = {
  sources: createSourceRepository,
  sanctions: createSanctionsRepository,
  duplicates: createDuplicateRepository,
  entities: createEntityRepository,
  captures: createCaptureRepository,
  documents: createDocumentRepository,
  annotations: createAnnotationRepository,
  archive: createArchiveRepository,
  sourceSettings: createSourceSettingsRepository,
  search: createSearchIndex,
  jobs: (context) => createJobQueue(context),
  telegramPosts: createTelegramPostRepository,
  translations: createTranslationRepository,
  dispatches: createDispatchRepository,
  alerts: createAlertRepository,
  accounts: createAccountRepository,
  audit: createAuditLog,
  analysis: createAnalysisRepository,
  labelDecisions: createLabelDecisionRepository,
};

export interface AssembledStore extends Store {
  readonly context: StoreContext;
}

/**
 * Builds the Store. `specific` supplies the repositories not yet written once (per-dialect ones);
 * shared ones win over nothing else.
 */
export function assembleStore(
  database: StoreDatabase,
  specific: Partial<RepositoryFactories> = {},
  onClose: () => Promise<void> = async () => undefined,
): AssembledStore {
  const context = createStoreContext(database);
  const factories = { ...specific, ...SHARED_REPOSITORIES } as RepositoryFactories;
  const made = new Map<keyof Repositories, unknown>();
  const repository = <K extends keyof Repositories>(key: K): Repositories[K] => {
    if (!made.has(key)) made.set(key, factories[key](context));
    return made.get(key) as Repositories[K];
  };
  return {
    context,
    get sources() {
      return repository('sources');
    },
    get captures() {
      return repository('captures');
    },
    get documents() {
      return repository('documents');
    },
    get annotations() {
      return repository('annotations');
    },
    get entities() {
      return repository('entities');
    },
    get archive() {
      return repository('archive');
    },
    get sourceSettings() {
      return repository('sourceSettings');
    },
    get sanctions() {
      return repository('sanctions');
    },
    get duplicates() {
      return repository('duplicates');
    },
    get telegramPosts() {
      return repository('telegramPosts');
    },
    get translations() {
      return repository('translations');
    },
    get dispatches() {
      return repository('dispatches');
    },
    get alerts() {
      return repository('alerts');
    },
    get analysis() {
      return repository('analysis');
    },
    get labelDecisions() {
      return repository('labelDecisions');
    },
    get search() {
      return repository('search');
    },
    get jobs() {
      return repository('jobs');
    },
    get accounts() {
      return repository('accounts');
    },
    get audit() {
      return repository('audit');
    },
    transaction: (work) => context.transaction(work),
    async close() {
      await context.close();
      await onClose();
    },
  };
}
