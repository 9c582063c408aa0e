import type { Actor, Deps } from './deps.js';
import { AppError } from '../domain/errors.js';
import { chinaDay, formatChinaDateTime } from '../domain/china-time.js';
import { levelOf } from '../domain/review-rules.js';
import { findInScope } from './find-in-scope.js';
import { missingOf, requirementsOfSubject } from './refresh-review-summary.js';
import { notifyCandidate } from './notify-candidate.js';

/**
 * 提醒: a reviewer reminds a candidate whose file is incomplete (材料不齐) to finish it — an
 * in-app message and an SMS through the outbox, at most once per candidate and China day
 * (the reminders table's key holds that under concurrent clicks), audited.
 */
export async function remindCandidate(deps: Deps, actor: Actor, registrationNo: string): Promise<{ remindedAt: string; missing: string[] }> {
  const level = levelOf(actor.role);
  const found = await findInScope(deps, actor, registrationNo);
  const state = await deps.store.reviewQueue.queueStateOf(found.id);
  if (!level || state.reviewQueue !== level || state.materialsComplete) throw new AppError('NOT_REVIEWABLE');
  const now = deps.clock.now();
  const day = chinaDay(now);
  const missing = missingOf(await requirementsOfSubject(deps.store, state.subject), state.liveCounts);
  await deps.store.transaction(async (tx) => {
    if (!(await tx.review.addReminder(found.id, day, actor.accountId, now))) {
      const earlier = await tx.review.reminderAt(found.id, day);
      throw new AppError('REMINDED_TODAY', { at: earlier ? formatChinaDateTime(earlier) : undefined });
    }
    const what = missing.names.length ? `还需上传：${missing.names.join('、')}。` : '还有审核要求补充的材料未上传。';
    await notifyCandidate(tx, found.id, now, {
      title: '请补齐报名材料',
      body: `您的必传材料尚未上传齐全，考点暂时无法审核。${what}请在材料上传截止前登录考生服务系统，进入“上传相关材料”补齐。`,
      sms: `【医师资格考试】您的报名材料尚未上传齐全，考点暂时无法审核，请在上传截止前登录考生服务系统补齐材料。`,
    });
    await tx.audit.append({
      at: now, actorAccountId: actor.accountId, actorRole: actor.role, action: 'review.reminded', registrationId: found.id,
      details: { missing: missing.codes, day }, ip: actor.ip,
    });
  });
  return { remindedAt: now.toISOString(), missing: missing.names };
}
