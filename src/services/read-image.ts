import type { Actor, Deps } from './deps.js';
import type { ImageReadScope } from '../ports/repositories/images.js';
import { AppError } from '../domain/errors.js';
import { imageFileName } from '../domain/image-file-name.js';

/** Whose images the caller may read: the own file, or the staff member's site or region (an admin without one: all). */
function readScopeOf(actor: Actor): ImageReadScope {
  if (actor.role === 'candidate') return { kind: 'owner', registrationId: actor.registrationId ?? '' };
  if (actor.role === 'site_reviewer') return { kind: 'site', siteCode: actor.siteCode ?? '' };
  if (actor.role === 'region_reviewer' || (actor.role === 'admin' && actor.regionCode)) return { kind: 'region', regionCode: actor.regionCode ?? '' };
  return { kind: 'all' };
}

/**
 * Image bytes for the owner, or for staff whose scope covers the candidate's site or
 * region (every staff view is recorded). Anyone else gets 404, as if it did not exist.
 */
export async function readImage(deps: Deps, actor: Actor, imageId: string, variant: 'full' | 'thumbnail'): Promise<{ bytes: Buffer; fileName: { ascii: string; unicode: string } }> {
  // The scope is part of the query, not a check after it.
  const image = await deps.store.images.findReadable(imageId, readScopeOf(actor));
  if (!image) throw new AppError('NOT_FOUND');
  const bytes = await deps.blobs.get(variant === 'full' ? image.blobKey : image.thumbKey);
  if (!bytes) throw new AppError('NOT_FOUND');
  if (actor.role !== 'candidate' && variant === 'full') {
    await deps.store.audit.append({
      at: deps.clock.now(), actorAccountId: actor.accountId, actorRole: actor.role, action: 'image.viewed',
      registrationId: image.registrationId, imageId: image.id, details: { sha256: image.sha256 }, ip: actor.ip,
    });
  }
  return { bytes, fileName: imageFileName({ id: image.id, categoryCode: image.categoryCode, categoryName: image.categoryName }, variant) };
}
