import type { Kysely } from 'kysely';
import type { DB, RequirementRuleTable } from '../schema.js';
import type { MaterialCategory, RequirementRule } from '../../../domain/catalog.js';

export async function loadCatalog(db: Kysely<DB>): Promise<MaterialCategory[]> {
  const rows = await db.selectFrom('material_categories').selectAll().orderBy('sort_order').execute();
  return rows.map((r) => ({ code: r.code, name: r.name, requirements: r.requirements, nameEn: r.name_en, requirementsEn: r.requirements_en, minCount: r.min_count, maxCount: r.max_count }));
}

/**
 * The rules a candidate of this region (and site) can match: the national ones, the region's,
 * and with `sites` the rules of those 考点 ('*': every site of the region, for batch work).
 * Without `sites` no site rule is read.
 */
export async function loadRules(db: Kysely<DB>, regionCode: string, sites?: string | '*' | readonly string[]): Promise<RequirementRule[]> {
  const list = sites === undefined || sites === '*' ? null : typeof sites === 'string' ? [sites] : sites;
  const rows = await db
    .selectFrom('requirement_rules')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('region_code', 'is', null),
        eb.and([
          eb('region_code', '=', regionCode),
          ...(sites === '*' ? [] : [list && list.length ? eb.or([eb('site_code', 'is', null), eb('site_code', 'in', list)]) : eb('site_code', 'is', null)]),
        ]),
      ]),
    )
    .execute();
  return rows.map(ruleOf);
}

export const ruleOf = (r: Omit<RequirementRuleTable, 'id'>): RequirementRule => ({
  regionCode: r.region_code,
  siteCode: r.site_code,
  examCategoryCode: r.exam_category_code,
  situation: r.situation,
  materialCode: r.material_code,
  requirement: r.requirement,
  maxCount: r.max_count,
  extraText: r.extra_text,
  extraTextEn: r.extra_text_en,
});
