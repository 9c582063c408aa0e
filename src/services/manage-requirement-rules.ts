import { catalogChanged } from '../adapters/db/repositories/catalog-cache.js';
import type { Actor, Deps } from './deps.js';
import { AppError } from '../domain/errors.js';
import { SITUATIONS, type Requirement } from '../domain/catalog.js';
import { loadCatalog } from '../adapters/db/repositories/catalog-repository.js';
import { requirementsFor, type RequirementSubject } from './resolve-requirements.js';
import type { ExpressionBuilder } from 'kysely';
import type { DB, RequirementRuleTable } from '../adapters/db/schema.js';
import { adminRegion, auditAdmin, outOfScope } from './admin-scope.js';
import { refreshMaterialsCompleteness } from './refresh-materials-completeness.js';

/**
 * 材料要求规则: the national default (region null) per exam category and situation, and a
 * region's overrides (required / optional / hidden, a maximum count, extra text). Candidates
 * resolve them on every request (resolveRequirements), so a change shows at once.
 */
export interface RuleInput {
  regionCode: string | null;
  examCategoryCode: string | null;
  situation: string | null;
  materialCode: string;
  requirement: Requirement;
  maxCount: number | null;
  extraText: string | null;
}
export interface RulePatch {
  requirement?: Requirement | undefined;
  maxCount?: number | null | undefined;
  extraText?: string | null | undefined;
}

type RuleRow = Omit<RequirementRuleTable, 'id'> & { id: number };

function ruleView(r: RuleRow, actor: Actor) {
  const scope = actor.regionCode ?? null;
  return {
    id: Number(r.id),
    regionCode: r.region_code,
    examCategoryCode: r.exam_category_code,
    situation: r.situation,
    situationName: r.situation ? (SITUATIONS[r.situation] ?? r.situation) : null,
    materialCode: r.material_code,
    requirement: r.requirement,
    maxCount: r.max_count,
    extraText: r.extra_text,
    editable: scope === null || r.region_code === scope,
  };
}

/** The national rules, plus a region's overrides when asked (a regional admin: its own only). */
export async function listRules(deps: Deps, actor: Actor, query: { regionCode?: string | undefined }) {
  const scope = adminRegion(actor);
  const region = query.regionCode || null;
  if (region !== null && scope !== null && region !== scope) return outOfScope(deps, actor, { regionCode: region, what: 'list_rules' });
  const rows = await deps.db
    .selectFrom('requirement_rules as r')
    .innerJoin('material_categories as m', 'm.code', 'r.material_code')
    .selectAll('r')
    .select('m.sort_order')
    .where((eb) => (region === null ? eb('r.region_code', 'is', null) : eb.or([eb('r.region_code', 'is', null), eb('r.region_code', '=', region)])))
    // 考点 rules have their own list and routes (manage-site-rules.ts).
    .where('r.site_code', 'is', null)
    .execute();
  // The region's own rules first, then the national ones; each in catalog order, the general before the specific.
  const key = (v: string | null) => v ?? '';
  rows.sort(
    (a, b) =>
      Number(a.region_code === null) - Number(b.region_code === null) ||
      a.sort_order - b.sort_order ||
      key(a.exam_category_code).localeCompare(key(b.exam_category_code)) ||
      key(a.situation).localeCompare(key(b.situation)) ||
      Number(a.id) - Number(b.id),
  );
  return { items: rows.map((r) => ruleView(r as RuleRow, actor)) };
}

async function checkReferences(deps: Deps, input: Pick<RuleInput, 'regionCode' | 'examCategoryCode' | 'situation' | 'materialCode'>) {
  const [material, exam, region] = await Promise.all([
    deps.db.selectFrom('material_categories').select('code').where('code', '=', input.materialCode).executeTakeFirst(),
    input.examCategoryCode ? deps.db.selectFrom('exam_categories').select('code').where('code', '=', input.examCategoryCode).executeTakeFirst() : Promise.resolve({ code: '' }),
    input.regionCode ? deps.db.selectFrom('regions').select('code').where('code', '=', input.regionCode).executeTakeFirst() : Promise.resolve({ code: '' }),
  ]);
  if (!material) throw new AppError('VALIDATION_FAILED', { reason: `材料种类“${input.materialCode}”不存在，请从列表中选择` });
  if (!exam) throw new AppError('VALIDATION_FAILED', { reason: `报考类别“${input.examCategoryCode}”不存在，请从列表中选择` });
  if (!region) throw new AppError('VALIDATION_FAILED', { reason: `考区“${input.regionCode}”不存在` });
  if (input.situation !== null && !(input.situation in SITUATIONS)) {
    throw new AppError('VALIDATION_FAILED', { reason: `个人情况“${input.situation}”不存在，请从列表中选择` });
  }
}

function checkValues(v: { maxCount?: number | null | undefined; extraText?: string | null | undefined }) {
  if (v.maxCount != null && (!Number.isInteger(v.maxCount) || v.maxCount < 1 || v.maxCount > 20)) {
    throw new AppError('VALIDATION_FAILED', { reason: '最多张数须为 1–20 的整数，不限制请留空' });
  }
  if (v.extraText != null && v.extraText.length > 500) throw new AppError('VALIDATION_FAILED', { reason: '补充要求最多 500 个字' });
}

