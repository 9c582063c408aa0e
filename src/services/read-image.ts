import type { Actor, Deps } from './deps.js';
import { AppError } from '../domain/errors.js';
import { appendAudit } from '../adapters/db/repositories/audit-log.js';
import { imageFileName } from '../domain/image-file-name.js';

/**
 * Image bytes for the owner, or for staff whose scope covers the candidate's site or
 * region (every staff view is recorded). Anyone else gets 404, as if it did not exist.
 */
export async function readImage(deps: Deps, actor: Actor, imageId: string, variant: 'full' | 'thumbnail'): Promise<{ bytes: Buffer; fileName: { ascii: string; unicode: string } }> {
  let q = deps.db
    .selectFrom('images as i')
    .innerJoin('registrations as r', 'r.id', 'i.registration_id')
    .leftJoin('material_categories as m', 'm.code', 'i.category_code')
    .select(['i.id', 'i.blob_key', 'i.thumb_key', 'i.registration_id', 'i.sha256', 'i.deleted_at', 'i.category_code', 'm.name as category_name'])
    .where('i.id', '=', imageId);
  // The scope is part of the query, not a check after it.
  if (actor.role === 'candidate') q = q.where('i.registration_id', '=', actor.registrationId ?? '').where('i.deleted_at', 'is', null);
  else if (actor.role === 'site_reviewer') q = q.where('r.site_code', '=', actor.siteCode ?? '');
  else if (actor.role === 'region_reviewer' || (actor.role === 'admin' && actor.regionCode)) q = q.where('r.region_code', '=', actor.regionCode ?? '');
  const row = await q.executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  const bytes = await deps.blobs.get(variant === 'full' ? row.blob_key : row.thumb_key);
  if (!bytes) throw new AppError('NOT_FOUND');
  if (actor.role !== 'candidate' && variant === 'full') {
    await appendAudit(deps.db, {
      at: deps.clock.now(), actorAccountId: actor.accountId, actorRole: actor.role, action: 'image.viewed',
      registrationId: row.registration_id, imageId: row.id, details: { sha256: row.sha256 }, ip: actor.ip,
    });
  }
  return { bytes, fileName: imageFileName({ id: row.id, categoryCode: row.category_code, categoryName: row.category_name }, variant) };
}
