import { describe, expect, it } from 'vitest';
import { buildTodo, requiredSet, requiredSetChanged, type TodoCategory } from '../../src/domain/materials-todo.js';
import { claimBlockedByIncomplete, decisionProblemCode, type DecisionInput } from '../../src/domain/review-rules.js';
import { decisionProblemText } from '../../src/domain/messages/index.js';
import { lateDeleteAllowed, lateFixesOpen, lateUploadAllowed, uploadWindowState } from '../../src/domain/late-fixes.js';
import { DEFAULT_RULES, MATERIAL_CATEGORIES, resolveRequirements } from '../../src/domain/catalog.js';
import { chinaDay } from '../../src/domain/china-time.js';

const img = (id: string, state: 'pending' | 'approved' | 'replace_requested' = 'approved', reason: string | null = null) => ({ id, state, reason });
const cat = (code: string, required: boolean, minCount: number, images: ReturnType<typeof img>[]): TodoCategory => ({ code, required, minCount, images });

describe('the candidate to-do (materials.todo)', () => {
  it('is empty when every required category is filled and nothing is flagged or requested', () => {
    expect(buildTodo([cat('id_card', true, 2, [img('a'), img('b')]), cat('other', false, 0, [])], [], [])).toEqual([]);
  });
  it('lists missing, replace and requested items in page order, a request taking the place of "missing"', () => {
    const todo = buildTodo(
      [
        cat('id_card', true, 2, [img('a'), img('b', 'replace_requested', '图片不清晰')]),
        cat('graduation_cert', true, 1, []),
        cat('degree_cert', false, 0, []),
        cat('education_record', true, 1, []),
      ],
      [],
      [{ categoryCode: 'degree_cert', reason: '请上传学位证书' }, { categoryCode: 'education_record', reason: '请上传备案表' }],
    );
    expect(todo).toEqual([
      { kind: 'replace', categoryCode: 'id_card', imageId: 'b', reason: '图片不清晰' },
      { kind: 'missing', categoryCode: 'graduation_cert' },
      { kind: 'requested', categoryCode: 'degree_cert', reason: '请上传学位证书' },
      { kind: 'requested', categoryCode: 'education_record', reason: '请上传备案表' },
    ]);
  });
  it('counts a two-image category as missing while it holds one', () => {
    expect(buildTodo([cat('id_card', true, 2, [img('a')])], [], [])).toEqual([{ kind: 'missing', categoryCode: 'id_card' }]);
  });
  it('is never empty while a replace_requested image remains, even in a category no longer listed', () => {
    const todo = buildTodo([cat('id_card', true, 2, [img('a'), img('b')])], [{ ...img('x', 'replace_requested', '方向不正'), categoryCode: 'old_cat' }], []);
    expect(todo).toEqual([{ kind: 'replace', categoryCode: 'old_cat', imageId: 'x', reason: '方向不正' }]);
    expect(buildTodo([cat('other', false, 0, [img('y', 'replace_requested')])], [], [])).toEqual([{ kind: 'replace', categoryCode: 'other', imageId: 'y' }]);
  });
  it('still shows a request for a category the candidate no longer sees', () => {
    expect(buildTodo([], [], [{ categoryCode: 'gone', reason: 'r' }])).toEqual([{ kind: 'requested', categoryCode: 'gone', reason: 'r' }]);
  });
});

describe('claimability of an incomplete file', () => {
  it('is blocked only while the upload window is open', () => {
    expect(claimBlockedByIncomplete(false, true)).toBe(true);
    expect(claimBlockedByIncomplete(false, false)).toBe(false);
    expect(claimBlockedByIncomplete(true, true)).toBe(false);
    expect(claimBlockedByIncomplete(true, false)).toBe(false);
  });
});

