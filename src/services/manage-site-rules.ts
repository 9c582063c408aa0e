import type { Actor, Deps } from './deps.js';
import { AppError } from '../domain/errors.js';
import { SITUATIONS, siteRuleProblem } from '../domain/catalog.js';
import type { AuditEntry } from '../ports/repositories/audit.js';
import type { RuleSite } from '../ports/repositories/catalog.js';
import type { Repositories } from '../ports/store.js';
import type { SiteRuleInput, SiteRuleList } from '../contracts/catalog.js';
import { adminAudit, outOfScope } from './admin-scope.js';
import { RequirementResolver } from './resolve-requirements.js';
import { applyRequiredSetChange } from './requirement-change.js';
import { checkRuleReferences, previewOf, ruleView } from './manage-requirement-rules.js';
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

/** The site, if the caller may manage its rules; otherwise 404 and a scope.denied row. */
async function siteInScope(deps: Deps, actor: Actor, siteCode: string, what: string): Promise<RuleSite> {
  if (actor.role !== 'admin' && actor.role !== 'site_reviewer') throw new AppError('NOT_FOUND');
  const site = await deps.store.catalog.findRuleSite(siteCode, actor.role === 'site_reviewer' ? { siteCode: actor.siteCode } : { regionCode: actor.regionCode });
  return site ?? outOfScope(deps, actor, { siteCode, what });
}

/** The site's own rules (the caller may delete them), the region and national rules they add to (read-only), and the choices of the form. */
export async function listSiteRules(deps: Deps, actor: Actor, siteCode: string): Promise<SiteRuleList> {
  const site = await siteInScope(deps, actor, siteCode, 'list_site_rules');
  const [own, inherited, materials, exams] = await Promise.all([
    deps.store.catalog.siteRules(site),
    deps.store.catalog.regionRules(site.regionCode),
    deps.store.catalog.listMaterials(),
    deps.store.catalog.listExamCategories(),
  ]);
  return {
    site,
    items: own.map((r) => ruleView(r, true)),
    inherited: inherited.filter((r) => r.requirement === 'required').map((r) => ruleView(r, false)),
    choices: {
      materials: materials.map((m) => ({ code: m.code, name: m.name, minCount: m.minCount, maxCount: m.maxCount })),
      examCategories: exams.map((e) => ({ code: e.code, name: e.name })).sort((a, b) => a.code.localeCompare(b.code)),
      situations: Object.entries(SITUATIONS).map(([code, name]) => ({ code, name })),
    },
  };
}

async function checkInput(deps: Deps, input: SiteRuleInput): Promise<{ extraText: string | null; extraTextEn: string | null }> {
  const material = await checkRuleReferences(deps.store, input);
  const problem = siteRuleProblem(input, { minCount: material.minCount });
  if (problem) throw new AppError('SITE_RULE_RELAXES', { reason: problem, minCount: Math.max(1, material.minCount) });
  const extraText = input.extraText?.trim() || null;
  if (extraText !== null && extraText.length > 500) throw new AppError('VALIDATION_FAILED', { reason: '补充要求最多 500 个字' });
  return { extraText, extraTextEn: input.extraTextEn?.trim() || null };
}

export async function createSiteRule(deps: Deps, actor: Actor, siteCode: string, input: SiteRuleInput) {
  const site = await siteInScope(deps, actor, siteCode, 'create_site_rule');
  const { extraText, extraTextEn } = await checkInput(deps, input);
  const now = deps.clock.now();
  const result = await inSiteTransaction(deps, async (tx, refresh) => {
    const before = new RequirementResolver(tx);
    await before.load(site.regionCode);
    if (await tx.catalog.findRuleByKey({ ...input, regionCode: site.regionCode, siteCode: site.code })) throw new AppError('RULE_EXISTS');
    const rule = await tx.catalog.addRule({
      regionCode: site.regionCode,
      siteCode: site.code,
      examCategoryCode: input.examCategoryCode,
      situation: input.situation,
      materialCode: input.materialCode,
      requirement: 'required',
      maxCount: input.maxCount,
      extraText,
      extraTextEn,
    });
    const affected = await refresh(before, rule.id);
    await tx.audit.append(adminAudit(deps, actor, 'admin.site_rule_created', { siteCode: site.code, id: rule.id, rule: ruleView(rule, true), affected }));
    return { rule, affected };
  }, actor, site, now);
  // A raised maximum can raise a minimum the region had lowered: the same sweep as a region rule change.
  await refreshMaterialsCompleteness(deps.store, site.regionCode, site.code);
  return { ...ruleView(result.rule, true), affected: result.affected };
}

