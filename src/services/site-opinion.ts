import type { Kysely } from 'kysely';
import type { DB } from '../adapters/db/schema.js';
import { fromDbTime } from '../adapters/db/time.js';

export interface SiteOpinion {
  outcome: string;
  comment: string | null;
  by: string | null;
  at: string;
  /** The site's verdict on each image still live, by image id. */
  images: Record<string, { verdict: 'approve' | 'replace'; reason: string | null }>;
}

/**
 * The latest site-level decision (考点意见) with its per-image verdicts, read from the audit
 * trail the decision wrote in its own transaction. The region reviewer sees it beside each
 * image, separate from its own verdicts, which start empty.
 */
export async function loadSiteOpinion(db: Kysely<DB>, registrationId: string, liveImageIds: string[]): Promise<SiteOpinion | null> {
  const decided = await db
    .selectFrom('audit_events as a')
    .leftJoin('accounts as u', 'u.id', 'a.actor_account_id')
    .select(['a.id', 'a.at', 'a.details', 'u.display_name'])
    .where('a.registration_id', '=', registrationId)
    .where('a.action', '=', 'review.decided')
    .where('a.actor_role', '=', 'site_reviewer')
    .orderBy('a.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!decided) return null;
  const details = JSON.parse(decided.details) as { outcome?: string; comment?: string | null };
  const live = new Set(liveImageIds);
  const rows = await db
    .selectFrom('audit_events')
    .select(['image_id', 'details'])
    .where('registration_id', '=', registrationId)
    .where('action', '=', 'review.image_verdict')
    .where('actor_role', '=', 'site_reviewer')
    .where('id', '<', decided.id)
    .orderBy('id', 'desc')
    .limit(400)
    .execute();
  const images: SiteOpinion['images'] = {};
  for (const r of rows) {
    // Newest first: the first verdict met for an image is the one in force.
    if (!r.image_id || !live.has(r.image_id) || images[r.image_id]) continue;
    const d = JSON.parse(r.details) as { verdict: 'approve' | 'replace'; reason?: string };
    images[r.image_id] = { verdict: d.verdict, reason: d.reason ?? null };
  }
  return { outcome: details.outcome ?? '', comment: details.comment ?? null, by: decided.display_name ?? null, at: fromDbTime(decided.at).toISOString(), images };
}
