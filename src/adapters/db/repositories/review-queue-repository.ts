import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { DB } from '../schema.js';
import { fromDbTime, fromDbTimeOrNull, toBool, toDbTime, toInt } from '../time.js';
import type { StaffScope } from '../../../domain/staff-scope.js';
import type { RegistrationStatus } from '../../../domain/registration-status.js';
import type { ReviewQueueRepository } from '../../../ports/repositories/review-queue.js';

/** The scope as a WHERE condition on registrations aliased `r`. */
export function inScope(scope: StaffScope) {
  return (eb: ExpressionBuilder<DB & { r: DB['registrations'] }, 'r'>): Expression<SqlBool> => {
    if (scope.kind === 'site') return eb('r.site_code', '=', scope.siteCode);
    if (scope.kind === 'region') return eb('r.region_code', '=', scope.regionCode);
    return eb.lit(scope.kind === 'all');
  };
}

/** The scope as a WHERE condition on sites aliased `s`. */
function siteInScope(scope: StaffScope) {
  return (eb: ExpressionBuilder<DB & { s: DB['sites'] }, 's'>): Expression<SqlBool> => {
    if (scope.kind === 'site') return eb('s.code', '=', scope.siteCode);
    if (scope.kind === 'region') return eb('s.region_code', '=', scope.regionCode);
    return eb.lit(scope.kind === 'all');
  };
}

