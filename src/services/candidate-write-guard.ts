import { sql, type Kysely, type Transaction, type UpdateObject } from 'kysely';
import type { DB } from '../adapters/db/schema.js';
import { toDbTime } from '../adapters/db/time.js';
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
  trx: Transaction<DB> | Kysely<DB>,
  registrationId: string,
  now: Date,
  onBlocked: 'upload' | 'delete',
  /** More columns to set in the same statement (the upload puts the file in the site queue). */
  alsoSet: UpdateObject<DB, 'registrations'> = {},
): Promise<void> {
  const nowIso = toDbTime(now);
  const res = await trx
    .updateTable('registrations')
    // changed_since_return is kept by refreshReviewSummary (and the upload's own update): a
    // returned file counts as resubmitted once nothing is left on the candidate's to-do.
    .set({ updated_at: nowIso, ...alsoSet })
    .where('id', '=', registrationId)
    .where('status', 'in', ['draft', 'returned'])
    .where((eb) => eb.or([eb('claim_expires_at', 'is', null), eb('claim_expires_at', '<=', nowIso)]))
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 1) return;
  const file = await loadCandidateFile(trx, registrationId, now);
  const reason = file ? uploadBlockReason(file.lock) : 'final';
  if (onBlocked === 'upload') throw new AppError('MATERIALS_LOCKED', { reason: reason === 'final' ? 'final' : 'under_review' });
  throw new AppError('IMAGE_LOCKED', { reason: reason === 'final' ? 'final' : 'under_review' });
}