describe('requestedCategories validation (codes, not sentences)', () => {
  const approve = [{ id: 'a', verdict: 'approve' as const }, { id: 'b', verdict: 'approve' as const }];
  const requestable = new Map([
    ['other', { free: 10, imageIds: [] as string[] }],
    ['id_card', { free: 0, imageIds: ['a', 'b'] }],
  ]);
  const ctx = { missingRequired: [], requestable };
  const ret = (requestedCategories: DecisionInput['requestedCategories'], images: DecisionInput['images'] = approve): DecisionInput => ({ outcome: 'return', comment: '请补充', images, requestedCategories });

  it('lets a complete, all-approved file be returned for one more document', () => {
    expect(decisionProblemCode(ret([{ categoryCode: 'other', reason: '请补充姓名变更证明' }]), ctx)).toBeNull();
    expect(decisionProblemCode(ret([]), ctx)).toBe('return_nothing_to_fix');
  });
  it('names each problem with a stable code', () => {
    expect(decisionProblemCode({ ...ret([{ categoryCode: 'other', reason: 'x' }]), outcome: 'pass' }, ctx)).toBe('requested_only_on_return');
    expect(decisionProblemCode({ ...ret([{ categoryCode: 'other', reason: 'x' }]), outcome: 'reject' }, ctx)).toBe('requested_only_on_return');
    expect(decisionProblemCode(ret([{ categoryCode: 'nope', reason: 'x' }]), ctx)).toBe('requested_unknown_category');
    expect(decisionProblemCode(ret([{ categoryCode: 'other', reason: 'x' }, { categoryCode: 'other', reason: 'y' }]), ctx)).toBe('requested_duplicate');
    expect(decisionProblemCode(ret([{ categoryCode: 'other', reason: '  ' }]), ctx)).toBe('requested_reason_missing');
    expect(decisionProblemCode(ret([{ categoryCode: 'other' }]), ctx)).toBe('requested_reason_missing');
    expect(decisionProblemCode(ret([{ categoryCode: 'other', reason: 'x'.repeat(201) }]), ctx)).toBe('requested_reason_too_long');
    expect(decisionProblemCode(ret(Array.from({ length: 11 }, (_, i) => ({ categoryCode: `c${i}`, reason: 'x' }))), { missingRequired: [] })).toBe('requested_too_many');
  });
  it('refuses a request into a full category unless one of its images is marked for replacement', () => {
    expect(decisionProblemCode(ret([{ categoryCode: 'id_card', reason: '请补传' }]), ctx)).toBe('requested_category_full');
    const replaceB: DecisionInput['images'] = [{ id: 'a', verdict: 'approve' }, { id: 'b', verdict: 'replace', reason: '不清晰' }];
    expect(decisionProblemCode(ret([{ categoryCode: 'id_card', reason: '请补传' }], replaceB), ctx)).toBeNull();
  });
  it('accepts any category when the caller does not know the list (the web client)', () => {
    expect(decisionProblemCode(ret([{ categoryCode: 'anything', reason: 'x' }]), { missingRequired: [] })).toBeNull();
  });
  it('has words for every code in both languages', () => {
    expect(decisionProblemText('pass_missing_required', ['身份证明', '毕业证书'])).toBe('必传材料未上传齐全：身份证明、毕业证书');
    expect(decisionProblemText('requested_category_full', [], 'en')).toMatch(/full/);
  });
});

