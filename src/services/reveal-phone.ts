import type { Actor, Deps } from './deps.js';
import { appendAudit } from '../adapters/db/repositories/audit-log.js';
import { findInScope } from './find-in-scope.js';

/**
 * The candidate's full phone number for staff in scope who are about to call (seed: 电话通知).
 * Every reveal is an audit row `phone.revealed`; outside the caller's scope, 404 (and the
 * scope.denied row findInScope writes). The page masks it again after a short while.
 */
export async function revealPhone(deps: Deps, actor: Actor, registrationNo: string): Promise<{ phone: string }> {
  const found = await findInScope(deps, actor, registrationNo);
  const row = await deps.db.selectFrom('registrations').select('phone_cipher').where('id', '=', found.id).executeTakeFirstOrThrow();
  const phone = deps.cipher.decrypt(row.phone_cipher);
  await appendAudit(deps.db, {
    at: deps.clock.now(), actorAccountId: actor.accountId, actorRole: actor.role, action: 'phone.revealed', registrationId: found.id, ip: actor.ip,
  });
  return { phone };
}
