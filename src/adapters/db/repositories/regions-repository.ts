import type { Kysely } from 'kysely';
import type { DB, RegionTable } from '../schema.js';
import { fromBool, fromDbTime, fromDbTimeOrNull, toBool, toDbTime, toInt } from '../time.js';
import type { Region, RegionSettings, RegionsRepository } from '../../../ports/repositories/regions.js';

const regionOf = (r: RegionTable): Region => ({
  code: r.code,
  name: r.name,
  uploadEnabled: toBool(r.upload_enabled),
  uploadOpensAt: fromDbTimeOrNull(r.upload_opens_at),
  uploadClosesAt: fromDbTimeOrNull(r.upload_closes_at),
  reviewOpensAt: fromDbTimeOrNull(r.review_opens_at),
  reviewClosesAt: fromDbTimeOrNull(r.review_closes_at),
});

const dbTime = (d: Date | null) => (d ? toDbTime(d) : null);

const settingsRow = (s: RegionSettings) => ({
  upload_enabled: fromBool(s.uploadEnabled),
  upload_opens_at: dbTime(s.uploadOpensAt),
  upload_closes_at: dbTime(s.uploadClosesAt),
  review_opens_at: dbTime(s.reviewOpensAt),
  review_closes_at: dbTime(s.reviewClosesAt),
});

export function createRegionsRepository(db: Kysely<DB>): RegionsRepository {
  return {
    async list(regionScope) {
      const rows = await db
        .selectFrom('regions')
        .selectAll()
        .$if(regionScope !== null, (q) => q.where('code', '=', regionScope!))
        .orderBy('code')
        .execute();
      return rows.map(regionOf);
    },
    async find(code, regionScope = null) {
      const r = await db
        .selectFrom('regions')
        .selectAll()
        .where('code', '=', code)
        .$if(regionScope !== null, (q) => q.where('code', '=', regionScope!))
        .executeTakeFirst();
      return r && regionOf(r);
    },
    async exists(code) {
      return !!(await db.selectFrom('regions').select('code').where('code', '=', code).executeTakeFirst());
    },
    async insert(region) {
      await db.insertInto('regions').values({ code: region.code, name: region.name, ...settingsRow(region) }).execute();
    },
    async updateSettings(code, settings, regionScope) {
      const res = await db
        .updateTable('regions')
        .set(settingsRow(settings))
        .where('code', '=', code)
        .$if(regionScope !== null, (q) => q.where('code', '=', regionScope!))
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },
    async rename(code, name, regionScope) {
      const res = await db
        .updateTable('regions')
        .set({ name })
        .where('code', '=', code)
        .$if(regionScope !== null, (q) => q.where('code', '=', regionScope!))
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },

    async sites(regionScope) {
      const rows = await db
        .selectFrom('sites')
        .selectAll()
        .$if(regionScope !== null, (q) => q.where('region_code', '=', regionScope!))
        .orderBy('code')
        .execute();
      return rows.map((s) => ({ code: s.code, regionCode: s.region_code, name: s.name }));
    },
    async findSite(code, regionScope = null) {
      const s = await db
        .selectFrom('sites')
        .selectAll()
        .where('code', '=', code)
        .$if(regionScope !== null, (q) => q.where('region_code', '=', regionScope!))
        .executeTakeFirst();
      return s && { code: s.code, regionCode: s.region_code, name: s.name };
    },
    async insertSites(sites) {
      if (sites.length === 0) return;
      await db.insertInto('sites').values(sites.map((s) => ({ code: s.code, region_code: s.regionCode, name: s.name }))).execute();
    },
    async renameSite(code, name, regionScope) {
      const res = await db
        .updateTable('sites')
        .set({ name })
        .where('code', '=', code)
        .$if(regionScope !== null, (q) => q.where('region_code', '=', regionScope!))
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },

    async candidatesPerSite(regionScope) {
      const rows = await db
        .selectFrom('registrations')
        .select(['site_code', (eb) => eb.fn.countAll<number>().as('n')])
        .$if(regionScope !== null, (q) => q.where('region_code', '=', regionScope!))
        .groupBy('site_code')
        .execute();
      return new Map(rows.map((c) => [c.site_code, toInt(c.n)]));
    },
    async candidatesPerStatus(regionCode) {
      const rows = await db
        .selectFrom('registrations')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('region_code', '=', regionCode)
        .groupBy('status')
        .execute();
      return new Map(rows.map((r) => [r.status, toInt(r.n)]));
    },
    async regionOfRegistration(registrationId) {
      const r = await db.selectFrom('registrations').select('region_code').where('id', '=', registrationId).executeTakeFirst();
      return r?.region_code;
    },

    async announcement(regionCode) {
      const r = await db.selectFrom('region_announcements').selectAll().where('region_code', '=', regionCode).executeTakeFirst();
      return r && { title: r.title, body: r.body, link: r.link, updatedAt: fromDbTime(r.updated_at), updatedBy: r.updated_by };
    },
    async publishAnnouncement(regionCode, a) {
      const row = { title: a.title, body: a.body, link: a.link, updated_at: toDbTime(a.updatedAt), updated_by: a.updatedBy };
      await db
        .insertInto('region_announcements')
        .values({ region_code: regionCode, ...row })
        .onConflict((oc) => oc.column('region_code').doUpdateSet(row))
        .execute();
    },
    async withdrawAnnouncement(regionCode) {
      await db.deleteFrom('region_announcements').where('region_code', '=', regionCode).execute();
    },
  };
}
