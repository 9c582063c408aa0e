import type { ExpressionBuilder, Kysely } from 'kysely';
import type { DB, MaterialCategoryTable, RequirementRuleTable } from '../schema.js';
import type { MaterialCategory, RequirementRule } from '../../../domain/catalog.js';
import type { RegistrationStatus } from '../../../domain/registration-status.js';
import type { CatalogRepository, RuleKey, RuleScope, StoredMaterialCategory, StoredRule } from '../../../ports/repositories/catalog.js';
import { toDbTime, toInt } from '../time.js';
import { cachedCatalog, cachedRules } from './catalog-cache.js';

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

const storedRule = (r: Omit<RequirementRuleTable, 'id'> & { id: number | string | bigint }): StoredRule => ({ ...ruleOf(r), id: toInt(r.id), siteCode: r.site_code });

const storedMaterial = (r: MaterialCategoryTable): StoredMaterialCategory => ({
  code: r.code,
  name: r.name,
  requirements: r.requirements,
  nameEn: r.name_en,
  requirementsEn: r.requirements_en,
  minCount: r.min_count,
  maxCount: r.max_count,
  sortOrder: r.sort_order,
  exampleImage: r.example_image,
});

const orNull = (column: 'region_code' | 'site_code' | 'exam_category_code' | 'situation', v: string | null) =>
  (eb: ExpressionBuilder<DB, 'requirement_rules'>) => (v === null ? eb(column, 'is', null) : eb(column, '=', v));

/** Rows a change may touch: the rule's own kind (考点 or not), within a region when the scope names one. */
const inScope = (id: number, scope: RuleScope) => (eb: ExpressionBuilder<DB, 'requirement_rules'>) =>
  eb.and([
    eb('id', '=', id),
    orNull('site_code', scope.siteCode)(eb),
    ...(scope.regionCode ? [eb('region_code', '=', scope.regionCode)] : []),
  ]);

/**
 * `written` is called after each write (outside a transaction: forget the cached reads now;
 * inside one: once it commits, see store.ts). Cached reads (`{ cached: true }`, the upload path,
 * which never writes the catalog) go through the cache kept for the pool `root`, also inside a
 * transaction; every other read reads the tables through `db`.
 */
