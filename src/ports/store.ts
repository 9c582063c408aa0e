import type { AuditRepository } from './repositories/audit.js';
import type { AccountsRepository } from './repositories/accounts.js';
import type { RegionsRepository } from './repositories/regions.js';
import type { ImportsRepository } from './repositories/imports.js';
import type { JobsRepository } from './repositories/jobs.js';
import type { EncryptedDataRepository } from './repositories/encrypted-data.js';

/**
 * The repositories: the only code that writes SQL and converts database times and integers.
 * Use cases get them through `Deps.store`; inside `store.transaction` they get the same set
 * bound to one transaction, and pass that set (`tx`) down to the helpers they call, so a
 * request reads what it needs once and writes atomically.
 */
export interface Repositories {
  audit: AuditRepository;
  /** Accounts, sessions, sign-in throttles, spent hand-off tokens. */
  accounts: AccountsRepository;
  /** Regions and sites with their windows, and regional announcements. */
  regions: RegionsRepository;
  /** The registration import and its reports. */
  imports: ImportsRepository;
  /** The outbox of background jobs (SMS, result webhook). */
  jobs: JobsRepository;
  /** Every ciphertext under DATA_KEY, for a key rotation. */
  encryptedData: EncryptedDataRepository;
}

export interface Store extends Repositories {
  /** Runs `work` in one database transaction: everything `tx` writes commits or rolls back together. */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
}
