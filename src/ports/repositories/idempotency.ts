import type { StoredAnswer } from './registrations.js';

/** Answers stored under a caller's Idempotency-Key, replayed for a retry. */
export interface IdempotencyRepository {
  find(accountId: string, key: string): Promise<StoredAnswer | null>;
  /** Fails with a uniqueness conflict when the key is taken (a concurrent request won). */
  save(accountId: string, key: string, answer: StoredAnswer, at: Date): Promise<void>;
}
