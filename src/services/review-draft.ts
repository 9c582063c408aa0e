import type { Actor, Deps } from './deps.js';
import type { DraftBody } from '../contracts/review.js';
import type { Repositories } from '../ports/store.js';
import { AppError } from '../domain/errors.js';
import { levelOf } from '../domain/review-rules.js';
import { isClaimLive } from '../domain/image-state.js';
import { findInScope } from './find-in-scope.js';


export interface ReviewDraft {
  verdicts: Record<string, { verdict: 'approve' | 'replace'; preset: string | null; note: string }>;
  seen: string[];
  updatedAt: string;
}

/**
 * Saves the claim holder's draft. Bound to the claim: without a live claim it is refused
 * (409 NOT_CLAIMED), and it names only the candidate's current images (else 409 STALE_IMAGES,
 * the page reloads them).
 */
export async function saveReviewDraft(deps: Deps, actor: Actor, registrationNo: string, body: DraftBody): Promise<{ updatedAt: string }> {
  const level = levelOf(actor.role);
  const found = await findInScope(deps, actor, registrationNo);
  const now = deps.clock.now();
  if (!level || found.claimAccountId !== actor.accountId || !isClaimLive(found.claimExpiresAt, now)) {
    throw new AppError('NOT_CLAIMED');
  }
  const ids = new Set(await deps.store.review.liveImageIdsOf(found.id));
  if (Object.keys(body.verdicts).some((id) => !ids.has(id))) throw new AppError('STALE_IMAGES');
  const stored = {
    verdicts: Object.fromEntries(
      Object.entries(body.verdicts).map(([id, v]) => [id, { verdict: v.verdict, preset: v.verdict === 'replace' ? (v.preset ?? null) : null, note: v.verdict === 'replace' ? (v.note ?? '') : '' }]),
    ),
    seen: [...new Set(body.seen ?? [])].filter((id) => ids.has(id)),
  };
  await deps.store.review.saveDraft(found.id, { accountId: actor.accountId, level, body: stored, updatedAt: now });
  return { updatedAt: now.toISOString() };
}

/** The caller's own draft at the caller's level, restricted to the images still live; null when none. */
export async function loadReviewDraft(tx: Pick<Repositories, 'review'>, registrationId: string, actor: Actor, liveImageIds: string[]): Promise<ReviewDraft | null> {
  const level = levelOf(actor.role);
  if (!level) return null;
  const row = await tx.review.draftOf(registrationId);
  if (!row || row.accountId !== actor.accountId || row.level !== level) return null;
  const live = new Set(liveImageIds);
  return {
    verdicts: Object.fromEntries(Object.entries(row.body.verdicts).filter(([id]) => live.has(id))),
    seen: row.body.seen.filter((id) => live.has(id)),
    updatedAt: row.updatedAt.toISOString(),
  };
}
