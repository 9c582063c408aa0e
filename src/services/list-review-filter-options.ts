import type { Actor, Deps } from './deps.js';

/**
 * What the reviewer's queue can be filtered by: the exam categories (报考类别) of the
 * catalog and the exam sites (考点) in the caller's scope — one for a site reviewer,
 * the region's for a region reviewer or regional admin, every site for a national admin.
 */
export async function listReviewFilterOptions(deps: Deps, actor: Actor) {
  const [examCategories, sites] = await Promise.all([
    deps.db.selectFrom('exam_categories').select(['code', 'name', 'name_en as nameEn']).orderBy('sort_order').orderBy('code').execute(),
    deps.db
      .selectFrom('sites as s')
      .select(['s.code', 's.name'])
      .where((eb) => {
        if (actor.role === 'site_reviewer') return eb('s.code', '=', actor.siteCode ?? '\u0000');
        if (actor.role === 'region_reviewer') return eb('s.region_code', '=', actor.regionCode ?? '\u0000');
        if (actor.role === 'admin' && actor.regionCode) return eb('s.region_code', '=', actor.regionCode);
        if (actor.role === 'admin') return eb.lit(true);
        return eb.lit(false);
      })
      .orderBy('s.code')
      .execute(),
  ]);
  return { examCategories, sites };
}
