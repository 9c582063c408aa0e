import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { fromDbTime, toDbTime, toInt } from '../time.js';
import type { ReviewRequestsRepository } from '../../../ports/repositories/review-requests.js';

export const createReviewRequestsRepository = (db: Kysely<DB>): ReviewRequestsRepository => ({
  async openOf(registrationId) {
    const rows = await db
      .selectFrom('requested_categories')
      .select(['category_code', 'reason', 'level', 'requested_at'])
      .where('registration_id', '=', registrationId)
      .where('fulfilled_at', 'is', null)
      .where('closed_at', 'is', null)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ categoryCode: r.category_code, reason: r.reason, level: r.level, requestedAt: fromDbTime(r.requested_at) }));
  },

  async withOpenAmong(registrationIds) {
    if (registrationIds.length === 0) return new Set();
    const rows = await db
      .selectFrom('requested_categories')
      .select('registration_id')
      .where('registration_id', 'in', registrationIds)
      .where('fulfilled_at', 'is', null)
      .where('closed_at', 'is', null)
      .execute();
    return new Set(rows.map((r) => r.registration_id));
  },

  async fulfil(registrationId, categoryCode, now) {
    const res = await db
      .updateTable('requested_categories')
      .set({ fulfilled_at: toDbTime(now) })
      .where('registration_id', '=', registrationId)
      .where('category_code', '=', categoryCode)
      .where('fulfilled_at', 'is', null)
      .where('closed_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows);
  },

  async closeOpen(registrationId, now) {
    await db
      .updateTable('requested_categories')
      .set({ closed_at: toDbTime(now) })
      .where('registration_id', '=', registrationId)
      .where('fulfilled_at', 'is', null)
      .where('closed_at', 'is', null)
      .execute();
  },

  async add(registrationId, by, now, items) {
    if (items.length === 0) return;
    await db
      .insertInto('requested_categories')
      .values(items.map((i) => ({
        registration_id: registrationId, category_code: i.categoryCode, reason: i.reason.trim(), level: by.level, account_id: by.accountId,
        requested_at: toDbTime(now), fulfilled_at: null, closed_at: null,
      })))
      .execute();
  },

  async lateCategoryState(registrationId, categoryCode, returnedAt) {
    const since = toDbTime(returnedAt);
    const [flagged, requested, uploaded] = await Promise.all([
      db
        .selectFrom('images')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('registration_id', '=', registrationId)
        .where('category_code', '=', categoryCode)
        .where('state', '=', 'replace_requested')
        .where((eb) => eb.or([eb('deleted_at', 'is', null), eb('deleted_at', '>=', since)]))
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('requested_categories')
        .select('id')
        .where('registration_id', '=', registrationId)
        .where('category_code', '=', categoryCode)
        .where('requested_at', '>=', since)
        .where('closed_at', 'is', null)
        .limit(1)
        .executeTakeFirst(),
      db
        .selectFrom('images')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('registration_id', '=', registrationId)
        .where('category_code', '=', categoryCode)
        .where('deleted_at', 'is', null)
        .where('uploaded_at', '>=', since)
        .executeTakeFirstOrThrow(),
    ]);
    return { flagged: toInt(flagged.n), requested: requested !== undefined, uploadedSince: toInt(uploaded.n) };
  },

  async releasedOf(registrationId) {
    const rows = await db.selectFrom('released_categories').select('category_code').where('registration_id', '=', registrationId).execute();
    return new Set(rows.map((r) => r.category_code));
  },
});
