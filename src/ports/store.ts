import type { AuditRepository } from './repositories/audit.js';
import type { CatalogRepository } from './repositories/catalog.js';

/**
 * The repositories: the only code that writes SQL and converts database times and integers.
 * Use cases get them through `Deps.store`; inside `store.transaction` they get the same set
 * bound to one transaction, and pass that set (`tx`) down to the helpers they call, so a
 * request reads what it needs once and writes atomically.
 */
export interface Repositories {
  audit: AuditRepository;
  catalog: CatalogRepository;
}

export interface Store extends Repositories {
  /** Runs `work` in one database transaction: everything `tx` writes commits or rolls back together. */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
}
