import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { fromDbTime, fromDbTimeOrNull, toBool, toDbTime } from '../time.js';
import type { RegistrationStatus } from '../../../domain/registration-status.js';
import type { CandidateRegistration, RegistrationsRepository, RequiredCount } from '../../../ports/repositories/registrations.js';

const candidateFileQuery = (db: Kysely<DB>, registrationId: string) =>
  db
    .selectFrom('registrations as r')
    .innerJoin('regions as g', 'g.code', 'r.region_code')
    .innerJoin('sites as s', 's.code', 'r.site_code')
    .innerJoin('exam_categories as e', 'e.code', 'r.exam_category_code')
    .select([
      'r.id', 'r.registration_no', 'r.name', 'r.id_number_masked', 'r.phone_masked', 'r.id_number_cipher', 'r.phone_cipher',
      'r.year', 'r.situations', 'r.status', 'r.status_changed_at', 'r.activated_at', 'r.claim_expires_at',
      'e.code as exam_code', 'e.name as exam_name', 'g.code as region_code', 'g.name as region_name',
      's.code as site_code', 's.name as site_name', 'g.upload_enabled', 'g.upload_opens_at', 'g.upload_closes_at', 'g.review_opens_at', 'g.review_closes_at',
    ])
    .where('r.id', '=', registrationId);

type CandidateFileRow = NonNullable<Awaited<ReturnType<ReturnType<typeof candidateFileQuery>['executeTakeFirst']>>>;

const toRegistration = (r: CandidateFileRow): CandidateRegistration => ({
  id: r.id,
  registrationNo: r.registration_no,
  name: r.name,
  idNumberMasked: r.id_number_masked,
  phoneMasked: r.phone_masked,
  idNumberCipher: r.id_number_cipher,
  phoneCipher: r.phone_cipher,
  year: r.year,
  examCategory: { code: r.exam_code, name: r.exam_name },
  region: { code: r.region_code, name: r.region_name },
  site: { code: r.site_code, name: r.site_name },
  situations: JSON.parse(r.situations) as string[],
  status: r.status as RegistrationStatus,
  statusChangedAt: fromDbTime(r.status_changed_at),
  activatedAt: fromDbTimeOrNull(r.activated_at),
  claimExpiresAt: fromDbTimeOrNull(r.claim_expires_at),
  windows: {
    uploadEnabled: toBool(r.upload_enabled),
    uploadOpensAt: fromDbTimeOrNull(r.upload_opens_at),
    uploadClosesAt: fromDbTimeOrNull(r.upload_closes_at),
    reviewOpensAt: fromDbTimeOrNull(r.review_opens_at),
    reviewClosesAt: fromDbTimeOrNull(r.review_closes_at),
  },
});

/**
 * The queue columns refreshReviewSummary keeps, computed in one UPDATE (SET expressions read the
 * row as it was, and the counts see this transaction's own writes).
 */
function queueColumnsAfterMaterialsChange(registrationId: string, required: readonly RequiredCount[], nowIso: string) {
  const live = (code?: string) =>
    sql<number>`(select count(*) from images where registration_id = ${registrationId} and deleted_at is null${code === undefined ? sql`` : sql` and category_code = ${code}`})`;
  const filled = required.length ? sql<boolean>`(${sql.join(required.map((c) => sql`${live(c.code)} >= ${Math.max(c.minCount, 1)}`), sql` and `)})` : sql<boolean>`(1 = 1)`;
  const noOpenRequest = sql<boolean>`not exists (select 1 from requested_categories where registration_id = ${registrationId} and fulfilled_at is null and closed_at is null)`;
  const noneFlagged = sql<boolean>`not exists (select 1 from images where registration_id = ${registrationId} and deleted_at is null and state = 'replace_requested')`;
  const resubmitted = sql<boolean>`(status = 'returned' and (changed_since_return = 1 or (${filled} and ${noOpenRequest} and ${noneFlagged})))`;
  const inSiteQueue = sql<boolean>`(status = 'draft' or ${resubmitted})`;
  return {
    materials_complete: sql<number>`case when ${filled} and ${noOpenRequest} then 1 else 0 end`,
    image_count: live(),
    changed_since_return: sql<number>`case when ${resubmitted} then 1 when status = 'returned' then 0 else changed_since_return end`,
    review_queue: sql<'site' | null>`case when ${inSiteQueue} then 'site' else review_queue end`,
    waiting_since: sql<string>`case when ${inSiteQueue} and (review_queue is null or review_queue <> 'site') then ${nowIso} else waiting_since end`,
  };
}

export const createRegistrationsRepository = (db: Kysely<DB>): RegistrationsRepository => ({
  async findCandidateFile(registrationId) {
    const r = await candidateFileQuery(db, registrationId).executeTakeFirst();
    return r ? toRegistration(r) : null;
  },

  async findForUpload(registrationId, q) {
    const idem = q.idempotency;
    // One row per live image of the category (one row with a null slot when there is none).
    const rows = await candidateFileQuery(db, registrationId)
      .leftJoin('images as i', (join) => join.onRef('i.registration_id', '=', 'r.id').on('i.category_code', '=', q.categoryCode).on('i.deleted_at', 'is', null))
      .leftJoin('idempotency_keys as k', (join) => join.on('k.account_id', '=', idem?.accountId ?? '').on('k.key', '=', idem?.key ?? ''))
      .select(['i.slot', 'k.status_code', 'k.response_body', 'k.request_fingerprint'])
      .execute();
    const r = rows[0];
    if (!r) return null;
    const storedAnswer =
      idem && r.status_code != null && r.response_body != null
        ? { statusCode: Number(r.status_code), responseBody: r.response_body, requestFingerprint: r.request_fingerprint ?? '' }
        : null;
    const takenSlots = rows.flatMap((row) => (row.slot == null ? [] : [Number(row.slot)]));
    return { registration: toRegistration(r), takenSlots, storedAnswer };
  },

  async touchIfCandidateMayWrite(registrationId, now) {
    const nowIso = toDbTime(now);
    const res = await db
      .updateTable('registrations')
      .set({ updated_at: nowIso })
      .where('id', '=', registrationId)
      .where('status', 'in', ['draft', 'returned'])
      .where((eb) => eb.or([eb('claim_expires_at', 'is', null), eb('claim_expires_at', '<=', nowIso)]))
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },

  async refreshQueueAfterMaterialsChange(registrationId, required, now) {
    await db.updateTable('registrations').set(queueColumnsAfterMaterialsChange(registrationId, required, toDbTime(now))).where('id', '=', registrationId).execute();
  },

  async regionCodes() {
    return (await db.selectFrom('regions').select('code').orderBy('code').execute()).map((r) => r.code);
  },

  async completenessPage(q) {
    const rows = await db
      .selectFrom('registrations')
      .select(['id', 'region_code', 'site_code', 'exam_category_code', 'situations', 'materials_complete'])
      .where('region_code', '=', q.regionCode)
      .$if(q.siteCode !== undefined, (b) => b.where('site_code', '=', q.siteCode!))
      .where('id', '>', q.afterId)
      .orderBy('id')
      .limit(q.limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      regionCode: r.region_code,
      siteCode: r.site_code,
      examCategoryCode: r.exam_category_code,
      situations: JSON.parse(r.situations) as string[],
      materialsComplete: toBool(r.materials_complete),
    }));
  },

  async setMaterialsComplete(registrationIds, complete) {
    if (registrationIds.length === 0) return;
    await db.updateTable('registrations').set({ materials_complete: complete ? 1 : 0 }).where('id', 'in', registrationIds).execute();
  },
});