export async function deleteSiteRule(deps: Deps, actor: Actor, siteCode: string, id: number) {
  const site = await siteInScope(deps, actor, siteCode, 'delete_site_rule');
  const now = deps.clock.now();
  const scope = { siteCode: site.code };
  const result = await inSiteTransaction(deps, async (tx, refresh) => {
    const before = new RequirementResolver(tx);
    await before.load(site.regionCode);
    const rule = await tx.catalog.findRule(id, scope);
    if (!rule || !(await tx.catalog.removeRule(id, scope))) return null;
    const affected = await refresh(before, id);
    await tx.audit.append(adminAudit(deps, actor, 'admin.site_rule_deleted', { siteCode: site.code, id, rule: ruleView(rule, true), affected }));
    return { affected };
  }, actor, site, now);
  if (!result) return outOfScope(deps, actor, { siteCode, ruleId: id, what: 'delete_site_rule' });
  await refreshMaterialsCompleteness(deps.store, site.regionCode, site.code);
  return result;
}

/** What the material list of a candidate of this site, exam category and situations is. */
export async function previewSiteRequirements(deps: Deps, actor: Actor, siteCode: string, q: { examCategoryCode: string; situations: string[] }) {
  const site = await siteInScope(deps, actor, siteCode, 'preview_site_rules');
  return previewOf(deps.store, { regionCode: site.regionCode, siteCode: site.code, examCategoryCode: q.examCategoryCode, situations: q.situations });
}

type Affected = { candidates: number; backToDraft: number };
type Refresh = (before: RequirementResolver, ruleId: number) => Promise<Affected>;

/** A 考点 rule change and the refresh of the site's candidates (requirement-change.ts), in one transaction. */
function inSiteTransaction<T>(deps: Deps, work: (tx: Repositories, refresh: Refresh) => Promise<T>, actor: Actor, site: RuleSite, now: Date): Promise<T> {
  return deps.store.transaction(async (tx) => {
    /**
     * Every candidate of the site whose required set differs between `before` (read before the
     * change) and now: queue columns, 填报 for a passed file, notice (requirement-change.ts).
     */
    const refresh: Refresh = async (before, ruleId) => {
      const after = new RequirementResolver(tx);
      let candidates = 0;
      const audits: AuditEntry[] = [];
      for (const r of await tx.catalog.siteCandidates(site)) {
        const change = await applyRequiredSetChange({
          registrationId: r.registrationId,
          status: r.status,
          before: await before.requiredSet(r),
          after: await after.requiredSet(r),
          now,
          webhook: deps.resultWebhookEnabled === true,
          reason: '考点调整了需要上传的材料',
          tx,
        });
        if (!change.changed) continue;
        candidates++;
        if (change.resetFrom) {
          audits.push({
            at: now, actorAccountId: actor.accountId, actorRole: actor.role, action: 'registration.requirements_changed', registrationId: r.registrationId,
            details: { cause: 'site_rule', siteCode: site.code, ruleId, status: { from: change.resetFrom, to: 'draft' } }, ip: actor.ip,
          });
        }
      }
      await tx.audit.appendMany(audits);
      return { candidates, backToDraft: audits.length };
    };
    return work(tx, refresh);
  });
}