export const createReviewQueueRepository = (db: Kysely<DB>): ReviewQueueRepository => ({
  async findInScope(scope, registrationNo) {
    const r = await db
      .selectFrom('registrations as r')
      .select(['r.id', 'r.status', 'r.changed_since_return', 'r.claim_account_id', 'r.claim_expires_at'])
      .where('r.registration_no', '=', registrationNo)
      .where(inScope(scope))
      .executeTakeFirst();
    return r
      ? { id: r.id, status: r.status as RegistrationStatus, changedSinceReturn: toBool(r.changed_since_return), claimAccountId: r.claim_account_id, claimExpiresAt: fromDbTimeOrNull(r.claim_expires_at) }
      : null;
  },

  // The pending queue reads the (scope, review_queue, waiting_since, id) index; a status
  // filter reads (scope, status, status_changed_at, id).
  async page(scope, f, limit) {
    const timeCol = f.pendingAt ? 'r.waiting_since' : 'r.status_changed_at';
    const nowIso = toDbTime(f.now);
    let q = db
      .selectFrom('registrations as r')
      .innerJoin('sites as s', 's.code', 'r.site_code')
      .innerJoin('exam_categories as e', 'e.code', 'r.exam_category_code')
      .select([
        'r.id', 'r.registration_no', 'r.name', 'r.id_number_masked', 'r.phone_masked', 'r.status', 'r.status_changed_at',
        'r.waiting_since', 'r.changed_since_return', 'r.materials_complete', 'r.image_count', 'r.claim_account_id', 'r.claim_expires_at',
        's.code as site_code', 's.name as site_name', 'e.code as exam_code', 'e.name as exam_name', 'e.name_en as exam_name_en',
      ])
      .where(inScope(scope));
    if (f.pendingAt) q = q.where('r.review_queue', '=', f.pendingAt);
    if (f.status) q = q.where('r.status', '=', f.status);
    if (f.examCategory) q = q.where('r.exam_category_code', '=', f.examCategory);
    if (f.site) q = q.where('r.site_code', '=', f.site);
    if (f.complete !== undefined) q = q.where('r.materials_complete', '=', f.complete ? 1 : 0);
    if (f.changed !== undefined) q = q.where('r.changed_since_return', '=', f.changed ? 1 : 0);
    if (f.claimed === true) q = q.where('r.claim_expires_at', '>', nowIso);
    if (f.claimed === false) q = q.where((eb) => eb.or([eb('r.claim_expires_at', 'is', null), eb('r.claim_expires_at', '<=', nowIso)]));
    // A full ID number is found through its keyed hash, never by scanning plain numbers.
    if (f.idNumberHash) q = q.where('r.id_number_hash', '=', f.idNumberHash);
    if (f.registrationNoPrefix) q = q.where('r.registration_no', '>=', f.registrationNoPrefix).where('r.registration_no', '<', `${f.registrationNoPrefix}:`);
    if (f.name) q = q.where('r.name', '=', f.name);
    if (f.after) {
      const t = toDbTime(f.after.at);
      const id = f.after.id;
      // A row-value comparison, not `t > ? or (t = ? and id > ?)`: both databases turn it into
      // an index range starting at the cursor, where the OR form scans (and, on PostgreSQL, reads
      // from the table) every row before it — tens of thousands deep in a large site's queue.
      q = q.where(({ eb, refTuple, tuple }) => eb(refTuple(timeCol, 'r.id'), '>', tuple(t, id)));
    }
    const rows = await q.orderBy(timeCol).orderBy('r.id').limit(limit).execute();
    return rows.map((r) => ({
      id: r.id,
      registrationNo: r.registration_no,
      name: r.name,
      idNumberMasked: r.id_number_masked,
      phoneMasked: r.phone_masked,
      status: r.status as RegistrationStatus,
      statusChangedAt: fromDbTime(r.status_changed_at),
      waitingSince: fromDbTime(r.waiting_since),
      changedSinceReturn: toBool(r.changed_since_return),
      materialsComplete: toBool(r.materials_complete),
      imageCount: toInt(r.image_count),
      claimAccountId: r.claim_account_id,
      claimExpiresAt: fromDbTimeOrNull(r.claim_expires_at),
      site: { code: r.site_code, name: r.site_name },
      examCategory: { code: r.exam_code, name: r.exam_name, nameEn: r.exam_name_en },
    }));
  },

  // One pass over the narrow (scope, status, review_queue) index.
  async countByStatusAndQueue(scope) {
    const rows = await db
      .selectFrom('registrations as r')
      .select(['r.status', 'r.review_queue', (eb) => eb.fn.countAll<number>().as('n')])
      .where(inScope(scope))
      .groupBy(['r.status', 'r.review_queue'])
      .execute();
    return rows.map((r) => ({ status: r.status as RegistrationStatus, queue: r.review_queue, n: toInt(r.n) }));
  },

  async countIncomplete(scope, level) {
    const row = await db
      .selectFrom('registrations as r')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(inScope(scope))
      .where('r.review_queue', '=', level)
      .where('r.materials_complete', '=', 0)
      .executeTakeFirstOrThrow();
    return toInt(row.n);
  },

  async uploadWindowOf(scope) {
    let q = db.selectFrom('regions as g').select(['g.upload_enabled', 'g.upload_opens_at', 'g.upload_closes_at']);
    if (scope.kind === 'site') q = q.innerJoin('sites as s', 's.region_code', 'g.code').where('s.code', '=', scope.siteCode);
    else if (scope.kind === 'region') q = q.where('g.code', '=', scope.regionCode);
    else return null;
    const g = await q.executeTakeFirst();
    return g ? { uploadEnabled: toBool(g.upload_enabled), opensAt: fromDbTimeOrNull(g.upload_opens_at), closesAt: fromDbTimeOrNull(g.upload_closes_at) } : null;
  },

  async remindedOn(registrationIds, day) {
    if (registrationIds.length === 0) return new Set();
    const rows = await db
      .selectFrom('candidate_reminders')
      .select('registration_id')
      .where('registration_id', 'in', [...registrationIds])
      .where('day', '=', day)
      .execute();
    return new Set(rows.map((r) => r.registration_id));
  },

  async statistics(scope) {
    const [byStatus, waiting, sites] = await Promise.all([
      db
        .selectFrom('registrations as r')
        .select(['r.site_code', 'r.status', (eb) => eb.fn.countAll<number>().as('n')])
        .where(inScope(scope))
        .groupBy(['r.site_code', 'r.status'])
        .execute(),
      db
        .selectFrom('registrations as r')
        .select(['r.site_code', 'r.review_queue', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('r.waiting_since').as('oldest')])
        .where(inScope(scope))
        .where('r.review_queue', 'is not', null)
        .groupBy(['r.site_code', 'r.review_queue'])
        .execute(),
      db
        .selectFrom('sites as s')
        .innerJoin('regions as g', 'g.code', 's.region_code')
        .select(['s.code', 's.name', 'g.code as region_code', 'g.name as region_name'])
        .where(siteInScope(scope))
        .orderBy('s.code')
        .execute(),
    ]);
    return {
      byStatus: byStatus.map((r) => ({ siteCode: r.site_code, status: r.status, n: toInt(r.n) })),
      waiting: waiting.map((r) => ({ siteCode: r.site_code, queue: r.review_queue!, n: toInt(r.n), oldest: fromDbTimeOrNull(r.oldest) })),
      sites: sites.map((s) => ({ code: s.code, name: s.name, region: { code: s.region_code, name: s.region_name } })),
    };
  },

  async sitesInScope(scope) {
    return db.selectFrom('sites as s').select(['s.code', 's.name']).where(siteInScope(scope)).orderBy('s.code').execute();
  },

  async exportPage(scope, f, limit) {
    let q = db
      .selectFrom('registrations as r')
      .innerJoin('sites as s', 's.code', 'r.site_code')
      .innerJoin('exam_categories as e', 'e.code', 'r.exam_category_code')
      .select(['r.id', 'r.registration_no', 'r.name', 'r.id_number_masked', 'r.status', 'r.materials_complete', 'r.status_changed_at', 's.name as site_name', 'e.name as exam_name'])
      .where(inScope(scope))
      .where('r.registration_no', '>', f.afterNo)
      .orderBy('r.registration_no')
      .limit(limit);
    if (f.status) q = q.where('r.status', '=', f.status);
    const rows = await q.execute();
    if (rows.length === 0) return [];
    const comments = await db
      .selectFrom('review_comments')
      .select(['registration_id', 'level', 'comment', 'id'])
      .where('registration_id', 'in', rows.map((r) => r.id))
      .orderBy('id')
      .execute();
    // In id order: the last one seen per registration is its latest.
    const last = new Map(comments.map((c) => [c.registration_id, c]));
    return rows.map((r) => {
      const c = last.get(r.id);
      return {
        registrationNo: r.registration_no,
        name: r.name,
        idNumberMasked: r.id_number_masked,
        examCategoryName: r.exam_name,
        siteName: r.site_name,
        status: r.status as RegistrationStatus,
        materialsComplete: toBool(r.materials_complete),
        statusChangedAt: fromDbTime(r.status_changed_at),
        lastComment: c ? { level: c.level, comment: c.comment } : null,
      };
    });
  },

  async queueStateOf(registrationId) {
    const [reg, counts, open, flagged] = await Promise.all([
      db
        .selectFrom('registrations')
        .select(['status', 'changed_since_return', 'review_queue', 'materials_complete', 'region_code', 'site_code', 'exam_category_code', 'situations'])
        .where('id', '=', registrationId)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('images')
        .select(['category_code', (eb) => eb.fn.countAll<number>().as('n')])
        .where('registration_id', '=', registrationId)
        .where('deleted_at', 'is', null)
        .groupBy('category_code')
        .execute(),
      db
        .selectFrom('requested_categories')
        .select('id')
        .where('registration_id', '=', registrationId)
        .where('fulfilled_at', 'is', null)
        .where('closed_at', 'is', null)
        .limit(1)
        .executeTakeFirst(),
      db
        .selectFrom('images')
        .select('id')
        .where('registration_id', '=', registrationId)
        .where('deleted_at', 'is', null)
        .where('state', '=', 'replace_requested')
        .limit(1)
        .executeTakeFirst(),
    ]);
    return {
      subject: { regionCode: reg.region_code, siteCode: reg.site_code, examCategoryCode: reg.exam_category_code, situations: JSON.parse(reg.situations) as string[] },
      status: reg.status as RegistrationStatus,
      changedSinceReturn: toBool(reg.changed_since_return),
      reviewQueue: reg.review_queue,
      materialsComplete: toBool(reg.materials_complete),
      liveCounts: new Map(counts.map((c) => [c.category_code, toInt(c.n)])),
      openRequest: open !== undefined,
      flagged: flagged !== undefined,
    };
  },

  async setQueueColumns(registrationId, c) {
    await db
      .updateTable('registrations')
      .set({
        review_queue: c.reviewQueue,
        materials_complete: c.materialsComplete ? 1 : 0,
        ...(c.changedSinceReturn !== undefined ? { changed_since_return: c.changedSinceReturn ? 1 : 0 } : {}),
        image_count: c.imageCount,
        ...(c.waitingSince ? { waiting_since: toDbTime(c.waitingSince) } : {}),
      })
      .where('id', '=', registrationId)
      .execute();
  },
});
