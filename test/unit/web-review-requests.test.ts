import { describe, expect, it } from 'vitest';
import type { MaterialCategory, MaterialImage } from '../../web/src/api/types.js';
import { canRequest, requestableOf, requestedCategoriesBody, requestItems, REQUEST_REASONS } from '../../web/src/pages/review/requests.js';
import { clientProblem, decisionBody, emptyVerdicts, verdictReducer, type VerdictAction } from '../../web/src/pages/review/verdicts.js';
import { decisionProblemCode } from '../../src/domain/review-rules.js';
import { decisionProblemText } from '../../src/domain/messages/index.js';

const image = (id: string) => ({ id }) as MaterialImage;
const category = (code: string, name: string, maxCount: number, ids: string[]): MaterialCategory => ({
  code,
  name,
  requirements: '',
  exampleImageUrl: `/api/v1/catalog/examples/${code}.png`,
  required: false,
  minCount: 0,
  maxCount,
  images: ids.map(image),
});
// 身份证明 holds its two images (full); 其他 takes five and holds none.
const catalog = [category('id_card', '身份证明', 2, ['a', 'b']), category('other', '其他', 5, [])];
const requestable = requestableOf(catalog);
const run = (actions: VerdictAction[]) => actions.reduce(verdictReducer, emptyVerdicts);
const reset: VerdictAction = { type: 'reset', images: [{ id: 'a', state: 'pending', reason: null }, { id: 'b', state: 'pending', reason: null }] };
// Both images looked at and approved: a complete, all-approved file.
const allApproved = run([reset, { type: 'move', delta: 1 }, { type: 'approveAll' }]);

describe('要求补充材料 on the review page', () => {
  it('sends the requested categories with a return, trimmed, and never with a pass or a rejection', () => {
    const requests = [{ categoryCode: 'other', reason: `  ${REQUEST_REASONS[0]} ` }];
    expect(decisionBody(allApproved, 'return', '请补充', requests)).toEqual({
      outcome: 'return',
      comment: '请补充',
      images: [
        { id: 'a', verdict: 'approve' },
        { id: 'b', verdict: 'approve' },
      ],
      requestedCategories: [{ categoryCode: 'other', reason: '请补充相关证明材料' }],
    });
    expect(decisionBody(allApproved, 'pass', '', requests)).not.toHaveProperty('requestedCategories');
    expect(decisionBody(allApproved, 'reject', '不符合', requests)).not.toHaveProperty('requestedCategories');
    expect(decisionBody(allApproved, 'return', '请补充', [])).not.toHaveProperty('requestedCategories');
  });

  it('lets a complete, all-approved file be returned with only a requested category', () => {
    expect(clientProblem(allApproved, 'return', '请补充', [], [], requestable)).toMatchObject({ kind: 'rule', code: 'return_nothing_to_fix' });
    expect(clientProblem(allApproved, 'return', '请补充', [], [{ categoryCode: 'other', reason: '请补充相关证明材料' }], requestable)).toBeNull();
    // The same body passes the server's rule with the server's numbers.
    const body = decisionBody(allApproved, 'return', '请补充', [{ categoryCode: 'other', reason: '请补充相关证明材料' }]);
    expect(decisionProblemCode(body, { missingRequired: [], requestable })).toBeNull();
  });

  it('refuses an entry without a category, without a reason, twice the same, or a full category', () => {
    const ask = (categoryCode: string, reason = '请补充') => ({ categoryCode, reason });
    expect(clientProblem(allApproved, 'return', '请补充', [], [ask('')], requestable)).toEqual({ kind: 'requestNeedsCategory' });
    expect(clientProblem(allApproved, 'return', '请补充', [], [ask('other', '  ')], requestable)).toMatchObject({ code: 'requested_reason_missing' });
    expect(clientProblem(allApproved, 'return', '请补充', [], [ask('other'), ask('other')], requestable)).toMatchObject({ code: 'requested_duplicate' });
    expect(clientProblem(allApproved, 'return', '请补充', [], [ask('id_card')], requestable)).toMatchObject({
      code: 'requested_category_full',
      message: '要求补充的材料已达上传数量上限，考生无法再上传；请改为标记其中需更换的图片',
    });
    // An entry being filled in does not block a pass (it is not sent).
    expect(clientProblem(allApproved, 'pass', '', [], [ask('')], requestable)).toBeNull();
  });

  it('offers a full category again once one of its images is marked for replacement', () => {
    expect(canRequest(requestable, 'id_card', new Set())).toBe(false);
    expect(canRequest(requestable, 'id_card', new Set(['b']))).toBe(true);
    expect(canRequest(requestable, 'other', new Set())).toBe(true);
    expect(canRequest(requestable, 'unknown', new Set())).toBe(false);
    const marked = run([reset, { type: 'move', delta: 1 }, { type: 'approveAll' }, { type: 'preset', id: 'b', preset: '图片不清晰' }]);
    expect(clientProblem(marked, 'return', '请更换并补充', [], [{ categoryCode: 'id_card', reason: '请补充反面' }], requestable)).toBeNull();
  });

  it('names the requests for the comment and says the server\'s problem in the reviewer\'s language', () => {
    const nameOf = (code: string) => catalog.find((c) => c.code === code)?.name ?? code;
    expect(requestItems([{ categoryCode: 'other', reason: ' 请补充相关证明材料 ' }, { categoryCode: '', reason: 'x' }], nameOf)).toEqual(['其他（请补充相关证明材料）']);
    expect(requestedCategoriesBody([{ categoryCode: 'other', reason: ' a ' }])).toEqual([{ categoryCode: 'other', reason: 'a' }]);
    expect(decisionProblemText('requested_category_full', [], 'en')).toMatch(/full/);
    expect(decisionProblemText('requested_category_full', [], 'en')).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
