import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { toDbTime } from '../time.js';

export interface AuditEntry {
  at: Date;
  actorAccountId: string | null;
  actorRole: string | null;
  action: string;
  registrationId?: string | null;
  imageId?: string | null;
  details?: Record<string, unknown>;
  ip?: string | null | undefined;
}

const toRow = (e: AuditEntry) => ({
  at: toDbTime(e.at),
  actor_account_id: e.actorAccountId,
  actor_role: e.actorRole,
  action: e.action,
  registration_id: e.registrationId ?? null,
  image_id: e.imageId ?? null,
  details: JSON.stringify(e.details ?? {}),
  ip: e.ip ?? null,
});

/** Append-only: this module only ever inserts. */
export async function appendAudit(db: Kysely<DB>, e: AuditEntry): Promise<void> {
  await db.insertInto('audit_events').values(toRow(e)).execute();
}

/** Many audit rows in one statement (bulk imports); same rows as appendAudit writes. */
export async function appendAuditMany(db: Kysely<DB>, entries: AuditEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 500) {
    await db
      .insertInto('audit_events')
      .values(
entries.slice(i, i + 500).map(toRow))
      .execute();
  }
}
