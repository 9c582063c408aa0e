import type { Actor, Deps } from './deps.js';
import { AppError } from '../domain/errors.js';
import { toDbTime } from '../adapters/db/time.js';
import { appendAudit } from '../adapters/db/repositories/audit-log.js';
import { requireCandidateFile } from './get-materials.js';
import { guardCandidateWrite } from './candidate-write-guard.js';
import { refreshReviewSummary } from './refresh-review-summary.js';

/**
 * The candidate removes one of their own unlocked images ("－"). The row is kept as
 * deleted (history names image versions); its slot frees for a new upload.
 */
export async function deleteMaterial(deps: Deps, actor: Actor, imageId: string): Promise<void> {
  const now = deps.clock.now();
  const file = await requireCandidateFile(deps, actor);
  const image = await deps.db
    .selectFrom('images')
    .select(['id', 'state', 'category_code'])
    .where('id', '=', imageId)
    .where('registration_id', '=', file.id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!image) throw new AppError('NOT_FOUND');
  if (image.state === 'approved') throw new AppError('IMAGE_LOCKED', { reason: 'approved' });
  if (file.lock.status === 'approved' || file.lock.status === 'rejected') throw new AppError('IMAGE_LOCKED', { reason: 'final' });
  if (file.claimed || file.lock.status === 'site_approved') throw new AppError('IMAGE_LOCKED', { reason: 'under_review' });
  if (!file.uploadOpen) throw new AppError('UPLOAD_DISABLED', {});

  await deps.db.transaction().execute(async (trx) => {
    await guardCandidateWrite(trx, file.id, now, 'delete');
    const res = await trx
      .updateTable('images')
      .set({ deleted_at: toDbTime(now) })
      .where('id', '=', imageId)
      .where('registration_id', '=', file.id)
      .where('deleted_at', 'is', null)
      .where('state', '<>', 'approved')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('IMAGE_LOCKED', { reason: 'approved' });
    await refreshReviewSummary(trx, file.id, now);
    await appendAudit(trx, {
      at: now, actorAccountId: actor.accountId, actorRole: actor.role, action: 'image.deleted',
      registrationId: file.id, imageId, details: { categoryCode: image.category_code }, ip: actor.ip,
    });
  });
}
