import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { MaterialCategory, RequirementRule } from '../../../domain/catalog.js';

export async function loadCatalog(db: Kysely<DB>): Promise<MaterialCategory[]> {
  const rows = await db.selectFrom('material_categories').selectAll().orderBy('sort_order').execute();
  return rows.map((r) => ({ code: r.code, name: r.name, requirements: r.requirements, nameEn: r.name_en, requirementsEn: r.requirements_en, minCount: r.min_count, maxCount: r.max_count }));
}

export async function loadRules(db: Kysely<DB>, regionCode: string): Promise<RequirementRule[]> {
  const rows = await db
    .selectFrom('requirement_rules')
    .selectAll()
    .where((eb) => eb.or([eb('region_code', 'is', null), eb('region_code', '=', regionCode)]))
    .execute();
  return rows.map((r) => ({
    regionCode: r.region_code,
    examCategoryCode: r.exam_category_code,
    situation: r.situation,
    materialCode: r.material_code,
    requirement: r.requirement,
    maxCount: r.max_count,
    extraText: r.extra_text,
  }));
}
