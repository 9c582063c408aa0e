import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../adapters/db/schema.js';
import { fromDbTime, toDbTime, toInt } from '../adapters/db/time.js';
import type { LateCategoryState } from '../domain/late-fixes.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface OpenRequestRow {
  categoryCode: string;
  reason: string;
  level: 'site' | 'region';
  requestedAt: string;
}

/** The categories a reviewer asked for that the candidate has not added yet, oldest first. */
export async function openRequests(db: Db, registrationId: string): Promise<OpenRequestRow[]> {
  const rows = await db
    .selectFrom('requested_categories')
    .select(['category_code', 'reason', 'level', 'requested_at'])
    .where('registration_id', '=', registrationId)
    .where('fulfilled_at', 'is', null)
    .where('closed_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ categoryCode: r.category_code, reason: r.reason, level: r.level, requestedAt: fromDbTime(r.requested_at).toISOString() }));
}

/** An upload into a requested category ends the request (in the upload's transaction). */
export async function fulfilRequests(trx: Db, registrationId: string, categoryCode: string, now: Date): Promise<number> {
  const res = await trx
    .updateTable('requested_categories')
    .set({ fulfilled_at: toDbTime(now) })
    .where('registration_id', '=', registrationId)
    .where('category_code', '=', categoryCode)
    .where('fulfilled_at', 'is', null)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** A new decision replaces whatever the previous one asked for. */
export async function closeOpenRequests(trx: Db, registrationId: string, now: Date): Promise<void> {
  await trx
    .updateTable('requested_categories')
    .set({ closed_at: toDbTime(now) })
    .where('registration_id', '=', registrationId)
    .where('fulfilled_at', 'is', null)
    .where('closed_at', 'is', null)
    .execute();
}

export async function insertRequests(
  trx: Db,
  registrationId: string,
  by: { level: 'site' | 'region'; accountId: string },
  now: Date,
  items: Array<{ categoryCode: string; reason: string }>,
): Promise<void> {
  if (items.length === 0) return;
  await trx
    .insertInto('requested_categories')
    .values(items.map((i) => ({
      registration_id: registrationId, category_code: i.categoryCode, reason: i.reason.trim(), level: by.level, account_id: by.accountId,
      requested_at: toDbTime(now), fulfilled_at: null, closed_at: null,
    })))
    .execute();
}

/** What the last return asked of one category and what was uploaded since (late fixes). */
export async function lateCategoryState(db: Db, registrationId: string, categoryCode: string, returnedAt: Date): Promise<LateCategoryState> {
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
}

/** Categories an import took out of the candidate's required set (their approved images may go). */
export async function releasedCategories(db: Db, registrationId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('released_categories').select('category_code').where('registration_id', '=', registrationId).execute();
  return new Set(rows.map((r) => r.category_code));
}
