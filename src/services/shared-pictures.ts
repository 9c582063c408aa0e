import { z } from 'zod';
import { AppError } from '../domain/errors.js';
import { fromDbTime } from '../adapters/db/time.js';
import { appendAudit } from '../adapters/db/repositories/audit-log.js';
import type { Actor, Deps } from './deps.js';
import type { OpenDuplicateBody, SharedPicturesQuery } from '../contracts/review.js';
import { registrationInScope } from './image-duplicates.js';


/**
 * The region's follow-up list: pairs of live images showing the same picture for two
 * different candidates, newest first, where at least one of the two is in the caller's
 * scope. The other side's 报名号 and name only when it is in scope too ("另一考生" otherwise).
 */
export async function listSharedPictures(deps: Deps, actor: Actor, query: SharedPicturesQuery) {
  if (actor.role !== 'region_reviewer' && actor.role !== 'admin') throw new AppError('FORBIDDEN');
  const region = actor.role === 'region_reviewer' ? actor.regionCode ?? '\u0000' : actor.regionCode;
  const offset = query.cursor ?? 0;
  let q = deps.db
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
      'ca.name as a_category', 'ra.registration_no as a_no', 'ra.name as a_name', 'ra.site_code as a_site', 'sa.name as a_site_name', 'ra.region_code as a_region',
      'cb.name as b_category', 'rb.registration_no as b_no', 'rb.name as b_name', 'rb.site_code as b_site', 'sb.name as b_site_name', 'rb.region_code as b_region',
    ])
    .where('ia.deleted_at', 'is', null)
    .where('ib.deleted_at', 'is', null)
    .whereRef('ra.id', '!=', 'rb.id');
  if (region) q = q.where((eb) => eb.or([eb('ra.region_code', '=', region), eb('rb.region_code', '=', region)]));
  if (query.crossSite === 'true') q = q.whereRef('ra.site_code', '!=', 'rb.site_code');
  const rows = await q.orderBy('d.detected_at', 'desc').orderBy('d.image_id').orderBy('d.duplicate_image_id').limit(query.limit + 1).offset(offset).execute();
  const side = (inScope: boolean, imageId: string, category: string, no: string, name: string, site: string, siteName: string) =>
    inScope
      ? { imageId, categoryName: category, inScope: true, registrationNo: no, name, site: { code: site, name: siteName } }
      : { imageId, categoryName: category, inScope: false };
  const items = rows.slice(0, query.limit).map((r) => ({
    detectedAt: fromDbTime(r.detected_at).toISOString(),
    distance: r.distance,
    crossSite: r.a_site !== r.b_site,
    // The later upload first: that is the one to follow up.
    upload: side(registrationInScope(actor, r.a_site, r.a_region), r.image_id, r.a_category, r.a_no, r.a_name, r.a_site, r.a_site_name),
    earlier: side(registrationInScope(actor, r.b_site, r.b_region), r.duplicate_image_id, r.b_category, r.b_no, r.b_name, r.b_site, r.b_site_name),
  }));
  return { items, nextCursor: rows.length > query.limit ? String(offset + query.limit) : null };
}


/**
 * Audit row for a reviewer following a duplicate link from one image to the other: who looked
 * at which picture because the machine said it was the same. 404 unless the pair exists and
 * the other image's registration is in the caller's scope.
 */
export async function recordDuplicateOpened(deps: Deps, actor: Actor, body: OpenDuplicateBody): Promise<{ registrationNo: string }> {
  const pair = await deps.db
    .selectFrom('image_duplicates')
    .select('distance')
    .where((eb) => eb.or([
      eb.and([eb('image_id', '=', body.imageId), eb('duplicate_image_id', '=', body.duplicateImageId)]),
      eb.and([eb('image_id', '=', body.duplicateImageId), eb('duplicate_image_id', '=', body.imageId)]),
    ]))
    .executeTakeFirst();
  const other = await deps.db
    .selectFrom('images as i')
    .innerJoin('registrations as r', 'r.id', 'i.registration_id')
    .select(['r.id', 'r.registration_no', 'r.site_code', 'r.region_code'])
    .where('i.id', '=', body.duplicateImageId)
    .where('i.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!pair || !other || !registrationInScope(actor, other.site_code, other.region_code)) throw new AppError('NOT_FOUND');
  await appendAudit(deps.db, {
    at: deps.clock.now(), actorAccountId: actor.accountId, actorRole: actor.role, action: 'image.duplicate_opened',
    registrationId: other.id, imageId: body.duplicateImageId, details: { fromImageId: body.imageId, distance: pair.distance }, ip: actor.ip,
  });
  return { registrationNo: other.registration_no };
}
