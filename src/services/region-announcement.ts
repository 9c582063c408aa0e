import type { Actor, Deps } from './deps.js';
import type { AnnouncementBody } from '../contracts/admin.js';
import { AppError } from '../domain/errors.js';
import { fromDbTime, toDbTime } from '../adapters/db/time.js';
import { adminRegion, auditAdmin, outOfScope } from './admin-scope.js';


export interface AnnouncementView {
  title: string;
  body: string;
  link: string | null;
  updatedAt: string;
}

async function readAnnouncement(deps: Deps, regionCode: string): Promise<AnnouncementView | null> {
  const r = await deps.db.selectFrom('region_announcements').selectAll().where('region_code', '=', regionCode).executeTakeFirst();
  return r ? { title: r.title, body: r.body, link: r.link, updatedAt: fromDbTime(r.updated_at).toISOString() } : null;
}

async function regionInScope(deps: Deps, actor: Actor, regionCode: string) {
  const scope = adminRegion(actor);
  if (scope !== null && scope !== regionCode) return null;
  return (await deps.db.selectFrom('regions').select('code').where('code', '=', regionCode).executeTakeFirst()) ?? null;
}

export async function getRegionAnnouncement(deps: Deps, actor: Actor, regionCode: string): Promise<{ announcement: AnnouncementView | null }> {
  if (!(await regionInScope(deps, actor, regionCode))) return outOfScope(deps, actor, { regionCode, what: 'announcement' });
  return { announcement: await readAnnouncement(deps, regionCode) };
}

/** Publishes (or replaces) the region's 公告; audited with the text. */
export async function publishRegionAnnouncement(deps: Deps, actor: Actor, regionCode: string, input: AnnouncementBody) {
  if (!(await regionInScope(deps, actor, regionCode))) return outOfScope(deps, actor, { regionCode, what: 'announcement' });
  const now = toDbTime(deps.clock.now());
  const row = { title: input.title, body: input.body, link: input.link ? input.link : null, updated_at: now, updated_by: actor.accountId };
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('region_announcements')
      .values({ region_code: regionCode, ...row })
      .onConflict((oc) => oc.column('region_code').doUpdateSet(row))
      .execute();
    await auditAdmin(trx, deps, actor, 'admin.announcement_published', { regionCode, title: row.title, link: row.link });
  });
  return { announcement: await readAnnouncement(deps, regionCode) };
}

export async function withdrawRegionAnnouncement(deps: Deps, actor: Actor, regionCode: string): Promise<void> {
  if (!(await regionInScope(deps, actor, regionCode))) return outOfScope(deps, actor, { regionCode, what: 'announcement' });
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('region_announcements').where('region_code', '=', regionCode).execute();
    await auditAdmin(trx, deps, actor, 'admin.announcement_withdrawn', { regionCode });
  });
}

/** The candidate's own region's 公告 (read only), or null. */
export async function candidateAnnouncement(deps: Deps, actor: Actor): Promise<{ announcement: AnnouncementView | null }> {
  if (!actor.registrationId) throw new AppError('NOT_FOUND');
  const reg = await deps.db.selectFrom('registrations').select('region_code').where('id', '=', actor.registrationId).executeTakeFirstOrThrow();
  return { announcement: await readAnnouncement(deps, reg.region_code) };
}

/**
 * Before switching upload off for a whole region: how many candidates it touches — all of
 * the region's, and those still able to upload (填报 or 退回修改), the ones who would notice.
 */
export async function uploadSwitchImpact(deps: Deps, actor: Actor, regionCode: string): Promise<{ regionCode: string; candidates: number; stillUploading: number }> {
  if (!(await regionInScope(deps, actor, regionCode))) return outOfScope(deps, actor, { regionCode, what: 'upload_impact' });
  const rows = await deps.db
    .selectFrom('registrations')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('region_code', '=', regionCode)
    .groupBy('status')
    .execute();
  let candidates = 0;
  let stillUploading = 0;
  for (const r of rows) {
    candidates += Number(r.n);
    if (r.status === 'draft' || r.status === 'returned') stillUploading += Number(r.n);
  }
  return { regionCode, candidates, stillUploading };
}
