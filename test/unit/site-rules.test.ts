import { describe, expect, it } from 'vitest';
import { applySiteRules, DEFAULT_RULES, MATERIAL_CATEGORIES, resolveRequirements, siteRuleProblem, type RequirementRule } from '../../src/domain/catalog.js';
import { requiredSet, requiredSetChanged } from '../../src/domain/materials-todo.js';

const who = (siteCode: string | null, situations: string[] = [], examCategoryCode = '110') => ({ regionCode: '99', siteCode, examCategoryCode, situations });
const rule = (p: Partial<RequirementRule> & Pick<RequirementRule, 'materialCode'>): RequirementRule => ({
  regionCode: '99', siteCode: '9901', examCategoryCode: null, situation: null, requirement: 'required', maxCount: null, extraText: null, ...p,
});
const cat = (cats: ReturnType<typeof resolveRequirements>, code: string) => cats.find((c) => c.code === code);

describe('考点 rules add to the region\'s and never relax them', () => {
  it('makes an optional category required for the site\'s candidates only', () => {
    const rules = [...DEFAULT_RULES, rule({ materialCode: 'degree_cert', extraText: '本考点要求上传学位证书' })];
    const mine = resolveRequirements(MATERIAL_CATEGORIES, rules, who('9901'));
    expect(cat(mine, 'degree_cert')).toMatchObject({ requirement: 'required', extraText: '本考点要求上传学位证书' });
    expect(cat(resolveRequirements(MATERIAL_CATEGORIES, rules, who('9902')), 'degree_cert')?.requirement).toBe('optional');
    expect(cat(resolveRequirements(MATERIAL_CATEGORIES, rules, who(null)), 'degree_cert')?.requirement).toBe('optional');
    // The same site code in another region is another site.
    expect(cat(resolveRequirements(MATERIAL_CATEGORIES, rules, { ...who('9901'), regionCode: '98' }), 'degree_cert')?.requirement).toBe('optional');
  });

  it('applies only to the exam category and situation it names', () => {
    const rules = [...DEFAULT_RULES, rule({ materialCode: 'other', examCategoryCode: '140', situation: 'mentorship' })];
    expect(cat(resolveRequirements(MATERIAL_CATEGORIES, rules, who('9901', ['mentorship'], '140')), 'other')?.requirement).toBe('required');
    expect(cat(resolveRequirements(MATERIAL_CATEGORIES, rules, who('9901', [], '140')), 'other')?.requirement).toBe('optional');
    expect(cat(resolveRequirements(MATERIAL_CATEGORIES, rules, who('9901', ['mentorship'], '110')), 'other')?.requirement).toBe('optional');
  });

  it('cannot make optional, hide or shrink what the region requires, whatever rows are stored', () => {
    const region = rule({ siteCode: null, materialCode: 'other', maxCount: 4, extraText: '手持身份证照片' });
    const stored = [
      rule({ materialCode: 'id_card', requirement: 'optional' }),
      rule({ materialCode: 'graduation_cert', requirement: 'hidden' }),
      rule({ materialCode: 'other', maxCount: 2 }),
    ];
    const cats = resolveRequirements(MATERIAL_CATEGORIES, [...DEFAULT_RULES, rule({ ...region, requirement: 'required' }), ...stored], who('9901'));
    expect(cat(cats, 'id_card')?.requirement).toBe('required');
    expect(cat(cats, 'graduation_cert')?.requirement).toBe('required');
    expect(cat(cats, 'other')).toMatchObject({ requirement: 'required', maxCount: 4, extraText: '手持身份证照片' });
  });

  it('shows a category the region hides when the site requires it, and raises a maximum', () => {
    const rules = [...DEFAULT_RULES, rule({ siteCode: null, materialCode: 'degree_cert', requirement: 'hidden' }), rule({ materialCode: 'degree_cert', maxCount: 5 })];
    expect(cat(resolveRequirements(MATERIAL_CATEGORIES, rules, who(null)), 'degree_cert')).toBeUndefined();
    expect(cat(resolveRequirements(MATERIAL_CATEGORIES, rules, who('9901')), 'degree_cert')).toMatchObject({ requirement: 'required', maxCount: 5, minCount: 1 });
  });

  it('merges on top of a base without touching categories it does not name', () => {
    const base = new Map([
      ['a', { requirement: 'optional' as const, maxCount: 3, extraText: null }],
      ['b', { requirement: 'required' as const, maxCount: 2, extraText: '正反面' }],
    ]);
    const out = applySiteRules(base, [rule({ materialCode: 'a', maxCount: 1, extraText: '加盖公章' }), rule({ materialCode: 'b', extraText: '正反面' }), rule({ materialCode: 'gone' })]);
    expect(out.get('a')).toEqual({ requirement: 'required', maxCount: 3, extraText: '加盖公章', extraTextEn: '加盖公章' });
    expect(out.get('b')).toEqual({ requirement: 'required', maxCount: 2, extraText: '正反面', extraTextEn: null });
    expect(out.has('gone')).toBe(false);
    expect(base.get('a')?.requirement).toBe('optional');
  });

  it('says the extra texts in English where written, each rule\'s Chinese where not, in the same order', () => {
    const rules = [
      ...DEFAULT_RULES,
      rule({ siteCode: null, materialCode: 'degree_cert', requirement: 'required', extraText: '须加盖学校公章', extraTextEn: 'Must bear the university seal' }),
      rule({ materialCode: 'degree_cert', extraText: '另附学位证明' }),
      rule({ materialCode: 'id_card', extraText: '正反面', extraTextEn: 'Both sides' }),
    ];
    const out = resolveRequirements(MATERIAL_CATEGORIES, rules, who('9901'));
    expect(cat(out, 'degree_cert')).toMatchObject({ extraText: '须加盖学校公章\n另附学位证明', extraTextEn: 'Must bear the university seal\n另附学位证明' });
    expect(cat(out, 'id_card')).toMatchObject({ extraText: '正反面', extraTextEn: 'Both sides' });
    expect(cat(out, 'other')).toMatchObject({ extraText: null, extraTextEn: null });
  });

  it('refuses a site rule that would relax a requirement', () => {
    expect(siteRuleProblem({ requirement: 'required', maxCount: null }, { minCount: 2 })).toBeNull();
    expect(siteRuleProblem({ requirement: 'optional', maxCount: null }, { minCount: 0 })).toBe('relaxes_requirement');
    expect(siteRuleProblem({ requirement: 'hidden', maxCount: null }, { minCount: 0 })).toBe('relaxes_requirement');
    expect(siteRuleProblem({ requirement: 'required', maxCount: 1 }, { minCount: 2 })).toBe('max_below_minimum');
    expect(siteRuleProblem({ requirement: 'required', maxCount: 2 }, { minCount: 2 })).toBeNull();
  });

  it('changes the required set (what resets a passed file) only when it adds a category not already required', () => {
    const base = requiredSet(resolveRequirements(MATERIAL_CATEGORIES, DEFAULT_RULES, who('9901')));
    const extraText = requiredSet(resolveRequirements(MATERIAL_CATEGORIES, [...DEFAULT_RULES, rule({ materialCode: 'id_card', extraText: '另附手持照' })], who('9901')));
    const added = requiredSet(resolveRequirements(MATERIAL_CATEGORIES, [...DEFAULT_RULES, rule({ materialCode: 'degree_cert' })], who('9901')));
    expect(requiredSetChanged(base, extraText)).toBe(false);
    expect(requiredSetChanged(base, added)).toBe(true);
  });
});
