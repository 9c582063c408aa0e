import type { Actor, Deps } from './deps.js';
import type { Repositories } from '../ports/store.js';
import type { AuditEntry } from '../ports/repositories/audit.js';
import { AppError } from '../domain/errors.js';

/**
 * An administrator's scope: a national administrator (no region) administers everything,
 * a regional one (accounts.region_code) only that region. Services put the scope into the
 * WHERE of every query and UPDATE; when a row is not found there, outOfScope() records the
 * attempt and answers 404, the same as for a row that does not exist.
 */
export const isNationalAdmin = (actor: Actor): boolean => actor.role === 'admin' && !actor.regionCode;

/** The region the caller is confined to, or null for a national administrator. */
export function adminRegion(actor: Actor): string | null {
  if (actor.role !== 'admin') throw new AppError('NOT_FOUND');
  return actor.regionCode ?? null;
}

export async function outOfScope(deps: Pick<Deps, 'store' | 'clock'>, actor: Actor, target: Record<string, unknown>): Promise<never> {
  await deps.store.audit.append({
    at: deps.clock.now(),
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    action: 'scope.denied',
    details: { ...target, actorRegion: actor.regionCode },
    ip: actor.ip,
  });
  throw new AppError('NOT_FOUND');
}

/** Where auditAdmin writes: the caller's repositories (`tx` in a transaction). */
export type AdminAuditTarget = Pick<Repositories, 'audit'>;

/** Audit row of a staff action (append-only), in the caller's transaction when given. */
export function auditAdmin(
  target: AdminAuditTarget,
  deps: Pick<Deps, 'clock'>,
  actor: Actor,
  action: string,
  details: Record<string, unknown>,
  registrationId: string | null = null,
): Promise<void> {
  const entry: AuditEntry = { at: deps.clock.now(), actorAccountId: actor.accountId, actorRole: actor.role, action, registrationId, details, ip: actor.ip };
  return target.audit.append(entry);
}

/** The audit row of a staff action, for `tx.audit.append` in the caller's transaction. */
export function adminAudit(deps: Pick<Deps, 'clock'>, actor: Actor, action: string, details: Record<string, unknown>, registrationId: string | null = null): AuditEntry {
  return { at: deps.clock.now(), actorAccountId: actor.accountId, actorRole: actor.role, action, registrationId, details, ip: actor.ip };
}
