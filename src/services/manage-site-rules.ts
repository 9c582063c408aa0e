import type { Transaction } from 'kysely';
import type { Actor, Deps } from './deps.js';
import type { DB, RequirementRuleTable } from '../adapters/db/schema.js';
import { AppError } from '../domain/errors.js';
import { SITUATIONS, siteRuleProblem, type Requirement } from '../domain/catalog.js';
import type { RegistrationStatus } from '../domain/registration-status.js';
import { catalogChanged } from '../adapters/db/repositories/catalog-cache.js';
import { appendAuditMany, type AuditEntry } from '../adapters/db/repositories/audit-log.js';
import { auditAdmin, outOfScope } from './admin-scope.js';
import { RequirementResolver, subjectOf } from './resolve-requirements.js';
import { applyRequiredSetChange } from './requirement-change.js';
import { previewOf } from './manage-requirement-rules.js';
import { refreshMaterialsCompleteness } from './refresh-materials-completeness.js';

/**
 * 考点 requirement rules (issue 12, item 10): a site adds rules of its own within its region's.
 * A site rule can only make a material required (with an optional higher maximum and extra
 * text), never relax what the region or the national rules ask (domain/catalog.ts:
 * siteRuleProblem on the way in, applySiteRules in the resolution).
 *
 * Who: the site's own staff (考点审核员 of that site), the administrator of its region, a
 * national administrator. The scope is in the WHERE of every query; a site outside it answers
 * 404 and leaves a `scope.denied` audit row, like every admin object.
 *
 * A change refreshes the site's candidates in the same transaction: those whose required set
 * changed get their queue columns recomputed, a passed file goes back to 填报 (the import's
 * rule), and the candidate is told (services/requirement-change.ts).
 */
export interface SiteRuleInput {
  examCategoryCode: string | null;
  situation: string | null;
  materialCode: string;
  requirement: Requirement;
  maxCount: number | null;
  extraText: string | null;
}

type RuleRow = Omit<RequirementRuleTable, 'id'> & { id: number };

const ruleView = (r: RuleRow) => ({
  id: Number(r.id),
  siteCode: r.site_code,
  regionCode: r.region_code,
  examCategoryCode: r.exam_category_code,
  situation: r.situation,
  situationName: r.situation ? (SITUATIONS[r.situation] ?? r.situation) : null,
  materialCode: r.material_code,
  requirement: r.requirement,
  maxCount: r.max_count,
  extraText: r.extra_text,
});

/** The site, if the caller may manage its rules; otherwise 404 and a scope.denied row. */
async function siteInScope(deps: Deps, actor: Actor, siteCode: string, what: string) {
  if (actor.role !== 'admin' && actor.role !== 'site_reviewer') throw new AppError('NOT_FOUND');
  const site = await deps.db
    .selectFrom('sites as s')
    .innerJoin('regions as g', 'g.code', 's.region_code')
    .select(['s.code', 's.name', 's.region_code', 'g.name as region_name'])
    .where('s.code', '=', siteCode)
    .$if(actor.role === 'site_reviewer', (q) => q.where('s.code', '=', actor.siteCode ?? '\u0000'))
    .$if(actor.role === 'admin' && !!actor.regionCode, (q) => q.where('s.region_code', '=', actor.regionCode!))
    .executeTakeFirst();
  if (!site) return outOfScope(deps, actor, { siteCode, what });
  return site;
}

