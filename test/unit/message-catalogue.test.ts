import { describe, expect, it } from 'vitest';
import { AppError, ERRORS } from '../../src/domain/errors.js';
import { DECISION_PROBLEM_CODES } from '../../src/domain/review-rules.js';
import { en } from '../../src/domain/messages/catalogue.en.js';
import { zhCN } from '../../src/domain/messages/catalogue.zh-CN.js';
import { candidateNotice, decisionProblemText, errorMessage, formatMessage, reviewNotice, type CandidateNotice } from '../../src/domain/messages/index.js';

const CJK = /[\u4e00-\u9fff]/;
const NOTICE_KINDS: CandidateNotice['kind'][] = ['sitePassed', 'regionPassed', 'returned', 'rejected', 'reminder', 'reopened', 'siteRequirementsChanged', 'registrationChanged'];

describe('the message catalogue', () => {
  it('has the same codes in zh-CN and en, each with words', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const code of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(formatMessage(code, {}, 'zh-CN').trim(), code).not.toBe('');
      expect(formatMessage(code, {}, 'en').trim(), code).not.toBe('');
    }
  });

  it('has a message for every API error code, and none for a code the API does not have', () => {
    const codes = Object.keys(ERRORS).map((c) => `error.${c}`).sort();
    expect(Object.keys(zhCN).filter((k) => k.startsWith('error.')).sort()).toEqual(codes);
    expect(Object.keys(en).filter((k) => k.startsWith('error.')).sort()).toEqual(codes);
  });

  it('has words for every refusal of the decision rules and every notice kind', () => {
    for (const code of DECISION_PROBLEM_CODES) {
      expect(zhCN).toHaveProperty([`decision.${code}`]);
      expect(en).toHaveProperty([`decision.${code}`]);
    }
    expect(Object.keys(zhCN).filter((k) => k.startsWith('decision.'))).toHaveLength(DECISION_PROBLEM_CODES.length);
    const noticeCodes = NOTICE_KINDS.flatMap((k) => [`notice.${k}.title`, `notice.${k}.body`, `notice.${k}.sms`]).sort();
    expect(Object.keys(zhCN).filter((k) => k.startsWith('notice.')).sort()).toEqual(noticeCodes);
  });

  it('speaks English in English: no Chinese words but the parameters', () => {
    for (const code of Object.keys(en) as (keyof typeof en)[]) expect(formatMessage(code, {}, 'en'), code).not.toMatch(CJK);
    const notice = candidateNotice({ kind: 'registrationChanged', changed: ['situations', 'site'], situations: [], formerStatus: 'approved', missing: [] }, 'en');
    expect(Object.values(notice).join('\n')).not.toMatch(CJK);
  });

  it('fills an error message from its details, as the server sends it', () => {
    expect(new AppError('CATEGORY_FULL', { maxCount: 3 }).messageFor('zh-CN')).toBe('该材料最多上传 3 张，已满。如需更换，请先点击图片右上角的“－”删除。');
    expect(new AppError('CATEGORY_FULL', { maxCount: 3 }).messageFor('en')).toMatch(/at most 3 images/);
    expect(errorMessage('FILE_TOO_LARGE', { bytes: 300 * 1024 }, 'zh-CN')).toBe('单个图片不能超过200KB，当前为300KB；页面可自动压缩，请重新选择图片。');
    expect(errorMessage('UPLOAD_DISABLED', { closesAt: '2026-03-01 17:00' }, 'en')).toBe('Material upload closed at 2026-03-01 17:00.');
    expect(errorMessage('NO_SUCH_CODE', {}, 'en')).toBeNull();
  });

  it('says a refused decision by its problem code, with the missing categories', () => {
    const refusal = new AppError('DECISION_INVALID', { problem: 'pass_missing_required', missing: ['身份证明', '毕业证书'] });
    expect(refusal.messageFor('zh-CN')).toBe('审核结论不完整：必传材料未上传齐全：身份证明、毕业证书');
    expect(refusal.messageFor('en')).toBe('The decision is incomplete: Required materials missing: 身份证明, 毕业证书.');
    expect(decisionProblemText('requested_too_many', [], 'zh-CN')).toBe('一次最多要求补充10种材料');
    // A problem the catalogue does not know falls back to the reason given.
    expect(new AppError('DECISION_INVALID', { problem: 'new_rule', reason: '请检查图片' }).messageFor('zh-CN')).toBe('审核结论不完整：请检查图片');
  });
});

