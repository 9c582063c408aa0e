import type { Actor, Deps } from './deps.js';
import { AppError } from '../domain/errors.js';
import { chinaDay, formatChinaDateTime } from '../domain/china-time.js';
import { levelOf } from '../domain/review-rules.js';
import { findInScope } from './find-in-scope.js';
import { missingOf, requirementsOfSubject } from './refresh-review-summary.js';
import { notifyCandidate } from './notify-candidate.js';
import { candidateNotice } from '../domain/messages/index.js';

/**
 * 提醒: a reviewer reminds a candidate whose file is incomplete (材料不齐) to finish it — an
 * in-app message and an SMS through the outbox, at most once per candidate and China day
 * (the reminders table's key holds that under concurrent clicks), audited.
 */
export async function remindCandidate(deps: Deps, actor: Actor, registrationNo: string): Promise<{ remindedAt: string; missing: string[] }> {
  const level = levelOf(actor.role);
  const found = await findInScope(deps, actor, registrationNo);
  const state = await deps.store.reviewQueue.queueStateOf(found.id);
  if (!level || state.reviewQueue !== level || state.materialsComplete) throw new AppError('NOT_REVIEWABLE');
  const now = deps.clock.now();
  const day = chinaDay(now);
  const missing = missingOf(await requirementsOfSubject(deps.store, state.subject), state.liveCounts);
  await deps.store.transaction(async (tx) => {
    if (!(await tx.review.addReminder(found.id, day, actor.accountId, now))) {
      const earlier = await tx.review.reminderAt(found.id, day);
      throw new AppError('REMINDED_TODAY', { at: earlier ? formatChinaDateTime(earlier) : undefined });
    }
    await notifyCandidate(tx, found.id, now, candidateNotice({ kind: 'reminder', missing: missing.names }));
    await tx.audit.append({
      at: now, actorAccountId: actor.accountId, actorRole: actor.role, action: 'review.reminded', registrationId: found.id,
      details: { missing: missing.codes, day }, ip: actor.ip,
    });
  });
  return { remindedAt: now.toISOString(), missing: missing.names };
}
