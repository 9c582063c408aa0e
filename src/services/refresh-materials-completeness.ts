import type { Kysely } from 'kysely';
import type { DB } from '../adapters/db/schema.js';
import { missingRequired } from '../domain/catalog.js';
import { toInt } from '../adapters/db/time.js';
import { RequirementResolver, subjectOf } from './resolve-requirements.js';
import { repositoriesOver } from '../adapters/db/store.js';

const BATCH = 500;

/**
 * After a change of requirement rules or of the catalog, recomputes the review queues'
 * "materials complete" flag of every registration the change can reach (one region, or all
 * when null; one 考点 with `siteCode`), in batches: the rules are resolved once per
 * (site, exam category, situations). Returns how many registrations changed their flag.
 */
export async function refreshMaterialsCompleteness(db: Kysely<DB>, regionCode: string | null, siteCode?: string): Promise<number> {
  const regions = regionCode
    ? [regionCode]
    : (await db.selectFrom('regions').select('code').orderBy('code').execute()).map((r) => r.code);
  const resolver = new RequirementResolver(repositoriesOver(db));
  let changed = 0;
  for (const region of regions) {
    let after = '';
    for (;;) {
      const regs = await db
        .selectFrom('registrations')
        .select(['id', 'region_code', 'site_code', 'exam_category_code', 'situations', 'materials_complete'])
        .where('region_code', '=', region)
        .$if(siteCode !== undefined, (q) => q.where('site_code', '=', siteCode!))
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
      // An open reviewer request keeps a file incomplete whatever the rules say.
      const open = new Set(
        (
          await db
            .selectFrom('requested_categories')
            .select('registration_id')
            .where('registration_id', 'in', regs.map((r) => r.id))
            .where('fulfilled_at', 'is', null)
            .where('closed_at', 'is', null)
            .execute()
        ).map((r) => r.registration_id),
      );
      const toComplete: string[] = [];
      const toIncomplete: string[] = [];
      for (const r of regs) {
        const categories = await resolver.categories(subjectOf(r));
        const imageCounts = byReg.get(r.id);
        const filled = missingRequired(categories.map((c) => ({ ...c, imageCount: imageCounts?.get(c.code) ?? 0 }))).length === 0;
        const complete = filled && !open.has(r.id) ? 1 : 0;
        if (complete !== toInt(r.materials_complete)) (complete ? toComplete : toIncomplete).push(r.id);
      }
      if (toComplete.length) await db.updateTable('registrations').set({ materials_complete: 1 }).where('id', 'in', toComplete).execute();
      if (toIncomplete.length) await db.updateTable('registrations').set({ materials_complete: 0 }).where('id', 'in', toIncomplete).execute();
      changed += toComplete.length + toIncomplete.length;
    }
  }
  return changed;
}
