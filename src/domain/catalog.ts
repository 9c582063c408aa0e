/**
 * The national default catalog of the physician exam: exam categories, material
 * categories and the rules that say which are required. Rules are data; a region
 * adds its own rows to override them (see resolveRequirements).
 */
export interface ExamCategory {
  code: string;
  name: string;
  /** English, for the web client's English mode; null where nobody wrote one (the page shows the Chinese). */
  nameEn: string | null;
}
export interface MaterialCategory {
  code: string;
  name: string;
  requirements: string;
  /** English, for the web client's English mode; null where nobody wrote one (the page shows the Chinese). */
  nameEn: string | null;
  requirementsEn: string | null;
  minCount: number;
  maxCount: number;
}
export type Requirement = 'required' | 'optional' | 'hidden';
export interface RequirementRule {
  regionCode: string | null;
  /** A 考点's own rule: it can only add (applySiteRules); absent or null for national and region rules. */
  siteCode?: string | null;
  examCategoryCode: string | null;
  situation: string | null;
  materialCode: string;
  requirement: Requirement;
  maxCount: number | null;
  extraText: string | null;
  /** The extra text in English (absent or null: none written). */
  extraTextEn?: string | null;
}

export const EXAM_CATEGORIES: ExamCategory[] = [
  { code: '110', name: '临床执业医师', nameEn: 'Clinical physician' },
  { code: '210', name: '临床执业助理医师', nameEn: 'Clinical assistant physician' },
  { code: '120', name: '口腔执业医师', nameEn: 'Dental physician' },
  { code: '220', name: '口腔执业助理医师', nameEn: 'Dental assistant physician' },
  { code: '130', name: '公共卫生执业医师', nameEn: 'Public health physician' },
  { code: '230', name: '公共卫生执业助理医师', nameEn: 'Public health assistant physician' },
  { code: '140', name: '中医执业医师', nameEn: 'Traditional Chinese medicine physician' },
  { code: '240', name: '中医执业助理医师', nameEn: 'Traditional Chinese medicine assistant physician' },
  { code: '250', name: '乡村全科执业助理医师', nameEn: 'Rural general practice assistant physician' },
];

/** Situations (个人情况) that change what must be uploaded. */
export const SITUATIONS: Record<string, string> = {
  fresh_graduate: '应届毕业生',
  fresh_graduate_postgrad: '应届毕业研究生',
  assistant_to_physician: '助理报考执业',
  mentorship: '师承/确有专长',
  hmt_foreign: '港澳台/外籍',
  military: '现役军人',
  repeat_candidate: '非首次报考',
};

const COMMON_EN = 'Keep the picture upright, not flipped or rotated; clear, true and complete; jpg/jpeg/png, at most 200 KB per file.';
const COMMON = '画面保持正向，不得翻转旋转；图像清晰、信息真实完整；jpg/jpeg/png 格式，单个文件不超过200KB。';

