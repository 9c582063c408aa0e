import type { AuditRepository } from './repositories/audit.js';
import type { RegistrationsRepository } from './repositories/registrations.js';
import type { ImagesRepository } from './repositories/images.js';
import type { DuplicatesRepository } from './repositories/duplicates.js';
import type { MessagesRepository } from './repositories/messages.js';
import type { JobsRepository } from './repositories/jobs.js';
import type { IdempotencyRepository } from './repositories/idempotency.js';
import type { PendingBlobsRepository } from './repositories/pending-blobs.js';
import type { ReviewRequestsRepository } from './repositories/review-requests.js';
import type { ReviewCommentsRepository } from './repositories/review-comments.js';
import type { CatalogRepository } from './repositories/catalog.js';
import type { ReviewRepository } from './repositories/review.js';
import type { ReviewQueueRepository } from './repositories/review-queue.js';
import type { ResultEventsRepository } from './repositories/result-events.js';
import type { AccountsRepository } from './repositories/accounts.js';
import type { RegionsRepository } from './repositories/regions.js';
import type { ImportsRepository } from './repositories/imports.js';
import type { EncryptedDataRepository } from './repositories/encrypted-data.js';
import type { RequirementChangesRepository } from './repositories/requirement-changes.js';

/**
 * The repositories: the only code that writes SQL and converts database times and integers.
 * Use cases get them through `Deps.store`; inside `store.transaction` they get the same set
 * bound to one transaction, and pass that set (`tx`) down to the helpers they call, so a
 * request reads what it needs once and writes atomically.
 */
export interface Repositories {
  audit: AuditRepository;
  registrations: RegistrationsRepository;
  images: ImagesRepository;
  /** Perceptual hashes and the duplicate pairs found among them. */
  duplicates: DuplicatesRepository;
  /** The candidate's inbox. */
  messages: MessagesRepository;
  /** The outbox of background jobs (SMS, result webhook). */
  jobs: JobsRepository;
  idempotency: IdempotencyRepository;
  pendingBlobs: PendingBlobsRepository;
  reviewRequests: ReviewRequestsRepository;
  reviewComments: ReviewCommentsRepository;
  catalog: CatalogRepository;
  /** Claims, drafts, verdicts and decisions of the two-level review. */
  review: ReviewRepository;
  /** The reviewers' queue, counts and exports, always within a staff scope. */
  reviewQueue: ReviewQueueRepository;
  /** Final results told to the registration system (pull API and webhook outbox). */
  resultEvents: ResultEventsRepository;
  /** Accounts, sessions, sign-in throttles, spent hand-off tokens. */
  accounts: AccountsRepository;
  /** Regions and sites with their windows, and regional announcements. */
  regions: RegionsRepository;
  /** The registration import and its reports. */
  imports: ImportsRepository;
  /** Every ciphertext under DATA_KEY, for a key rotation. */
  encryptedData: EncryptedDataRepository;
  /** A registration's required set changed: back to 填报, categories released or locked again. */
  requirementChanges: RequirementChangesRepository;
}

export interface Store extends Repositories {
  /** Resolves when the database answers a trivial query (the readiness check); rejects otherwise. */
  ping(): Promise<void>;
  /** Runs `work` in one database transaction: everything `tx` writes commits or rolls back together. */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
}
