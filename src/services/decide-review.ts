import type { Actor, Deps } from './deps.js';
import type { DecisionBody } from '../contracts/review.js';
import type { ImageRecord } from '../ports/repositories/images.js';
import { AppError, type Locale } from '../domain/errors.js';
import { decisionProblemCode, levelOf, nextStatus, reviewableStatuses } from '../domain/review-rules.js';
import { isClaimLive } from '../domain/image-state.js';
import { queueColumnsOf } from '../domain/review-queue.js';
import type { ResolvedCategory } from '../domain/catalog.js';
import { findInScope } from './find-in-scope.js';
import { missingOf, requirementsOfSubject } from './refresh-review-summary.js';
import { notifyCandidate } from './notify-candidate.js';
import { candidateNotice, reviewNotice } from '../domain/messages/index.js';
import { loadCandidateFile } from './load-candidate-file.js';
import { registrationView } from './candidate-views.js';
import { recordResultEvent } from './record-result-event.js';


/**
 * The claim holder decides, over exactly the images they saw, in one transaction with
 * the image verdicts, the history rows, the review comment and the notices. Its statements
 * do not grow with the number of images: the verdicts are one UPDATE, the history one INSERT.
 */
export async function decideReview(deps: Deps, actor: Actor, registrationNo: string, body: DecisionBody, locale: Locale) {
  const level = levelOf(actor.role);
  const found = await findInScope(deps, actor, registrationNo);
  if (!level) throw new AppError('NOT_CLAIMED');
  const now = deps.clock.now();

  await deps.store.transaction(async (tx) => {
    // Locks the registration row (PostgreSQL) so no candidate write interleaves.
    const reg = await tx.review.lockForDecision(found.id);
    const holds = reg.claimAccountId === actor.accountId && isClaimLive(reg.claimExpiresAt, now);
    if (!holds || !reviewableStatuses(level).includes(reg.status)) throw new AppError('NOT_CLAIMED');

    const [current, categories] = await Promise.all([tx.images.liveOf(found.id), requirementsOfSubject(tx, reg.subject)]);
    const named = new Set(body.images.map((i) => i.id));
    if (named.size !== body.images.length || named.size !== current.length || current.some((c) => !named.has(c.id))) {
      throw new AppError('STALE_IMAGES');
    }
    const liveCounts = new Map<string, number>();
    for (const c of current) liveCounts.set(c.categoryCode, (liveCounts.get(c.categoryCode) ?? 0) + 1);
    const missing = missingOf(categories, liveCounts);
    const requestable = requestableCategories(categories, current);
    const problem = decisionProblemCode(body, { missingRequired: missing.names, requestable });
    if (problem) throw new AppError('DECISION_INVALID', { problem, missing: missing.names });

    const verdicts = body.images.map((v) => ({
      imageId: v.id,
      state: v.verdict === 'replace' ? ('replace_requested' as const) : ('approved' as const),
      reason: v.verdict === 'replace' ? v.reason!.trim() : null,
    }));
    if ((await tx.review.setVerdicts(found.id, verdicts)) !== verdicts.length) throw new AppError('STALE_IMAGES');

    const status = nextStatus(level, body.outcome);
    const comment = body.comment?.trim() || null;
    // A decision ends what the previous return asked for; a return may ask anew.
    await tx.reviewRequests.closeOpen(found.id, now);
    const requested = body.outcome === 'return' ? (body.requestedCategories ?? []).map((r) => ({ categoryCode: r.categoryCode, reason: r.reason!.trim() })) : [];
    if (requested.length > 0) await tx.reviewRequests.add(found.id, { level, accountId: actor.accountId }, now, requested);
    // The queue columns follow from what this transaction knows: no statement reads them back.
    const queue = queueColumnsOf(
      {
        status, changedSinceReturn: false, reviewQueue: null, missingRequired: missing.codes.length, openRequest: requested.length > 0,
        flagged: verdicts.some((v) => v.state === 'replace_requested'), imageCount: current.length,
      },
      now,
      { statusChanged: true },
    );
    await tx.review.recordDecision({ registrationId: found.id, level, outcome: body.outcome, comment, accountId: actor.accountId, status, queue, at: now });
    const byId = new Map(current.map((c) => [c.id, c]));
    const who = { at: now, actorAccountId: actor.accountId, actorRole: actor.role, registrationId: found.id, ip: actor.ip };
    // The verdicts first, then the decision: the site opinion reads the verdicts written before it.
    await tx.audit.appendMany([
      ...body.images.map((v) => ({
        ...who, action: 'review.image_verdict', imageId: v.id,
        details: { verdict: v.verdict, reason: v.verdict === 'replace' ? v.reason : undefined, sha256: byId.get(v.id)!.sha256, categoryCode: byId.get(v.id)!.categoryCode, level },
      })),
      {
        ...who, action: 'review.decided',
        details: { level, outcome: body.outcome, comment, from: reg.status, to: status, images: current.length, ...(requested.length ? { requestedCategories: requested } : {}) },
      },
    ]);
    await tx.review.clearDraft(found.id);
    const asked = requested.map((r) => ({ name: requestable.get(r.categoryCode)?.name ?? r.categoryCode, reason: r.reason }));
    await notifyCandidate(tx, found.id, now, candidateNotice(reviewNotice(level, body.outcome, comment ?? undefined, asked)));
    await recordResultEvent(tx, { registrationId: found.id, level, outcome: body.outcome, comment, at: now, webhook: deps.resultWebhookEnabled === true });
  });

  const file = await loadCandidateFile(deps.store, found.id, deps.clock.now());
  return registrationView(file!, locale);
}

/** The candidate's categories with how many more images each takes now, for requestedCategories. */
function requestableCategories(categories: readonly ResolvedCategory[], current: readonly Pick<ImageRecord, 'id' | 'categoryCode'>[]) {
  return new Map(
    categories.map((c) => {
      const ids = current.filter((i) => i.categoryCode === c.code).map((i) => i.id);
      return [c.code, { free: c.maxCount - ids.length, imageIds: ids, name: c.name }] as const;
    }),
  );
}
