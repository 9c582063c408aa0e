import { z } from 'zod';
import type { Actor, Deps } from './deps.js';
import { AppError, type Locale } from '../domain/errors.js';
import { fromDbTime, toDbTime } from '../adapters/db/time.js';
import { appendAudit } from '../adapters/db/repositories/audit-log.js';
import { decisionProblemCode, decisionProblemText, levelOf, nextStatus, reviewableStatuses } from '../domain/review-rules.js';
import { closeOpenRequests, insertRequests } from './review-requests.js';
import { requirementsOfRegistration } from './resolve-requirements.js';
import { findInScope } from './find-in-scope.js';
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
  /** return only: categories the candidate must add (shared/API.md), each with its reason. */
  requestedCategories: z.array(z.object({ categoryCode: z.string().max(64), reason: z.string().max(1000).optional() })).max(50).optional(),
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
    const requestable = await requestableCategories(trx, found.id, current);
    const problem = decisionProblemCode(body, { missingRequired: missing.names, requestable });
    if (problem) throw new AppError('DECISION_INVALID', { problem, reason: decisionProblemText(problem, missing.names, locale) });

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
    // A decision ends what the previous return asked for; a return may ask anew.
    await closeOpenRequests(deps.repositoriesOver(trx), found.id, now);
    const requested = body.outcome === 'return' ? (body.requestedCategories ?? []).map((r) => ({ categoryCode: r.categoryCode, reason: r.reason!.trim() })) : [];
    await insertRequests(deps.repositoriesOver(trx), found.id, { level, accountId: actor.accountId }, now, requested);
    await trx.insertInto('review_comments').values({ registration_id: found.id, level, outcome: body.outcome, comment, account_id: actor.accountId, at: nowIso }).execute();
    await appendAudit(trx, {
      at: now, actorAccountId: actor.accountId, actorRole: actor.role, action: 'review.decided', registrationId: found.id,
      details: { level, outcome: body.outcome, comment, from: reg.status, to: status, images: current.length, ...(requested.length ? { requestedCategories: requested } : {}) },
      ip: actor.ip,
    });
    await clearReviewDraft(trx, found.id);
    await refreshReviewSummary(trx, found.id, now, { statusChanged: true });
    const notice = reviewNotice(level, body.outcome, comment ?? undefined);
    if (requested.length > 0) {
      const asked = requested.map((r) => `${requestable.get(r.categoryCode)?.name ?? r.categoryCode}（${r.reason}）`).join('；');
      notice.body = `${notice.body}\n需补充的材料：${asked}`;
    }
    await notifyCandidate(deps.repositoriesOver(trx), found.id, now, notice);
    await recordResultEvent(trx, { registrationId: found.id, level, outcome: body.outcome, comment, at: now, webhook: deps.resultWebhookEnabled === true });
  });

  const file = await loadCandidateFile(deps.store, found.id, deps.clock.now());
  return registrationView(file!, locale);
}

/** The candidate's categories with how many more images each takes now, for requestedCategories. */
async function requestableCategories(trx: Parameters<typeof missingRequiredFor>[0], registrationId: string, current: Array<{ id: string; category_code: string }>) {
  const categories = await requirementsOfRegistration(trx, registrationId);
  return new Map(
    categories.map((c) => {
      const ids = current.filter((i) => i.category_code === c.code).map((i) => i.id);
      return [c.code, { free: c.maxCount - ids.length, imageIds: ids, name: c.name }] as const;
    }),
  );
}
