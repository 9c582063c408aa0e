import { z } from 'zod';
import { CodeName, errors, nameOf, NoContent, PathText, RenameBody } from './common.js';
import { named } from './registry.js';
import { SITUATIONS } from '../domain/catalog.js';

/**
 * /api/v1/admin/catalog and the requirement rules (national, region and 考点): requests,
 * responses and documentation. The catalog and national/region rules are for administrators;
 * a 考点's rules are also open to that site's 考点审核员.
 */

/** Largest example image an administrator may upload. */
export const MAX_EXAMPLE_BYTES = 2 * 1024 * 1024;

const code = (label: string) => z.string().trim().min(1, `请填写${label}`).max(40);

export const Requirement = z.enum(['required', 'optional', 'hidden'], { message: '要求须为 必传(required)、按需(optional) 或 不显示(hidden)' });
export type Requirement = z.infer<typeof Requirement>;
const situation = z.enum(Object.keys(SITUATIONS) as [string, ...string[]], { message: '个人情况不存在，请从列表中选择' });
const maxCount = z.number().int().min(1).max(20);
const extraText = z.string().max(500);
/** The extra text in English (optional: English mode shows the Chinese where none is written). */
const extraTextEn = z.string().trim().max(1000, '英文补充要求不能超过 1000 个字符').nullable().optional();
/** The English name is optional: empty clears it (English mode then shows the Chinese). */
const examNameEn = z.string().trim().max(120, '英文名称不能超过 120 个字符').nullable().optional();

export const RuleBody = z
  .object({
    regionCode: z.string().trim().min(1).max(10).nullable(),
    examCategoryCode: z.string().trim().min(1).max(10).nullable(),
    situation: situation.nullable(),
    materialCode: z.string().trim().min(1).max(40),
    requirement: Requirement,
    maxCount: maxCount.nullable().default(null),
    extraText: extraText.nullable().default(null),
    extraTextEn,
  })
  .strict();
export type RuleInput = z.infer<typeof RuleBody>;
export const RulePatchBody = z.object({ requirement: Requirement.optional(), maxCount: maxCount.nullable().optional(), extraText: extraText.nullable().optional(), extraTextEn }).strict();
export type RulePatch = z.infer<typeof RulePatchBody>;
export const RulesQuery = z.object({ regionCode: z.string().optional().describe("region whose overrides to include (a regional administrator: its own)") });
export const PreviewQuery = z.object({
  regionCode: z.string().min(1, '请选择考区'),
  examCategoryCode: z.string().min(1, '请选择报考类别'),
  situations: z.string().max(300).optional().describe('situation codes, comma-separated'),
});

export const SiteRuleBody = z
  .object({
    examCategoryCode: z.string().trim().min(1).max(10).nullable().default(null),
    situation: situation.nullable().default(null),
    materialCode: z.string().trim().min(1, '请选择材料种类').max(40),
    // Any kind is accepted here so that a relaxing rule gets its own code (SITE_RULE_RELAXES), not a schema error.
    requirement: z.enum(['required', 'optional', 'hidden'], { message: '要求须为 必传(required)' }).default('required'),
    maxCount: maxCount.nullable().default(null),
    extraText: extraText.nullable().default(null),
    extraTextEn,
  })
  .strict();
export type SiteRuleInput = z.infer<typeof SiteRuleBody>;
export const SitePreviewQuery = z.object({
  examCategoryCode: z.string().min(1, '请选择报考类别').max(10),
  situations: z.string().max(300).optional().describe('situation codes, comma-separated'),
});

/** The English mode's name and requirement text: optional, empty clears (the page then shows the Chinese). */
const englishText = {
  nameEn: z.string().trim().max(120, '英文名称不能超过 120 个字符').nullable().optional(),
  requirementsEn: z.string().trim().max(4000, '英文上传要求不能超过 4000 个字符').nullable().optional(),
};
const requirementsText = z.string().trim().min(1, '请填写上传要求').max(2000);
export const MaterialBody = z
  .object({
    code: code('材料代码'),
    name: nameOf('材料名称'),
    requirements: requirementsText,
    ...englishText,
    minCount: z.number().int().min(0).max(20),
    maxCount,
  })
  .strict();
