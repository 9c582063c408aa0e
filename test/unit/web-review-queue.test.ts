import { describe, expect, it } from 'vitest';
import { filtersFromSearch, filtersToSearch, nextQuery, pickNext, queueQuery } from '../../web/src/pages/review/queue.js';
import { formatWaiting, REVIEW_MESSAGES } from '../../web/src/pages/review/review-messages.js';

describe('review queue filters and 下一位', () => {
  it('defaults to the pending queue for reviewers and to all for administrators', () => {
    expect(filtersFromSearch(new URLSearchParams(), true)).toEqual({ status: 'pending' });
    expect(filtersFromSearch(new URLSearchParams(), false)).toEqual({ status: 'all' });
    expect(filtersFromSearch(new URLSearchParams('status=pending'), false)).toEqual({ status: 'all' });
    expect(filtersFromSearch(new URLSearchParams('status=bogus&complete=maybe'), true)).toEqual({ status: 'pending' });
  });

  it('round-trips the filters through the console URL and builds the API query', () => {
    const f = filtersFromSearch(new URLSearchParams('status=returned&examCategory=11&site=9901&complete=false&changed=true&claimed=false&q=%20张三%20'), true);
    expect(f).toEqual({ status: 'returned', examCategory: '11', site: '9901', complete: 'false', changed: 'true', claimed: 'false', q: '张三' });
    expect(filtersFromSearch(filtersToSearch(f, true), true)).toEqual(f);
    expect(filtersToSearch({ status: 'pending' }, true).toString()).toBe('');
    expect(queueQuery({ status: 'pending', q: '2026' }, { cursor: 'abc', limit: 50 })).toBe('status=pending&q=2026&cursor=abc&limit=50');
  });

  it('下一位 asks the pending queue for free candidates only, keeping the other filters', () => {
    expect(nextQuery({ status: 'pending', complete: 'true' }, null)).toBe('status=pending&complete=true&claimed=false&limit=50');
    expect(nextQuery({ status: 'all' }, 'c1')).toBe('status=all&complete=true&cursor=c1&limit=50');
  });

  it('下一位 never lands on an incomplete file, not even from the 材料不齐 list', () => {
    expect(nextQuery({ status: 'incomplete' }, null)).toBe('status=pending&complete=true&claimed=false&limit=50');
    expect(nextQuery({ status: 'draft', complete: 'false' }, null)).toBe('status=draft&complete=true&limit=50');
  });

  it('keeps the 材料不齐 tab for reviewers only', () => {
    expect(filtersFromSearch(new URLSearchParams('status=incomplete'), true).status).toBe('incomplete');
    expect(filtersFromSearch(new URLSearchParams('status=incomplete'), false).status).toBe('all');
  });

  it('picks the oldest candidate that is not open, not seen in this sitting, and not held by someone else', () => {
    const items = [
      { registrationNo: '1', claimed: false, claimedByMe: false },
      { registrationNo: '2', claimed: true, claimedByMe: false },
      { registrationNo: '3', claimed: true, claimedByMe: true },
      { registrationNo: '4', claimed: false, claimedByMe: false },
    ];
    expect(pickNext(items, null, new Set())).toBe('1');
    expect(pickNext(items, '1', new Set())).toBe('3');
    expect(pickNext(items, '1', new Set(['3']))).toBe('4');
    expect(pickNext(items, '4', new Set(['1', '3']))).toBeNull();
  });

  it('writes waiting times the way people say them', () => {
    expect(formatWaiting(0.5, 'zh-CN')).toBe('刚刚');
    expect(formatWaiting(45, 'zh-CN')).toBe('45分钟');
    expect(formatWaiting(200, 'zh-CN')).toBe('3小时20分');
    expect(formatWaiting(120, 'zh-CN')).toBe('2小时');
    expect(formatWaiting(3 * 1440 + 125, 'zh-CN')).toBe('3天2小时');
    expect(formatWaiting(200, 'en')).toBe('3 h 20 min');
    expect(formatWaiting(1440, 'en')).toBe('1 d');
  });

  it('has every review page word in English too', () => {
    const zh = Object.keys(REVIEW_MESSAGES['zh-CN']).sort();
    expect(Object.keys(REVIEW_MESSAGES.en).sort()).toEqual(zh);
    for (const k of zh) expect(REVIEW_MESSAGES.en[k as keyof typeof REVIEW_MESSAGES.en].trim()).not.toBe('');
  });
});
