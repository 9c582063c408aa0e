import type { Actor, Deps } from './deps.js';
import { AppError } from '../domain/errors.js';
import { toDbTime } from '../adapters/db/time.js';
import { appendAudit } from '../adapters/db/repositories/audit-log.js';
import { requireCandidateFile } from './get-materials.js';
import { guardCandidateWrite } from './candidate-write-guard.js';
import { refreshReviewSummary } from './refresh-review-summary.js';
import { resolveCategoriesFor } from './load-candidate-file.js';
import { lateDeleteAllowed } from '../domain/late-fixes.js';
import { releasedCategories } from './review-requests.js';
import { retireImageHashes } from './image-duplicates.js';

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
  // An approved image stays locked unless its category is no longer required (left over
  // after a change of exam category or situation): then the candidate may tidy it away.
  const leftoverApproved = image.state === 'approved' && (await releasedCategories(deps.db, file.id)).has(image.category_code) &&
    !(await resolveCategoriesFor(deps.store, file)).some((c) => c.code === image.category_code && c.requirement === 'required');
  if (image.state === 'approved' && !leftoverApproved) throw new AppError('IMAGE_LOCKED', { reason: 'approved' });
  if (file.lock.status === 'approved' || file.lock.status === 'rejected') throw new AppError('IMAGE_LOCKED', { reason: 'final' });
  if (file.claimed || file.lock.status === 'site_approved') throw new AppError('IMAGE_LOCKED', { reason: 'under_review' });
  // After the deadline only an image marked for replacement may go (late fixes).
  const lateFix = !file.uploadOpen && file.lateFixesOpen && lateDeleteAllowed(image.state);
  if (!file.uploadOpen && !lateFix) throw new AppError('UPLOAD_DISABLED', { onlyFixes: file.lateFixesOpen || undefined });

  await deps.db.transaction().execute(async (trx) => {
    await guardCandidateWrite(trx, file.id, now, 'delete');
    const res = await trx
      .updateTable('images')
      .set({ deleted_at: toDbTime(now) })
      .where('id', '=', imageId)
      .where('registration_id', '=', file.id)
      .where('deleted_at', 'is', null)
      .where('state', '=', image.state)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('IMAGE_LOCKED', { reason: 'approved' });
    await retireImageHashes(trx, imageId);
    await refreshReviewSummary(trx, file.id, now);
    await appendAudit(trx, {
      at: now, actorAccountId: actor.accountId, actorRole: actor.role, action: 'image.deleted',
      registrationId: file.id, imageId, details: { categoryCode: image.category_code }, ip: actor.ip,
    });
  });
}
