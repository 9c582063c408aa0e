import type { Kysely } from 'kysely';
import type { DB } from './schema.js';
import type { Repositories, Store } from '../../ports/store.js';
import { createAuditRepository } from './repositories/audit-log.js';
import { createAccountsRepository } from './repositories/accounts-repository.js';
import { createRegionsRepository } from './repositories/regions-repository.js';
import { createImportsRepository } from './repositories/imports-repository.js';
import { createJobsRepository } from './repositories/jobs-repository.js';
import { createEncryptedDataRepository } from './repositories/encrypted-data-repository.js';

/** Every repository over one executor: the pool, or one open transaction. */
export function repositoriesOver(db: Kysely<DB>): Repositories {
  return {
    audit: createAuditRepository(db),
    accounts: createAccountsRepository(db),
    regions: createRegionsRepository(db),
    imports: createImportsRepository(db),
    jobs: createJobsRepository(db),
    encryptedData: createEncryptedDataRepository(db),
  };
}

/** The Kysely-backed store (SQLite or PostgreSQL: the dialect lives in the repositories' SQL). */
export function createStore(db: Kysely<DB>): Store {
  return {
    ...repositoriesOver(db),
    transaction: (work) => db.transaction().execute((trx) => work(repositoriesOver(trx))),
  };
}