/** The site's own rules, the region and national rules they add to (read-only), and the choices of the form. */
export async function listSiteRules(deps: Deps, actor: Actor, siteCode: string) {
  const site = await siteInScope(deps, actor, siteCode, 'list_site_rules');
  const [rows, inherited, materials, exams] = await Promise.all([
    deps.db.selectFrom('requirement_rules').selectAll().where('site_code', '=', site.code).where('region_code', '=', site.region_code).orderBy('id').execute(),
    deps.db
      .selectFrom('requirement_rules')
      .selectAll()
      .where('site_code', 'is', null)
      .where((eb) => eb.or([eb('region_code', 'is', null), eb('region_code', '=', site.region_code)]))
      .orderBy('id')
      .execute(),
    deps.db.selectFrom('material_categories').select(['code', 'name', 'min_count', 'max_count']).orderBy('sort_order').execute(),
    deps.db.selectFrom('exam_categories').select(['code', 'name']).orderBy('code').execute(),
  ]);
  return {
    site: { code: site.code, name: site.name, regionCode: site.region_code, regionName: site.region_name },
    items: rows.map((r) => ruleView(r as RuleRow)),
    inherited: inherited.filter((r) => r.requirement === 'required').map((r) => ruleView(r as RuleRow)),
    choices: {
      materials: materials.map((m) => ({ code: m.code, name: m.name, minCount: m.min_count, maxCount: m.max_count })),
      examCategories: exams,
      situations: Object.entries(SITUATIONS).map(([code, name]) => ({ code, name })),
    },
  };
}

async function checkInput(deps: Deps, input: SiteRuleInput): Promise<{ extraText: string | null }> {
  const [material, exam] = await Promise.all([
    deps.db.selectFrom('material_categories').select(['code', 'min_count']).where('code', '=', input.materialCode).executeTakeFirst(),
    input.examCategoryCode ? deps.db.selectFrom('exam_categories').select('code').where('code', '=', input.examCategoryCode).executeTakeFirst() : Promise.resolve({ code: '' }),
  ]);
  if (!material) throw new AppError('VALIDATION_FAILED', { reason: `材料种类“${input.materialCode}”不存在，请从列表中选择` });
  if (!exam) throw new AppError('VALIDATION_FAILED', { reason: `报考类别“${input.examCategoryCode}”不存在，请从列表中选择` });
  if (input.situation !== null && !(input.situation in SITUATIONS)) throw new AppError('VALIDATION_FAILED', { reason: `个人情况“${input.situation}”不存在，请从列表中选择` });
  const problem = siteRuleProblem(input, { minCount: material.min_count });
  if (problem) throw new AppError('SITE_RULE_RELAXES', { reason: problem, minCount: Math.max(1, material.min_count) });
  const extraText = input.extraText?.trim() || null;
  if (extraText !== null && extraText.length > 500) throw new AppError('VALIDATION_FAILED', { reason: '补充要求最多 500 个字' });
  return { extraText };
}

export async function createSiteRule(deps: Deps, actor: Actor, siteCode: string, input: SiteRuleInput) {
  const site = await siteInScope(deps, actor, siteCode, 'create_site_rule');
  const { extraText } = await checkInput(deps, input);
  const now = deps.clock.now();
  const result = await deps.db.transaction().execute(async (trx) => {
    const before = new RequirementResolver(trx);
    await before.load(site.region_code);
    const existing = await trx
      .selectFrom('requirement_rules')
      .select('id')
      .where('site_code', '=', site.code)
      .where('material_code', '=', input.materialCode)
      .where((eb) => (input.examCategoryCode === null ? eb('exam_category_code', 'is', null) : eb('exam_category_code', '=', input.examCategoryCode)))
      .where((eb) => (input.situation === null ? eb('situation', 'is', null) : eb('situation', '=', input.situation)))
      .executeTakeFirst();
    if (existing) throw new AppError('RULE_EXISTS');
    const row = (await trx
      .insertInto('requirement_rules')
      .values({
        region_code: site.region_code,
        site_code: site.code,
        exam_category_code: input.examCategoryCode,
        situation: input.situation,
        material_code: input.materialCode,
        requirement: 'required',
        max_count: input.maxCount,
        extra_text: extraText,
      })
      .returningAll()
      .executeTakeFirstOrThrow()) as RuleRow;
    const affected = await refreshSite(trx, deps, actor, site, before, now, Number(row.id));
    await auditAdmin(trx, deps, actor, 'admin.site_rule_created', { siteCode: site.code, id: Number(row.id), rule: ruleView(row), affected });
    return { row, affected };
  });
  catalogChanged(deps.db);
  // A raised maximum can raise a minimum the region had lowered: the same sweep as a region rule change.
  await refreshMaterialsCompleteness(deps.store, site.region_code, site.code);
  return { ...ruleView(result.row), affected: result.affected };
}

