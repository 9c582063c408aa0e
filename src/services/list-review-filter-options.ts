import type { Actor, Deps } from './deps.js';
import { staffScopeOf } from '../domain/staff-scope.js';

/**
 * What the reviewer's queue can be filtered by: the exam categories (报考类别) of the
 * catalog and the exam sites (考点) in the caller's scope — one for a site reviewer,
 * the region's for a region reviewer or regional admin, every site for a national admin.
 */
export async function listReviewFilterOptions(deps: Pick<Deps, 'store'>, actor: Actor) {
  const [categories, sites] = await Promise.all([
    deps.store.catalog.listExamCategories(),
    deps.store.reviewQueue.sitesInScope(staffScopeOf(actor)),
  ]);
  return { examCategories: categories.map((c) => ({ code: c.code, name: c.name, nameEn: c.nameEn })), sites };
}
