import type { Repositories } from '../ports/store.js';
import { AppError } from '../domain/errors.js';
import { uploadBlockReason } from '../domain/image-state.js';
import { loadCandidateFile } from './load-candidate-file.js';

/**
 * Inside the writing transaction: touch the registration only if the candidate may
 * still change it (editable status, no live review claim). On PostgreSQL the UPDATE
 * also takes the row lock that serialises this write against a reviewer's claim, so
 * a claim and an upload can never both succeed on stale views.
 */
export async function guardCandidateWrite(
  tx: Pick<Repositories, 'registrations'>,
  registrationId: string,
  now: Date,
  onBlocked: 'upload' | 'delete',
): Promise<void> {
  // changed_since_return is kept by the materials refresh after the write: a returned file
  // counts as resubmitted once nothing is left on the candidate's to-do.
  if (await tx.registrations.touchIfCandidateMayWrite(registrationId, now)) return;
  const file = await loadCandidateFile(tx, registrationId, now);
  const reason = file ? uploadBlockReason(file.lock) : 'final';
  if (onBlocked === 'upload') throw new AppError('MATERIALS_LOCKED', { reason: reason === 'final' ? 'final' : 'under_review' });
  throw new AppError('IMAGE_LOCKED', { reason: reason === 'final' ? 'final' : 'under_review' });
}
