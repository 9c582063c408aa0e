import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { toDbTime, toInt } from '../time.js';
import type { ResultEvent } from '../../../domain/result-event.js';
import type { ResultEventsRepository } from '../../../ports/repositories/result-events.js';

export const createResultEventsRepository = (db: Kysely<DB>): ResultEventsRepository => ({
  async registrationRefOf(registrationId) {
    const r = await db.selectFrom('registrations').select(['registration_no', 'year']).where('id', '=', registrationId).executeTakeFirstOrThrow();
    return { registrationNo: r.registration_no, year: Number(r.year) };
  },

  async pageAfter(afterSeq, limit) {
    const rows = await db.selectFrom('result_events').select(['seq', 'payload']).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
    return rows.map((r) => ({ seq: toInt(r.seq), event: JSON.parse(r.payload) as ResultEvent }));
  },

  async add(registrationId, event, when, opts) {
    const at = toDbTime(when);
    await db.insertInto('result_events').values({ id: event.id, registration_id: registrationId, payload: JSON.stringify(event), created_at: at }).execute();
    if (opts.webhook) {
      await db.insertInto('jobs').values({ kind: 'result_webhook', payload: JSON.stringify({ eventId: event.id }), run_at: at, attempts: 0, locked_until: null, done_at: null, last_error: null }).execute();
    }
  },
});