/** Rows with the same key: one rule per (region, exam category, situation, material); null means "any". */
const sameKey = (input: Pick<RuleInput, 'regionCode' | 'examCategoryCode' | 'situation' | 'materialCode'>) =>
  (eb: ExpressionBuilder<DB, 'requirement_rules'>) =>
    eb.and([
      eb('site_code', 'is', null),
      eb('material_code', '=', input.materialCode),
      input.regionCode === null ? eb('region_code', 'is', null) : eb('region_code', '=', input.regionCode),
      input.examCategoryCode === null ? eb('exam_category_code', 'is', null) : eb('exam_category_code', '=', input.examCategoryCode),
      input.situation === null ? eb('situation', 'is', null) : eb('situation', '=', input.situation),
    ]);

export async function createRule(deps: Deps, actor: Actor, input: RuleInput) {
  const scope = adminRegion(actor);
  // A regional administrator overrides for its own region; the national default is national.
  if (scope !== null && input.regionCode !== scope) return outOfScope(deps, actor, { regionCode: input.regionCode, what: 'create_rule' });
  await checkReferences(deps, input);
  const extraText = input.extraText?.trim() || null;
  checkValues({ ...input, extraText });
  const row = await deps.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('requirement_rules').select('id').where(sameKey(input)).executeTakeFirst();
    if (existing) throw new AppError('RULE_EXISTS');
    const inserted = await trx
      .insertInto('requirement_rules')
      .values({
        region_code: input.regionCode,
        exam_category_code: input.examCategoryCode,
        situation: input.situation,
        material_code: input.materialCode,
        requirement: input.requirement,
        max_count: input.maxCount,
        extra_text: extraText,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditAdmin(trx, deps, actor, 'admin.rule_created', { rule: { ...input, extraText }, id: Number(inserted.id) });
    return inserted as RuleRow;
  });
  catalogChanged(deps.db);
  await refreshMaterialsCompleteness(deps.store, row.region_code);
  return ruleView(row, actor);
}

export async function updateRule(deps: Deps, actor: Actor, id: number, patch: RulePatch) {
  const scope = adminRegion(actor);
  const extraText = patch.extraText === undefined ? undefined : patch.extraText?.trim() || null;
  checkValues({ ...patch, extraText });
  const row = await deps.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('requirement_rules')
      .selectAll()
      .where('id', '=', id)
      .where('site_code', 'is', null)
      .$if(scope !== null, (q) => q.where('region_code', '=', scope!))
      .executeTakeFirst();
    if (!before) return null;
    const set = {
      ...(patch.requirement !== undefined ? { requirement: patch.requirement } : {}),
      ...(patch.maxCount !== undefined ? { max_count: patch.maxCount } : {}),
      ...(extraText !== undefined ? { extra_text: extraText } : {}),
    };
    if (Object.keys(set).length === 0) return before as RuleRow;
    const res = await trx
      .updateTable('requirement_rules')
      .set(set)
      .where('id', '=', id)
      .where('site_code', 'is', null)
      .$if(scope !== null, (q) => q.where('region_code', '=', scope!))
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return null;
    const after = { ...before, ...set } as RuleRow;
    await auditAdmin(trx, deps, actor, 'admin.rule_changed', { id, before: ruleView(before as RuleRow, actor), after: ruleView(after, actor) });
    return after;
  });
  catalogChanged(deps.db);
  if (!row) return outOfScope(deps, actor, { ruleId: id, what: 'update_rule' });
  await refreshMaterialsCompleteness(deps.store, row.region_code);
  return ruleView(row, actor);
}

export async function deleteRule(deps: Deps, actor: Actor, id: number): Promise<void> {
  const scope = adminRegion(actor);
  const row = await deps.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('requirement_rules')
      .selectAll()
      .where('id', '=', id)
      .where('site_code', 'is', null)
      .$if(scope !== null, (q) => q.where('region_code', '=', scope!))
      .executeTakeFirst();
    if (!before) return null;
    const res = await trx
      .deleteFrom('requirement_rules')
      .where('id', '=', id)
      .where('site_code', 'is', null)
      .$if(scope !== null, (q) => q.where('region_code', '=', scope!))
      .executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1) return null;
    await auditAdmin(trx, deps, actor, 'admin.rule_deleted', { id, rule: ruleView(before as RuleRow, actor) });
    return before;
  });
  catalogChanged(deps.db);
  if (!row) return outOfScope(deps, actor, { ruleId: id, what: 'delete_rule' });
  await refreshMaterialsCompleteness(deps.store, row.region_code);
}

/** What a candidate of this region, exam category and situations would be asked for. */
export async function previewRequirements(deps: Deps, actor: Actor, q: { regionCode: string; examCategoryCode: string; situations: string[] }) {
  const scope = adminRegion(actor);
  if (scope !== null && q.regionCode !== scope) return outOfScope(deps, actor, { regionCode: q.regionCode, what: 'preview_rules' });
  const region = await deps.db.selectFrom('regions').select('code').where('code', '=', q.regionCode).executeTakeFirst();
  if (!region) throw new AppError('NOT_FOUND');
  return previewOf(deps, { ...q, siteCode: '' });
}

/** The preview's answer for one (region, 考点 or '' for none, exam category, situations), through the one resolver. */
export async function previewOf(deps: Deps, who: RequirementSubject) {
  const [catalog, resolved] = await Promise.all([loadCatalog(deps.db), requirementsFor(deps.db, who)]);
  const shown = new Set(resolved.map((c) => c.code));
  return {
    items: resolved.map((c) => ({ code: c.code, name: c.name, requirement: c.requirement, minCount: c.requirement === 'required' ? c.minCount : 0, maxCount: c.maxCount, extraText: c.extraText })),
    hidden: catalog.filter((c) => !shown.has(c.code)).map((c) => ({ code: c.code, name: c.name })),
  };
}
