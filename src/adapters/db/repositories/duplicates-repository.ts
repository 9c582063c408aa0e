import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { fromDbTime, toDbTime } from '../time.js';
import { hashBands, hashToInt64, isDegenerateHash } from '../../../domain/image-signals.js';
import type { DuplicatesRepository } from '../../../ports/repositories/duplicates.js';

/** One image_hashes row (migration 012): the hash as int8, its bands, the owner, live unless degenerate. */
export function imageHashRow(imageId: string, registrationId: string, kind: 'picture' | 'stored', hash: string) {
  const [band0, band1, band2, band3] = hashBands(hash);
  return { image_id: imageId, registration_id: registrationId, kind, hash: hashToInt64(hash), band0, band1, band2, band3, live: isDegenerateHash(hash) ? 0 : 1 };
}

export const createDuplicatesRepository = (db: Kysely<DB>): DuplicatesRepository => ({
  async probeBands(bandValues, cap) {
    if (bandValues.length === 0) return [];
    // One capped probe per value on the partial covering band indexes (`live = 1`), in one
    // statement (UNION ALL); its text depends on the number of values only.
    const probes = bandValues.map((value, i) => {
      const band = sql.ref(`band${i % 4}`);
      return sql`select * from (select hash >> 32 as hi, hash & 4294967295 as lo, image_id, registration_id from image_hashes where ${band} = ${value} and live = 1 limit ${sql.raw(String(cap))}) ${sql.ref(`p${i}`)}`;
    });
    const { rows } = await sql<{ hi: number; lo: number; image_id: string; registration_id: string }>`${sql.join(probes, sql` union all `)}`.execute(db);
    return rows.map((r) => ({ hi: Number(r.hi), lo: Number(r.lo), imageId: r.image_id, registrationId: r.registration_id }));
  },

  async addHashes(imageId, registrationId, hashes, opts = {}) {
    if (hashes.length === 0) return 0;
    const insert = db.insertInto('image_hashes').values(hashes.map((h) => imageHashRow(imageId, registrationId, h.kind, h.hash)));
    const res = await (opts.ifAbsent ? insert.onConflict((oc) => oc.columns(['image_id', 'kind']).doNothing()) : insert).executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0n);
  },

  async retireHashes(imageId) {
    await db.updateTable('image_hashes').set({ live: 0 }).where('image_id', '=', imageId).where('live', '=', 1).execute();
  },

  async recordPairs(pairs, detectedAt) {
    if (pairs.length === 0) return;
    await db
      .insertInto('image_duplicates')
      .values(pairs.map((d) => ({ image_id: d.imageId, duplicate_image_id: d.duplicateImageId, distance: d.distance, detected_at: toDbTime(detectedAt) })))
      .execute();
  },

  async pairsTouching(imageIds) {
    if (imageIds.length === 0) return [];
    const rows = await db
      .selectFrom('image_duplicates')
      .select(['image_id', 'duplicate_image_id'])
      .where((eb) => eb.or([eb('image_id', 'in', imageIds), eb('duplicate_image_id', 'in', imageIds)]))
      .execute();
    return rows.map((r) => ({ imageId: r.image_id, duplicateImageId: r.duplicate_image_id }));
  },

  async pairDistance(a, b) {
    const pair = await db
      .selectFrom('image_duplicates')
      .select('distance')
      .where((eb) => eb.or([
        eb.and([eb('image_id', '=', a), eb('duplicate_image_id', '=', b)]),
        eb.and([eb('image_id', '=', b), eb('duplicate_image_id', '=', a)]),
      ]))
      .executeTakeFirst();
    return pair ? pair.distance : null;
  },

  async listShared(query) {
    let q = db
      .selectFrom('image_duplicates as d')
      .innerJoin('images as ia', 'ia.id', 'd.image_id')
      .innerJoin('images as ib', 'ib.id', 'd.duplicate_image_id')
      .innerJoin('registrations as ra', 'ra.id', 'ia.registration_id')
      .innerJoin('registrations as rb', 'rb.id', 'ib.registration_id')
      .innerJoin('sites as sa', 'sa.code', 'ra.site_code')
      .innerJoin('sites as sb', 'sb.code', 'rb.site_code')
      .innerJoin('material_categories as ca', 'ca.code', 'ia.category_code')
      .innerJoin('material_categories as cb', 'cb.code', 'ib.category_code')
      .select([
        'd.image_id', 'd.duplicate_image_id', 'd.distance', 'd.detected_at',
        'ca.name as a_category', 'ra.id as a_id', 'ra.registration_no as a_no', 'ra.name as a_name', 'ra.site_code as a_site', 'sa.name as a_site_name', 'ra.region_code as a_region',
        'cb.name as b_category', 'rb.id as b_id', 'rb.registration_no as b_no', 'rb.name as b_name', 'rb.site_code as b_site', 'sb.name as b_site_name', 'rb.region_code as b_region',
      ])
      .where('ia.deleted_at', 'is', null)
      .where('ib.deleted_at', 'is', null)
      .whereRef('ra.id', '!=', 'rb.id');
    const region = query.regionCode;
    if (region) q = q.where((eb) => eb.or([eb('ra.region_code', '=', region), eb('rb.region_code', '=', region)]));
    if (query.crossSite) q = q.whereRef('ra.site_code', '!=', 'rb.site_code');
    const rows = await q.orderBy('d.detected_at', 'desc').orderBy('d.image_id').orderBy('d.duplicate_image_id').limit(query.limit).offset(query.offset).execute();
    return rows.map((r) => ({
      detectedAt: fromDbTime(r.detected_at),
      distance: r.distance,
      upload: { imageId: r.image_id, categoryName: r.a_category, registrationId: r.a_id, registrationNo: r.a_no, name: r.a_name, siteCode: r.a_site, siteName: r.a_site_name, regionCode: r.a_region },
      earlier: { imageId: r.duplicate_image_id, categoryName: r.b_category, registrationId: r.b_id, registrationNo: r.b_no, name: r.b_name, siteCode: r.b_site, siteName: r.b_site_name, regionCode: r.b_region },
    }));
  },
});