export const MATERIAL_CATEGORIES: MaterialCategory[] = [
  { code: 'id_card', name: '身份证明', minCount: 2, maxCount: 2, requirements: `上传有效身份证件正反两面各一张（第1张人像面，第2张国徽面），四角完整、文字清楚。${COMMON}`, nameEn: 'Proof of identity', requirementsEn: `Upload both sides of a valid identity document, one image each (1st the photo side, 2nd the national emblem side), all four corners visible and the text readable. ${COMMON_EN}` },
  { code: 'graduation_cert', name: '毕业证书', minCount: 1, maxCount: 3, requirements: `上传报考所依据学历的毕业证书原件照片，须能看清姓名、专业、学制、毕业时间和证书编号。${COMMON}`, nameEn: 'Graduation certificate', requirementsEn: `Upload a photo of the original graduation certificate of the education you apply with; name, major, length of study, graduation date and certificate number must be readable. ${COMMON_EN}` },
  { code: 'degree_cert', name: '学位证书', minCount: 1, maxCount: 3, requirements: `有学位证书的请上传原件照片；专业学位研究生须上传。${COMMON}`, nameEn: 'Degree certificate', requirementsEn: `If you hold a degree certificate, upload a photo of the original; professional-degree postgraduates must upload it. ${COMMON_EN}` },
  { code: 'education_record', name: '学历电子注册备案表/学历认证报告', minCount: 1, maxCount: 3, requirements: `上传学信网《教育部学历证书电子注册备案表》（在有效期内）或学历认证报告，须能看清在线验证码。${COMMON}`, nameEn: 'Online education record / verification report', requirementsEn: `Upload the Ministry of Education online record form of your diploma from CHSI (still valid) or an education verification report; the online verification code must be readable. ${COMMON_EN}` },
  { code: 'probation_assessment', name: '试用期考核证明', minCount: 1, maxCount: 3, requirements: `上传由试用机构出具、加盖公章的试用期考核合格证明，试用期须满一年。${COMMON}`, nameEn: 'Probation assessment certificate', requirementsEn: `Upload the certificate of a passed probation assessment issued and stamped by the institution of your probation; the probation must have lasted a full year. ${COMMON_EN}` },
  { code: 'physician_qualification', name: '医师资格证书', minCount: 1, maxCount: 4, requirements: `助理报考执业的考生上传执业助理医师资格证书（含照片页和信息页）。${COMMON}`, nameEn: 'Physician qualification certificate', requirementsEn: `Assistant physicians applying for the physician exam upload their assistant physician qualification certificate (photo page and information page). ${COMMON_EN}` },
  { code: 'practice_license', name: '医师执业证书', minCount: 1, maxCount: 4, requirements: `助理报考执业的考生上传执业助理医师执业证书（含照片页、信息页和变更记录页）。${COMMON}`, nameEn: 'Physician practising certificate', requirementsEn: `Assistant physicians applying for the physician exam upload their assistant physician practising certificate (photo page, information page and change record pages). ${COMMON_EN}` },
  { code: 'practice_assessment', name: '执业期考核证明', minCount: 1, maxCount: 3, requirements: `助理报考执业的考生上传取得执业助理医师执业证书后在医疗机构执业的考核证明。${COMMON}`, nameEn: 'Practice assessment certificate', requirementsEn: `Assistant physicians applying for the physician exam upload the assessment of their practice at a medical institution since receiving the practising certificate. ${COMMON_EN}` },
  { code: 'mentorship_cert', name: '师承/确有专长证书', minCount: 1, maxCount: 4, requirements: `以师承或确有专长方式报考的考生上传《传统医学师承出师证书》或《传统医学医术确有专长证书》。${COMMON}`, nameEn: 'Mentorship / proven expertise certificate', requirementsEn: `Candidates applying through mentorship or proven expertise upload their traditional medicine mentorship certificate or proven expertise certificate. ${COMMON_EN}` },
  { code: 'clinical_training_commitment', name: '临床实践训练经历满一年证明及个人承诺书', minCount: 1, maxCount: 2, requirements: `应届毕业研究生下载模板（附件2）填写、签字并由临床实践单位和研究生院盖章后拍照上传。${COMMON}`, nameEn: 'Certificate of one year of clinical practice training and personal commitment', requirementsEn: `Graduating postgraduates download the template (Attachment 2), fill it in, sign it, have it stamped by the clinical practice institution and the graduate school, and upload a photo of it. ${COMMON_EN}` },
  { code: 'graduate_commitment', name: '应届毕业生报考承诺书', minCount: 1, maxCount: 2, requirements: `应届毕业生上传本人签字的报考承诺书和学生证。${COMMON}`, nameEn: 'Graduating student commitment', requirementsEn: `Graduating students upload the commitment letter signed by themselves and their student card. ${COMMON_EN}` },
  { code: 'hmt_foreign_form', name: '港澳台居民及外籍人员报考审核表', minCount: 1, maxCount: 3, requirements: `香港、澳门、台湾居民及外籍人员上传经审核盖章的报考审核表。${COMMON}`, nameEn: 'Application review form for Hong Kong, Macao, Taiwan and foreign candidates', requirementsEn: `Residents of Hong Kong, Macao and Taiwan and foreign nationals upload the reviewed and stamped application review form. ${COMMON_EN}` },
  { code: 'other', name: '其他', minCount: 0, maxCount: 10, requirements: `根据个人情况需要补充的其他报名材料（如姓名变更证明、考点要求的其他证明）。${COMMON}`, nameEn: 'Other', requirementsEn: `Any further registration material your situation needs (e.g. proof of a change of name, other proofs your exam site asks for). ${COMMON_EN}` },
];

const rule = (materialCode: string, requirement: Requirement, situation: string | null = null, examCategoryCode: string | null = null): RequirementRule => ({
  regionCode: null,
  examCategoryCode,
  situation,
  materialCode,
  requirement,
  maxCount: null,
  extraText: null,
});

