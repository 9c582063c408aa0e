import type { Actor, Deps } from './deps.js';
import { AppError } from '../domain/errors.js';
import { claimBlockedByIncomplete, isReviewableBy, levelOf, reviewableStatuses } from '../domain/review-rules.js';
import { isClaimLive, isUploadOpen } from '../domain/image-state.js';
import { staffScopeOf } from '../domain/staff-scope.js';
import { missingRequiredFor } from './refresh-review-summary.js';
import { findInScope } from './find-in-scope.js';
import { isReviewOpen } from '../domain/region-settings.js';
import { formatChinaDateTime } from '../domain/china-time.js';

/** How long a claim holds without renewal unless configured (CLAIM_LEASE_SECONDS; a short lease lets the cluster test take a claim over). */
export const DEFAULT_CLAIM_LEASE_MS = 15 * 60_000;

/**
 * Takes (or renews) the one-reviewer lease on a registration. One conditional UPDATE:
 * free, expired, or already mine — so of two reviewers claiming at once exactly one wins.
 * While it holds, the candidate's uploads and deletes answer 423.
 */
export async function claimReview(deps: Deps, actor: Actor, registrationNo: string): Promise<{ leaseExpiresAt: string }> {
  const level = levelOf(actor.role);
  const found = await findInScope(deps, actor, registrationNo);
  if (!level) throw new AppError('NOT_REVIEWABLE');
  const now = deps.clock.now();
  const expires = new Date(now.getTime() + (deps.claimLeaseMs ?? DEFAULT_CLAIM_LEASE_MS));
  const review = deps.store.review;
  // The region's review window (set by its administrators) bounds when claims are taken.
  const windows = await review.windowsOf(found.id);
  if (!isReviewOpen(windows, now)) {
    throw new AppError('REVIEW_CLOSED', {
      opensAt: windows.reviewOpensAt && now < windows.reviewOpensAt ? formatChinaDateTime(windows.reviewOpensAt) : undefined,
      closesAt: windows.reviewClosesAt && now >= windows.reviewClosesAt ? formatChinaDateTime(windows.reviewClosesAt) : undefined,
    });
  }
  const uploadOpen = isUploadOpen(windows.upload, now);
  const renewing = found.claimAccountId === actor.accountId && isClaimLive(found.claimExpiresAt, now);

  const taken = await review.tryClaim({
    registrationId: found.id, accountId: actor.accountId, level, statuses: reviewableStatuses(level), scope: staffScopeOf(actor),
    // While candidates can still upload, an incomplete file is theirs to finish, not a reviewer's to lock.
    completeOnly: uploadOpen, now, expiresAt: expires,
  });
  if (!taken) {
    const state = await review.claimStateOf(found.id);
    if (!isReviewableBy(level, state.status, state.changedSinceReturn)) throw new AppError('NOT_REVIEWABLE');
    if (claimBlockedByIncomplete(state.materialsComplete, uploadOpen)) {
      const missing = await missingRequiredFor(deps.store, found.id);
      throw new AppError('MATERIALS_INCOMPLETE', { missing: missing.names.join('、') || undefined, missingCategories: missing.codes });
    }
    const holder = state.claimAccountId ? await review.displayNameOf(state.claimAccountId) : null;
    throw new AppError('CLAIMED_BY_OTHER', { by: holder ?? undefined });
  }
  // A takeover starts clean: the previous holder's unsent marks are theirs, not the new reviewer's.
  if (!renewing) await review.clearDraft(found.id, actor.accountId);
  await deps.store.audit.append({
    at: now, actorAccountId: actor.accountId, actorRole: actor.role, action: renewing ? 'review.renewed' : 'review.claimed',
    registrationId: found.id, details: { leaseExpiresAt: expires.toISOString() }, ip: actor.ip,
  });
  return { leaseExpiresAt: expires.toISOString() };
}

/**
 * Gives the lease back without deciding (the reviewer leaves the page or closes the tab).
 * With `leaseExpiresAt` (the lease the closing page last held) it lets go only of that lease:
 * a release that arrives late, after a reload of the page has claimed again, is a no-op.
 */
export async function releaseReview(deps: Deps, actor: Actor, registrationNo: string, opts: { leaseExpiresAt?: string | undefined } = {}): Promise<void> {
  const found = await findInScope(deps, actor, registrationNo);
  let lease: Date | undefined;
  if (opts.leaseExpiresAt) {
    lease = new Date(opts.leaseExpiresAt);
    if (Number.isNaN(lease.getTime())) return;
  }
  if (await deps.store.review.release(found.id, actor.accountId, lease)) {
    await deps.store.audit.append({ at: deps.clock.now(), actorAccountId: actor.accountId, actorRole: actor.role, action: 'review.released', registrationId: found.id, ip: actor.ip });
  }
}