describe('candidate notices', () => {
  it('tells a return with the reviewer\'s comment, who returned it and what to add', () => {
    const notice = candidateNotice(reviewNotice('site', 'return', '身份证反面不清晰', [{ name: '其他', reason: '请补充姓名变更证明' }]));
    expect(notice.title).toBe('退回修改');
    expect(notice.body).toBe(
      '考点审核意见：身份证反面不清晰\n请按审核意见更换标记的图片，修改后将自动等待再次审核。请登录考生服务系统，在“上传相关材料”页面最上方查看审核意见。\n需补充的材料：其他（请补充姓名变更证明）',
    );
    expect(notice.sms).toBe('【医师资格考试】您的报名材料被考点退回修改，请登录考生服务系统，在“上传相关材料”页面最上方查看审核意见。');
    expect(candidateNotice(reviewNotice('region', 'reject', '不符合报考条件')).body).toBe('考区审核意见：不符合报考条件');
    expect(candidateNotice(reviewNotice('region', 'pass', undefined)).sms).toBe('【医师资格考试】您的报名材料审核通过。');
  });

  it('names the missing materials in a reminder, and says so when only requested ones are missing', () => {
    expect(candidateNotice({ kind: 'reminder', missing: ['身份证明', '学历证书'] }).body).toBe(
      '您的必传材料尚未上传齐全，考点暂时无法审核。还需上传：身份证明、学历证书。请在材料上传截止前登录考生服务系统，进入“上传相关材料”补齐。',
    );
    expect(candidateNotice({ kind: 'reminder', missing: [] }).body).toContain('还有审核要求补充的材料未上传。');
    expect(candidateNotice({ kind: 'reminder', missing: ['身份证明'] }, 'en').body).toContain('Still to upload: 身份证明.');
  });

  it('tells a changed registration what changed, the lost status and what is missing', () => {
    const notice = candidateNotice({ kind: 'registrationChanged', changed: ['examCategory', 'situations'], situations: ['试用期'], formerStatus: 'approved', missing: ['试用期考核证明'] });
    expect(notice.title).toBe('报考信息变更：请核对并补充材料');
    expect(notice.body.split('\n')).toEqual([
      '报名系统更新了您的报考类别、个人情况（个人情况：试用期），需要上传的材料随之变化。',
      '您原来的审核状态“审核通过”已失效，状态改为“填报”，补齐材料后将重新审核。已审核通过且仍需要的图片保持通过。',
      '现在还需上传：试用期考核证明。',
      '不再需要的材料图片仍然保留（不再必传的已通过图片可自行删除），请登录考生服务系统，进入“上传相关材料”查看。',
    ]);
    expect(notice.sms).toBe('【医师资格考试】您的报考类别、个人情况已变更，需要上传的材料随之变化，原审核结果已失效，请登录考生服务系统查看并补充材料。');
    const moved = candidateNotice({ kind: 'registrationChanged', changed: ['region', 'site'], situations: [], formerStatus: null, missing: [] });
    expect(moved.title).toBe('报考信息变更：请核对材料');
    expect(moved.body).toContain('报名系统更新了您的考区/考点，需要上传的材料随之变化。\n已上传的图片均保留。\n请登录核对材料是否齐全。');
    expect(candidateNotice({ kind: 'registrationChanged', changed: ['site'], situations: [], formerStatus: 'site_approved', missing: [] }, 'en').body).toContain('"Passed by exam site" no longer holds');
  });

  it('tells a site rule change and a reopened review with their parameters', () => {
    const site = candidateNotice({ kind: 'siteRequirementsChanged', reset: true, missing: ['健康证明'] });
    expect(site.body).toBe(
      '您所在考点调整了需要上传的材料。\n您原来的审核结果已失效，状态改为“填报”，补齐材料后将重新审核。已审核通过且仍需要的图片保持通过。\n现在还需上传：健康证明。\n请登录考生服务系统，进入“上传相关材料”查看。',
    );
    expect(site.sms).toBe('【医师资格考试】您所在考点调整了需要上传的材料，原审核结果已失效，请登录考生服务系统查看并补充材料。');
    expect(candidateNotice({ kind: 'siteRequirementsChanged', reset: false, missing: [] }).sms).not.toContain('失效');
    expect(candidateNotice({ kind: 'reopened', reason: '考生申诉' }).body).toBe('您的报名材料审核已重新开启，将再次审核。原因：考生申诉');
    expect(candidateNotice({ kind: 'reopened', reason: 'appeal' }, 'en').body).toMatch(/Reason: appeal$/);
  });
});