describe('uploads after the upload deadline', () => {
  const at = (iso: string) => new Date(iso);
  const window = { uploadEnabled: true, opensAt: at('2026-03-01T00:00:00Z'), closesAt: at('2026-03-15T10:00:00Z') };
  it('tells 未开放 from 已截止 and from switched off', () => {
    expect(uploadWindowState(window, at('2026-02-28T00:00:00Z'))).toBe('not_open');
    expect(uploadWindowState(window, at('2026-03-05T00:00:00Z'))).toBe('open');
    expect(uploadWindowState(window, at('2026-03-15T10:00:00Z'))).toBe('closed');
    expect(uploadWindowState({ ...window, uploadEnabled: false }, at('2026-03-05T00:00:00Z'))).toBe('off');
  });
  it('opens late fixes only to a returned file, after the deadline, while review is open', () => {
    expect(lateFixesOpen('returned', 'closed', true)).toBe(true);
    expect(lateFixesOpen('returned', 'closed', false)).toBe(false);
    expect(lateFixesOpen('returned', 'not_open', true)).toBe(false);
    expect(lateFixesOpen('returned', 'off', true)).toBe(false);
    for (const s of ['draft', 'site_approved', 'approved', 'rejected'] as const) expect(lateFixesOpen(s, 'closed', true)).toBe(false);
  });
  it('takes one new image per flagged image and any into a requested category', () => {
    expect(lateUploadAllowed({ flagged: 1, requested: false, uploadedSince: 0 })).toBe(true);
    expect(lateUploadAllowed({ flagged: 1, requested: false, uploadedSince: 1 })).toBe(false);
    expect(lateUploadAllowed({ flagged: 0, requested: false, uploadedSince: 0 })).toBe(false);
    expect(lateUploadAllowed({ flagged: 0, requested: true, uploadedSince: 3 })).toBe(true);
  });
  it('removes only images marked for replacement', () => {
    expect(lateDeleteAllowed('replace_requested')).toBe(true);
    expect(lateDeleteAllowed('pending')).toBe(false);
    expect(lateDeleteAllowed('approved')).toBe(false);
  });
});

describe('required-set comparison (imports)', () => {
  it('sees no change in order or duplicates of the same set', () => {
    expect(requiredSetChanged(['a', 'b'], ['b', 'a'])).toBe(false);
    expect(requiredSetChanged(['a', 'b'], ['a', 'c'])).toBe(true);
    expect(requiredSetChanged(['a'], ['a', 'b'])).toBe(true);
  });
  it('builds the set from the required categories only', () => {
    expect(requiredSet([{ code: 'z', requirement: 'required' }, { code: 'y', requirement: 'optional' }, { code: 'a', requirement: 'required' }])).toEqual(['a', 'z']);
  });
  const setFor = (examCategoryCode: string, situations: string[] = []) =>
    requiredSet(resolveRequirements(MATERIAL_CATEGORIES, DEFAULT_RULES, { regionCode: '99', examCategoryCode, situations }));
  it('keeps the same set for a change of 报考类别 between categories with the same requirements', () => {
    expect(requiredSetChanged(setFor('110'), setFor('120'))).toBe(false);
  });
  it('follows the exam category and the situation in the national defaults', () => {
    expect(setFor('110', ['assistant_to_physician'])).toEqual(expect.arrayContaining(['physician_qualification', 'practice_license', 'practice_assessment']));
    expect(setFor('140', ['mentorship'])).toContain('mentorship_cert');
    expect(setFor('240', ['mentorship'])).toContain('mentorship_cert');
    expect(setFor('110', ['fresh_graduate'])).toContain('graduate_commitment');
    expect(setFor('110', ['fresh_graduate'])).not.toContain('graduation_cert');
    // An assistant category cannot be an assistant's step up; 师承/确有专长 exists only in 中医.
    expect(setFor('210', ['assistant_to_physician'])).not.toContain('physician_qualification');
    expect(setFor('110', ['mentorship'])).not.toContain('mentorship_cert');
    expect(requiredSetChanged(setFor('110', ['assistant_to_physician']), setFor('210', ['assistant_to_physician']))).toBe(true);
  });
});

describe('the day of "at most one 提醒 a day"', () => {
  it('is the China calendar day, not the UTC one', () => {
    expect(chinaDay(new Date('2026-03-05T15:59:59Z'))).toBe('2026-03-05');
    expect(chinaDay(new Date('2026-03-05T16:00:00Z'))).toBe('2026-03-06');
  });
});
