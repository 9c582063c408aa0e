import type { Actor, Deps } from './deps.js';
import { AppError } from '../domain/errors.js';
import { toDbTime } from '../adapters/db/time.js';
import { appendAudit } from '../adapters/db/repositories/audit-log.js';

/** Current version of the consent text shown on the activation page. */
export const CONSENT_VERSION = '2026-1';

/** Records, once, that the candidate accepted how their images and data are used. */
export async function activateCandidate(deps: Deps, actor: Actor, input: { agree: boolean }): Promise<void> {
  if (!actor.registrationId) throw new AppError('NOT_FOUND');
  if (input.agree !== true) throw new AppError('VALIDATION_FAILED', { reason: '请勾选“我已阅读并同意”后再激活' });
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('registrations')
      .set({ activated_at: toDbTime(now) })
      .where('id', '=', actor.registrationId!)
      .where('activated_at', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) > 0) {
      await appendAudit(trx, {
        at: now, actorAccountId: actor.accountId, actorRole: actor.role, action: 'candidate.activated',
        registrationId: actor.registrationId, details: { consentVersion: CONSENT_VERSION }, ip: actor.ip,
      });
    }
  });
}
