import type { Actor, Deps } from './deps.js';
import { AppError } from '../domain/errors.js';
import { fromDbTime, fromDbTimeOrNull, toBool, toDbTime } from '../adapters/db/time.js';
import { appendAudit } from '../adapters/db/repositories/audit-log.js';
import { claimBlockedByIncomplete, isReviewableBy, levelOf, reviewableStatuses } from '../domain/review-rules.js';
import { isUploadOpen } from '../domain/image-state.js';
import { missingRequiredFor } from './refresh-review-summary.js';
import type { RegistrationStatus } from '../domain/registration-status.js';
import { findInScope } from './find-in-scope.js';
import { scopeColumns } from './staff-scope.js';
import { isReviewOpen } from '../domain/region-settings.js';
import { formatChinaDateTime } from '../domain/china-time.js';
import { clearReviewDraft } from './review-draft.js';

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
  const nowIso = toDbTime(now);
  const expires = new Date(now.getTime() + (deps.claimLeaseMs ?? DEFAULT_CLAIM_LEASE_MS));
  const scope = scopeColumns(actor)!;
  // The region's review window (set by its administrators) bounds when claims are taken.
  const window = await deps.db
    .selectFrom('registrations as r')
    .innerJoin('regions as g', 'g.code', 'r.region_code')
    .select(['g.review_opens_at', 'g.review_closes_at', 'g.upload_enabled', 'g.upload_opens_at', 'g.upload_closes_at'])
    .where('r.id', '=', found.id)
    .executeTakeFirstOrThrow();
  const reviewWindow = { reviewOpensAt: fromDbTimeOrNull(window.review_opens_at), reviewClosesAt: fromDbTimeOrNull(window.review_closes_at) };
  if (!isReviewOpen(reviewWindow, now)) {
    throw new AppError('REVIEW_CLOSED', {
      opensAt: reviewWindow.reviewOpensAt && now < reviewWindow.reviewOpensAt ? formatChinaDateTime(reviewWindow.reviewOpensAt) : undefined,
      closesAt: reviewWindow.reviewClosesAt && now >= reviewWindow.reviewClosesAt ? formatChinaDateTime(reviewWindow.reviewClosesAt) : undefined,
    });
  }
  const uploadOpen = isUploadOpen({ uploadEnabled: toBool(window.upload_enabled), opensAt: fromDbTimeOrNull(window.upload_opens_at), closesAt: fromDbTimeOrNull(window.upload_closes_at) }, now);
  const renewing = found.claim_account_id === actor.accountId && found.claim_expires_at != null && fromDbTime(found.claim_expires_at) > now;

  let q = deps.db
    .updateTable('registrations')
    .set({ claim_account_id: actor.accountId, claim_expires_at: toDbTime(expires) })
    .where('id', '=', found.id)
    .where('review_queue', '=', level)
    .where('status', 'in', reviewableStatuses(level))
    .where((eb) => eb.or([eb('claim_account_id', 'is', null), eb('claim_expires_at', '<=', nowIso), eb('claim_account_id', '=', actor.accountId)]));
  // While candidates can still upload, an incomplete file is theirs to finish, not a reviewer's to lock.
  if (uploadOpen) q = q.where('materials_complete', '=', 1);
  if (scope.site_code) q = q.where('site_code', '=', scope.site_code);
  if (scope.region_code) q = q.where('region_code', '=', scope.region_code);
  const res = await q.executeTakeFirst();

  if (Number(res.numUpdatedRows) !== 1) {
    const now2 = await deps.db
      .selectFrom('registrations')
      .select(['status', 'changed_since_return', 'claim_account_id', 'claim_expires_at', 'materials_complete'])
      .where('id', '=', found.id)
      .executeTakeFirstOrThrow();
    if (!isReviewableBy(level, now2.status as RegistrationStatus, toBool(now2.changed_since_return))) throw new AppError('NOT_REVIEWABLE');
    if (claimBlockedByIncomplete(toBool(now2.materials_complete), uploadOpen)) {
      const missing = await missingRequiredFor(deps.db, found.id);
      throw new AppError('MATERIALS_INCOMPLETE', { missing: missing.names.join('、') || undefined, missingCategories: missing.codes });
    }
    const holder = now2.claim_account_id
      ? await deps.db.selectFrom('accounts').select('display_name').where('id', '=', now2.claim_account_id).executeTakeFirst()
      : undefined;
    throw new AppError('CLAIMED_BY_OTHER', { by: holder?.display_name });
  }
  // A takeover starts clean: the previous holder's unsent marks are theirs, not the new reviewer's.
  if (!renewing) await clearReviewDraft(deps.db, found.id, actor.accountId);
  await appendAudit(deps.db, {
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
  let q = deps.db
    .updateTable('registrations')
    .set({ claim_account_id: null, claim_expires_at: null })
    .where('id', '=', found.id)
    .where('claim_account_id', '=', actor.accountId);
  if (opts.leaseExpiresAt) {
    const t = new Date(opts.leaseExpiresAt);
    if (Number.isNaN(t.getTime())) return;
    q = q.where('claim_expires_at', '=', toDbTime(t));
  }
  const res = await q.executeTakeFirst();
  if (Number(res.numUpdatedRows) === 1) {
    await appendAudit(deps.db, { at: deps.clock.now(), actorAccountId: actor.accountId, actorRole: actor.role, action: 'review.released', registrationId: found.id, ip: actor.ip });
  }
}
