import type { Deps } from './deps.js';
import { AppError } from '../domain/errors.js';
import { checkHandoffClaims } from '../domain/handoff.js';
import { openHandoffToken } from '../domain/handoff-token.js';
import { openSession, type SessionResult } from './authenticate.js';

/**
 * The registration system sends a candidate to /sso?token=… (docs/HANDOFF.md). A token
 * signed with HANDOFF_KEY, not expired, naming a 报名号 with an active candidate account,
 * and never used before opens a session exactly as a login does. Each refusal is recorded.
 */
export async function signInWithHandoff(deps: Deps, input: { token: string; ip: string }): Promise<SessionResult> {
  const now = deps.clock.now();
  const refuse = async (code: 'HANDOFF_INVALID' | 'HANDOFF_EXPIRED' | 'HANDOFF_USED' | 'HANDOFF_UNAVAILABLE', details: Record<string, unknown>) => {
    await deps.store.audit.append({ at: now, actorAccountId: null, actorRole: null, action: 'auth.handoff_refused', details: { reason: code, ...details }, ip: input.ip });
    return new AppError(code);
  };
  if (!deps.handoffKey) throw await refuse('HANDOFF_UNAVAILABLE', { why: 'no_key_configured' });
  const payload = openHandoffToken(deps.handoffKey, input.token);
  if (payload === null) throw await refuse('HANDOFF_INVALID', { why: 'format_or_signature' });
  const checked = checkHandoffClaims(payload, now);
  if (!checked.ok) throw await refuse(checked.problem === 'expired' ? 'HANDOFF_EXPIRED' : 'HANDOFF_INVALID', { why: checked.problem });
  const { registrationNo, exp, jti } = checked.claims;

  // Spend the jti first: whatever happens next, this link has been used.
  const spent = await deps.store.accounts.spendHandoffToken({ jti, registrationNo, expiresAt: new Date(exp * 1000), usedAt: now });
  if (!spent) throw await refuse('HANDOFF_USED', { registrationNo, jti });
  // Used ids are only needed until they expire (with a day's margin for skewed clocks).
  await deps.store.accounts.forgetHandoffTokensExpiredBefore(new Date(now.getTime() - 86_400_000));

  const account = await deps.store.accounts.findCandidateByRegistrationNo(registrationNo);
  if (!account || account.disabled) throw await refuse('HANDOFF_UNAVAILABLE', { registrationNo, why: account ? 'disabled' : 'unknown_registration' });

  const session = await openSession(deps, account, now);
  await deps.store.audit.append({
    at: now, actorAccountId: account.id, actorRole: account.role, action: 'auth.handoff_login', registrationId: account.registrationId, details: { jti }, ip: input.ip,
  });
  return { ...session, actor: { ...session.actor, ip: input.ip } };
}
