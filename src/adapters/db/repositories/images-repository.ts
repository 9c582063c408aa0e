import type { Kysely } from 'kysely';
import type { DB, ImageTable } from '../schema.js';
import { fromBool, fromDbTime, fromDbTimeOrNull, toBool, toDbTime, toInt } from '../time.js';
import type { ImageRecord, ImagesRepository } from '../../../ports/repositories/images.js';

export const toImageRecord = (r: ImageTable): ImageRecord => ({
  id: r.id,
  registrationId: r.registration_id,
  categoryCode: r.category_code,
  slot: r.slot,
  blobKey: r.blob_key,
  thumbKey: r.thumb_key,
  sha256: r.sha256,
  width: r.width,
  height: r.height,
  bytes: r.bytes,
  state: r.state,
  reason: r.reason,
  uploadedAt: fromDbTime(r.uploaded_at),
  deletedAt: fromDbTimeOrNull(r.deleted_at),
  signals: { blurry: toBool(r.signal_blurry), dark: toBool(r.signal_dark), glare: toBool(r.signal_glare) },
});

const toRow = (i: ImageRecord): ImageTable => ({
  id: i.id,
  registration_id: i.registrationId,
  category_code: i.categoryCode,
  slot: i.slot,
  blob_key: i.blobKey,
  thumb_key: i.thumbKey,
  sha256: i.sha256,
  width: i.width,
  height: i.height,
  bytes: i.bytes,
  state: i.state,
  reason: i.reason,
  uploaded_at: toDbTime(i.uploadedAt),
  deleted_at: i.deletedAt ? toDbTime(i.deletedAt) : null,
  signal_blurry: fromBool(i.signals.blurry),
  signal_dark: fromBool(i.signals.dark),
  signal_glare: fromBool(i.signals.glare),
});

export const createImagesRepository = (db: Kysely<DB>): ImagesRepository => ({
  async liveOf(registrationId) {
    const rows = await db
      .selectFrom('images')
      .selectAll()
      .where('registration_id', '=', registrationId)
      .where('deleted_at', 'is', null)
      .orderBy('category_code')
      .orderBy('slot')
      .execute();
    return rows.map(toImageRecord);
  },

  async liveOne(imageId, registrationId) {
    const row = await db
      .selectFrom('images')
      .selectAll()
      .where('id', '=', imageId)
      .where('registration_id', '=', registrationId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return row ? toImageRecord(row) : null;
  },

  async takenSlots(registrationId, categoryCode) {
    const rows = await db
      .selectFrom('images')
      .select('slot')
      .where('registration_id', '=', registrationId)
      .where('category_code', '=', categoryCode)
      .where('deleted_at', 'is', null)
      .execute();
    return rows.map((r) => r.slot);
  },

  async add(image) {
    await db.insertInto('images').values(toRow(image)).execute();
  },

  async markDeleted(imageId, registrationId, expectedState, now) {
    const res = await db
      .updateTable('images')
      .set({ deleted_at: toDbTime(now) })
      .where('id', '=', imageId)
      .where('registration_id', '=', registrationId)
      .where('deleted_at', 'is', null)
      .where('state', '=', expectedState)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },

  async findReadable(imageId, scope) {
    let q = db
      .selectFrom('images as i')
      .innerJoin('registrations as r', 'r.id', 'i.registration_id')
      .leftJoin('material_categories as m', 'm.code', 'i.category_code')
      .selectAll('i')
      .select('m.name as category_name')
      .where('i.id', '=', imageId);
    // The scope is part of the query, not a check after it.
    if (scope.kind === 'owner') q = q.where('i.registration_id', '=', scope.registrationId).where('i.deleted_at', 'is', null);
    else if (scope.kind === 'site') q = q.where('r.site_code', '=', scope.siteCode);
    else if (scope.kind === 'region') q = q.where('r.region_code', '=', scope.regionCode);
    const row = await q.executeTakeFirst();
    return row ? { ...toImageRecord(row), categoryName: row.category_name } : null;
  },

  async liveOwners(imageIds) {
    if (imageIds.length === 0) return [];
    const rows = await db
      .selectFrom('images as i')
      .innerJoin('registrations as r', 'r.id', 'i.registration_id')
      .select(['i.id', 'i.registration_id', 'r.registration_no', 'r.site_code', 'r.region_code'])
      .where('i.id', 'in', imageIds)
      .where('i.deleted_at', 'is', null)
      .execute();
    return rows.map((r) => ({ imageId: r.id, registrationId: r.registration_id, registrationNo: r.registration_no, siteCode: r.site_code, regionCode: r.region_code }));
  },

  async liveWithoutHash(afterId, limit) {
    const rows = await db
      .selectFrom('images as i')
      .select(['i.id', 'i.registration_id', 'i.thumb_key'])
      .where('i.deleted_at', 'is', null)
      .where('i.id', '>', afterId)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('image_hashes as h').select('h.image_id').whereRef('h.image_id', '=', 'i.id'))))
      .orderBy('i.id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.id, registrationId: r.registration_id, thumbKey: r.thumb_key }));
  },

  async blobsToVerify(afterId, limit, opts) {
    let q = db.selectFrom('images').select(['id', 'blob_key', 'sha256']).where('deleted_at', 'is', null).where('id', '>', afterId).orderBy('id').limit(limit);
    if (!opts.all) q = q.where('state', '=', 'approved');
    const rows = await q.execute();
    return rows.map((r) => ({ id: r.id, blobKey: r.blob_key, sha256: r.sha256 }));
  },

  async keysInUse(keys) {
    if (keys.length === 0) return new Set();
    const rows = await db
      .selectFrom('images')
      .select(['blob_key', 'thumb_key'])
      .where((eb) => eb.or([eb('blob_key', 'in', keys), eb('thumb_key', 'in', keys)]))
      .execute();
    const used = new Set(keys);
    return new Set(rows.flatMap((r) => [r.blob_key, r.thumb_key]).filter((k) => used.has(k)));
  },

  async liveCountsByCategory(registrationIds) {
    const byReg = new Map<string, Map<string, number>>();
    if (registrationIds.length === 0) return byReg;
    const counts = await db
      .selectFrom('images')
      .select(['registration_id', 'category_code', (eb) => eb.fn.countAll<number>().as('n')])
      .where('registration_id', 'in', registrationIds)
      .where('deleted_at', 'is', null)
      .groupBy(['registration_id', 'category_code'])
      .execute();
    for (const c of counts) {
      const m = byReg.get(c.registration_id) ?? new Map<string, number>();
      m.set(c.category_code, toInt(c.n));
      byReg.set(c.registration_id, m);
    }
    return byReg;
  },
});
