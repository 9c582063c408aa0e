import type { Actor, Deps } from './deps.js';
import type { ReopenBody } from '../contracts/review.js';
import { AppError, type Locale } from '../domain/errors.js';
import { findInScope } from './find-in-scope.js';
import { refreshReviewSummary } from './refresh-review-summary.js';
import { notifyCandidate } from './notify-candidate.js';
import { candidateNotice } from '../domain/messages/index.js';
import { loadCandidateFile } from './load-candidate-file.js';
import { registrationView } from './candidate-views.js';
import { recordResultWithdrawn } from './record-result-event.js';
import type { FinalStatus } from '../domain/result-event.js';


/**
 * An administrator reopens a final decision: back to the level that made it
 * (a region decision → 考点通过, awaiting the region again; a site rejection → 填报).
 * The registration system gets a `pending` result event (docs/HANDOFF.md) in the same transaction.
 */
export async function reopenDecision(deps: Deps, actor: Actor, registrationNo: string, body: ReopenBody, locale: Locale) {
  if (actor.role !== 'admin') throw new AppError('NOT_FOUND');
  const found = await findInScope(deps, actor, registrationNo);
  if (found.status !== 'approved' && found.status !== 'rejected') throw new AppError('NOT_REVIEWABLE');
  const previousStatus: FinalStatus = found.status;
  const now = deps.clock.now();
  await deps.store.transaction(async (tx) => {
    const lastLevel = await tx.review.lastDecisionLevel(found.id);
    const to = lastLevel === 'region' ? 'site_approved' : 'draft';
    if (!(await tx.review.reopen(found.id, previousStatus, to, now))) throw new AppError('NOT_REVIEWABLE');
    await tx.audit.append({
      at: now, actorAccountId: actor.accountId, actorRole: actor.role, action: 'review.reopened', registrationId: found.id,
      details: { from: previousStatus, to, reason: body.reason }, ip: actor.ip,
    });
    await refreshReviewSummary(tx, found.id, now, { statusChanged: true });
    // The registration system was told the final result: it must stop showing it.
    await recordResultWithdrawn(tx, {
      registrationId: found.id, previousStatus, level: lastLevel === 'region' ? 'region' : 'site', reason: body.reason, at: now,
      webhook: deps.resultWebhookEnabled === true,
    });
    await notifyCandidate(tx, found.id, now, candidateNotice({ kind: 'reopened', reason: body.reason }));
  });
  const file = await loadCandidateFile(deps.store, found.id, deps.clock.now());
  return registrationView(file!, locale);
}
