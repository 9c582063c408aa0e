import { z } from 'zod';
import type { Actor, Deps } from './deps.js';
import { AppError, type Locale } from '../domain/errors.js';
import { fromDbTime, toDbTime } from '../adapters/db/time.js';
import { appendAudit } from '../adapters/db/repositories/audit-log.js';
import { decisionProblem, levelOf, nextStatus, reviewableStatuses } from '../domain/review-rules.js';
import { findInScope } from './get-review-file.js';
import { missingRequiredFor, refreshReviewSummary } from './refresh-review-summary.js';
import { notifyCandidate, reviewNotice } from './notify-candidate.js';
import { loadCandidateFile } from './load-candidate-file.js';
import { registrationView } from './candidate-views.js';
import { clearReviewDraft } from './review-draft.js';
import { recordResultEvent } from './record-result-event.js';

export const DecisionBody = z.object({
  outcome: z.enum(['pass', 'return', 'reject']),
  comment: z.string().max(1000).optional(),
  images: z.array(z.object({ id: z.string().max(64), verdict: z.enum(['approve', 'replace']), reason: z.string().max(200).optional() })).max(200),
});
export type DecisionBody = z.infer<typeof DecisionBody>;

/**
 * The claim holder decides, over exactly the images they saw, in one transaction with
 * the image verdicts, the history rows, the review comment and the notices.
 */
export async function decideReview(deps: Deps, actor: Actor, registrationNo: string, body: DecisionBody, locale: Locale) {
  const level = levelOf(actor.role);
  const found = await findInScope(deps, actor, registrationNo);
  if (!level) throw new AppError('NOT_CLAIMED');
  const now = deps.clock.now();
  const nowIso = toDbTime(now);

  await deps.db.transaction().execute(async (trx) => {
    // Lock the registration row (PostgreSQL) so no candidate write interleaves; SQLite
    // transactions are already serialised.
    let lockQ = trx
      .selectFrom('registrations')
      .select(['id', 'status', 'claim_account_id', 'claim_expires_at'])
      .where('id', '=', found.id);
    if (deps.dialect === 'postgres') lockQ = lockQ.forUpdate();
    const reg = await lockQ.executeTakeFirstOrThrow();
    const holds = reg.claim_account_id === actor.accountId && reg.claim_expires_at != null && fromDbTime(reg.claim_expires_at) > now;
    if (!holds || !reviewableStatuses(level).includes(reg.status as never)) throw new AppError('NOT_CLAIMED');

    const current = await trx
      .selectFrom('images')
      .select(['id', 'sha256', 'category_code'])
      .where('registration_id', '=', found.id)
      .where('deleted_at', 'is', null)
      .execute();
    const named = new Set(body.images.map((i) => i.id));
    if (named.size !== body.images.length || named.size !== current.length || current.some((c) => !named.has(c.id))) {
      throw new AppError('STALE_IMAGES');
    }
    const missing = await missingRequiredFor(trx, found.id);
    const problem = decisionProblem(body, missing.names);
    if (problem) throw new AppError('DECISION_INVALID', { reason: problem });

    const byId = new Map(current.map((c) => [c.id, c]));
    for (const v of body.images) {
      const replace = v.verdict === 'replace';
      const res = await trx
        .updateTable('images')
        .set({ state: replace ? 'replace_requested' : 'approved', reason: replace ? v.reason!.trim() : null })
        .where('id', '=', v.id)
        .where('registration_id', '=', found.id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new AppError('STALE_IMAGES');
      await appendAudit(trx, {
        at: now, actorAccountId: actor.accountId, actorRole: actor.role, action: 'review.image_verdict', registrationId: found.id, imageId: v.id,
        details: { verdict: v.verdict, reason: replace ? v.reason : undefined, sha256: byId.get(v.id)!.sha256, categoryCode: byId.get(v.id)!.category_code, level },
        ip: actor.ip,
      });
    }
    const status = nextStatus(level, body.outcome);
    const comment = body.comment?.trim() || null;
    await trx
      .updateTable('registrations')
      .set({ status, status_changed_at: nowIso, claim_account_id: null, claim_expires_at: null, changed_since_return: 0, updated_at: nowIso })
      .where('id', '=', found.id)
      .execute();
    await trx.insertInto('review_comments').values({ registration_id: found.id, level, outcome: body.outcome, comment, account_id: actor.accountId, at: nowIso }).execute();
    await appendAudit(trx, {
      at: now, actorAccountId: actor.accountId, actorRole: actor.role, action: 'review.decided', registrationId: found.id,
      details: { level, outcome: body.outcome, comment, from: reg.status, to: status, images: current.length },
      ip: actor.ip,
    });
    await clearReviewDraft(trx, found.id);
    await refreshReviewSummary(trx, found.id, now, { statusChanged: true });
    await notifyCandidate(trx, found.id, now, reviewNotice(level, body.outcome, comment ?? undefined));
    await recordResultEvent(trx, { registrationId: found.id, level, outcome: body.outcome, comment, at: now, webhook: deps.resultWebhookEnabled === true });
  });

  const file = await loadCandidateFile(deps.db, found.id, deps.clock.now());
  return registrationView(file!, locale);
}
