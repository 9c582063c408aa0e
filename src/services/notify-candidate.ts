import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../adapters/db/schema.js';
import { toDbTime } from '../adapters/db/time.js';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * An in-app message now and an SMS through the outbox (jobs table), in the caller's
 * transaction: both happen exactly when the change they announce commits.
 */
export async function notifyCandidate(db: Db, registrationId: string, now: Date, notice: { title: string; body: string; sms: string }): Promise<void> {
  await db.insertInto('messages').values({ registration_id: registrationId, title: notice.title, body: notice.body, created_at: toDbTime(now), read_at: null }).execute();
  await db
    .insertInto('jobs')
    .values({ kind: 'sms', payload: JSON.stringify({ registrationId, text: notice.sms }), run_at: toDbTime(now), attempts: 0, locked_until: null, done_at: null, last_error: null })
    .execute();
}
