import type { Deps } from './deps.js';
import { AppError } from '../domain/errors.js';
import { checkHandoffClaims } from '../domain/handoff.js';
import { openHandoffToken } from '../domain/handoff-token.js';
import { appendAudit } from '../adapters/db/repositories/audit-log.js';
import { toBool, toDbTime } from '../adapters/db/time.js';
import { openSession, type SessionResult } from './authenticate.js';

/**
 * The registration system sends a candidate to /sso?token=… (docs/HANDOFF.md). A token
 * signed with HANDOFF_KEY, not expired, naming a 报名号 with an active candidate account,
 * and never used before opens a session exactly as a login does. Each refusal is recorded.
 */
export async function signInWithHandoff(deps: Deps, input: { token: string; ip: string }): Promise<SessionResult> {
  const now = deps.clock.now();
  const refuse = async (code: 'HANDOFF_INVALID' | 'HANDOFF_EXPIRED' | 'HANDOFF_USED' | 'HANDOFF_UNAVAILABLE', details: Record<string, unknown>) => {
    await appendAudit(deps.db, { at: now, actorAccountId: null, actorRole: null, action: 'auth.handoff_refused', details: { reason: code, ...details }, ip: input.ip });
    return new AppError(code);
  };
  if (!deps.handoffKey) throw await refuse('HANDOFF_UNAVAILABLE', { why: 'no_key_configured' });
  const payload = openHandoffToken(deps.handoffKey, input.token);
  if (payload === null) throw await refuse('HANDOFF_INVALID', { why: 'format_or_signature' });
  const checked = checkHandoffClaims(payload, now);
  if (!checked.ok) throw await refuse(checked.problem === 'expired' ? 'HANDOFF_EXPIRED' : 'HANDOFF_INVALID', { why: checked.problem });
  const { registrationNo, exp, jti } = checked.claims;

  // Spend the jti first: whatever happens next, this link has been used.
  const spent = await deps.db
    .insertInto('handoff_tokens_used')
    .values({ jti, registration_no: registrationNo, expires_at: toDbTime(new Date(exp * 1000)), used_at: toDbTime(now) })
    .onConflict((oc) => oc.column('jti').doNothing())
    .returning('jti')
    .execute();
  if (spent.length === 0) throw await refuse('HANDOFF_USED', { registrationNo, jti });
  // Used ids are only needed until they expire (with a day's margin for skewed clocks).
  await deps.db.deleteFrom('handoff_tokens_used').where('expires_at', '<', toDbTime(new Date(now.getTime() - 86_400_000))).execute();

  const account = await deps.db
    .selectFrom('accounts')
    .innerJoin('registrations', 'registrations.id', 'accounts.registration_id')
    .selectAll('accounts')
    .where('registrations.registration_no', '=', registrationNo)
    .where('accounts.role', '=', 'candidate')
    .executeTakeFirst();
  if (!account || toBool(account.disabled)) throw await refuse('HANDOFF_UNAVAILABLE', { registrationNo, why: account ? 'disabled' : 'unknown_registration' });

  const session = await openSession(deps, account, now);
  await appendAudit(deps.db, {
    at: now, actorAccountId: account.id, actorRole: account.role, action: 'auth.handoff_login', registrationId: account.registration_id, details: { jti }, ip: input.ip,
  });
  return { ...session, actor: { ...session.actor, ip: input.ip } };
}