export function createCatalogRepository(db: Kysely<DB>, opts: { written: () => void; root?: Kysely<DB> }): CatalogRepository {
  // The pool the cache is kept for (also inside a transaction: one cache for every request).
  const root = opts.root ?? db;
  const write = async <T>(work: Promise<T>): Promise<T> => {
    const result = await work;
    opts.written();
    return result;
  };
  return {
    materialCategories: () => loadCatalog(db),
    categories: (o = {}) => (o.cached ? cachedCatalog(root, () => loadCatalog(root)) : loadCatalog(db)),
    rulesFor: (regionCode, sites, o = {}) =>
      o.cached && (sites === undefined || typeof sites === 'string')
        ? cachedRules(root, regionCode, sites, () => loadRules(root, regionCode, sites))
        : loadRules(db, regionCode, sites),

    async listMaterials() {
      const rows = await db.selectFrom('material_categories').selectAll().orderBy('sort_order').orderBy('code').execute();
      return rows.map(storedMaterial);
    },
    async findMaterial(code) {
      const row = await db.selectFrom('material_categories').selectAll().where('code', '=', code).executeTakeFirst();
      return row && storedMaterial(row);
    },
    async liveImageCounts() {
      const rows = await db
        .selectFrom('images')
        .select(['category_code', (eb) => eb.fn.countAll<number>().as('n')])
        .where('deleted_at', 'is', null)
        .groupBy('category_code')
        .execute();
      return new Map(rows.map((r) => [r.category_code, toInt(r.n)]));
    },
    async materialEverUsed(code) {
      return !!(await db.selectFrom('images').select('id').where('category_code', '=', code).limit(1).executeTakeFirst());
    },
    addMaterial: (m) =>
      write(
        (async () => {
          const last = await db.selectFrom('material_categories').select((eb) => eb.fn.max('sort_order').as('m')).executeTakeFirst();
          await db
            .insertInto('material_categories')
            .values({
              code: m.code, name: m.name, requirements: m.requirements, name_en: m.nameEn, requirements_en: m.requirementsEn,
              min_count: m.minCount, max_count: m.maxCount, sort_order: toInt(last?.m) + 1, example_image: null,
            })
            .execute();
        })(),
      ),
    changeMaterial: (code, c) =>
      write(
        (async () => {
          const set = {
            ...(c.name !== undefined ? { name: c.name } : {}),
            ...(c.requirements !== undefined ? { requirements: c.requirements } : {}),
            ...(c.nameEn !== undefined ? { name_en: c.nameEn } : {}),
            ...(c.requirementsEn !== undefined ? { requirements_en: c.requirementsEn } : {}),
            ...(c.minCount !== undefined ? { min_count: c.minCount } : {}),
            ...(c.maxCount !== undefined ? { max_count: c.maxCount } : {}),
            ...(c.sortOrder !== undefined ? { sort_order: c.sortOrder } : {}),
          };
          if (Object.keys(set).length > 0) await db.updateTable('material_categories').set(set).where('code', '=', code).execute();
        })(),
      ),
    setExampleImage: (code, exampleImage) => write(db.updateTable('material_categories').set({ example_image: exampleImage }).where('code', '=', code).execute().then(() => undefined)),
    removeMaterial: (code) =>
      write(
        (async () => {
          await db.deleteFrom('requirement_rules').where('material_code', '=', code).execute();
          await db.deleteFrom('material_categories').where('code', '=', code).execute();
        })(),
      ),
    async holdPendingBlob(key, at) {
      await db.insertInto('pending_blobs').values({ key, created_at: toDbTime(at) }).execute();
    },
    async releasePendingBlob(key) {
      await db.deleteFrom('pending_blobs').where('key', '=', key).execute();
    },

    async listExamCategories() {
      const rows = await db.selectFrom('exam_categories').selectAll().orderBy('sort_order').orderBy('code').execute();
      return rows.map((r) => ({ code: r.code, name: r.name, nameEn: r.name_en, sortOrder: r.sort_order }));
    },
    async findExamCategory(code) {
      const r = await db.selectFrom('exam_categories').selectAll().where('code', '=', code).executeTakeFirst();
      return r && { code: r.code, name: r.name, nameEn: r.name_en, sortOrder: r.sort_order };
    },
    async findExamCategoryClash({ code, name, exceptCode }) {
      const r = await db
        .selectFrom('exam_categories')
        .selectAll()
        .where((eb) => eb.or([eb('name', '=', name), ...(code !== undefined ? [eb('code', '=', code)] : [])]))
        .$if(exceptCode !== undefined, (q) => q.where('code', '<>', exceptCode!))
        .executeTakeFirst();
      return r && { code: r.code, name: r.name, nameEn: r.name_en, sortOrder: r.sort_order };
    },
    async seedIfEmpty(catalog) {
      const existing = await db.selectFrom('material_categories').select('code').limit(1).execute();
      if (existing.length > 0) return false;
      await db
        .insertInto('exam_categories')
        .values(catalog.examCategories.map((c, i) => ({ code: c.code, name: c.name, name_en: c.nameEn, sort_order: i })))
        .execute();
      await db
        .insertInto('material_categories')
        .values(
          catalog.materialCategories.map((c, i) => ({
            code: c.code,
            name: c.name,
            requirements: c.requirements,
            name_en: c.nameEn,
            requirements_en: c.requirementsEn,
            min_count: c.minCount,
            max_count: c.maxCount,
            sort_order: i,
            example_image: c.exampleImage,
          })),
        )
        .execute();
      await db
        .insertInto('requirement_rules')
        .values(
          catalog.rules.map((r) => ({
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
      opts.written();
      return true;
    },
    addExamCategory: (code, name, nameEn) =>
      write(
        (async () => {
          const last = await db.selectFrom('exam_categories').select((eb) => eb.fn.max('sort_order').as('m')).executeTakeFirst();
          await db.insertInto('exam_categories').values({ code, name, name_en: nameEn, sort_order: toInt(last?.m) + 1 }).execute();
        })(),
      ),
    renameExamCategory: (code, name, nameEn) =>
      write(db.updateTable('exam_categories').set({ name, ...(nameEn === undefined ? {} : { name_en: nameEn }) }).where('code', '=', code).executeTakeFirst().then((res) => Number(res.numUpdatedRows) === 1)),

    async regionExists(code) {
      return !!(await db.selectFrom('regions').select('code').where('code', '=', code).executeTakeFirst());
    },
    async regionRules(regionCode) {
      const rows = await db
        .selectFrom('requirement_rules')
        .selectAll()
        .where((eb) => (regionCode === null ? eb('region_code', 'is', null) : eb.or([eb('region_code', 'is', null), eb('region_code', '=', regionCode)])))
        .where('site_code', 'is', null)
        .orderBy('id')
        .execute();
      return rows.map(storedRule);
    },
    async siteRules(site) {
      const rows = await db.selectFrom('requirement_rules').selectAll().where('site_code', '=', site.code).where('region_code', '=', site.regionCode).orderBy('id').execute();
      return rows.map(storedRule);
    },
    async findRule(id, scope) {
      const row = await db.selectFrom('requirement_rules').selectAll().where(inScope(id, scope)).executeTakeFirst();
      return row && storedRule(row);
    },
    async findRuleByKey(key: RuleKey) {
      const row = await db
        .selectFrom('requirement_rules')
        .selectAll()
        .where((eb) =>
          eb.and([
            eb('material_code', '=', key.materialCode),
            orNull('site_code', key.siteCode)(eb),
            // A 考点's rules are unique within the site (its region is the site's).
            ...(key.siteCode === null ? [orNull('region_code', key.regionCode)(eb)] : []),
            orNull('exam_category_code', key.examCategoryCode)(eb),
            orNull('situation', key.situation)(eb),
          ]),
        )
        .executeTakeFirst();
      return row && storedRule(row);
    },
    addRule: (rule) =>
      write(
        db
          .insertInto('requirement_rules')
          .values({
            region_code: rule.regionCode,
            site_code: rule.siteCode,
            exam_category_code: rule.examCategoryCode,
            situation: rule.situation,
            material_code: rule.materialCode,
            requirement: rule.requirement,
            max_count: rule.maxCount,
            extra_text: rule.extraText,
            extra_text_en: rule.extraTextEn ?? null,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
          .then(storedRule),
      ),
    changeRule: (id, scope, c) =>
      write(
        (async () => {
          const set = {
            ...(c.requirement !== undefined ? { requirement: c.requirement } : {}),
            ...(c.maxCount !== undefined ? { max_count: c.maxCount } : {}),
            ...(c.extraText !== undefined ? { extra_text: c.extraText } : {}),
            ...(c.extraTextEn !== undefined ? { extra_text_en: c.extraTextEn } : {}),
          };
          if (Object.keys(set).length === 0) return !!(await db.selectFrom('requirement_rules').select('id').where(inScope(id, scope)).executeTakeFirst());
          const res = await db.updateTable('requirement_rules').set(set).where(inScope(id, scope)).executeTakeFirst();
          return Number(res.numUpdatedRows) === 1;
        })(),
      ),
    removeRule: (id, scope) =>
      write(db.deleteFrom('requirement_rules').where(inScope(id, scope)).executeTakeFirst().then((res) => Number(res.numDeletedRows) === 1)),

    async findRuleSite(siteCode, within) {
      const r = await db
        .selectFrom('sites as s')
        .innerJoin('regions as g', 'g.code', 's.region_code')
        .select(['s.code', 's.name', 's.region_code', 'g.name as region_name'])
        .where('s.code', '=', siteCode)
        .$if(within.siteCode !== undefined, (q) => q.where('s.code', '=', within.siteCode ?? '\u0000'))
        .$if(!!within.regionCode, (q) => q.where('s.region_code', '=', within.regionCode!))
        .executeTakeFirst();
      return r && { code: r.code, name: r.name, regionCode: r.region_code, regionName: r.region_name };
    },
    async siteCandidates(site) {
      const rows = await db
        .selectFrom('registrations')
        .select(['id', 'status', 'region_code', 'site_code', 'exam_category_code', 'situations'])
        .where('site_code', '=', site.code)
        .where('region_code', '=', site.regionCode)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        registrationId: r.id,
        status: r.status as RegistrationStatus,
        regionCode: r.region_code,
        siteCode: r.site_code,
        examCategoryCode: r.exam_category_code,
        situations: JSON.parse(r.situations) as string[],
      }));
    },
  };
}
