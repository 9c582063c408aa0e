import type { Repositories } from '../ports/store.js';
import { missingRequired, resolveRequirements, type MaterialCategory, type RequirementRule, type ResolvedCategory } from '../domain/catalog.js';
import type { RequirementSubject } from './resolve-requirements.js';

const BATCH = 500;

/**
 * After a change of requirement rules or of the catalog, recomputes the review queues'
 * "materials complete" flag of every registration the change can reach (one region, or all
 * when null; one 考点 with `siteCode`), in batches: the catalog is read once, each region's
 * rules once, and the rules resolved once per (site, exam category, situations). Returns how
 * many registrations changed their flag.
 */
export async function refreshMaterialsCompleteness(
  tx: Pick<Repositories, 'registrations' | 'images' | 'reviewRequests' | 'catalog'>,
  regionCode: string | null,
  siteCode?: string,
): Promise<number> {
  const regions = regionCode ? [regionCode] : await tx.registrations.regionCodes();
  const catalog = await tx.catalog.categories();
  let changed = 0;
  for (const region of regions) {
    const rules = await tx.catalog.rulesOfRegion(region);
    const categoriesOf = resolvedOnce(catalog, rules);
    let after = '';
    for (;;) {
      const regs = await tx.registrations.completenessPage({ regionCode: region, siteCode, afterId: after, limit: BATCH });
      if (regs.length === 0) break;
      after = regs[regs.length - 1]!.id;
      const ids = regs.map((r) => r.id);
      const counts = await tx.images.liveCountsByCategory(ids);
      // An open reviewer request keeps a file incomplete whatever the rules say.
      const open = await tx.reviewRequests.withOpenAmong(ids);
      const toComplete: string[] = [];
      const toIncomplete: string[] = [];
      for (const r of regs) {
        const imageCounts = counts.get(r.id);
        const filled = missingRequired(categoriesOf(r).map((c) => ({ ...c, imageCount: imageCounts?.get(c.code) ?? 0 }))).length === 0;
        const complete = filled && !open.has(r.id);
        if (complete !== r.materialsComplete) (complete ? toComplete : toIncomplete).push(r.id);
      }
      await tx.registrations.setMaterialsComplete(toComplete, true);
      await tx.registrations.setMaterialsComplete(toIncomplete, false);
      changed += toComplete.length + toIncomplete.length;
    }
  }
  return changed;
}

/** One region's requirements, resolved once per (site, exam category, situations). */
function resolvedOnce(catalog: MaterialCategory[], regionRules: RequirementRule[]) {
  const resolved = new Map<string, ResolvedCategory[]>();
  return (who: RequirementSubject): ResolvedCategory[] => {
    const key = `${who.siteCode}|${who.examCategoryCode}|${[...who.situations].sort().join(',')}`;
    let hit = resolved.get(key);
    if (!hit) resolved.set(key, (hit = resolveRequirements(catalog, regionRules, who)));
    return hit;
  };
}
