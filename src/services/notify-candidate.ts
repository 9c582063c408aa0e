import type { Repositories } from '../ports/store.js';

/**
 * An in-app message now and an SMS through the outbox (jobs table), in the caller's
 * transaction: both happen exactly when the change they announce commits.
 */
export async function notifyCandidate(tx: Pick<Repositories, 'messages' | 'jobs'>, registrationId: string, now: Date, notice: { title: string; body: string; sms: string }): Promise<void> {
  await tx.messages.add(registrationId, { title: notice.title, body: notice.body }, now);
  await tx.jobs.enqueueSms(registrationId, notice.sms, now);
}

const WHERE = '请登录考生服务系统，在“上传相关材料”页面最上方查看审核意见。';

/** The words of each review outcome, for the inbox and the SMS. */
export function reviewNotice(level: 'site' | 'region', outcome: 'pass' | 'return' | 'reject', comment: string | undefined) {
  const who = level === 'site' ? '考点' : '考区';
  if (outcome === 'pass') {
    return level === 'site'
      ? { title: '考点审核通过', body: '您的报名材料已通过考点审核，等待考区审核。', sms: '【医师资格考试】您的报名材料已通过考点审核，等待考区审核。' }
      : { title: '审核通过', body: '您的报名材料已通过考区审核，审核结束。', sms: '【医师资格考试】您的报名材料审核通过。' };
  }
  if (outcome === 'return') {
    return {
      title: '退回修改',
      body: `${who}审核意见：${comment ?? ''}\n请按审核意见更换标记的图片，修改后将自动等待再次审核。${WHERE}`,
      sms: `【医师资格考试】您的报名材料被${who}退回修改，${WHERE}`,
    };
  }
  return {
    title: '审核拒绝',
    body: `${who}审核意见：${comment ?? ''}`,
    sms: `【医师资格考试】您的报名材料审核未通过（审核拒绝）。${WHERE}`,
  };
}
