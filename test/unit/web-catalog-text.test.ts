import { describe, expect, it } from 'vitest';
import { MATERIAL_CATEGORIES } from '../../src/domain/catalog.js';
import { materialsInLanguage, nameInLanguage, reviewFileInLanguage, sharedRequirement } from '../../web/src/lib/catalog-text.js';
import type { Materials } from '../../web/src/api/types.js';

const materials = (categories: Partial<Materials['categories'][number]>[]): Materials =>
  ({ status: 'draft', statusLabel: '填报', underReview: false, reviewComments: [], todo: [], categories }) as unknown as Materials;

describe('the catalog words on the materials page', () => {
  it('shows the English name and requirements in English mode, the Chinese where none was written', () => {
    const m = materials([
      { code: 'id_card', name: '身份证明', requirements: '正反两面。', nameEn: 'Proof of identity', requirementsEn: 'Both sides.' },
      { code: 'local', name: '本地证明', requirements: '考点要求。', nameEn: null, requirementsEn: '' },
    ]);
    expect(materialsInLanguage(m, 'en').categories.map((c) => [c.name, c.requirements])).toEqual([
      ['Proof of identity', 'Both sides.'],
      ['本地证明', '考点要求。'],
    ]);
    expect(materialsInLanguage(m, 'zh-CN').categories[0]).toMatchObject({ name: '身份证明', requirements: '正反两面。' });
  });

  it('names an exam category in English in English mode, in Chinese otherwise or where no English was written', () => {
    expect(nameInLanguage({ name: '临床执业医师', nameEn: 'Clinical physician' }, 'en')).toBe('Clinical physician');
    expect(nameInLanguage({ name: '临床执业医师', nameEn: 'Clinical physician' }, 'zh-CN')).toBe('临床执业医师');
    expect(nameInLanguage({ name: '新类别', nameEn: null }, 'en')).toBe('新类别');
    expect(nameInLanguage({ name: '新类别' }, 'en')).toBe('新类别');
  });

  it('gives a reviewer the file\'s categories and its missing ones in the same English words', () => {
    const file = {
      materials: materials([
        { code: 'id_card', name: '身份证明', requirements: '正反两面。', nameEn: 'Proof of identity', requirementsEn: 'Both sides.' },
        { code: 'local', name: '本地证明', requirements: '考点要求。', nameEn: null, requirementsEn: null },
      ]),
      missingRequired: ['身份证明', '本地证明'],
    };
    const en = reviewFileInLanguage(file, 'en');
    expect(en.materials.categories.map((c) => c.name)).toEqual(['Proof of identity', '本地证明']);
    expect(en.missingRequired).toEqual(['Proof of identity', '本地证明']);
    expect(reviewFileInLanguage(file, 'zh-CN')).toBe(file);
  });

  it('says the sentence every default category repeats once, and keeps each category\'s own words', () => {
    for (const [lang, pick] of [['zh', (c: (typeof MATERIAL_CATEGORIES)[number]) => c.requirements], ['en', (c: (typeof MATERIAL_CATEGORIES)[number]) => c.requirementsEn!]] as const) {
      const { shared, own } = sharedRequirement(MATERIAL_CATEGORIES.map((c) => ({ code: c.code, requirements: pick(c) })));
      expect(shared, lang).toMatch(lang === 'zh' ? /^画面保持正向.*不超过200KB。$/ : /^Keep the picture upright.*200 KB per file\.$/);
      for (const c of MATERIAL_CATEGORIES) {
        const text = own.get(c.code)!;
        expect(text.length, c.code).toBeGreaterThan(5);
        expect(text, c.code).not.toContain(lang === 'zh' ? '画面保持正向' : 'Keep the picture upright');
      }
      expect(own.get('id_card')).toMatch(lang === 'zh' ? /^上传有效身份证件正反两面.*文字清楚。$/ : /^Upload both sides.*readable\.$/);
    }
  });

  it('shares nothing when the texts have nothing in common, or there are too few to matter', () => {
    const differ = sharedRequirement([{ code: 'a', requirements: '第一种要求。' }, { code: 'b', requirements: '第二种要求。' }, { code: 'c', requirements: '第三种要求。' }]);
    expect(differ.shared).toBe('');
    expect(differ.own.get('b')).toBe('第二种要求。');
    const two = sharedRequirement([{ code: 'a', requirements: '甲。画面保持正向不得翻转。' }, { code: 'b', requirements: '乙。画面保持正向不得翻转。' }]);
    expect(two.shared).toBe('');
    // A region's extra line after the shared sentence stays with its category.
    const extra = sharedRequirement([
      { code: 'a', requirements: '甲。画面保持正向不得翻转。' },
      { code: 'b', requirements: '乙。画面保持正向不得翻转。\n本考区还须上传手持身份证照片。' },
      { code: 'c', requirements: '丙。画面保持正向不得翻转。' },
    ]);
    expect(extra.shared).toBe('画面保持正向不得翻转。');
    expect(extra.own.get('b')).toBe('乙。本考区还须上传手持身份证照片。');
  });
});