const PHYSICIAN = ['110', '120', '130', '140'];
/** 中医 (incl. 中西医结合, 民族医): the only categories open to 师承/确有专长. */
const TCM = ['140', '240'];
const each = (codes: string[], make: (code: string) => RequirementRule[]) => codes.flatMap(make);

/**
 * National defaults, as data. Every category is listed (seed §二: the page shows all
 * materials that may apply) and the base set is required; what differs follows the real
 * exam's rules by exam category (报考类别) and situation (个人情况):
 * - 应届毕业生: no diploma or probation year yet, signs the 应届毕业生报考承诺书;
 *   应届毕业研究生: 附件2 临床实践训练经历满一年证明及个人承诺书.
 * - 具有执业助理医师资格报考执业医师 (the four 执业医师 categories only): 医师资格证书,
 *   医师执业证书 and 执业期考核证明 instead of the probation proof; for an assistant category
 *   the situation changes nothing.
 * - 师承/确有专长 exists only in 中医: its certificate replaces the diploma there; elsewhere
 *   the situation changes nothing.
 * - 港澳台/外籍: the 报考审核表.
 */
export const DEFAULT_RULES: RequirementRule[] = [
  rule('id_card', 'required'),
  rule('graduation_cert', 'required'),
  rule('degree_cert', 'optional'),
  rule('education_record', 'required'),
  rule('probation_assessment', 'required'),
  rule('physician_qualification', 'optional'),
  rule('practice_license', 'optional'),
  rule('practice_assessment', 'optional'),
  rule('mentorship_cert', 'optional'),
  rule('clinical_training_commitment', 'optional'),
  rule('graduate_commitment', 'optional'),
  rule('hmt_foreign_form', 'optional'),
  rule('other', 'optional'),
  rule('graduation_cert', 'optional', 'fresh_graduate'),
  rule('probation_assessment', 'optional', 'fresh_graduate'),
  rule('education_record', 'optional', 'fresh_graduate'),
  rule('graduate_commitment', 'required', 'fresh_graduate'),
  rule('graduation_cert', 'optional', 'fresh_graduate_postgrad'),
  rule('probation_assessment', 'optional', 'fresh_graduate_postgrad'),
  rule('degree_cert', 'optional', 'fresh_graduate_postgrad'),
  rule('clinical_training_commitment', 'required', 'fresh_graduate_postgrad'),
  rule('hmt_foreign_form', 'required', 'hmt_foreign'),
  ...each(PHYSICIAN, (e) => [
    rule('physician_qualification', 'required', 'assistant_to_physician', e),
    rule('practice_license', 'required', 'assistant_to_physician', e),
    rule('practice_assessment', 'required', 'assistant_to_physician', e),
    rule('probation_assessment', 'optional', 'assistant_to_physician', e),
  ]),
  ...each(TCM, (e) => [
    rule('mentorship_cert', 'required', 'mentorship', e),
    rule('graduation_cert', 'optional', 'mentorship', e),
    rule('education_record', 'optional', 'mentorship', e),
  ]),
];

export interface ResolvedCategory extends MaterialCategory {
  requirement: Requirement;
  extraText: string | null;
  /** The same extra text for English mode: each rule's English, or its Chinese where none was written. */
  extraTextEn: string | null;
}

/**
 * What one candidate must upload: the catalog with the most specific matching rule
 * applied per category (region over national; situation over exam category over any).
 * Where situations conflict, "required" wins over "optional" at the same specificity.
 * Then the candidate's 考点 rules are laid on top (applySiteRules): they can only add.
 */
