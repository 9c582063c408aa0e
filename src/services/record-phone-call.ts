import type { Actor, Deps } from './deps.js';
import type { PhoneCallBody } from '../contracts/review.js';
import { findInScope } from './find-in-scope.js';


/** Staff record a phone call to the candidate (seed: 电话通知); it joins the history. */
export async function recordPhoneCall(deps: Deps, actor: Actor, registrationNo: string, body: PhoneCallBody): Promise<void> {
  const found = await findInScope(deps, actor, registrationNo);
  await deps.store.audit.append({
    at: deps.clock.now(), actorAccountId: actor.accountId, actorRole: actor.role, action: 'review.phone_call',
    registrationId: found.id, details: { outcome: body.outcome, note: body.note }, ip: actor.ip,
  });
}