export async function deleteSiteRule(deps: Deps, actor: Actor, siteCode: string, id: number) {
  const site = await siteInScope(deps, actor, siteCode, 'delete_site_rule');
  const now = deps.clock.now();
  const result = await deps.db.transaction().execute(async (trx) => {
    const before = new RequirementResolver(trx);
    await before.load(site.region_code);
    const row = await trx.selectFrom('requirement_rules').selectAll().where('id', '=', id).where('site_code', '=', site.code).executeTakeFirst();
    if (!row) return null;
    const res = await trx.deleteFrom('requirement_rules').where('id', '=', id).where('site_code', '=', site.code).executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1) return null;
    const affected = await refreshSite(trx, deps, actor, site, before, now, id);
    await auditAdmin(trx, deps, actor, 'admin.site_rule_deleted', { siteCode: site.code, id, rule: ruleView(row as RuleRow), affected });
    return { affected };
  });
  catalogChanged(deps.db);
  if (!result) return outOfScope(deps, actor, { siteCode, ruleId: id, what: 'delete_site_rule' });
  await refreshMaterialsCompleteness(deps.store, site.region_code, site.code);
  return result;
}

/** What the material list of a candidate of this site, exam category and situations is. */
export async function previewSiteRequirements(deps: Deps, actor: Actor, siteCode: string, q: { examCategoryCode: string; situations: string[] }) {
  const site = await siteInScope(deps, actor, siteCode, 'preview_site_rules');
  return previewOf(deps, { regionCode: site.region_code, siteCode: site.code, examCategoryCode: q.examCategoryCode, situations: q.situations });
}

/**
 * Every candidate of the site whose required set differs between `before` (read before the
 * change) and now: queue columns, 填报 for a passed file, notice (requirement-change.ts).
 */
async function refreshSite(
  trx: Transaction<DB>,
  deps: Deps,
  actor: Actor,
  site: { code: string; region_code: string },
  before: RequirementResolver,
  now: Date,
  ruleId: number,
): Promise<{ candidates: number; backToDraft: number }> {
  const after = new RequirementResolver(trx);
  const regs = await trx
    .selectFrom('registrations')
    .select(['id', 'status', 'region_code', 'site_code', 'exam_category_code', 'situations'])
    .where('site_code', '=', site.code)
    .where('region_code', '=', site.region_code)
    .orderBy('id')
    .execute();
  let candidates = 0;
  const audits: AuditEntry[] = [];
  for (const r of regs) {
    const who = subjectOf(r);
    const change = await applyRequiredSetChange(trx, {
      registrationId: r.id,
      status: r.status as RegistrationStatus,
      before: await before.requiredSet(who),
      after: await after.requiredSet(who),
      now,
      webhook: deps.resultWebhookEnabled === true,
      reason: '考点调整了需要上传的材料',
      tx: deps.repositoriesOver(trx),
    });
    if (!change.changed) continue;
    candidates++;
    if (change.resetFrom) {
      audits.push({
        at: now, actorAccountId: actor.accountId, actorRole: actor.role, action: 'registration.requirements_changed', registrationId: r.id,
        details: { cause: 'site_rule', siteCode: site.code, ruleId, status: { from: change.resetFrom, to: 'draft' } }, ip: actor.ip,
      });
    }
  }
  await appendAuditMany(trx, audits);
  return { candidates, backToDraft: audits.length };
}
