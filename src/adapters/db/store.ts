import type { Kysely } from 'kysely';
import type { DB } from './schema.js';
import type { Repositories, Store } from '../../ports/store.js';
import { createAuditRepository } from './repositories/audit-log.js';
import { createReviewRepository } from './repositories/review-repository.js';
import { createReviewQueueRepository } from './repositories/review-queue-repository.js';
import { createResultEventsRepository } from './repositories/result-events-repository.js';

/** Every repository over one executor: the pool, or one open transaction. */
export function repositoriesOver(db: Kysely<DB>): Repositories {
  return {
    audit: createAuditRepository(db),
    review: createReviewRepository(db),
    reviewQueue: createReviewQueueRepository(db),
    resultEvents: createResultEventsRepository(db),
  };
}

/** The Kysely-backed store (SQLite or PostgreSQL: the dialect lives in the repositories' SQL). */
export function createStore(db: Kysely<DB>): Store {
  return {
    ...repositoriesOver(db),
    transaction: (work) => db.transaction().execute((trx) => work(repositoriesOver(trx))),
  };
}
