import type { Actor, Deps } from './deps.js';
import type { AnnouncementBody } from '../contracts/admin.js';
import { AppError } from '../domain/errors.js';
import { adminRegion, auditAdmin, outOfScope } from './admin-scope.js';


export interface AnnouncementView {
  title: string;
  body: string;
  link: string | null;
  updatedAt: string;
}

async function readAnnouncement(deps: Deps, regionCode: string): Promise<AnnouncementView | null> {
  const r = await deps.store.regions.announcement(regionCode);
  return r ? { title: r.title, body: r.body, link: r.link, updatedAt: r.updatedAt.toISOString() } : null;
}

async function regionInScope(deps: Deps, actor: Actor, regionCode: string): Promise<boolean> {
  const scope = adminRegion(actor);
  if (scope !== null && scope !== regionCode) return false;
  return deps.store.regions.exists(regionCode);
}

export async function getRegionAnnouncement(deps: Deps, actor: Actor, regionCode: string): Promise<{ announcement: AnnouncementView | null }> {
  if (!(await regionInScope(deps, actor, regionCode))) return outOfScope(deps, actor, { regionCode, what: 'announcement' });
  return { announcement: await readAnnouncement(deps, regionCode) };
}

/** Publishes (or replaces) the region's 公告; audited with the text. */
export async function publishRegionAnnouncement(deps: Deps, actor: Actor, regionCode: string, input: AnnouncementBody) {
  if (!(await regionInScope(deps, actor, regionCode))) return outOfScope(deps, actor, { regionCode, what: 'announcement' });
  const announcement = { title: input.title, body: input.body, link: input.link ? input.link : null, updatedAt: deps.clock.now(), updatedBy: actor.accountId };
  await deps.store.transaction(async (tx) => {
    await tx.regions.publishAnnouncement(regionCode, announcement);
    await auditAdmin(tx, deps, actor, 'admin.announcement_published', { regionCode, title: announcement.title, link: announcement.link });
  });
  return { announcement: await readAnnouncement(deps, regionCode) };
}

export async function withdrawRegionAnnouncement(deps: Deps, actor: Actor, regionCode: string): Promise<void> {
  if (!(await regionInScope(deps, actor, regionCode))) return outOfScope(deps, actor, { regionCode, what: 'announcement' });
  await deps.store.transaction(async (tx) => {
    await tx.regions.withdrawAnnouncement(regionCode);
    await auditAdmin(tx, deps, actor, 'admin.announcement_withdrawn', { regionCode });
  });
}

/** The candidate's own region's 公告 (read only), or null. */
export async function candidateAnnouncement(deps: Deps, actor: Actor): Promise<{ announcement: AnnouncementView | null }> {
  if (!actor.registrationId) throw new AppError('NOT_FOUND');
  const regionCode = await deps.store.regions.regionOfRegistration(actor.registrationId);
  if (!regionCode) throw new AppError('NOT_FOUND');
  return { announcement: await readAnnouncement(deps, regionCode) };
}

/**
 * Before switching upload off for a whole region: how many candidates it touches — all of
 * the region's, and those still able to upload (填报 or 退回修改), the ones who would notice.
 */
export async function uploadSwitchImpact(deps: Deps, actor: Actor, regionCode: string): Promise<{ regionCode: string; candidates: number; stillUploading: number }> {
  if (!(await regionInScope(deps, actor, regionCode))) return outOfScope(deps, actor, { regionCode, what: 'upload_impact' });
  const perStatus = await deps.store.regions.candidatesPerStatus(regionCode);
  let candidates = 0;
  let stillUploading = 0;
  for (const [status, n] of perStatus) {
    candidates += n;
    if (status === 'draft' || status === 'returned') stillUploading += n;
  }
  return { regionCode, candidates, stillUploading };
}
