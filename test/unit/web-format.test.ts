import { describe, expect, it } from 'vitest';
import { formatBytes, formatDateTime } from '../../web/src/lib/format.js';
import { randomId } from '../../web/src/lib/uuid.js';
import { MESSAGES, CONSENT, translate } from '../../web/src/i18n/messages.js';

describe('web format helpers', () => {
  it('writes sizes the way the seed does', () => {
    expect(formatBytes(4.2 * 1024 * 1024)).toBe('4.2MB');
    expect(formatBytes(186 * 1024)).toBe('186KB');
    expect(formatBytes(512)).toBe('512B');
  });

  it('shows times in China time', () => {
    expect(formatDateTime('2026-03-01T02:05:00Z')).toBe('2026-03-01 10:05');
    expect(formatDateTime('not a date')).toBe('not a date');
  });

  it('makes v4 UUIDs', () => {
    const a = randomId();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(randomId()).not.toBe(a);
  });
});

describe('web i18n dictionary', () => {
  it('has every key in both languages, none empty', () => {
    const zh = Object.keys(MESSAGES['zh-CN']).sort();
    expect(Object.keys(MESSAGES.en).sort()).toEqual(zh);
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const [k, v] of Object.entries(MESSAGES[lang])) expect(v, `${lang} ${k}`).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(MESSAGES['zh-CN']) as (keyof (typeof MESSAGES)['zh-CN'])[]) {
      expect(names(MESSAGES.en[key]), key).toEqual(names(MESSAGES['zh-CN'][key]));
    }
  });

  it('fills placeholders', () => {
    expect(translate('zh-CN', 'upload.autoFixed', { from: '4.2MB', to: '186KB' })).toBe('已自动处理：原图 4.2MB → 186KB');
    expect(translate('en', 'materials.count', { count: 1, max: 2 })).toBe('1/2 uploaded');
  });

  it('uses the seed words for statuses', () => {
    expect(translate('zh-CN', 'status.draft')).toBe('填报');
    expect(translate('zh-CN', 'status.returned')).toBe('退回修改');
    expect(translate('zh-CN', 'status.site_approved')).toBe('考点通过');
    expect(translate('zh-CN', 'status.approved')).toBe('审核通过');
    expect(translate('zh-CN', 'status.rejected')).toBe('审核拒绝');
  });

  it('the consent covers data, purpose, who sees it, watermark, retention, metadata and rights', () => {
    const text = CONSENT['zh-CN'].map((p) => p.heading + p.body).join('');
    for (const word of ['报名信息', '图片', '资格审核', '考点', '考区', '水印', '保存', '归档', 'GPS', '删除']) {
      expect(text).toContain(word);
    }
    expect(CONSENT.en).toHaveLength(CONSENT['zh-CN'].length);
  });
});
