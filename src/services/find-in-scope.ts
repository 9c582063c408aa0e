import type { Actor, Deps } from './deps.js';
import { AppError } from '../domain/errors.js';
import { staffScopeOf } from '../domain/staff-scope.js';
import type { ScopedRegistration } from '../ports/repositories/review-queue.js';

/** Finds a registration by 报名号 inside the caller's scope; outside it, 404 and a logged attempt. */
export async function findInScope(deps: Deps, actor: Actor, registrationNo: string): Promise<ScopedRegistration> {
  const found = await deps.store.reviewQueue.findInScope(staffScopeOf(actor), registrationNo);
  if (!found) {
    await deps.store.audit.append({
      at: deps.clock.now(), actorAccountId: actor.accountId, actorRole: actor.role, action: 'scope.denied',
      details: { registrationNo: registrationNo.slice(0, 32) }, ip: actor.ip,
    });
    throw new AppError('NOT_FOUND');
  }
  return found;
}