export function resolveRequirements(
  catalog: MaterialCategory[],
  rules: RequirementRule[],
  who: { regionCode: string; siteCode?: string | null | undefined; examCategoryCode: string; situations: string[] },
): ResolvedCategory[] {
  const rank: Record<Requirement, number> = { hidden: 0, optional: 1, required: 2 };
  const score = (r: RequirementRule) => (r.regionCode ? 4 : 0) + (r.situation ? 2 : 0) + (r.examCategoryCode ? 1 : 0);
  const applies = (r: RequirementRule) =>
    (r.examCategoryCode === null || r.examCategoryCode === who.examCategoryCode) && (r.situation === null || who.situations.includes(r.situation));
  const matching = rules.filter((r) => !r.siteCode && (r.regionCode === null || r.regionCode === who.regionCode) && applies(r));
  const chosen = new Map<string, RequirementRule>();
  for (const r of matching) {
    const prev = chosen.get(r.materialCode);
    if (!prev || score(r) > score(prev) || (score(r) === score(prev) && rank[r.requirement] > rank[prev.requirement])) {
      chosen.set(r.materialCode, r);
    }
  }
  const base = new Map<string, BaseRequirement>();
  for (const c of catalog) {
    const r = chosen.get(c.code);
    base.set(c.code, { requirement: r?.requirement ?? 'optional', maxCount: r?.maxCount ?? c.maxCount, extraText: r?.extraText ?? null, extraTextEn: r ? englishExtra(r) : null });
  }
  const siteRules = who.siteCode ? rules.filter((r) => r.siteCode === who.siteCode && r.regionCode === who.regionCode && applies(r)) : [];
  const merged = applySiteRules(base, siteRules);
  const out: ResolvedCategory[] = [];
  for (const c of catalog) {
    const b = merged.get(c.code)!;
    if (b.requirement === 'hidden') continue;
    out.push({ ...c, maxCount: b.maxCount, minCount: Math.min(c.minCount, b.maxCount), requirement: b.requirement, extraText: b.extraText, extraTextEn: b.extraTextEn ?? null });
  }
  return out;
}

/** One category's requirement before the catalog's names and minimums are put back. */
export interface BaseRequirement {
  requirement: Requirement;
  maxCount: number;
  extraText: string | null;
  /** The extra text in English mode (see ResolvedCategory.extraTextEn). */
  extraTextEn?: string | null;
}

/** A rule's extra text for English mode: its English where written, else its Chinese (never nothing where there is Chinese). */
const englishExtra = (r: Pick<RequirementRule, 'extraText' | 'extraTextEn'>): string | null => r.extraTextEn?.trim() || r.extraText?.trim() || null;

/**
 * A 考点's rules on top of its region's (and the national) result. A site rule can only add:
 * the category becomes required (whatever the region said, even hidden); a maximum only ever
 * goes up (a site's smaller number leaves the region's); its extra text is appended to the
 * region's. So whatever rows are stored, a site never makes optional what the region requires,
 * never lowers a count, never hides a category. Pure.
 */
export function applySiteRules(base: ReadonlyMap<string, BaseRequirement>, siteRules: RequirementRule[]): Map<string, BaseRequirement> {
  const out = new Map(base);
  for (const r of siteRules) {
    const prev = out.get(r.materialCode);
    // A rule for a category no longer in the catalog adds nothing.
    if (!prev || r.requirement !== 'required') continue;
    const text = r.extraText?.trim();
    // The English follows the Chinese: appended when the Chinese is, so both say the same.
    const adds = !!text && text !== prev.extraText && !prev.extraText?.includes(text);
    const en = englishExtra(r);
    out.set(r.materialCode, {
      requirement: 'required',
      maxCount: Math.max(prev.maxCount, r.maxCount ?? 0),
      extraText: adds ? (prev.extraText ? `${prev.extraText}\n${text}` : text!) : prev.extraText,
      extraTextEn: adds && en ? (prev.extraTextEn ? `${prev.extraTextEn}\n${en}` : en) : (prev.extraTextEn ?? null),
    });
  }
  return out;
}

/** Why a 考点 rule cannot be stored, as a stable code (SITE_RULE_RELAXES / VALIDATION_FAILED), or null. */
export type SiteRuleProblem = 'relaxes_requirement' | 'max_below_minimum';

/**
 * A site rule may only ADD a requirement: it must say "required" (按需上传 or 不显示 would make
 * optional or hide what the region may require), and a maximum it sets may not be below the
 * category's minimum (that would lower the number the region asks for). Pure.
 */
export function siteRuleProblem(rule: Pick<RequirementRule, 'requirement' | 'maxCount'>, category: Pick<MaterialCategory, 'minCount'>): SiteRuleProblem | null {
  if (rule.requirement !== 'required') return 'relaxes_requirement';
  if (rule.maxCount != null && rule.maxCount < Math.max(1, category.minCount)) return 'max_below_minimum';
  return null;
}

/** A required category is filled when it holds at least its minimum (and at least one) image. */
export function missingRequired(categories: ReadonlyArray<Pick<ResolvedCategory, 'code' | 'requirement' | 'minCount'> & { imageCount: number }>): string[] {
  return categories
    .filter((c) => c.requirement === 'required' && c.imageCount < Math.max(c.minCount, 1))
    .map((c) => c.code);
}
