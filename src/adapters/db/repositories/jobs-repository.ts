import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { toDbTime } from '../time.js';
import type { JobsRepository } from '../../../ports/repositories/jobs.js';

export const createJobsRepository = (db: Kysely<DB>): JobsRepository => ({
  async enqueueSms(registrationId, text, runAt) {
    await db
      .insertInto('jobs')
      .values({ kind: 'sms', payload: JSON.stringify({ registrationId, text }), run_at: toDbTime(runAt), attempts: 0, locked_until: null, done_at: null, last_error: null })
      .execute();
  },
});
