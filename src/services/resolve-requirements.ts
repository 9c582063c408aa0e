import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../adapters/db/schema.js';
import { resolveRequirements, type MaterialCategory, type RequirementRule, type ResolvedCategory } from '../domain/catalog.js';
import { requiredSet } from '../domain/materials-todo.js';
import { loadCatalog, loadRules } from '../adapters/db/repositories/catalog-repository.js';
import { cachedCatalog, cachedRules } from '../adapters/db/repositories/catalog-cache.js';

type Db = Kysely<DB> | Transaction<DB>;

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
export async function requirementsFor(db: Db, who: RequirementSubject, opts: { cached?: boolean } = {}): Promise<ResolvedCategory[]> {
  const [catalog, rules] = opts.cached
    ? await Promise.all([cachedCatalog(db as Kysely<DB>), cachedRules(db as Kysely<DB>, who.regionCode, who.siteCode)])
    : await Promise.all([loadCatalog(db), loadRules(db, who.regionCode, who.siteCode)]);
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
  constructor(private readonly db: Db) {}

  /** `db`: where to read what is not known yet (inside a transaction, that transaction: SQLite has one connection). */
  categories(who: RequirementSubject, db: Db = this.db): Promise<ResolvedCategory[]> {
    const key = `${who.regionCode}|${who.siteCode}|${who.examCategoryCode}|${[...who.situations].sort().join(',')}`;
    let hit = this.resolved.get(key);
    if (!hit) {
      this.catalog ??= loadCatalog(db);
      let rules = this.rules.get(who.regionCode);
      if (!rules) this.rules.set(who.regionCode, (rules = loadRules(db, who.regionCode, '*')));
      const catalog = this.catalog;
      const regionRules = rules;
      hit = (async () => resolveRequirements(await catalog, await regionRules, who))();
      this.resolved.set(key, hit);
    }
    return hit;
  }

  /** Reads a region's rules now (before a change that the resolution must not see yet). */
  async load(regionCode: string): Promise<void> {
    this.catalog ??= loadCatalog(this.db);
    if (!this.rules.has(regionCode)) this.rules.set(regionCode, loadRules(this.db, regionCode, '*'));
    await Promise.all([this.catalog, this.rules.get(regionCode)]);
  }

  /** The required categories, sorted: what an import or a 考点 rule change is judged by. */
  async requiredSet(who: RequirementSubject, db: Db = this.db): Promise<string[]> {
    return requiredSet(await this.categories(who, db));
  }
}

/** The requirements of one stored registration (read in the caller's transaction). */
export async function requirementsOfRegistration(db: Db, registrationId: string): Promise<ResolvedCategory[]> {
  const r = await db
    .selectFrom('registrations')
    .select(['region_code', 'site_code', 'exam_category_code', 'situations'])
    .where('id', '=', registrationId)
    .executeTakeFirstOrThrow();
  return requirementsFor(db, subjectOf(r));
}

/** A registrations row as a RequirementSubject. */
export const subjectOf = (r: { region_code: string; site_code: string; exam_category_code: string; situations: string }): RequirementSubject => ({
  regionCode: r.region_code,
  siteCode: r.site_code,
  examCategoryCode: r.exam_category_code,
  situations: JSON.parse(r.situations) as string[],
});
