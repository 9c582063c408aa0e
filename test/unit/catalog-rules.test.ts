import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, MATERIAL_CATEGORIES, missingRequired, resolveRequirements, type RequirementRule } from '../../src/domain/catalog.js';

const who = (situations: string[] = [], examCategoryCode = '110') => ({ regionCode: '99', examCategoryCode, situations });
const required = (cats: ReturnType<typeof resolveRequirements>) => cats.filter((c) => c.requirement === 'required').map((c) => c.code);

describe('which materials a candidate must upload', () => {
  it('lists every category with the base set required for a plain candidate', () => {
    const cats = resolveRequirements(MATERIAL_CATEGORIES, DEFAULT_RULES, who());
    expect(cats).toHaveLength(MATERIAL_CATEGORIES.length);
    expect(required(cats)).toEqual(['id_card', 'graduation_cert', 'education_record', 'probation_assessment']);
    expect(cats.find((c) => c.code === 'id_card')).toMatchObject({ minCount: 2, maxCount: 2 });
  });
  it('asks a graduating postgraduate for 附件2 instead of a diploma and probation proof', () => {
    const r = required(resolveRequirements(MATERIAL_CATEGORIES, DEFAULT_RULES, who(['fresh_graduate_postgrad'])));
    expect(r).toContain('clinical_training_commitment');
    expect(r).not.toContain('graduation_cert');
    expect(r).not.toContain('probation_assessment');
  });
  it('asks an assistant physician applying for 执业 for the certificate, licence and assessment', () => {
    const r = required(resolveRequirements(MATERIAL_CATEGORIES, DEFAULT_RULES, who(['assistant_to_physician'])));
    expect(r).toEqual(expect.arrayContaining(['physician_qualification', 'practice_license', 'practice_assessment']));
  });
  it('lets a region hide a category, require another and raise a maximum', () => {
    const region: RequirementRule[] = [
      { regionCode: '99', examCategoryCode: null, situation: null, materialCode: 'degree_cert', requirement: 'hidden', maxCount: null, extraText: null },
      { regionCode: '99', examCategoryCode: null, situation: null, materialCode: 'id_card', requirement: 'required', maxCount: 3, extraText: '另需手持身份证照片一张' },
      { regionCode: '98', examCategoryCode: null, situation: null, materialCode: 'other', requirement: 'hidden', maxCount: null, extraText: null },
    ];
    const cats = resolveRequirements(MATERIAL_CATEGORIES, [...DEFAULT_RULES, ...region], who());
    expect(cats.map((c) => c.code)).not.toContain('degree_cert');
    expect(cats.map((c) => c.code)).toContain('other');
    expect(cats.find((c) => c.code === 'id_card')).toMatchObject({ maxCount: 3, extraText: '另需手持身份证照片一张' });
  });
  it('reports required categories that are not yet filled to their minimum', () => {
    const cats = resolveRequirements(MATERIAL_CATEGORIES, DEFAULT_RULES, who()).map((c) => ({ ...c, imageCount: c.code === 'id_card' ? 1 : 1 }));
    expect(missingRequired(cats)).toEqual(['id_card']);
  });
});
