import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Actor, Deps } from './deps.js';
import type { DraftBody } from '../contracts/review.js';
import type { DB } from '../adapters/db/schema.js';
import { AppError } from '../domain/errors.js';
import { fromDbTime, toDbTime } from '../adapters/db/time.js';
import { levelOf } from '../domain/review-rules.js';
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
  if (!level || found.claim_account_id !== actor.accountId || !found.claim_expires_at || fromDbTime(found.claim_expires_at) <= now) {
    throw new AppError('NOT_CLAIMED');
  }
  const live = await deps.db
    .selectFrom('images')
    .select('id')
    .where('registration_id', '=', found.id)
    .where('deleted_at', 'is', null)
    .execute();
  const ids = new Set(live.map((i) => i.id));
  if (Object.keys(body.verdicts).some((id) => !ids.has(id))) throw new AppError('STALE_IMAGES');
  const stored = {
    verdicts: Object.fromEntries(
      Object.entries(body.verdicts).map(([id, v]) => [id, { verdict: v.verdict, preset: v.verdict === 'replace' ? (v.preset ?? null) : null, note: v.verdict === 'replace' ? (v.note ?? '') : '' }]),
    ),
    seen: [...new Set(body.seen ?? [])].filter((id) => ids.has(id)),
  };
  const nowIso = toDbTime(now);
  await deps.db
    .insertInto('review_drafts')
    .values({ registration_id: found.id, account_id: actor.accountId, level, body: JSON.stringify(stored), updated_at: nowIso })
    .onConflict((oc) => oc.column('registration_id').doUpdateSet({ account_id: actor.accountId, level, body: JSON.stringify(stored), updated_at: nowIso }))
    .execute();
  return { updatedAt: now.toISOString() };
}

/** The caller's own draft at the caller's level, restricted to the images still live; null when none. */
export async function loadReviewDraft(db: Kysely<DB>, registrationId: string, actor: Actor, liveImageIds: string[]): Promise<ReviewDraft | null> {
  const level = levelOf(actor.role);
  if (!level) return null;
  const row = await db
    .selectFrom('review_drafts')
    .select(['account_id', 'level', 'body', 'updated_at'])
    .where('registration_id', '=', registrationId)
    .executeTakeFirst();
  if (!row || row.account_id !== actor.accountId || row.level !== level) return null;
  const body = JSON.parse(row.body) as Omit<ReviewDraft, 'updatedAt'>;
  const live = new Set(liveImageIds);
  return {
    verdicts: Object.fromEntries(Object.entries(body.verdicts).filter(([id]) => live.has(id))),
    seen: body.seen.filter((id) => live.has(id)),
    updatedAt: fromDbTime(row.updated_at).toISOString(),
  };
}

/** Drops the draft (the decision made it history) — or, with `exceptAccountId`, only someone else's (a takeover). */
export async function clearReviewDraft(db: Kysely<DB>, registrationId: string, exceptAccountId?: string): Promise<void> {
  let q = db.deleteFrom('review_drafts').where('registration_id', '=', registrationId);
  if (exceptAccountId) q = q.where('account_id', '!=', exceptAccountId);
  await q.execute();
}
