import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { toDbTime } from '../time.js';
import { currentRequestScope } from '../../../ports/request-scope.js';
import type { AuditEntry, AuditRepository } from '../../../ports/repositories/audit.js';

export type { AuditEntry } from '../../../ports/repositories/audit.js';

// The request id (and, where a use case did not pass it, the address) come from the
// request the row is written in.
const toRow = (e: AuditEntry, scope = currentRequestScope()) => ({
  at: toDbTime(e.at),
  actor_account_id: e.actorAccountId,
  actor_role: e.actorRole,
  action: e.action,
  registration_id: e.registrationId ?? null,
  image_id: e.imageId ?? null,
  details: JSON.stringify(e.details ?? {}),
  ip: e.ip ?? scope?.ip ?? null,
  request_id: scope?.requestId ?? null,
});

/** Append-only: this module only ever inserts. */
export async function appendAudit(db: Kysely<DB>, e: AuditEntry): Promise<void> {
  await db.insertInto('audit_events').values(toRow(e)).execute();
}

/** Many audit rows in one statement (bulk imports); same rows as appendAudit writes. */
export async function appendAuditMany(db: Kysely<DB>, entries: readonly AuditEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 500) {
    await db
      .insertInto('audit_events')
      .values(entries.slice(i, i + 500).map((e) => toRow(e)))
      .execute();
  }
}

export const createAuditRepository = (db: Kysely<DB>): AuditRepository => ({
  append: (e) => appendAudit(db, e),
  appendMany: (es) => appendAuditMany(db, es),
});
