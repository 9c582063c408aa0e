import { describe, expect, it } from 'vitest';
import { ADMIN_MESSAGES, adminText } from '../../web/src/pages/admin/admin-messages.js';

const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('administration console dictionary (admin-messages.ts)', () => {
  it('has the same keys in zh-CN and English', () => {
    const zh = Object.keys(ADMIN_MESSAGES['zh-CN']).sort();
    expect(zh.length).toBeGreaterThan(100);
    expect(Object.keys(ADMIN_MESSAGES.en).sort()).toEqual(zh);
  });

  it('English has no CJK characters or full-width punctuation, and no empty value', () => {
    const cjk = Object.entries(ADMIN_MESSAGES.en).filter(([, v]) => CJK.test(v)).map(([k]) => k);
    expect(cjk).toEqual([]);
    // common.sentenceSep is '' in Chinese (no space between sentences), ' ' in English.
    const empty = Object.entries(ADMIN_MESSAGES.en).filter(([, v]) => v === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('each English message has the placeholders of its Chinese one', () => {
    const zh = ADMIN_MESSAGES['zh-CN'];
    const differ = Object.keys(zh).filter((k) => placeholders(zh[k as keyof typeof zh]).join() !== placeholders(ADMIN_MESSAGES.en[k as keyof typeof zh]).join());
    expect(differ).toEqual([]);
  });

  it('fills parameters, in both languages, and keeps the Chinese wording', () => {
    expect(adminText('zh-CN', 'accounts.total', { count: 42 })).toBe('共 42 个');
    expect(adminText('en', 'accounts.total', { count: 42 })).toBe('42 in total');
    expect(adminText('zh-CN', 'import.done', { imported: 3, updated: 1, rejected: 0 })).toBe('导入完成：新增 3，更新 1，拒绝 0');
    expect(adminText('en', 'import.done', { imported: 3, updated: 1, rejected: 0 })).toBe('Import finished: 3 added, 1 updated, 0 rejected');
    expect(adminText('en', 'window.range', { from: '2026/03/01 08:00', to: '2026/03/10 18:00' })).toBe('2026/03/01 08:00 to 2026/03/10 18:00');
    expect(adminText('zh-CN', 'nav.rules')).toBe('材料要求规则');
    // A placeholder without a value stays as written.
    expect(adminText('en', 'scope.region')).toBe('Region {code}');
  });
});
