import type { Kysely } from 'kysely';
import type { DB, RegistrationTable } from '../schema.js';
import { fromBool, fromDbTime, toDbTime } from '../time.js';
import type { RegistrationStatus } from '../../../domain/registration-status.js';
import type { ImportsRepository, NewRegistration } from '../../../ports/repositories/imports.js';
import { isPostgres } from './postgres-only.js';

/** Rows per multi-row INSERT or IN list: 500 × ~30 columns stays under both databases' parameter limits. */
const STATEMENT_ROWS = 500;

function* slices<T>(items: readonly T[], size = STATEMENT_ROWS): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

const registrationRow = (r: NewRegistration): RegistrationTable => {
  const at = toDbTime(r.createdAt);
  return {
    id: r.id,
    registration_no: r.registrationNo,
    name: r.name,
    id_type: r.idType,
    id_number_cipher: r.idNumberCipher,
    id_number_hash: r.idNumberHash,
    id_number_masked: r.idNumberMasked,
    phone_cipher: r.phoneCipher,
    phone_masked: r.phoneMasked,
    year: r.year,
    exam_category_code: r.examCategoryCode,
    region_code: r.regionCode,
    site_code: r.siteCode,
    situations: JSON.stringify(r.situations),
    status: 'draft',
    status_changed_at: at,
    activated_at: null,
    changed_since_return: 0,
    claim_account_id: null,
    claim_expires_at: null,
    review_queue: r.reviewQueue,
    waiting_since: at,
    materials_complete: fromBool(r.materialsComplete),
    image_count: 0,
    created_at: at,
    updated_at: at,
  };
};

export function createImportsRepository(db: Kysely<DB>): ImportsRepository {
  return {
    async referenceData() {
      const [exams, regions, sites] = await Promise.all([
        db.selectFrom('exam_categories').select(['code', 'name']).execute(),
        db.selectFrom('regions').select('code').execute(),
        db.selectFrom('sites').select(['code', 'region_code']).execute(),
      ]);
      return { examCategories: exams, regionCodes: regions.map((r) => r.code), sites: sites.map((s) => ({ code: s.code, regionCode: s.region_code })) };
    },
    async storedRegistrations(registrationNos, opts) {
      const out = [];
      for (const nos of slices(registrationNos)) {
        let q = db
          .selectFrom('registrations')
          .select(['id', 'registration_no', 'name', 'id_type', 'id_number_hash', 'phone_cipher', 'exam_category_code', 'region_code', 'site_code', 'situations', 'year', 'status'])
          .where('registration_no', 'in', nos);
        if (opts.lock && isPostgres(db)) q = q.forUpdate();
        for (const e of await q.execute()) {
          out.push({
            id: e.id,
            registrationNo: e.registration_no,
            name: e.name,
            idType: e.id_type,
            idNumberHash: e.id_number_hash,
            phoneCipher: e.phone_cipher,
            year: e.year,
            examCategoryCode: e.exam_category_code,
            regionCode: e.region_code,
            siteCode: e.site_code,
            situations: JSON.parse(e.situations) as string[],
            status: e.status as RegistrationStatus,
          });
        }
      }
      return out;
    },
    async accountsNamed(usernames) {
      const out = [];
      for (const names of slices(usernames)) {
        const rows = await db.selectFrom('accounts').select(['id', 'username', 'registration_id']).where('username', 'in', names).execute();
        for (const a of rows) out.push({ id: a.id, username: a.username, registrationId: a.registration_id });
      }
      return out;
    },
    async insertRegistrations(rows) {
      for (const part of slices(rows)) await db.insertInto('registrations').values(part.map(registrationRow)).execute();
    },
    async updateRegistration(id, expectedStatus, regionScope, u) {
      const at = toDbTime(u.updatedAt);
      const res = await db
        .updateTable('registrations')
        .set({
          name: u.name,
          id_type: u.idType,
          ...(u.idNumber ? { id_number_cipher: u.idNumber.cipher, id_number_hash: u.idNumber.hash, id_number_masked: u.idNumber.masked } : {}),
          ...(u.phone ? { phone_cipher: u.phone.cipher, phone_masked: u.phone.masked } : {}),
          year: u.year,
          exam_category_code: u.examCategoryCode,
          region_code: u.regionCode,
          site_code: u.siteCode,
          situations: JSON.stringify(u.situations),
          updated_at: at,
          ...(u.backToDraft ? { status: 'draft', status_changed_at: at, changed_since_return: 0, claim_account_id: null, claim_expires_at: null } : {}),
        })
        .where('id', '=', id)
        .where('status', '=', expectedStatus)
        .$if(regionScope !== null, (q) => q.where('region_code', '=', regionScope!))
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },
    async updateCandidateAccount(accountId, p) {
      await db.updateTable('accounts').set({ display_name: p.displayName, region_code: p.regionCode, site_code: p.siteCode }).where('id', '=', accountId).execute();
    },

    async saveReport(r) {
      await db
        .insertInto('import_reports')
        .values({
          id: r.id,
          account_id: r.accountId,
          actor_username: r.actorUsername,
          region_scope: r.regionScope,
          file_name: r.fileName,
          file_format: r.fileFormat,
          total_rows: r.totalRows,
          imported: r.imported,
          updated: r.updated,
          unchanged: r.unchanged,
          rejected: r.rejected,
          report_cipher: r.reportCipher,
          created_at: toDbTime(r.createdAt),
        })
        .execute();
    },
    async listReports(regionScope, limit) {
      const rows = await db
        .selectFrom('import_reports')
        .select(['id', 'account_id', 'actor_username', 'region_scope', 'file_name', 'file_format', 'total_rows', 'imported', 'updated', 'unchanged', 'rejected', 'created_at'])
        .$if(regionScope !== null, (q) => q.where('region_scope', '=', regionScope!))
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        accountId: r.account_id,
        actorUsername: r.actor_username,
        regionScope: r.region_scope,
        fileName: r.file_name,
        fileFormat: r.file_format,
        totalRows: r.total_rows,
        imported: r.imported,
        updated: r.updated,
        unchanged: r.unchanged,
        rejected: r.rejected,
        createdAt: fromDbTime(r.created_at),
      }));
    },
    async findReport(id, regionScope) {
      const row = await db
        .selectFrom('import_reports')
        .select(['file_name', 'report_cipher'])
        .where('id', '=', id)
        .$if(regionScope !== null, (q) => q.where('region_scope', '=', regionScope!))
        .executeTakeFirst();
      return row && { fileName: row.file_name, reportCipher: row.report_cipher };
    },
  };
}
