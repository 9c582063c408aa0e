import { AppError } from '../domain/errors.js';
import type { SharedPictureSide } from '../ports/repositories/duplicates.js';
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
  const rows = await deps.store.duplicates.listShared({ regionCode: region, crossSite: query.crossSite === 'true', offset, limit: query.limit + 1 });
  const side = (s: SharedPictureSide) =>
    registrationInScope(actor, s.siteCode, s.regionCode)
      ? { imageId: s.imageId, categoryName: s.categoryName, inScope: true, registrationNo: s.registrationNo, name: s.name, site: { code: s.siteCode, name: s.siteName } }
      : { imageId: s.imageId, categoryName: s.categoryName, inScope: false };
  const items = rows.slice(0, query.limit).map((r) => ({
    detectedAt: r.detectedAt.toISOString(),
    distance: r.distance,
    crossSite: r.upload.siteCode !== r.earlier.siteCode,
    // The later upload first: that is the one to follow up.
    upload: side(r.upload),
    earlier: side(r.earlier),
  }));
  return { items, nextCursor: rows.length > query.limit ? String(offset + query.limit) : null };
}


/**
 * Audit row for a reviewer following a duplicate link from one image to the other: who looked
 * at which picture because the machine said it was the same. 404 unless the pair exists and
 * the other image's registration is in the caller's scope.
 */
export async function recordDuplicateOpened(deps: Deps, actor: Actor, body: OpenDuplicateBody): Promise<{ registrationNo: string }> {
  const distance = await deps.store.duplicates.pairDistance(body.imageId, body.duplicateImageId);
  const [other] = await deps.store.images.liveOwners([body.duplicateImageId]);
  if (distance === null || !other || !registrationInScope(actor, other.siteCode, other.regionCode)) throw new AppError('NOT_FOUND');
  await deps.store.audit.append({
    at: deps.clock.now(), actorAccountId: actor.accountId, actorRole: actor.role, action: 'image.duplicate_opened',
    registrationId: other.registrationId, imageId: body.duplicateImageId, details: { fromImageId: body.imageId, distance }, ip: actor.ip,
  });
  return { registrationNo: other.registrationNo };
}
