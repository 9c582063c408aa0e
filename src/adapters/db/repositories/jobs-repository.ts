import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { toDbTime, toInt } from '../time.js';
import type { JobsRepository } from '../../../ports/repositories/jobs.js';
import { isPostgres } from './postgres-only.js';

export function createJobsRepository(db: Kysely<DB>): JobsRepository {
  return {
    async enqueueSms(registrationId, text, runAt) {
      await db
        .insertInto('jobs')
        .values({ kind: 'sms', payload: JSON.stringify({ registrationId, text }), run_at: toDbTime(runAt), attempts: 0, locked_until: null, done_at: null, last_error: null })
        .execute();
    },
    async leaseNextDue(now, leaseUntil) {
      const nowIso = toDbTime(now);
      const due = db
        .selectFrom('jobs')
        .select('id')
        .where('done_at', 'is', null)
        .where('run_at', '<=', nowIso)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', nowIso)]))
        .orderBy('id')
        .limit(1);
      // PostgreSQL workers skip a row another worker is leasing; SQLite has one writer at a time.
      const job = await db
        .updateTable('jobs')
        .set({ locked_until: toDbTime(leaseUntil), attempts: sql<number>`attempts + 1` })
        .where('id', '=', isPostgres(db) ? due.forUpdate().skipLocked() : due)
        .returning(['id', 'kind', 'payload', 'attempts'])
        .executeTakeFirst();
      return job && { id: toInt(job.id), kind: job.kind, payload: job.payload, attempts: toInt(job.attempts) };
    },
    async markDone(id, at) {
      await db.updateTable('jobs').set({ done_at: toDbTime(at), locked_until: null, last_error: null }).where('id', '=', id).execute();
    },
    async markFailed(id, p) {
      await db
        .updateTable('jobs')
        .set({
          locked_until: null,
          last_error: p.error,
          run_at: toDbTime(p.runAt),
          ...(p.giveUpAt ? { done_at: toDbTime(p.giveUpAt) } : {}),
        })
        .where('id', '=', id)
        .execute();
    },
    async smsRecipientCipher(registrationId) {
      const r = await db.selectFrom('registrations').select('phone_cipher').where('id', '=', registrationId).executeTakeFirst();
      return r?.phone_cipher;
    },
    async resultEvent(eventId) {
      return db.selectFrom('result_events').select(['id', 'payload']).where('id', '=', eventId).executeTakeFirst();
    },
  };
}
