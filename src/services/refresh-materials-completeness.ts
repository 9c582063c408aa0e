import type { Kysely } from 'kysely';
import type { DB } from '../adapters/db/schema.js';
import { missingRequired, resolveRequirements } from '../domain/catalog.js';
import { loadCatalog, loadRules } from '../adapters/db/repositories/catalog-repository.js';
import { toInt } from '../adapters/db/time.js';

const BATCH = 500;

/**
 * After a change of requirement rules or of the catalog, recomputes the review queues'
 * "materials complete" flag of every registration the change can reach (one region, or all
 * when null), in batches: the rules are resolved once per (exam category, situations).
 * Returns how many registrations changed their flag.
 */
export async function refreshMaterialsCompleteness(db: Kysely<DB>, regionCode: string | null): Promise<number> {
  const regions = regionCode
    ? [regionCode]
    : (await db.selectFrom('regions').select('code').orderBy('code').execute()).map((r) => r.code);
  const catalog = await loadCatalog(db);
  let changed = 0;
  for (const region of regions) {
    const rules = await loadRules(db, region);
    const resolved = new Map<string, ReturnType<typeof resolveRequirements>>();
    let after = '';
    for (;;) {
      const regs = await db
        .selectFrom('registrations')
        .select(['id', 'exam_category_code', 'situations', 'materials_complete'])
        .where('region_code', '=', region)
        .where('id', '>', after)
        .orderBy('id')
        .limit(BATCH)
        .execute();
      if (regs.length === 0) break;
      after = regs[regs.length - 1]!.id;
      const counts = await db
        .selectFrom('images')
        .select(['registration_id', 'category_code', (eb) => eb.fn.countAll<number>().as('n')])
        .where('registration_id', 'in', regs.map((r) => r.id))
        .where('deleted_at', 'is', null)
        .groupBy(['registration_id', 'category_code'])
        .execute();
      const byReg = new Map<string, Map<string, number>>();
      for (const c of counts) {
        const m = byReg.get(c.registration_id) ?? new Map<string, number>();
        m.set(c.category_code, toInt(c.n));
        byReg.set(c.registration_id, m);
      }
      const toComplete: string[] = [];
      const toIncomplete: string[] = [];
      for (const r of regs) {
        const key = `${r.exam_category_code}|${r.situations}`;
        let categories = resolved.get(key);
        if (!categories) {
          categories = resolveRequirements(catalog, rules, { regionCode: region, examCategoryCode: r.exam_category_code, situations: JSON.parse(r.situations) as string[] });
          resolved.set(key, categories);
        }
        const imageCounts = byReg.get(r.id);
        const complete = missingRequired(categories.map((c) => ({ ...c, imageCount: imageCounts?.get(c.code) ?? 0 }))).length === 0 ? 1 : 0;
        if (complete !== toInt(r.materials_complete)) (complete ? toComplete : toIncomplete).push(r.id);
      }
      if (toComplete.length) await db.updateTable('registrations').set({ materials_complete: 1 }).where('id', 'in', toComplete).execute();
      if (toIncomplete.length) await db.updateTable('registrations').set({ materials_complete: 0 }).where('id', 'in', toIncomplete).execute();
      changed += toComplete.length + toIncomplete.length;
    }
  }
  return changed;
}
