import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.js';
import type { Repositories, Store } from '../../ports/store.js';
import { createAuditRepository } from './repositories/audit-log.js';
import { createCatalogRepository } from './repositories/catalog-repository.js';
import { catalogChanged } from './repositories/catalog-cache.js';

/**
 * Every repository over one executor: the pool, or one open transaction. `catalogWritten`
 * hears of each catalog write; over the pool (none given) it forgets the cached catalog at once.
 */
export function repositoriesOver(db: Kysely<DB>, catalogWritten?: () => void): Repositories {
  return {
    audit: createAuditRepository(db),
    catalog: createCatalogRepository(db, { written: catalogWritten ?? (() => catalogChanged(db)), cached: catalogWritten === undefined }),
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
    return await db.transaction().execute((trx) => work(repositoriesOver(trx, () => (catalogWritten = true)), trx));
  } finally {
    if (catalogWritten) catalogChanged(db);
  }
}

/** The Kysely-backed store (SQLite or PostgreSQL: the dialect lives in the repositories' SQL). */
export function createStore(db: Kysely<DB>): Store {
  return {
    ...repositoriesOver(db),
    transaction: (work) => transactionWithKysely(db, (tx) => work(tx)),
  };
}
