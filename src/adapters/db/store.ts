import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema.js';
import type { Repositories, Store } from '../../ports/store.js';
import { createAuditRepository } from './repositories/audit-log.js';
import { createRegistrationsRepository } from './repositories/registrations-repository.js';
import { createImagesRepository } from './repositories/images-repository.js';
import { createDuplicatesRepository } from './repositories/duplicates-repository.js';
import { createMessagesRepository } from './repositories/messages-repository.js';
import { createJobsRepository } from './repositories/jobs-repository.js';
import { createIdempotencyRepository } from './repositories/idempotency-repository.js';
import { createPendingBlobsRepository } from './repositories/pending-blobs-repository.js';
import { createReviewRequestsRepository } from './repositories/review-requests-repository.js';
import { createReviewCommentsRepository } from './repositories/review-comments-repository.js';
import { createCatalogRepository } from './repositories/catalog-repository.js';
import { catalogChanged } from './repositories/catalog-cache.js';
import { createReviewRepository } from './repositories/review-repository.js';
import { createReviewQueueRepository } from './repositories/review-queue-repository.js';
import { createResultEventsRepository } from './repositories/result-events-repository.js';
import { createAccountsRepository } from './repositories/accounts-repository.js';
import { createRegionsRepository } from './repositories/regions-repository.js';
import { createImportsRepository } from './repositories/imports-repository.js';
import { createEncryptedDataRepository } from './repositories/encrypted-data-repository.js';
import { createRequirementChangesRepository } from './repositories/requirement-changes-repository.js';

/**
 * Every repository over one executor: the pool, or one open transaction. `root` is the pool
 * the transaction belongs to (process-wide caches are kept per pool). `catalogWritten` hears of
 * each catalog write; over the pool (none given) it forgets the cached catalog at once.
 */
export function repositoriesOver(db: Kysely<DB>, root: Kysely<DB> = db, catalogWritten?: () => void): Repositories {
  return {
    audit: createAuditRepository(db),
    registrations: createRegistrationsRepository(db),
    images: createImagesRepository(db),
    duplicates: createDuplicatesRepository(db),
    messages: createMessagesRepository(db),
    jobs: createJobsRepository(db),
    idempotency: createIdempotencyRepository(db),
    pendingBlobs: createPendingBlobsRepository(db),
    reviewRequests: createReviewRequestsRepository(db),
    reviewComments: createReviewCommentsRepository(db),
    catalog: createCatalogRepository(db, { written: catalogWritten ?? (() => catalogChanged(root)), root }),
    review: createReviewRepository(db),
    reviewQueue: createReviewQueueRepository(db),
    resultEvents: createResultEventsRepository(db),
    accounts: createAccountsRepository(db),
    regions: createRegionsRepository(db),
    imports: createImportsRepository(db),
    encryptedData: createEncryptedDataRepository(db),
    requirementChanges: createRequirementChangesRepository(db),
  };
}

/**
 * One transaction with its repositories and, for helpers not yet on repositories, its Kysely
 * handle. The cached catalog is forgotten once the transaction ends (committed or not):
 * forgetting it earlier would let a concurrent read cache the rows the transaction replaces.
 */
export async function transactionWithKysely<T>(db: Kysely<DB>, work: (tx: Repositories, trx: Transaction<DB>) => Promise<T>): Promise<T> {
  let catalogWritten = false;
  try {
    return await db.transaction().execute((trx) => work(repositoriesOver(trx, db, () => (catalogWritten = true)), trx));
  } finally {
    if (catalogWritten) catalogChanged(db);
  }
}

/** The Kysely-backed store (SQLite or PostgreSQL: the dialect lives in the repositories' SQL). */
export function createStore(db: Kysely<DB>): Store {
  return {
    ...repositoriesOver(db),
    transaction: (work) => transactionWithKysely(db, (tx) => work(tx)),
    ping: async () => {
      await sql`select 1`.execute(db);
    },
  };
}
