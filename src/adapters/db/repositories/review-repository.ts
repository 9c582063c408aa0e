import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { fromDbTime, fromDbTimeOrNull, toBool, toDbTime, toInt } from '../time.js';
import type { RegistrationStatus } from '../../../domain/registration-status.js';
import type { ReviewRepository, StoredDraft } from '../../../ports/repositories/review.js';

export const createReviewRepository = (db: Kysely<DB>): ReviewRepository => ({
  async windowsOf(registrationId) {
    const g = await db
      .selectFrom('registrations as r')
      .innerJoin('regions as g', 'g.code', 'r.region_code')
      .select(['g.review_opens_at', 'g.review_closes_at', 'g.upload_enabled', 'g.upload_opens_at', 'g.upload_closes_at'])
      .where('r.id', '=', registrationId)
      .executeTakeFirstOrThrow();
    return {
      reviewOpensAt: fromDbTimeOrNull(g.review_opens_at),
      reviewClosesAt: fromDbTimeOrNull(g.review_closes_at),
      upload: { uploadEnabled: toBool(g.upload_enabled), opensAt: fromDbTimeOrNull(g.upload_opens_at), closesAt: fromDbTimeOrNull(g.upload_closes_at) },
    };
  },

  async tryClaim(p) {
    const nowIso = toDbTime(p.now);
    let q = db
      .updateTable('registrations')
      .set({ claim_account_id: p.accountId, claim_expires_at: toDbTime(p.expiresAt) })
      .where('id', '=', p.registrationId)
      .where('review_queue', '=', p.level)
      .where('status', 'in', [...p.statuses])
      .where((eb) => eb.or([eb('claim_account_id', 'is', null), eb('claim_expires_at', '<=', nowIso), eb('claim_account_id', '=', p.accountId)]));
    if (p.completeOnly) q = q.where('materials_complete', '=', 1);
    if (p.scope.kind === 'site') q = q.where('site_code', '=', p.scope.siteCode);
    else if (p.scope.kind === 'region') q = q.where('region_code', '=', p.scope.regionCode);
    else if (p.scope.kind === 'none') return false;
    const res = await q.executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },

  async claimStateOf(registrationId) {
    const r = await db
      .selectFrom('registrations')
      .select(['status', 'changed_since_return', 'claim_account_id', 'materials_complete'])
      .where('id', '=', registrationId)
      .executeTakeFirstOrThrow();
    return { status: r.status as RegistrationStatus, changedSinceReturn: toBool(r.changed_since_return), claimAccountId: r.claim_account_id, materialsComplete: toBool(r.materials_complete) };
  },

  async release(registrationId, accountId, leaseExpiresAt) {
    let q = db
      .updateTable('registrations')
      .set({ claim_account_id: null, claim_expires_at: null })
      .where('id', '=', registrationId)
      .where('claim_account_id', '=', accountId);
    if (leaseExpiresAt) q = q.where('claim_expires_at', '=', toDbTime(leaseExpiresAt));
    const res = await q.executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },

  async displayNameOf(accountId) {
    const a = await db.selectFrom('accounts').select('display_name').where('id', '=', accountId).executeTakeFirst();
    return a?.display_name ?? null;
  },

  async liveImageIdsOf(registrationId) {
    const rows = await db.selectFrom('images').select('id').where('registration_id', '=', registrationId).where('deleted_at', 'is', null).execute();
    return rows.map((r) => r.id);
  },

  async saveDraft(registrationId, d) {
    const row = { account_id: d.accountId, level: d.level, body: JSON.stringify(d.body), updated_at: toDbTime(d.updatedAt) };
    await db
      .insertInto('review_drafts')
      .values({ registration_id: registrationId, ...row })
      .onConflict((oc) => oc.column('registration_id').doUpdateSet(row))
      .execute();
  },

  async draftOf(registrationId) {
    const r = await db
      .selectFrom('review_drafts')
      .select(['account_id', 'level', 'body', 'updated_at'])
      .where('registration_id', '=', registrationId)
      .executeTakeFirst();
    return r ? { accountId: r.account_id, level: r.level, body: JSON.parse(r.body) as StoredDraft['body'], updatedAt: fromDbTime(r.updated_at) } : null;
  },

  async clearDraft(registrationId, exceptAccountId) {
    let q = db.deleteFrom('review_drafts').where('registration_id', '=', registrationId);
    if (exceptAccountId) q = q.where('account_id', '!=', exceptAccountId);
    await q.execute();
  },

  async lockForDecision(registrationId) {
    let q = db
      .selectFrom('registrations')
      .select(['status', 'claim_account_id', 'claim_expires_at', 'region_code', 'site_code', 'exam_category_code', 'situations'])
      .where('id', '=', registrationId);
    // SQLite has no row locks (and no FOR UPDATE): its transactions are serialised already.
    if (db.getExecutor().adapter instanceof PostgresAdapter) q = q.forUpdate();
    const r = await q.executeTakeFirstOrThrow();
    return {
      status: r.status as RegistrationStatus, claimAccountId: r.claim_account_id, claimExpiresAt: fromDbTimeOrNull(r.claim_expires_at),
      subject: { regionCode: r.region_code, siteCode: r.site_code, examCategoryCode: r.exam_category_code, situations: JSON.parse(r.situations) as string[] },
    };
  },

  // One UPDATE whatever the number of images: the state and reason of each row picked by a
  // CASE on its id. Its text depends on the number of images only.
  async setVerdicts(registrationId, verdicts) {
    if (verdicts.length === 0) return 0;
    const stateCase = sql<'approved' | 'replace_requested'>`case ${sql.join(verdicts.map((v) => sql`when id = ${v.imageId} then ${v.state}`), sql` `)} end`;
    const reasonCase = sql<string | null>`case ${sql.join(verdicts.map((v) => sql`when id = ${v.imageId} then ${v.reason}`), sql` `)} end`;
    const res = await db
      .updateTable('images')
      .set({ state: stateCase, reason: reasonCase })
      .where('id', 'in', verdicts.map((v) => v.imageId))
      .where('registration_id', '=', registrationId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows);
  },

  async recordDecision(p) {
    const at = toDbTime(p.at);
    const q = p.queue;
    await db
      .updateTable('registrations')
      .set({
        status: p.status, status_changed_at: at, claim_account_id: null, claim_expires_at: null, changed_since_return: q.changedSinceReturn ? 1 : 0, updated_at: at,
        review_queue: q.reviewQueue, materials_complete: q.materialsComplete ? 1 : 0, image_count: q.imageCount,
        ...(q.waitingSince ? { waiting_since: toDbTime(q.waitingSince) } : {}),
      })
      .where('id', '=', p.registrationId)
      .execute();
    await db.insertInto('review_comments').values({ registration_id: p.registrationId, level: p.level, outcome: p.outcome, comment: p.comment, account_id: p.accountId, at }).execute();
  },

  async lastDecisionLevel(registrationId) {
    const r = await db.selectFrom('review_comments').select('level').where('registration_id', '=', registrationId).orderBy('id', 'desc').limit(1).executeTakeFirst();
    return r?.level ?? null;
  },

  async reopen(registrationId, from, to, at) {
    const t = toDbTime(at);
    const res = await db
      .updateTable('registrations')
      .set({ status: to, status_changed_at: t, claim_account_id: null, claim_expires_at: null, changed_since_return: 0, updated_at: t })
      .where('id', '=', registrationId)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },

  async addReminder(registrationId, day, accountId, at) {
    const res = await db
      .insertInto('candidate_reminders')
      .values({ registration_id: registrationId, day, account_id: accountId, at: toDbTime(at) })
      .onConflict((oc) => oc.columns(['registration_id', 'day']).doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
  },

  async reminderAt(registrationId, day) {
    const r = await db.selectFrom('candidate_reminders').select('at').where('registration_id', '=', registrationId).where('day', '=', day).executeTakeFirst();
    return r ? fromDbTime(r.at) : null;
  },

  // Read from the audit trail the decision wrote in its own transaction.
  async latestSiteDecision(registrationId, maxVerdicts) {
    const decided = await db
      .selectFrom('audit_events as a')
      .leftJoin('accounts as u', 'u.id', 'a.actor_account_id')
      .select(['a.id', 'a.at', 'a.details', 'u.display_name'])
      .where('a.registration_id', '=', registrationId)
      .where('a.action', '=', 'review.decided')
      .where('a.actor_role', '=', 'site_reviewer')
      .orderBy('a.id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!decided) return null;
    const rows = await db
      .selectFrom('audit_events')
      .select(['image_id', 'details'])
      .where('registration_id', '=', registrationId)
      .where('action', '=', 'review.image_verdict')
      .where('actor_role', '=', 'site_reviewer')
      .where('id', '<', decided.id)
      .orderBy('id', 'desc')
      .limit(maxVerdicts)
      .execute();
    return {
      at: fromDbTime(decided.at),
      by: decided.display_name ?? null,
      details: JSON.parse(decided.details) as { outcome?: string; comment?: string | null },
      verdicts: rows.map((r) => ({ imageId: r.image_id, details: JSON.parse(r.details) as { verdict: 'approve' | 'replace'; reason?: string } })),
    };
  },

  async history(registrationId, limit) {
    const rows = await db
      .selectFrom('audit_events as a')
      .leftJoin('accounts as u', 'u.id', 'a.actor_account_id')
      .select(['a.id', 'a.at', 'a.action', 'a.actor_role', 'a.image_id', 'a.details', 'u.display_name'])
      .where('a.registration_id', '=', registrationId)
      .where('a.action', 'not in', ['auth.login', 'auth.login_failed'])
      .orderBy('a.id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: toInt(r.id),
      at: fromDbTime(r.at),
      action: r.action,
      actorRole: r.actor_role,
      actorName: r.display_name ?? null,
      imageId: r.image_id,
      details: JSON.parse(r.details) as Record<string, unknown>,
    }));
  },

  async phoneCipherOf(registrationId) {
    const r = await db.selectFrom('registrations').select('phone_cipher').where('id', '=', registrationId).executeTakeFirstOrThrow();
    return r.phone_cipher;
  },
});
