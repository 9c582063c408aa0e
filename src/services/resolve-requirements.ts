import type { Repositories } from '../ports/store.js';
import { resolveRequirements, type MaterialCategory, type RequirementRule, type ResolvedCategory } from '../domain/catalog.js';
import { requiredSet } from '../domain/materials-todo.js';

/** Where the catalog and rules are read: the store, or the repositories of the caller's transaction. */
type CatalogReader = Pick<Repositories, 'catalog'>;

/** Whose requirements: a candidate's region, 考点, exam category and situations. */
export interface RequirementSubject {
  regionCode: string;
  siteCode: string;
  examCategoryCode: string;
  situations: string[];
}

/**
 * The one place that answers "what must this candidate upload": the catalog and the national,
 * region and 考点 rules, resolved by domain/catalog.ts. `cached` reads through the per-process
 * cache (the upload path); everything else reads the tables, inside the caller's transaction.
 */
export async function requirementsFor(tx: CatalogReader, who: RequirementSubject, opts: { cached?: boolean } = {}): Promise<ResolvedCategory[]> {
  const [catalog, rules] = await Promise.all([tx.catalog.categories(opts), tx.catalog.rulesFor(who.regionCode, who.siteCode, opts)]);
  return resolveRequirements(catalog, rules, who);
}

/**
 * The same answer for many candidates (imports, refreshes after a rule change): the catalog
 * once, each region's rules (with all its sites') once, each (region, site, exam category,
 * situations) resolved once.
 */
export class RequirementResolver {
  private catalog: Promise<MaterialCategory[]> | undefined;
  private readonly rules = new Map<string, Promise<RequirementRule[]>>();
  private readonly resolved = new Map<string, Promise<ResolvedCategory[]>>();
  constructor(private readonly tx: CatalogReader) {}

  /** `tx`: where to read what is not known yet (inside a transaction, that transaction's: SQLite has one connection). */
  categories(who: RequirementSubject, tx: CatalogReader = this.tx): Promise<ResolvedCategory[]> {
    const key = `${who.regionCode}|${who.siteCode}|${who.examCategoryCode}|${[...who.situations].sort().join(',')}`;
    let hit = this.resolved.get(key);
    if (!hit) {
      this.catalog ??= tx.catalog.materialCategories();
      let rules = this.rules.get(who.regionCode);
      if (!rules) this.rules.set(who.regionCode, (rules = tx.catalog.rulesFor(who.regionCode, '*')));
      const catalog = this.catalog;
      const regionRules = rules;
      hit = (async () => resolveRequirements(await catalog, await regionRules, who))();
      this.resolved.set(key, hit);
    }
    return hit;
  }

  /** Reads a region's rules now (before a change that the resolution must not see yet). */
  async load(regionCode: string): Promise<void> {
    this.catalog ??= this.tx.catalog.materialCategories();
    if (!this.rules.has(regionCode)) this.rules.set(regionCode, this.tx.catalog.rulesFor(regionCode, '*'));
    await Promise.all([this.catalog, this.rules.get(regionCode)]);
  }

  /** The required categories, sorted: what an import or a 考点 rule change is judged by. */
  async requiredSet(who: RequirementSubject, tx: CatalogReader = this.tx): Promise<string[]> {
    return requiredSet(await this.categories(who, tx));
  }
}

/** A registrations row as a RequirementSubject. */
export const subjectOf = (r: { region_code: string; site_code: string; exam_category_code: string; situations: string }): RequirementSubject => ({
  regionCode: r.region_code,
  siteCode: r.site_code,
  examCategoryCode: r.exam_category_code,
  situations: JSON.parse(r.situations) as string[],
});

/** The requirements of one stored registration (its row as read in the caller's transaction). */
export function requirementsOfRegistration(tx: CatalogReader, registration: Parameters<typeof subjectOf>[0]): Promise<ResolvedCategory[]> {
  return requirementsFor(tx, subjectOf(registration));
}
