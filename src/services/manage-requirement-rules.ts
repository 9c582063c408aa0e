import type { Actor, Deps } from './deps.js';
import { AppError } from '../domain/errors.js';
import { SITUATIONS } from '../domain/catalog.js';
import type { RuleKey, StoredRule } from '../ports/repositories/catalog.js';
import type { Repositories } from '../ports/store.js';
import type { Preview, Rule, RuleInput, RulePatch } from '../contracts/catalog.js';
import { requirementsFor, type RequirementSubject } from './resolve-requirements.js';
import { adminAudit, adminRegion, outOfScope } from './admin-scope.js';
import { refreshMaterialsCompleteness } from './refresh-materials-completeness.js';

/**
 * 材料要求规则: the national default (region null) per exam category and situation, and a
 * region's overrides (required / optional / hidden, a maximum count, extra text). Candidates
 * resolve them on every request (resolveRequirements), so a change shows at once.
 * A 考点's own rules have their own list and routes (manage-site-rules.ts).
 */

/** A rule as every rule page shows it (national, region or 考点); `editable`: the caller may change or delete it. */
export function ruleView(r: StoredRule, editable: boolean): Rule {
  return {
    id: r.id,
    regionCode: r.regionCode,
    siteCode: r.siteCode,
    examCategoryCode: r.examCategoryCode,
    situation: r.situation,
    situationName: r.situation ? (SITUATIONS[r.situation] ?? r.situation) : null,
    materialCode: r.materialCode,
    requirement: r.requirement,
    maxCount: r.maxCount,
    extraText: r.extraText,
    extraTextEn: r.extraTextEn ?? null,
    editable,
  };
}

/** A national administrator edits every national and region rule, a regional one its region's. */
const editableBy = (actor: Actor) => (r: StoredRule) => actor.regionCode == null || r.regionCode === actor.regionCode;

/** The national rules, plus a region's overrides when asked (a regional admin: its own only). */
export async function listRules(deps: Deps, actor: Actor, query: { regionCode?: string | undefined }) {
  const scope = adminRegion(actor);
  const region = query.regionCode || null;
  if (region !== null && scope !== null && region !== scope) return outOfScope(deps, actor, { regionCode: region, what: 'list_rules' });
  const [rules, materials] = await Promise.all([deps.store.catalog.regionRules(region), deps.store.catalog.listMaterials()]);
  const place = new Map(materials.map((m) => [m.code, m.sortOrder]));
  // The region's own rules first, then the national ones; each in catalog order, the general before the specific.
  const key = (v: string | null) => v ?? '';
  const shown = rules.filter((r) => place.has(r.materialCode));
  shown.sort(
    (a, b) =>
      Number(a.regionCode === null) - Number(b.regionCode === null) ||
      place.get(a.materialCode)! - place.get(b.materialCode)! ||
      key(a.examCategoryCode).localeCompare(key(b.examCategoryCode)) ||
      key(a.situation).localeCompare(key(b.situation)) ||
      a.id - b.id,
  );
  const editable = editableBy(actor);
  return { items: shown.map((r) => ruleView(r, editable(r))) };
}

/** The material, exam category and region a rule names exist; the situation is a known one. */
export async function checkRuleReferences(tx: Pick<Repositories, 'catalog'>, input: Pick<RuleKey, 'examCategoryCode' | 'situation' | 'materialCode'> & { regionCode?: string | null }) {
  const [material, exam, region] = await Promise.all([
    tx.catalog.findMaterial(input.materialCode),
    input.examCategoryCode ? tx.catalog.findExamCategory(input.examCategoryCode) : Promise.resolve(true),
    input.regionCode ? tx.catalog.regionExists(input.regionCode) : Promise.resolve(true),
  ]);
  if (!material) throw new AppError('VALIDATION_FAILED', { reason: `材料种类“${input.materialCode}”不存在，请从列表中选择` });
  if (!exam) throw new AppError('VALIDATION_FAILED', { reason: `报考类别“${input.examCategoryCode}”不存在，请从列表中选择` });
  if (!region) throw new AppError('VALIDATION_FAILED', { reason: `考区“${input.regionCode}”不存在` });
  if (input.situation !== null && !(input.situation in SITUATIONS)) {
    throw new AppError('VALIDATION_FAILED', { reason: `个人情况“${input.situation}”不存在，请从列表中选择` });
  }
  return material;
}

function checkValues(v: { maxCount?: number | null | undefined; extraText?: string | null | undefined }) {
  if (v.maxCount != null && (!Number.isInteger(v.maxCount) || v.maxCount < 1 || v.maxCount > 20)) {
    throw new AppError('VALIDATION_FAILED', { reason: '最多张数须为 1–20 的整数，不限制请留空' });
  }
  if (v.extraText != null && v.extraText.length > 500) throw new AppError('VALIDATION_FAILED', { reason: '补充要求最多 500 个字' });
}

