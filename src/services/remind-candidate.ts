import type { Actor, Deps } from './deps.js';
import { AppError } from '../domain/errors.js';
import { toBool, toDbTime } from '../adapters/db/time.js';
import { appendAudit } from '../adapters/db/repositories/audit-log.js';
import { chinaDay, formatChinaDateTime } from '../domain/china-time.js';
import { levelOf } from '../domain/review-rules.js';
import { findInScope } from './find-in-scope.js';
import { missingRequiredFor } from './refresh-review-summary.js';
import { notifyCandidate } from './notify-candidate.js';

/**
 * 提醒: a reviewer reminds a candidate whose file is incomplete (材料不齐) to finish it — an
 * in-app message and an SMS through the outbox, at most once per candidate and China day
 * (the reminders table's key holds that under concurrent clicks), audited.
 */
export async function remindCandidate(deps: Deps, actor: Actor, registrationNo: string): Promise<{ remindedAt: string; missing: string[] }> {
  const level = levelOf(actor.role);
  const found = await findInScope(deps, actor, registrationNo);
  const reg = await deps.db
    .selectFrom('registrations')
    .select(['review_queue', 'materials_complete'])
    .where('id', '=', found.id)
    .executeTakeFirstOrThrow();
  if (!level || reg.review_queue !== level || toBool(reg.materials_complete)) throw new AppError('NOT_REVIEWABLE');
  const now = deps.clock.now();
  const day = chinaDay(now);
  const missing = await missingRequiredFor(deps.db, found.id);
  await deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .insertInto('candidate_reminders')
      .values({ registration_id: found.id, day, account_id: actor.accountId, at: toDbTime(now) })
      .onConflict((oc) => oc.columns(['registration_id', 'day']).doNothing())
      .executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0) !== 1) {
      const earlier = await trx.selectFrom('candidate_reminders').select('at').where('registration_id', '=', found.id).where('day', '=', day).executeTakeFirst();
      throw new AppError('REMINDED_TODAY', { at: earlier ? formatChinaDateTime(new Date(String(earlier.at))) : undefined });
    }
    const what = missing.names.length ? `还需上传：${missing.names.join('、')}。` : '还有审核要求补充的材料未上传。';
    await notifyCandidate(deps.repositoriesOver(trx), found.id, now, {
      title: '请补齐报名材料',
      body: `您的必传材料尚未上传齐全，考点暂时无法审核。${what}请在材料上传截止前登录考生服务系统，进入“上传相关材料”补齐。`,
      sms: `【医师资格考试】您的报名材料尚未上传齐全，考点暂时无法审核，请在上传截止前登录考生服务系统补齐材料。`,
    });
    await appendAudit(trx, {
      at: now, actorAccountId: actor.accountId, actorRole: actor.role, action: 'review.reminded', registrationId: found.id,
      details: { missing: missing.codes, day }, ip: actor.ip,
    });
  });
  return { remindedAt: now.toISOString(), missing: missing.names };
}
