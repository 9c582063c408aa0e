import type { Actor, Deps } from './deps.js';
import { AppError } from '../domain/errors.js';
import { toBool, toDbTime } from '../adapters/db/time.js';
import { appendAudit } from '../adapters/db/repositories/audit-log.js';
import { chinaDay, formatChinaDateTime } from '../domain/china-time.js';
import { levelOf } from '../domain/review-rules.js';
import { findInScope } from './find-in-scope.js';
import { missingRequiredFor } from './refresh-review-summary.js';
import { notifyCandidate } from './notify-candidate.js';
import { candidateNotice } from '../domain/messages/index.js';

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
    await notifyCandidate(trx, found.id, now, candidateNotice({ kind: 'reminder', missing: missing.names }));
    await appendAudit(trx, {
      at: now, actorAccountId: actor.accountId, actorRole: actor.role, action: 'review.reminded', registrationId: found.id,
      details: { missing: missing.codes, day }, ip: actor.ip,
    });
  });
  return { remindedAt: now.toISOString(), missing: missing.names };
}