export type MaterialInput = z.infer<typeof MaterialBody>;
export const MaterialPatchBody = z
  .object({
    name: nameOf('材料名称').optional(),
    requirements: requirementsText.optional(),
    ...englishText,
    minCount: z.number().int().min(0).max(20).optional(),
    maxCount: maxCount.optional(),
    sortOrder: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();
export type MaterialPatch = z.infer<typeof MaterialPatchBody>;
export const ExamCategoryBody = z.object({ code: code('报考类别代码'), name: nameOf('报考类别名称'), nameEn: examNameEn }).strict();
export const ExamCategoryRenameBody = z.object({ name: nameOf('报考类别名称'), nameEn: examNameEn }).strict();
const nameEnOut = z.string().nullable().describe("English mode's name (null: the page shows the Chinese)");
export const ExamCategoryAnswer = CodeName.extend({ nameEn: nameEnOut });

/** One rule as the rule pages show it: national (regionCode null), a region's, or a 考点's (siteCode). */
export const Rule = named(
  'RequirementRule',
  z.object({
    id: z.number().int(),
    regionCode: z.string().nullable().describe('null: the national default'),
    siteCode: z.string().nullable().describe("a 考点's own rule (it can only make a material required)"),
    examCategoryCode: z.string().nullable().describe('null: any exam category'),
    situation: z.string().nullable().describe('null: every candidate'),
    situationName: z.string().nullable(),
    materialCode: z.string(),
    requirement: Requirement,
    maxCount: z.number().int().nullable(),
    extraText: z.string().nullable(),
    extraTextEn: z.string().nullable().describe("the extra text in English (null: English mode shows the Chinese)"),
    editable: z.boolean().describe('the caller may change or delete it'),
  }),
);
export type Rule = z.infer<typeof Rule>;
export const RuleList = z.object({ items: z.array(Rule) });
export type RuleList = z.infer<typeof RuleList>;

export const PreviewItem = z.object({
  code: z.string(),
  name: z.string(),
  requirement: Requirement,
  minCount: z.number().int(),
  maxCount: z.number().int(),
  extraText: z.string().nullable(),
});
export type PreviewItem = z.infer<typeof PreviewItem>;
export const Preview = named('RequirementPreview', z.object({ items: z.array(PreviewItem), hidden: z.array(CodeName).describe('categories this candidate does not see') }));
export type Preview = z.infer<typeof Preview>;

export const SiteRuleChange = z.object({
  affected: z.object({
    candidates: z.number().int().describe("the site's candidates whose required set changed (refreshed at once)"),
    backToDraft: z.number().int().describe('of them, passed files sent back to 填报 (candidate notified)'),
  }),
});
export type SiteRuleChange = z.infer<typeof SiteRuleChange>;
export const SiteRuleList = z.object({
  site: z.object({ code: z.string(), name: z.string(), regionCode: z.string(), regionName: z.string() }),
  items: z.array(Rule).describe("the site's own rules"),
  inherited: z.array(Rule).describe('the region and national rules that make a material required (read only)'),
  choices: z.object({
    materials: z.array(z.object({ code: z.string(), name: z.string(), minCount: z.number().int(), maxCount: z.number().int() })),
    examCategories: z.array(CodeName),
    situations: z.array(CodeName),
  }),
});
export type SiteRuleList = z.infer<typeof SiteRuleList>;

export const MaterialItem = named(
  'CatalogMaterial',
  z.object({
    code: z.string(),
    name: z.string(),
    requirements: z.string(),
    nameEn: z.string().nullable().describe("English mode's name (null: the page shows the Chinese)"),
    requirementsEn: z.string().nullable(),
    minCount: z.number().int(),
    maxCount: z.number().int(),
    sortOrder: z.number().int(),
    exampleImageUrl: z.string().nullable(),
    customExample: z.boolean().describe('an uploaded example replaces the built-in drawing'),
    imageCount: z.number().int().describe('live images in this category'),
  }),
);
export type MaterialItem = z.infer<typeof MaterialItem>;
export const ExamCategoryItem = CodeName.extend({ nameEn: nameEnOut, sortOrder: z.number().int() });
export type ExamCategoryItem = z.infer<typeof ExamCategoryItem>;
export const Catalog = named(
  'Catalog',
  z.object({
    editable: z.boolean().describe('national administrators change the catalog; regional ones read it'),
    materials: z.array(MaterialItem),
    examCategories: z.array(ExamCategoryItem),
    situations: z.array(CodeName),
    idTypes: z.array(z.string()),
    importColumns: z.array(z.string()),
  }),
);
export type Catalog = z.infer<typeof Catalog>;

const tags = ['admin'];
const scoped = { 404: "NOT_FOUND: outside the caller's scope (the attempt is logged), or no such object" };
const byId = z.object({ id: PathText });
const byCode = z.object({ code: PathText });
const bySite = z.object({ siteCode: PathText });

export const catalogContracts = {
  rules: {
    tags, summary: "National requirement rules, plus a region's overrides with ?regionCode=", querystring: RulesQuery,
    response: { 200: RuleList, ...errors(scoped) },
  },
  createRule: {
    tags, summary: 'New rule: regionCode null = national default (national administrators); null examCategoryCode/situation = any', body: RuleBody,
    response: { 201: Rule, ...errors({ 409: 'RULE_EXISTS', 422: 'VALIDATION_FAILED', ...scoped }) },
  },
  updateRule: {
    tags, summary: "Change a rule's requirement, maximum count or extra text", params: byId, body: RulePatchBody.optional(),
    response: { 200: Rule, ...errors({ 422: 'VALIDATION_FAILED', ...scoped }) },
  },
  deleteRule: { tags, summary: 'Delete a rule', params: byId, response: { 204: NoContent('Deleted'), ...errors(scoped) } },
  preview: {
    tags, summary: 'The material list a candidate of this region, exam category and situations gets', querystring: PreviewQuery,
    response: { 200: Preview, ...errors({ 422: 'VALIDATION_FAILED', ...scoped }) },
  },
  siteRules: {
    tags,
    summary: "考点 rules of a site: its own rules, the region/national required rules they add to, and the form's choices. Open to the site's 考点审核员, its region's administrator and national administrators",
    params: bySite,
    response: { 200: SiteRuleList, ...errors(scoped) },
  },
  createSiteRule: {
    tags,
    summary: "New 考点 rule: makes a material required for the site's candidates (optionally for one exam category / situation), with an optional higher maximum and extra text. It can only add: the site's candidates whose required set changes are refreshed at once, a passed file goes back to 填报 (candidate notified)",
    params: bySite, body: SiteRuleBody.optional(),
    response: {
      201: Rule.extend(SiteRuleChange.shape),
      ...errors({ 409: 'RULE_EXISTS', 422: "SITE_RULE_RELAXES: requirement other than required, or a maximum below the category's minimum; VALIDATION_FAILED", ...scoped }),
    },
  },
  deleteSiteRule: {
    tags, summary: "Remove a 考点 rule; the site's candidates are refreshed like on adding", params: bySite.extend({ id: PathText }),
    response: { 200: SiteRuleChange, ...errors(scoped) },
  },
  sitePreview: {
    tags, summary: 'The material list a candidate of this site, exam category and situations gets (national, region and 考点 rules)', params: bySite, querystring: SitePreviewQuery,
    response: { 200: Preview, ...errors({ 422: 'VALIDATION_FAILED', ...scoped }) },
  },
  catalog: { tags, summary: 'Material categories, exam categories, situations, ID types', response: { 200: Catalog } },
  createMaterial: {
    tags, summary: 'New material category (national)', body: MaterialBody,
    response: { 201: MaterialItem, ...errors({ 409: 'CODE_TAKEN', 422: 'VALIDATION_FAILED', ...scoped }) },
  },
  updateMaterial: {
    tags, summary: 'Change name, requirement text, counts, order (national)', params: byCode, body: MaterialPatchBody.optional(),
    response: { 200: MaterialItem, ...errors({ 422: 'VALIDATION_FAILED', ...scoped }) },
  },
  deleteMaterial: {
    tags, summary: 'Delete a category no one uploaded to (national)', params: byCode,
    response: { 204: NoContent('Deleted'), ...errors({ 409: 'CATEGORY_IN_USE', ...scoped }) },
  },
  setExample: {
    tags,
    summary: `Upload the example image (示例): jpg/png, at most ${MAX_EXAMPLE_BYTES} bytes (multipart/form-data, field file), checked like an upload, stored without watermark; served at /api/v1/catalog/examples/{code}.png instead of the built-in drawing`,
    params: byCode, consumes: ['multipart/form-data'],
    response: { 200: MaterialItem, ...errors({ 415: 'UNSUPPORTED_FORMAT', 422: 'INVALID_IMAGE / VALIDATION_FAILED', ...scoped }) },
  },
  resetExample: { tags, summary: 'Back to the built-in example drawing', params: byCode, response: { 200: MaterialItem, ...errors(scoped) } },
  createExamCategory: {
    tags, summary: 'New exam category (national)', body: ExamCategoryBody,
    response: { 201: ExamCategoryAnswer, ...errors({ 409: 'CODE_TAKEN', 422: 'VALIDATION_FAILED', ...scoped }) },
  },
  renameExamCategory: {
    tags, summary: 'Rename an exam category (national)', params: byCode, body: ExamCategoryRenameBody,
    response: { 200: ExamCategoryAnswer, ...errors({ 409: 'CODE_TAKEN', 422: 'VALIDATION_FAILED', ...scoped }) },
  },
};
