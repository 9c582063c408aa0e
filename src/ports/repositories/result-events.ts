import type { ResultEvent } from '../../domain/result-event.js';

/** Final results for the registration system: the pull API's events and the webhook's outbox. */
export interface ResultEventsRepository {
  /** What an event names the registration by. */
  registrationRefOf(registrationId: string): Promise<{ registrationNo: string; year: number }>;
  /** Up to `limit` events after sequence number `afterSeq`, in the order they happened. */
  pageAfter(afterSeq: number, limit: number): Promise<Array<{ seq: number; event: ResultEvent }>>;
  /** The event and, with `webhook`, its `result_webhook` job (in the caller's transaction: both or neither). */
  add(registrationId: string, event: ResultEvent, at: Date, opts: { webhook: boolean }): Promise<void>;
}
