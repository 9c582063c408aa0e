import type { Actor, Deps } from './deps.js';
import { AppError } from '../domain/errors.js';
import { appendAudit } from '../adapters/db/repositories/audit-log.js';
import { inScope } from './staff-scope.js';

/** Finds a registration by 报名号 inside the caller's scope; outside it, 404 and a logged attempt. */
export async function findInScope(deps: Deps, actor: Actor, registrationNo: string) {
  const row = await deps.db
    .selectFrom('registrations as r')
    .select(['r.id', 'r.status', 'r.changed_since_return', 'r.claim_account_id', 'r.claim_expires_at'])
    .where('r.registration_no', '=', registrationNo)
    .where(inScope(actor))
    .executeTakeFirst();
  if (!row) {
    await appendAudit(deps.db, {
      at: deps.clock.now(), actorAccountId: actor.accountId, actorRole: actor.role, action: 'scope.denied',
      details: { registrationNo: registrationNo.slice(0, 32) }, ip: actor.ip,
    });
    throw new AppError('NOT_FOUND');
  }
  return row;
}
