import type { Actor, Deps } from './deps.js';
import { findInScope } from './find-in-scope.js';

/**
 * The candidate's full phone number for staff in scope who are about to call (seed: 电话通知).
 * Every reveal is an audit row `phone.revealed`; outside the caller's scope, 404 (and the
 * scope.denied row findInScope writes). The page masks it again after a short while.
 */
export async function revealPhone(deps: Deps, actor: Actor, registrationNo: string): Promise<{ phone: string }> {
  const found = await findInScope(deps, actor, registrationNo);
  const phone = deps.cipher.decrypt(await deps.store.review.phoneCipherOf(found.id));
  await deps.store.audit.append({
    at: deps.clock.now(), actorAccountId: actor.accountId, actorRole: actor.role, action: 'phone.revealed', registrationId: found.id, ip: actor.ip,
  });
  return { phone };
}
