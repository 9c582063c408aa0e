import type { Actor, Deps } from './deps.js';
import { AppError } from '../domain/errors.js';

/** Current version of the consent text shown on the activation page. */
export const CONSENT_VERSION = '2026-1';

/** Records, once, that the candidate accepted how their images and data are used. */
export async function activateCandidate(deps: Deps, actor: Actor, input: { agree: boolean }): Promise<void> {
  if (!actor.registrationId) throw new AppError('NOT_FOUND');
  if (input.agree !== true) throw new AppError('VALIDATION_FAILED', { reason: '请勾选“我已阅读并同意”后再激活' });
  const now = deps.clock.now();
  await deps.store.transaction(async (tx) => {
    if (await tx.accounts.recordActivation(actor.registrationId!, now)) {
      await tx.audit.append({
        at: now, actorAccountId: actor.accountId, actorRole: actor.role, action: 'candidate.activated',
        registrationId: actor.registrationId, details: { consentVersion: CONSENT_VERSION }, ip: actor.ip,
      });
    }
  });
}
