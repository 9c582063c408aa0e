import { requiredSetChanged } from '../domain/materials-todo.js';
import type { RegistrationStatus } from '../domain/registration-status.js';
import { refreshReviewSummary, missingRequiredFor } from './refresh-review-summary.js';
import { notifyCandidate } from './notify-candidate.js';
import { candidateNotice } from '../domain/messages/index.js';
import type { Repositories } from '../ports/store.js';
import { recordResultWithdrawn } from './record-result-event.js';

/** A passed status that a change of what must be uploaded sends back to 填报 (the import's rule). */
export const resetByNewRequirements = (status: RegistrationStatus): boolean => status === 'site_approved' || status === 'approved';

/**
 * A registration's required set changed without its own data changing (a 考点 rule added or
 * removed), inside the caller's transaction. Only a real change of the set does anything
 * (the import's rule, requiredSetChanged): a passed file goes back to 填报 (its claim dropped;
 * a final 审核通过 withdrawn towards the registration system), categories that left the set are
 * released, the candidate is told what is missing now, and the queue columns are recomputed.
 * Returns the status it left, or null when it did not go back to 填报 (or nothing changed).
 */
export async function applyRequiredSetChange(
  p: {
    registrationId: string; status: RegistrationStatus; before: string[]; after: string[]; now: Date; webhook: boolean; reason: string;
    /** The caller's transaction. */
    tx: Pick<Repositories, 'messages' | 'jobs' | 'requirementChanges' | 'reviewQueue' | 'catalog' | 'resultEvents'>;
  },
): Promise<{ changed: boolean; resetFrom: RegistrationStatus | null }> {
  if (!requiredSetChanged(p.before, p.after)) return { changed: false, resetFrom: null };
  let resetFrom: RegistrationStatus | null = null;
  if (resetByNewRequirements(p.status) && (await p.tx.requirementChanges.returnToDraft(p.registrationId, p.status, p.now))) resetFrom = p.status;
  await p.tx.requirementChanges.releaseCategories(p.registrationId, p.before, p.after, p.now);
  await refreshReviewSummary(p.tx, p.registrationId, p.now, { statusChanged: resetFrom !== null });
  if (resetFrom === 'approved') {
    await recordResultWithdrawn(p.tx, { registrationId: p.registrationId, previousStatus: 'approved', level: 'region', reason: p.reason, at: p.now, webhook: p.webhook });
  }
  // Only a candidate who now has something to do is disturbed.
  const missing = await missingRequiredFor(p.tx, p.registrationId);
  if (missing.names.length > 0 || resetFrom) {
    await notifyCandidate(p.tx, p.registrationId, p.now, candidateNotice({ kind: 'siteRequirementsChanged', reset: resetFrom !== null, missing: missing.names }));
  }
  return { changed: true, resetFrom };
}
