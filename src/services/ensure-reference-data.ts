import type { Deps } from './deps.js';
import { DEFAULT_RULES, EXAM_CATEGORIES, MATERIAL_CATEGORIES } from '../domain/catalog.js';

/** Loads the national default catalog into a new database; leaves an existing one alone. */
export async function ensureReferenceData(deps: Pick<Deps, 'db'>): Promise<void> {
  const { db } = deps;
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('material_categories').select('code').limit(1).execute();
    if (existing.length > 0) return;
    await trx
      .insertInto('exam_categories')
      .values(EXAM_CATEGORIES.map((c, i) => ({ code: c.code, name: c.name, name_en: c.nameEn, sort_order: i })))
      .execute();
    await trx
      .insertInto('material_categories')
      .values(
        MATERIAL_CATEGORIES.map((c, i) => ({
          code: c.code,
          name: c.name,
          requirements: c.requirements,
          name_en: c.nameEn,
          requirements_en: c.requirementsEn,
          min_count: c.minCount,
          max_count: c.maxCount,
          sort_order: i,
          example_image: `${c.code}.png`,
        })),
      )
      .execute();
    await trx
      .insertInto('requirement_rules')
      .values(
        DEFAULT_RULES.map((r) => ({
          region_code: r.regionCode,
          exam_category_code: r.examCategoryCode,
          situation: r.situation,
          material_code: r.materialCode,
          requirement: r.requirement,
          max_count: r.maxCount,
          extra_text: r.extraText,
          extra_text_en: r.extraTextEn ?? null,
        })),
      )
      .execute();
  });
}
