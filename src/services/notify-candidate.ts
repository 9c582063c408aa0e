import type { Repositories } from '../ports/store.js';

/**
 * An in-app message now and an SMS through the outbox (jobs table), in the caller's
 * transaction: both happen exactly when the change they announce commits.
 */
export async function notifyCandidate(tx: Pick<Repositories, 'messages' | 'jobs'>, registrationId: string, now: Date, notice: { title: string; body: string; sms: string }): Promise<void> {
  await tx.messages.add(registrationId, { title: notice.title, body: notice.body }, now);
  await tx.jobs.enqueueSms(registrationId, notice.sms, now);
}
