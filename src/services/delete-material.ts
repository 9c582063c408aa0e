import type { Actor, Deps } from './deps.js';
import { AppError } from '../domain/errors.js';
import { requireCandidateFile } from './get-materials.js';
import { guardCandidateWrite } from './candidate-write-guard.js';
import { requiredCounts, resolveCategoriesFor } from './load-candidate-file.js';
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
  const image = await deps.store.images.liveOne(imageId, file.id);
  if (!image) throw new AppError('NOT_FOUND');
  // Read from the tables (not the upload's cache): the queue refresh below judges by them.
  const categories = await resolveCategoriesFor(deps.store, file);
  // An approved image stays locked unless its category is no longer required (left over
  // after a change of exam category or situation): then the candidate may tidy it away.
  const leftoverApproved = image.state === 'approved' && (await releasedCategories(deps.store, file.id)).has(image.categoryCode) &&
    !categories.some((c) => c.code === image.categoryCode && c.requirement === 'required');
  if (image.state === 'approved' && !leftoverApproved) throw new AppError('IMAGE_LOCKED', { reason: 'approved' });
  if (file.lock.status === 'approved' || file.lock.status === 'rejected') throw new AppError('IMAGE_LOCKED', { reason: 'final' });
  if (file.claimed || file.lock.status === 'site_approved') throw new AppError('IMAGE_LOCKED', { reason: 'under_review' });
  // After the deadline only an image marked for replacement may go (late fixes).
  const lateFix = !file.uploadOpen && file.lateFixesOpen && lateDeleteAllowed(image.state);
  if (!file.uploadOpen && !lateFix) throw new AppError('UPLOAD_DISABLED', { onlyFixes: file.lateFixesOpen || undefined });

  await deps.store.transaction(async (tx) => {
    await guardCandidateWrite(tx, file.id, now, 'delete');
    if (!(await tx.images.markDeleted(imageId, file.id, image.state, now))) throw new AppError('IMAGE_LOCKED', { reason: 'approved' });
    await retireImageHashes(tx, imageId);
    // The guard's UPDATE holds the row (PostgreSQL): the counts below see every committed image.
    await tx.registrations.refreshQueueAfterMaterialsChange(file.id, requiredCounts(categories), now);
    await tx.audit.append({
      at: now, actorAccountId: actor.accountId, actorRole: actor.role, action: 'image.deleted',
      registrationId: file.id, imageId, details: { categoryCode: image.categoryCode }, ip: actor.ip,
    });
  });
}
