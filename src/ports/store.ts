import type { AuditRepository } from './repositories/audit.js';
import type { ReviewRepository } from './repositories/review.js';
import type { ReviewQueueRepository } from './repositories/review-queue.js';
import type { ResultEventsRepository } from './repositories/result-events.js';

/**
 * The repositories: the only code that writes SQL and converts database times and integers.
 * Use cases get them through `Deps.store`; inside `store.transaction` they get the same set
 * bound to one transaction, and pass that set (`tx`) down to the helpers they call, so a
 * request reads what it needs once and writes atomically.
 */
export interface Repositories {
  audit: AuditRepository;
  /** Claims, drafts, verdicts and decisions of the two-level review. */
  review: ReviewRepository;
  /** The reviewers' queue, counts and exports, always within a staff scope. */
  reviewQueue: ReviewQueueRepository;
  /** Final results told to the registration system (pull API and webhook outbox). */
  resultEvents: ResultEventsRepository;
}

export interface Store extends Repositories {
  /** Runs `work` in one database transaction: everything `tx` writes commits or rolls back together. */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
}
