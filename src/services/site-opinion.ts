import type { Repositories } from '../ports/store.js';

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
export async function loadSiteOpinion(tx: Pick<Repositories, 'review'>, registrationId: string, liveImageIds: string[]): Promise<SiteOpinion | null> {
  const decided = await tx.review.latestSiteDecision(registrationId, 400);
  if (!decided) return null;
  const live = new Set(liveImageIds);
  const images: SiteOpinion['images'] = {};
  for (const r of decided.verdicts) {
    // Newest first: the first verdict met for an image is the one in force.
    if (!r.imageId || !live.has(r.imageId) || images[r.imageId]) continue;
    images[r.imageId] = { verdict: r.details.verdict, reason: r.details.reason ?? null };
  }
  return { outcome: decided.details.outcome ?? '', comment: decided.details.comment ?? null, by: decided.by, at: decided.at.toISOString(), images };
}