export async function createRule(deps: Deps, actor: Actor, input: RuleInput) {
  const scope = adminRegion(actor);
  // A regional administrator overrides for its own region; the national default is national.
  if (scope !== null && input.regionCode !== scope) return outOfScope(deps, actor, { regionCode: input.regionCode, what: 'create_rule' });
  await checkRuleReferences(deps.store, input);
  const extraText = input.extraText?.trim() || null;
  const extraTextEn = input.extraTextEn?.trim() || null;
  checkValues({ ...input, extraText });
  const rule = await deps.store.transaction(async (tx) => {
    if (await tx.catalog.findRuleByKey({ ...input, siteCode: null })) throw new AppError('RULE_EXISTS');
    const added = await tx.catalog.addRule({ ...input, siteCode: null, extraText, extraTextEn });
    await tx.audit.append(adminAudit(deps, actor, 'admin.rule_created', { rule: { ...input, extraText, extraTextEn }, id: added.id }));
    return added;
  });
  await refreshMaterialsCompleteness(deps.store, rule.regionCode);
  return ruleView(rule, true);
}

export async function updateRule(deps: Deps, actor: Actor, id: number, patch: RulePatch) {
  const scope = { siteCode: null, regionCode: adminRegion(actor) };
  const extraText = patch.extraText === undefined ? undefined : patch.extraText?.trim() || null;
  const extraTextEn = patch.extraTextEn === undefined ? undefined : patch.extraTextEn?.trim() || null;
  checkValues({ ...patch, extraText });
  const change = {
    ...(patch.requirement !== undefined ? { requirement: patch.requirement } : {}),
    ...(patch.maxCount !== undefined ? { maxCount: patch.maxCount } : {}),
    ...(extraText !== undefined ? { extraText } : {}),
    ...(extraTextEn !== undefined ? { extraTextEn } : {}),
  };
  const rule = await deps.store.transaction(async (tx) => {
    const before = await tx.catalog.findRule(id, scope);
    if (!before) return null;
    if (Object.keys(change).length === 0) return before;
    if (!(await tx.catalog.changeRule(id, scope, change))) return null;
    const after = { ...before, ...change };
    await tx.audit.append(adminAudit(deps, actor, 'admin.rule_changed', { id, before: ruleView(before, true), after: ruleView(after, true) }));
    return after;
  });
  if (!rule) return outOfScope(deps, actor, { ruleId: id, what: 'update_rule' });
  await refreshMaterialsCompleteness(deps.store, rule.regionCode);
  return ruleView(rule, true);
}

export async function deleteRule(deps: Deps, actor: Actor, id: number): Promise<void> {
  const scope = { siteCode: null, regionCode: adminRegion(actor) };
  const rule = await deps.store.transaction(async (tx) => {
    const before = await tx.catalog.findRule(id, scope);
    if (!before || !(await tx.catalog.removeRule(id, scope))) return null;
    await tx.audit.append(adminAudit(deps, actor, 'admin.rule_deleted', { id, rule: ruleView(before, true) }));
    return before;
  });
  if (!rule) return outOfScope(deps, actor, { ruleId: id, what: 'delete_rule' });
  await refreshMaterialsCompleteness(deps.store, rule.regionCode);
}

/** What a candidate of this region, exam category and situations would be asked for. */
export async function previewRequirements(deps: Deps, actor: Actor, q: { regionCode: string; examCategoryCode: string; situations: string[] }) {
  const scope = adminRegion(actor);
  if (scope !== null && q.regionCode !== scope) return outOfScope(deps, actor, { regionCode: q.regionCode, what: 'preview_rules' });
  if (!(await deps.store.catalog.regionExists(q.regionCode))) throw new AppError('NOT_FOUND');
  return previewOf(deps.store, { ...q, siteCode: '' });
}

/** The preview's answer for one (region, 考点 or '' for none, exam category, situations), through the one resolver. */
export async function previewOf(tx: Pick<Repositories, 'catalog'>, who: RequirementSubject): Promise<Preview> {
  const [catalog, resolved] = await Promise.all([tx.catalog.materialCategories(), requirementsFor(tx, who)]);
  const shown = new Set(resolved.map((c) => c.code));
  return {
    items: resolved.map((c) => ({ code: c.code, name: c.name, requirement: c.requirement, minCount: c.requirement === 'required' ? c.minCount : 0, maxCount: c.maxCount, extraText: c.extraText })),
    hidden: catalog.filter((c) => !shown.has(c.code)).map((c) => ({ code: c.code, name: c.name })),
  };
}
